#include "scanner/ConfigLoaders.h"

#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace fnlint {

namespace {

bool contains(std::string_view Text, std::string_view Needle) { return Text.find(Needle) != std::string_view::npos; }

/// A `Key:` at the start of a line (a top-level YAML key).
bool hasTopLevelKey(std::string_view Text, std::string_view Key) {
  if (Text.rfind("\xEF\xBB\xBF", 0) == 0)
    Text.remove_prefix(3);
  for (std::size_t At = 0; (At = Text.find(Key, At)) != std::string_view::npos; At += Key.size()) {
    if ((At == 0 || Text[At - 1] == '\n') && At + Key.size() < Text.size() && Text[At + Key.size()] == ':')
      return true;
  }
  return false;
}

YAML::Node firstItem(const YAML::Node &Seq) {
  if (!Seq || !Seq.IsSequence() || Seq.size() == 0)
    return YAML::Node();
  return *Seq.begin();
}

bool written(const YAML::Node &N) { return N && N.IsDefined() && !N.IsNull(); }

//===----------------------------------------------------------------------===//
// Terraform JSON
//===----------------------------------------------------------------------===//

class TerraformLoader {
public:
  TerraformLoader(const YamlSource &Source, TemplateLoad &Out) : Src(Source), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap() || !isPlainString(field(Root, "format_version")))
      return;
    YAML::Node Planned = field(Root, "planned_values"); // a plan
    YAML::Node State = field(Root, "values");           // a state
    YAML::Node Changes = field(Root, "resource_changes");
    if (!Planned.IsMap() && !State.IsMap() && !Changes.IsSequence())
      return;
    Out.isTemplate = true;
    Out.format = ConfigFormat::TerraformJson;
    if (Changes.IsSequence())
      for (const auto &Change : Changes)
        if (stringField(Change, "type") == "aws_lambda_function")
          if (std::optional<std::string> Address = stringField(Change, "address"))
            AfterUnknown.emplace(*Address, field(field(Change, "change"), "after_unknown"));
    walk(field(Planned.IsMap() ? Planned : State, "root_module"), 0);
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  std::map<std::string, YAML::Node> AfterUnknown; ///< by resource address

  std::set<int> Walked; ///< modules by mark: an alias graph (YAML) must not make the walk explode

  void walk(const YAML::Node &Module, int Depth) {
    if (!Module.IsMap() || Depth > 64 || !Walked.insert(Module.Mark().pos).second)
      return;
    if (YAML::Node Resources = field(Module, "resources"); Resources.IsSequence())
      for (const auto &R : Resources)
        if (stringField(R, "type") == "aws_lambda_function" && stringField(R, "mode") != "data")
          addFunction(R);
    if (YAML::Node Children = field(Module, "child_modules"); Children.IsSequence())
      for (const auto &Child : Children)
        walk(Child, Depth + 1);
  }

  void addFunction(const YAML::Node &Resource) {
    std::optional<std::string> Address = stringField(Resource, "address");
    if (!Address)
      return;
    const std::string &Id = *Address;
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Id;
    D.resourceType = "aws_lambda_function";
    D.location = Src.location(Src.start(Resource), {Id, Id, "resource"});
    YAML::Node Values = field(Resource, "values");
    D.runtime = stringField(Values, "runtime");
    D.handler = stringField(Values, "handler");
    if (YAML::Node File = field(Values, "filename"); isPlainString(File)) {
      std::string Resolved = resolveCodePath(Src.path(), File.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, Src.location(Src.region(File), {Id, Id + ".filename", "property"})};
    }
    std::string Prefix = Id + ".environment[0].variables.";
    std::map<std::string, EnvironmentVariable> Vars;
    for (const auto &[Key, Value] : mapEntries(field(firstItem(field(Values, "environment")), "variables")))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value, {Id, Prefix + Key.Scalar(), "property"});
    // Values known only after apply are left out of planned_values; their
    // names are in after_unknown, marked true.
    if (auto It = AfterUnknown.find(Id); It != AfterUnknown.end())
      for (const auto &[Key, Unknown] :
           mapEntries(field(firstItem(field(It->second, "environment")), "variables")))
        if (Key.IsScalar() && Unknown.IsScalar() && Unknown.Scalar() == "true") {
          EnvironmentVariable V;
          V.name = Key.Scalar();
          V.location = Src.location(Src.region(Key), {Id, Prefix + Key.Scalar(), "property"});
          Vars[V.name] = std::move(V);
        }
    setEnvironment(D, std::move(Vars));
    Out.deployables.push_back(std::move(D));
  }
};

//===----------------------------------------------------------------------===//
// Lambda API JSON
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// serverless.yml
//===----------------------------------------------------------------------===//

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

using DocumentLoader = std::function<void(const YamlSource &, const YAML::Node &, TemplateLoad &)>;

TemplateLoad loadWith(std::string_view Path, const std::string &Text, ConfigFormat Format,
                      const DocumentLoader &Load) {
  TemplateLoad Out;
  YamlSource Source(Path, Text);
  YAML::Node Root;
  if (!parseYaml(Path, Text, configFormatName(Format), Root, Out.problems))
    return Out;
  try {
    Load(Source, Root, Out);
  } catch (const YAML::Exception &E) {
    Out = TemplateLoad();
    Out.problems.push_back(yamlProblem(Path, Text, configFormatName(Format), E));
  }
  return Out;
}

} // namespace

bool isServerlessFileName(std::string_view Path) {
  std::string_view Name = Path.substr(Path.rfind('/') == std::string_view::npos ? 0 : Path.rfind('/') + 1);
  std::string Lower(Name);
  std::transform(Lower.begin(), Lower.end(), Lower.begin(),
                 [](unsigned char C) { return static_cast<char>(std::tolower(C)); });
  return Lower == "serverless.yml" || Lower == "serverless.yaml" || Lower == "serverless.json";
}

bool looksLikeTerraformJsonHead(std::string_view Head) {
  return contains(Head, "\"format_version\"") && contains(Head, "\"terraform_version\"");
}

ConfigFormat sniffConfig(std::string_view Path, std::string_view Text) {
  if (isServerlessFileName(Path))
    return ConfigFormat::Serverless;
  if (contains(Text, "\"format_version\"") && contains(Text, "\"root_module\""))
    return ConfigFormat::TerraformJson;
  if (looksLikeTemplate(Text))
    return ConfigFormat::CloudFormation;
  if (contains(Text, "\"FunctionName\"") && contains(Text, "\"FunctionArn\""))
    return ConfigFormat::LambdaApi;
  if (hasTopLevelKey(Text, "service") && hasTopLevelKey(Text, "provider"))
    return ConfigFormat::Serverless;
  return ConfigFormat::None;
}

std::string_view configFormatName(ConfigFormat Format) {
  switch (Format) {
  case ConfigFormat::CloudFormation:
    return "template";
  case ConfigFormat::TerraformJson:
    return "Terraform JSON";
  case ConfigFormat::LambdaApi:
    return "Lambda API JSON";
  case ConfigFormat::Serverless:
    return "serverless.yml";
  case ConfigFormat::None:
    break;
  }
  return "configuration";
}

TemplateLoad loadConfig(std::string_view RelativePath, const std::string &Text) {
  ConfigFormat Hint = sniffConfig(RelativePath, Text);
  if (Hint == ConfigFormat::None)
    return {};
  bool ByName = isServerlessFileName(RelativePath);
  // The sniff only decides whether to parse (and how to name a syntax
  // error); the document's shape decides the format.
  return loadWith(RelativePath, Text, Hint, [ByName](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
    loadTemplateDocument(S, Root, Out);
    if (!Out.isTemplate)
      TerraformLoader(S, Out).load(Root);
    if (!Out.isTemplate)
      LambdaApiLoader(S, Out).load(Root);
    if (!Out.isTemplate)
      ServerlessLoader(S, ByName, Out).load(Root);
  });
}

TemplateLoad loadTerraformJson(std::string_view RelativePath, const std::string &Text) {
  return loadWith(RelativePath, Text, ConfigFormat::TerraformJson,
                  [](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    TerraformLoader(S, Out).load(Root);
                  });
}

TemplateLoad loadLambdaApiJson(std::string_view RelativePath, const std::string &Text) {
  return loadWith(RelativePath, Text, ConfigFormat::LambdaApi,
                  [](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    LambdaApiLoader(S, Out).load(Root);
                  });
}

TemplateLoad loadServerlessConfig(std::string_view RelativePath, const std::string &Text) {
  bool ByName = isServerlessFileName(RelativePath);
  return loadWith(RelativePath, Text, ConfigFormat::Serverless,
                  [ByName](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    ServerlessLoader(S, ByName, Out).load(Root);
                  });
}

} // namespace fnlint
