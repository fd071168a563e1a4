//===- scanner/LambdaApiLoader.cpp - Lambda API JSON as the AWS CLI prints it ---===//
//
// get-function, get-function-configuration and list-functions declare
// functions; the other outputs attach to a function by name.
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

namespace fnlint {

namespace {


class LambdaApiLoader {
public:
  LambdaApiLoader(const YamlSource &Source, TemplateLoad &Out) : Src(Source), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    if (YAML::Node Functions = field(Root, "Functions"); Functions.IsSequence()) { // list-functions
      if (Functions.size() > 0 && !isPlainString(field(firstItem(Functions), "FunctionName")))
        return;
      found();
      std::size_t Index = 0;
      for (const auto &Config : Functions)
        addFunction(Config, "Functions[" + std::to_string(Index++) + "].");
    } else if (YAML::Node Config = field(Root, "Configuration"); isPlainString(field(Config, "FunctionName"))) {
      found(); // get-function
      addFunction(Config, "Configuration.");
    } else if (isPlainString(field(Root, "FunctionName")) && isPlainString(field(Root, "FunctionArn"))) {
      found(); // get-function-configuration (and create-function, update-function-configuration)
      addFunction(Root, "");
    }
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;

  void found() {
    Out.isTemplate = true;
    Out.format = ConfigFormat::LambdaApi;
  }

  void addFunction(const YAML::Node &Config, const std::string &Prefix) {
    std::optional<std::string> Name = stringField(Config, "FunctionName");
    if (!Name)
      return;
    std::string Id = *Name;
    if (std::optional<std::string> Version = stringField(Config, "Version"); Version && *Version != "$LATEST")
      Id += ":" + *Version;
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Id;
    D.resourceType = "AWS::Lambda::Function (API)";
    D.location = Src.location(Src.start(Config), {Id, Id, "resource"});
    D.runtime = stringField(Config, "Runtime");
    D.handler = stringField(Config, "Handler");
    std::map<std::string, EnvironmentVariable> Vars;
    for (const auto &[Key, Value] : mapEntries(field(field(Config, "Environment"), "Variables")))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value,
                                                 {Id, Prefix + "Environment.Variables." + Key.Scalar(), "property"});
    setEnvironment(D, std::move(Vars));
    Out.deployables.push_back(std::move(D));
  }
};

} // namespace

void loadLambdaApiDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  LambdaApiLoader(Source, Out).load(Root);
}

} // namespace fnlint
