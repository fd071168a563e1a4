#include "scanner/TemplateLoader.h"

#include "core/AsciiCase.h"
#include "core/Invokers.h"
#include "scanner/LoaderParts.h"
#include "scanner/TemplateContext.h"
#include "scanner/TemplateCycles.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <type_traits>

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
    Intrinsics In(Root);
    TemplateContext Ctx{Src, In, Resources, Out, {}, {}};
    this->Ctx = &Ctx;
    YAML::Node GlobalFunction = field(field(Root, "Globals"), "Function");
    for (const auto &KV : Resources) {
      if (!KV.first.IsScalar())
        continue;
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
    readSuppressions(Resources);
    reportCircularDependencies(Src, Resources, Out.problems);
    linkTemplateResources(Ctx);
    linkTemplatePolicies(Ctx);
    addPermissionPolicies(Out);
    this->Ctx = nullptr;
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  TemplateContext *Ctx = nullptr;
  std::map<std::string, Parameter> Parameters;

  /// `Metadata: {fnlint: {ignore: [{id, reason}]}}` on each resource. A
  /// resource's lines run to the line before the next resource's key.
  void readSuppressions(const YAML::Node &Resources) {
    // Each resource's body is kept with its key: looking it up by name
    // again is linear in yaml-cpp, and made this quadratic (a template of
    // 40,000 resources took minutes).
    std::vector<std::pair<std::uint32_t, std::size_t>> Starts;
    std::vector<std::pair<YAML::Node, YAML::Node>> Entries;
    for (const auto &KV : Resources)
      Entries.emplace_back(KV.first, KV.second);
    for (std::size_t I = 0; I < Entries.size(); ++I)
      Starts.push_back({Src.region(Entries[I].first).startLine, I});
    std::sort(Starts.begin(), Starts.end(), [](const auto &A, const auto &B) { return A.first < B.first; });
    for (std::size_t I = 0; I < Starts.size(); ++I) {
      const auto &[Key, Body] = Entries[Starts[I].second];
      if (!Key.IsScalar())
        continue;
      std::string Id = Key.Scalar();
      YAML::Node Ignore = field(field(field(Body, "Metadata"), "fnlint"), "ignore");
      if (!written(Ignore))
        continue;
      std::string Path = "Resources." + Id + ".Metadata.fnlint.ignore";
      if (!Ignore.IsSequence()) {
        Out.problems.push_back({Level::Warning, Src.location(Src.region(Ignore), {Id, Path, "property"}),
                                "Metadata.fnlint.ignore of " + Id + " is not a list of {id, reason}; ignored"});
        continue;
      }
      for (const YAML::Node &Item : Ignore) {
        ResourceSuppression S;
        S.resource = Id;
        S.location = Src.location(Src.region(Item), {Id, Path, "property"});
        S.firstLine = Starts[I].first;
        S.lastLine = I + 1 < Starts.size() && Starts[I + 1].first > 0 ? Starts[I + 1].first - 1 : UINT32_MAX;
        std::optional<std::string> Rule = stringField(Item, "id");
        if (!Rule || Rule->empty()) {
          Out.problems.push_back(
              {Level::Warning, S.location, "Metadata.fnlint.ignore entry of " + Id + " has no 'id'; ignored"});
          continue;
        }
        S.rule = *Rule;
        S.reason = stringField(Item, "reason").value_or("");
        Out.suppressions.push_back(std::move(S));
      }
    }
  }

  void readParameters(const YAML::Node &Params) {
    for (const auto &KV : mapEntries(Params)) {
      if (!KV.first.IsScalar() || !KV.second.IsMap())
        continue;
      const std::string &Name = KV.first.Scalar();
      Parameter P;
      if (std::optional<std::string> NoEcho = stringField(KV.second, "NoEcho")) {
        P.noEcho = equalsIgnoringCase(*NoEcho, "true");
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
      readSettings(D, Id, Type == "AWS::Serverless::Function", Props, Globals);
      Ctx->functionById[Id] = Out.deployables.size();
      if (std::optional<std::string> Name = Ctx->intrinsics.string(field(Props, "FunctionName")))
        Ctx->functionByName.emplace(*Name, Out.deployables.size());
    }
    Out.deployables.push_back(std::move(D));
  }

  /// A property of the function, else of SAM Globals.Function, with the path
  /// its logical location names.
  struct Prop {
    YAML::Node node;
    std::string path;
    bool duplicate = false; ///< written twice: which one CloudFormation takes is not fnlint's guess
  };
  Prop prop(const YAML::Node &Props, const YAML::Node &Globals, const std::string &Id, const char *Name) const {
    if (YAML::Node Own = field(Props, Name); written(Own)) {
      int Count = 0;
      for (const auto &KV : Props)
        Count += KV.first.IsScalar() && KV.first.Scalar() == Name;
      return {Own, "Resources." + Id + ".Properties." + Name, Count > 1};
    }
    return {field(Globals, Name), std::string("Globals.Function.") + Name};
  }

  void readSettings(Deployable &D, const std::string &Id, bool Sam, const YAML::Node &Props,
                    const YAML::Node &Globals) {
    FunctionConfig &C = D.config;
    const TemplateContext &X = *Ctx;
    auto Int = [&](Setting<std::int64_t> &S, const char *Name) {
      Prop P = prop(Props, Globals, Id, Name);
      X.readInt(S, P.node, Id, P.path);
      if (P.duplicate)
        S.setUnknown(S.location);
    };
    auto Str = [&](Setting<std::string> &S, const char *Name) {
      Prop P = prop(Props, Globals, Id, Name);
      X.readString(S, P.node, Id, P.path);
      if (P.duplicate)
        S.setUnknown(S.location);
    };
    /// A nested value: Name.Sub.
    auto Nested = [&](auto &S, const char *Name, std::initializer_list<const char *> Path) {
      Prop P = prop(Props, Globals, Id, Name);
      std::optional<YAML::Node> N = X.intrinsics.select(P.node);
      if (!N) {
        S.setUnknown(X.at(P.node, Id, P.path));
        return;
      }
      YAML::Node Cur = *N;
      std::string Where = P.path;
      for (const char *Key : Path) {
        std::optional<YAML::Node> Sel = X.intrinsics.select(field(Cur, Key));
        Where += std::string(".") + Key;
        if (!Sel) {
          S.setUnknown(X.at(field(Cur, Key), Id, Where));
          return;
        }
        Cur.reset(*Sel); // not =: that would overwrite the template
      }
      if constexpr (std::is_same_v<std::decay_t<decltype(S)>, Setting<std::int64_t>>)
        X.readInt(S, Cur, Id, Where);
      else
        X.readString(S, Cur, Id, Where);
    };
    Str(C.runtime, "Runtime");
    Str(C.handler, "Handler");
    Str(C.packageType, "PackageType");
    C.inlineCode = Sam ? written(prop(Props, Globals, Id, "InlineCode").node)
                       : written(field(field(Props, "Code"), "ZipFile"));
    Int(C.timeout, "Timeout");
    Int(C.memorySize, "MemorySize");
    Int(C.reservedConcurrency, "ReservedConcurrentExecutions");
    Str(C.kmsKeyArn, "KmsKeyArn");
    Nested(C.ephemeralStorage, "EphemeralStorage", {"Size"});
    if (Sam) {
      Nested(C.deadLetterTarget, "DeadLetterQueue", {"TargetArn"});
      Str(C.tracingMode, "Tracing");
      Str(C.autoPublishAlias, "AutoPublishAlias");
      readOnFailure(C, Id, prop(Props, Globals, Id, "EventInvokeConfig"));
    } else {
      Nested(C.deadLetterTarget, "DeadLetterConfig", {"TargetArn"});
      Nested(C.tracingMode, "TracingConfig", {"Mode"});
    }
    readSubnets(C, Id, prop(Props, Globals, Id, "VpcConfig"));
    C.fileSystems = written(prop(Props, Globals, Id, "FileSystemConfigs").node);
    readLayers(C, Id, Props, Globals, Sam);
    if (Sam) {
      readUrl(C, Id, prop(Props, Globals, Id, "FunctionUrlConfig"));
      readEvents(C, Id, field(Props, "Events"));
    }
  }

  void readOnFailure(FunctionConfig &C, const std::string &Id, const Prop &P) {
    std::optional<YAML::Node> Config = Ctx->intrinsics.select(P.node);
    if (!Config || !Config->IsDefined())
      return;
    YAML::Node OnFailure = field(field(*Config, "DestinationConfig"), "OnFailure");
    std::string Where = P.path + ".DestinationConfig.OnFailure";
    if (!written(OnFailure))
      return;
    // SAM creates the queue or topic itself when Type is given without a Destination.
    YAML::Node Destination = field(OnFailure, "Destination");
    if (written(Destination))
      Ctx->readString(C.onFailureDestination, Destination, Id, Where + ".Destination");
    else if (YAML::Node Type = field(OnFailure, "Type"); written(Type))
      C.onFailureDestination.set("(created by SAM: " + (isPlainString(Type) ? Type.Scalar() : "?") + ")",
                                 Ctx->at(Type, Id, Where + ".Type"));
  }

  void readSubnets(FunctionConfig &C, const std::string &Id, const Prop &P) {
    std::optional<YAML::Node> Vpc = Ctx->intrinsics.select(P.node);
    if (!Vpc) {
      C.subnetCount.setUnknown(Ctx->at(P.node, Id, P.path));
      return;
    }
    YAML::Node Subnets = field(*Vpc, "SubnetIds");
    if (!written(Subnets))
      return;
    Location L = Ctx->at(Subnets, Id, P.path + ".SubnetIds");
    if (std::optional<std::vector<YAML::Node>> Items = Ctx->readList(Subnets)) {
      C.subnetCount.set(static_cast<std::int64_t>(Items->size()), L);
      return;
    }
    // A List<AWS::EC2::Subnet::Id> parameter's default: "subnet-a,subnet-b".
    std::string From;
    if (std::optional<std::string> Joined = Ctx->intrinsics.string(Subnets, &From); Joined && !Joined->empty()) {
      C.subnetCount.set(1 + static_cast<std::int64_t>(std::count(Joined->begin(), Joined->end(), ',')), L, From);
      return;
    }
    C.subnetCount.setUnknown(L);
  }

  void readLayers(FunctionConfig &C, const std::string &Id, const YAML::Node &Props, const YAML::Node &Globals,
                  bool Sam) {
    std::int64_t Count = 0;
    bool Written = false, Unknown = false;
    Location L;
    // SAM appends the function's list to Globals'.
    std::vector<Prop> Lists;
    if (Sam && written(field(Globals, "Layers")))
      Lists.push_back({field(Globals, "Layers"), "Globals.Function.Layers"});
    if (written(field(Props, "Layers")))
      Lists.push_back({field(Props, "Layers"), "Resources." + Id + ".Properties.Layers"});
    for (const Prop &P : Lists) {
      Written = true;
      L = Ctx->at(P.node, Id, P.path);
      if (std::optional<std::vector<YAML::Node>> Items = Ctx->readList(P.node))
        Count += static_cast<std::int64_t>(Items->size());
      else
        Unknown = true;
    }
    if (!Written)
      return;
    if (Unknown)
      C.layerCount.setUnknown(L);
    else
      C.layerCount.set(Count, L);
  }

  void readUrl(FunctionConfig &C, const std::string &Id, const Prop &P) {
    std::optional<YAML::Node> Url = Ctx->intrinsics.select(P.node);
    if (!Url || !Url->IsDefined())
      return;
    FunctionUrl U;
    U.location = Ctx->at(P.node, Id, P.path);
    Ctx->readString(U.authType, field(*Url, "AuthType"), Id, P.path + ".AuthType");
    readCors(U, field(field(*Url, "Cors"), "AllowOrigins"), Id, P.path + ".Cors.AllowOrigins");
    // SAM puts the URL on the alias when the function publishes one.
    U.qualified.set(C.autoPublishAlias.written(), U.location);
    Invoker I = makeInvoker(*invokerSource("function-url"), "SAM FunctionUrlConfig", U.location);
    I.qualified = U.qualified;
    C.invokers.push_back(std::move(I));
    C.url = std::move(U);
  }

  void readCors(FunctionUrl &U, const YAML::Node &Origins, const std::string &Id, const std::string &Path) {
    std::optional<std::vector<YAML::Node>> Items = Ctx->readList(Origins);
    if (!Items)
      return;
    for (const YAML::Node &O : *Items)
      if (isPlainString(O) && O.Scalar() == "*") {
        U.corsAllowsAnyOrigin = true;
        U.corsLocation = Ctx->at(O, Id, Path);
      }
  }

  void readEvents(FunctionConfig &C, const std::string &Id, const YAML::Node &Events) {
    for (const auto &[Key, Event] : mapEntries(Events)) {
      if (!Key.IsScalar())
        continue;
      std::optional<std::string> Type = stringField(Event, "Type");
      const InvokerSourceInfo *Source = Type ? invokerForSamEvent(*Type) : nullptr;
      if (!Source)
        continue;
      std::string Path = "Resources." + Id + ".Properties.Events." + Key.Scalar();
      Invoker I = makeInvoker(*Source, "SAM event " + Key.Scalar() + " (" + *Type + ")",
                              Ctx->at(Key, Id, Path));
      // SAM binds events to the alias when the function publishes one.
      I.qualified.set(C.autoPublishAlias.written(), I.location);
      YAML::Node Props = field(Event, "Properties");
      std::string PP = Path + ".Properties.";
      Ctx->readInt(I.integrationTimeoutMs, field(Props, "TimeoutInMillis"), Id, PP + "TimeoutInMillis");
      // An API defined by an OpenAPI document may raise the integration
      // timeout there (x-amazon-apigateway-integration.timeoutInMillis),
      // which fnlint does not read: the caller's timeout is unknown.
      if (I.integrationTimeoutMs.absent())
        if (std::string Api = Intrinsics::referencedId(field(Props, I.source == "api-http" ? "ApiId" : "RestApiId"));
            !Api.empty()) {
          YAML::Node ApiProps = field(field(Ctx->resources, Api.c_str()), "Properties");
          if (written(field(ApiProps, "DefinitionBody")) || written(field(ApiProps, "DefinitionUri")) ||
              written(field(ApiProps, "Body")) || written(field(ApiProps, "BodyS3Location")))
            I.integrationTimeoutMs.setUnknown(Ctx->at(field(Props, "RestApiId"), Id, PP + "RestApiId"));
        }
      Ctx->readInt(I.batchingWindowSeconds, field(Props, "MaximumBatchingWindowInSeconds"), Id,
                   PP + "MaximumBatchingWindowInSeconds");
      if (I.kind == InvocationKind::Polled) {
        Ctx->readString(I.onFailureDestination, field(field(field(Props, "DestinationConfig"), "OnFailure"), "Destination"),
                        Id, PP + "DestinationConfig.OnFailure.Destination");
        Ctx->readInt(I.maximumRetryAttempts, field(Props, "MaximumRetryAttempts"), Id, PP + "MaximumRetryAttempts");
        Ctx->readInt(I.maximumRecordAgeSeconds, field(Props, "MaximumRecordAgeInSeconds"), Id,
                     PP + "MaximumRecordAgeInSeconds");
        if (I.source == "sqs")
          if (std::string Queue = Intrinsics::referencedId(field(Props, "Queue")); !Queue.empty())
            I.queue = Ctx->queue(Queue);
      }
      C.invokers.push_back(std::move(I));
    }
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
