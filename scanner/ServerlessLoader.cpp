//===- scanner/ServerlessLoader.cpp - The Serverless Framework's serverless.yml ---===//
//
// Functions with the provider's defaults merged in (timeout 6 s and memory
// 1,024 MB when neither writes them), their events and destinations.
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

namespace fnlint {

namespace {


class ServerlessLoader {
public:
  ServerlessLoader(const YamlSource &Source, bool ByName, TemplateLoad &Out)
      : Src(Source), ByName(ByName), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    YAML::Node Provider = field(Root, "provider");
    std::optional<std::string> ProviderName = stringField(Provider, "name");
    if (ProviderName && *ProviderName != "aws")
      return; // the Framework's Azure, Google, ... providers: no Lambda
    bool Recognised = ByName ? written(field(Root, "service")) || Provider.IsMap() || written(field(Root, "functions"))
                             : written(field(Root, "service")) && ProviderName == "aws";
    if (!Recognised)
      return;
    Out.isTemplate = true;
    Out.format = ConfigFormat::Serverless;
    const Service S{Provider, field(field(Root, "package"), "artifact")};
    YAML::Node Functions = field(Root, "functions");
    if (Functions.IsMap()) {
      addFunctions(S, Functions);
    } else if (Functions.IsSequence()) { // a list of maps of functions
      for (const auto &Part : Functions)
        addFunctions(S, Part);
    }
  }

private:
  const YamlSource &Src;
  bool ByName;
  TemplateLoad &Out;

  /// What the service gives every function.
  struct Service {
    YAML::Node Provider;
    YAML::Node Artifact; ///< package.artifact
  };

  void addFunctions(const Service &S, const YAML::Node &Map) {
    for (const auto &[Key, Def] : mapEntries(Map))
      if (Key.IsScalar() && Def.IsMap())
        addFunction(S, Key, Def);
  }

  void collectEnvironment(const YAML::Node &Environment, const std::string &Name, const std::string &Prefix,
                          std::map<std::string, EnvironmentVariable> &Vars) {
    for (const auto &[Key, Value] : mapEntries(Environment))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value, {Name, Prefix + Key.Scalar(), "property"});
  }

  void addFunction(const Service &S, const YAML::Node &Key, const YAML::Node &Def) {
    const std::string &Name = Key.Scalar();
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Name;
    D.resourceType = "serverless:function";
    D.location = Src.location(Src.region(Key), {Name, "functions." + Name, "resource"});
    D.handler = stringField(Def, "handler");
    if (written(field(Def, "runtime")))
      D.runtime = stringField(Def, "runtime");
    else if (!written(field(Def, "image"))) // a container image has no runtime
      D.runtime = stringField(S.Provider, "runtime");
    // A prebuilt zip, the function's own or the service's.
    YAML::Node OwnArtifact = field(field(Def, "package"), "artifact");
    bool Own = written(OwnArtifact);
    const YAML::Node &Zip = Own ? OwnArtifact : S.Artifact;
    if (isPlainString(Zip) && Zip.Scalar().find("${") == std::string::npos) {
      std::string Resolved = resolveCodePath(Src.path(), Zip.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, Src.location(Src.region(Zip), {Name,
                                                                       Own ? "functions." + Name + ".package.artifact"
                                                                           : std::string("package.artifact"),
                                                                       "property"})};
    }
    std::map<std::string, EnvironmentVariable> Vars;
    collectEnvironment(field(S.Provider, "environment"), Name, "provider.environment.", Vars);
    collectEnvironment(field(Def, "environment"), Name, "functions." + Name + ".environment.", Vars);
    setEnvironment(D, std::move(Vars));
    Out.deployables.push_back(std::move(D));
  }
};

} // namespace

void loadServerlessDocument(const YamlSource &Source, const YAML::Node &Root, bool ByName, TemplateLoad &Out) {
  ServerlessLoader(Source, ByName, Out).load(Root);
}

} // namespace fnlint
