#include "scanner/TemplateLoader.h"

#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace fnlint {

namespace {

/// The name `!Ref X` or `{Ref: X}` refers to; empty for anything else.
std::string refTarget(const YAML::Node &N) {
  if (!N)
    return {};
  if (N.IsScalar() && N.Tag() == "!Ref")
    return N.Scalar();
  if (N.IsMap() && N.size() == 1 && isPlainString(field(N, "Ref")))
    return field(N, "Ref").Scalar();
  return {};
}

struct ResourceKinds {
  const char *Type;
  Deployable::Kind Kind;
  const char *CodeProperty; ///< holds a local path when written as a string
};

constexpr ResourceKinds Kinds[] = {
    {"AWS::Serverless::Function", Deployable::Kind::Function, "CodeUri"},
    {"AWS::Lambda::Function", Deployable::Kind::Function, "Code"},
    {"AWS::Serverless::LayerVersion", Deployable::Kind::Layer, "ContentUri"},
    {"AWS::Lambda::LayerVersion", Deployable::Kind::Layer, "Content"},
};

/// A template parameter, as far as environment variables care.
struct Parameter {
  std::string type; ///< "String", "AWS::SSM::Parameter::Value<String>", ...
  bool noEcho = false;
  std::optional<std::string> defaultValue;
  Location location; ///< the Default's value, else the parameter's name
};

class Loader {
public:
  Loader(const YamlSource &Source, TemplateLoad &Out) : Src(Source), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    YAML::Node Resources = field(Root, "Resources");
    if (!Resources.IsMap())
      return;
    Out.isTemplate = true;
    Out.format = ConfigFormat::CloudFormation;
    readParameters(field(Root, "Parameters"));
    YAML::Node GlobalFunction = field(field(Root, "Globals"), "Function");
    for (const auto &KV : Resources) {
      std::string Id = KV.first.Scalar();
      const YAML::Node &Resource = KV.second;
      if (!Resource.IsMap() || !isPlainString(field(Resource, "Type")))
        continue;
      std::string Type = field(Resource, "Type").Scalar();
      for (const ResourceKinds &K : Kinds)
        if (Type == K.Type)
          addDeployable(Id, Type, K, KV.first, Resource,
                        Type == "AWS::Serverless::Function" ? GlobalFunction : YAML::Node());
    }
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  std::map<std::string, Parameter> Parameters;

  void readParameters(const YAML::Node &Params) {
    for (const auto &KV : mapEntries(Params)) {
      if (!KV.first.IsScalar() || !KV.second.IsMap())
        continue;
      const std::string &Name = KV.first.Scalar();
      Parameter P;
      if (std::optional<std::string> NoEcho = stringField(KV.second, "NoEcho")) {
        std::string Lower = *NoEcho;
        std::transform(Lower.begin(), Lower.end(), Lower.begin(),
                       [](unsigned char C) { return static_cast<char>(std::tolower(C)); });
        P.noEcho = Lower == "true";
      }
      P.type = stringField(KV.second, "Type").value_or("");
      P.defaultValue = stringField(KV.second, "Default");
      if (YAML::Node Default = field(KV.second, "Default"); Default.IsDefined() && !Default.IsNull())
        P.location = Src.location(Src.region(Default), {Name, "Parameters." + Name + ".Default", "property"});
      else
        P.location = Src.location(Src.region(KV.first), {Name, "Parameters." + Name, "parameter"});
      Parameters[Name] = std::move(P);
    }
  }

  /// A property of the resource, else of SAM Globals.Function.
  static YAML::Node property(const YAML::Node &Props, const YAML::Node &Globals, const char *Name) {
    if (Props.IsMap()) {
      const YAML::Node &Own = Props;
      if (YAML::Node Value = Own[Name]) // written, even as null: Globals do not fill it
        return Value;
    }
    return field(Globals, Name);
  }

  /// Environment.Variables of a function or of Globals.Function, into \p Vars.
  void collectEnvironment(const YAML::Node &Environment, const std::string &Id, const std::string &Prefix,
                          std::map<std::string, EnvironmentVariable> &Vars) {
    for (const auto &[Key, Value] : mapEntries(field(Environment, "Variables"))) {
      if (!Key.IsScalar())
        continue;
      EnvironmentVariable V = environmentVariable(Src, Key, Value, {Id, Prefix + Key.Scalar(), "property"});
      if (!V.literal)
        if (std::string Ref = refTarget(Value); !Ref.empty())
          if (auto It = Parameters.find(Ref); It != Parameters.end()) {
            V.reference = Ref;
            V.noEcho = It->second.noEcho;
            V.parameterType = It->second.type;
            V.parameterDefault = It->second.defaultValue;
            V.parameterLocation = It->second.location;
          }
      Vars[V.name] = std::move(V); // the resource's variable replaces Globals' whole
    }
  }

  void addDeployable(const std::string &Id, const std::string &Type, const ResourceKinds &K,
                     const YAML::Node &Key, const YAML::Node &Resource, const YAML::Node &Globals) {
    Deployable D;
    D.kind = K.Kind;
    D.logicalId = Id;
    D.resourceType = Type;
    D.location = Src.location(Src.region(Key), {Id, "Resources." + Id, "resource"});
    YAML::Node Props = field(Resource, "Properties");
    if (YAML::Node Code = property(Props, Globals, K.CodeProperty); isPlainString(Code)) {
      std::string Resolved = resolveCodePath(Src.path(), Code.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, Src.location(Src.region(Code), {Id,
                                                                         "Resources." + Id + ".Properties." +
                                                                             K.CodeProperty,
                                                                         "property"})};
    }
    if (YAML::Node Runtime = property(Props, Globals, "Runtime"); isPlainString(Runtime))
      D.runtime = Runtime.Scalar();
    if (YAML::Node Handler = property(Props, Globals, "Handler"); isPlainString(Handler))
      D.handler = Handler.Scalar();
    if (std::optional<std::string> Method = stringField(field(Resource, "Metadata"), "BuildMethod"))
      D.buildMethod = *Method;
    // SAM appends a resource's list to the Globals list.
    for (const YAML::Node &Layers : {field(Globals, "Layers"), field(Props, "Layers")})
      if (Layers.IsSequence())
        for (const auto &Item : Layers)
          if (std::string Ref = refTarget(Item); !Ref.empty())
            D.layers.push_back(Ref);
    if (K.Kind == Deployable::Kind::Function) {
      std::map<std::string, EnvironmentVariable> Vars;
      collectEnvironment(field(Globals, "Environment"), Id, "Globals.Function.Environment.Variables.", Vars);
      collectEnvironment(field(Props, "Environment"), Id, "Resources." + Id + ".Properties.Environment.Variables.",
                         Vars);
      setEnvironment(D, std::move(Vars));
    }
    Out.deployables.push_back(std::move(D));
  }
};

} // namespace

bool looksLikeTemplate(std::string_view Text) {
  if (Text.find("AWSTemplateFormatVersion") != std::string_view::npos)
    return true;
  return Text.find("Resources") != std::string_view::npos &&
         Text.find("AWS::") != std::string_view::npos;
}

void loadTemplateDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  Loader(Source, Out).load(Root);
}

TemplateLoad loadTemplate(std::string_view RelativePath, const std::string &Text) {
  TemplateLoad Out;
  YamlSource Source(RelativePath, Text);
  YAML::Node Root;
  if (!parseYaml(RelativePath, Text, "template", Root, Out.problems))
    return Out;
  try {
    loadTemplateDocument(Source, Root, Out);
  } catch (const YAML::Exception &E) {
    Out = TemplateLoad();
    Out.problems.push_back(yamlProblem(RelativePath, Text, "template", E));
  }
  return Out;
}

} // namespace fnlint
