//===- scanner/LambdaApiLoader.cpp - Lambda API JSON as the AWS CLI prints it ---===//
//
// get-function, get-function-configuration and list-functions declare
// functions, with their settings; get-policy, list-event-source-mappings
// (and get-event-source-mapping), get-function-event-invoke-config and
// get-function-url-config (and their list- forms) name a function by ARN
// and become attachments the scanner links to it. What the API prints is
// what is deployed: every value is a literal, and a key the output leaves
// out means the service default applies.
//
//===----------------------------------------------------------------------===//
#include "core/AsciiCase.h"
#include "scanner/LoaderParts.h"

#include "core/Invokers.h"
#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <type_traits>

namespace fnlint {

namespace {

/// A qualifier binds to a version or alias; $LATEST is the unqualified function.
bool isQualified(std::string_view FunctionRef) {
  std::string Qualifier = functionQualifierOf(FunctionRef);
  return !Qualifier.empty() && Qualifier != "$LATEST";
}

/// A policy value as one string: a string, or a list of exactly one.
std::optional<std::string> singleString(const nlohmann::json &V) {
  if (V.is_string())
    return V.get<std::string>();
  if (V.is_array() && V.size() == 1 && V[0].is_string())
    return V[0].get<std::string>();
  return std::nullopt;
}

/// A policy member that is a string; nlohmann's value() would throw on another type.
std::optional<std::string> stringMember(const nlohmann::json &Object, const char *Key) {
  auto It = Object.find(Key);
  if (It == Object.end() || !It->is_string())
    return std::nullopt;
  return It->get<std::string>();
}

/// A policy value (a condition's, an Action): known when it is one string.
/// Several values still restrict who may call, just not to one value:
/// written, but unknown.
void setSingle(Setting<std::string> &S, const nlohmann::json &V, const Location &Where) {
  if (std::optional<std::string> One = singleString(V))
    S.set(*One, Where);
  else
    S.setUnknown(Where);
}

/// Every principal of a statement: "*", or each value under Service, AWS, ...
std::vector<std::pair<std::string, std::string>> principalsOf(const nlohmann::json &Principal) {
  std::vector<std::pair<std::string, std::string>> Out; // (kind, value)
  if (Principal.is_string()) {
    Out.emplace_back("", Principal.get<std::string>());
    return Out;
  }
  if (!Principal.is_object())
    return Out;
  for (const auto &[Kind, Values] : Principal.items()) {
    if (Values.is_string())
      Out.emplace_back(Kind, Values.get<std::string>());
    else if (Values.is_array())
      for (const auto &V : Values)
        if (V.is_string())
          Out.emplace_back(Kind, V.get<std::string>());
  }
  return Out;
}

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
        addFunction(Config, "Functions[" + std::to_string(Index++) + "].", YAML::Node());
    } else if (YAML::Node Config = field(Root, "Configuration"); isPlainString(field(Config, "FunctionName"))) {
      found(); // get-function
      addFunction(Config, "Configuration.", Root);
    } else if (isPlainString(field(Root, "FunctionName")) && isPlainString(field(Root, "FunctionArn"))) {
      found(); // get-function-configuration (and create-function, update-function-configuration)
      addFunction(Root, "", YAML::Node());
    } else if (isPlainString(field(Root, "Policy")) && written(field(Root, "RevisionId"))) {
      found(); // get-policy
      addPolicy(field(Root, "Policy"));
    } else if (YAML::Node Mappings = field(Root, "EventSourceMappings"); Mappings.IsSequence()) {
      found(); // list-event-source-mappings
      forEachItem(Mappings, "EventSourceMappings", &LambdaApiLoader::addMapping);
    } else if (isPlainString(field(Root, "UUID")) && isPlainString(field(Root, "FunctionArn"))) {
      found(); // get-event-source-mapping, create-event-source-mapping
      addMapping(Root, "");
    } else if (YAML::Node Urls = field(Root, "FunctionUrlConfigs"); Urls.IsSequence()) {
      found(); // list-function-url-configs
      forEachItem(Urls, "FunctionUrlConfigs", &LambdaApiLoader::addUrl);
    } else if (isPlainString(field(Root, "FunctionUrl")) && isPlainString(field(Root, "FunctionArn"))) {
      found(); // get-function-url-config
      addUrl(Root, "");
    } else if (YAML::Node Configs = field(Root, "FunctionEventInvokeConfigs"); Configs.IsSequence()) {
      found(); // list-function-event-invoke-configs
      forEachItem(Configs, "FunctionEventInvokeConfigs", &LambdaApiLoader::addInvokeConfig);
    } else if (isPlainString(field(Root, "FunctionArn")) &&
               (written(field(Root, "DestinationConfig")) || written(field(Root, "MaximumEventAgeInSeconds")))) {
      found(); // get-function-event-invoke-config
      addInvokeConfig(Root, "");
    }
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;

  void found() {
    Out.isTemplate = true;
    Out.format = ConfigFormat::LambdaApi;
  }

  void forEachItem(const YAML::Node &Seq, const std::string &Name,
                   void (LambdaApiLoader::*Add)(const YAML::Node &, const std::string &)) {
    std::size_t Index = 0;
    for (const auto &Item : Seq)
      if (Item.IsMap())
        (this->*Add)(Item, Name + "[" + std::to_string(Index++) + "].");
  }

  Location at(const YAML::Node &N, const std::string &Id, const std::string &Path) const {
    return Src.location(Src.region(N), {Id, Path, "property"});
  }

  void setString(Setting<std::string> &S, const YAML::Node &N, const std::string &Id, const std::string &Path) {
    readSetting(S, Src, N, {Id, Path, "property"});
  }

  void setInteger(Setting<std::int64_t> &S, const YAML::Node &N, const std::string &Id, const std::string &Path) {
    readSetting(S, Src, N, {Id, Path, "property"});
  }

  //===--------------------------------------------------------------------===//
  // Functions
  //===--------------------------------------------------------------------===//

  /// \p Root: the whole get-function output (Concurrency is beside
  /// Configuration), or null.
  void addFunction(const YAML::Node &Config, const std::string &Prefix, const YAML::Node &Root) {
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
    readSettings(D.config, Config, Id, Prefix);
    YAML::Node Reserved = field(field(Root, "Concurrency"), "ReservedConcurrentExecutions");
    setInteger(D.config.reservedConcurrency, Reserved, Id, "Concurrency.ReservedConcurrentExecutions");
    Out.deployables.push_back(std::move(D));
  }

  void readSettings(FunctionConfig &C, const YAML::Node &Config, const std::string &Id, const std::string &Prefix) {
    auto Set = [&](auto &S, const char *Key) {
      using T = std::decay_t<decltype(S.value)>;
      if constexpr (std::is_same_v<T, std::string>)
        setString(S, field(Config, Key), Id, Prefix + Key);
      else
        setInteger(S, field(Config, Key), Id, Prefix + Key);
    };
    Set(C.runtime, "Runtime");
    Set(C.handler, "Handler");
    Set(C.packageType, "PackageType");
    Set(C.timeout, "Timeout");
    Set(C.memorySize, "MemorySize");
    Set(C.kmsKeyArn, "KMSKeyArn");
    Set(C.role, "Role");
    setInteger(C.ephemeralStorage, field(field(Config, "EphemeralStorage"), "Size"), Id,
               Prefix + "EphemeralStorage.Size");
    setString(C.deadLetterTarget, field(field(Config, "DeadLetterConfig"), "TargetArn"), Id,
              Prefix + "DeadLetterConfig.TargetArn");
    setString(C.tracingMode, field(field(Config, "TracingConfig"), "Mode"), Id, Prefix + "TracingConfig.Mode");
    if (YAML::Node Layers = field(Config, "Layers"); Layers.IsSequence())
      C.layerCount.set(static_cast<std::int64_t>(Layers.size()), at(Layers, Id, Prefix + "Layers"));
    // The API prints an empty VpcConfig for a function outside any VPC.
    if (YAML::Node Subnets = field(field(Config, "VpcConfig"), "SubnetIds"); Subnets.IsSequence() && Subnets.size() > 0)
      C.subnetCount.set(static_cast<std::int64_t>(Subnets.size()), at(Subnets, Id, Prefix + "VpcConfig.SubnetIds"));
    readEnvironmentBytes(C, field(field(Config, "Environment"), "Variables"), Id, Prefix);
  }

  /// Lambda counts keys and values; everything the API prints is literal.
  void readEnvironmentBytes(FunctionConfig &C, const YAML::Node &Variables, const std::string &Id,
                            const std::string &Prefix) {
    if (!Variables.IsMap())
      return;
    std::int64_t Bytes = 0;
    for (const auto &[Key, Value] : mapEntries(Variables)) {
      if (!Key.IsScalar() || !isPlainString(Value)) {
        C.environmentBytes.setUnknown(at(Variables, Id, Prefix + "Environment.Variables"));
        return;
      }
      Bytes += static_cast<std::int64_t>(Key.Scalar().size() + Value.Scalar().size());
    }
    C.environmentBytes.set(Bytes, at(Variables, Id, Prefix + "Environment.Variables"));
  }

  //===--------------------------------------------------------------------===//
  // get-policy
  //===--------------------------------------------------------------------===//

  void addPolicy(const YAML::Node &PolicyNode) {
    // The policy is a JSON document inside a JSON string: its statements
    // have no line of their own that could be found reliably (escapes shift
    // every column, and the CLI prints the string on one line), so every
    // statement points at the Policy string itself.
    nlohmann::json Policy = nlohmann::json::parse(PolicyNode.Scalar(), nullptr, /*allow_exceptions=*/false);
    Location Where = at(PolicyNode, "Policy", "Policy");
    if (Policy.is_discarded() || !Policy.is_object()) {
      Out.problems.push_back({Level::Warning, Where, "get-policy output: the Policy string is not a JSON policy"});
      return;
    }
    const nlohmann::json &Statements = Policy.contains("Statement") ? Policy["Statement"] : nlohmann::json();
    std::string Function;
    if (Statements.is_object()) {
      Function = addStatement(Statements, 0, Where);
    } else if (Statements.is_array()) {
      for (std::size_t I = 0; I < Statements.size(); ++I)
        if (Statements[I].is_object())
          if (std::string Name = addStatement(Statements[I], I, Where); Function.empty())
            Function = Name;
    }
    addResourcePolicy(PolicyNode, Function.empty() ? policyFileStem(Src.path()) : Function);
  }

  /// The document as a policy of the function, for the iam rules (its size,
  /// unknown actions), besides the grants the lambda rules read.
  void addResourcePolicy(const YAML::Node &PolicyNode, const std::string &Function) {
    fnlint::Policy P = readPolicy(Src, PolicyNode, Policy::Kind::Resource, Function + " resource policy", "get-policy");
    P.location.logical = {Function, "Policy", "property"};
    IamPrincipal Owner;
    Owner.kind = IamPrincipal::Kind::Function;
    Owner.id = Function;
    Owner.location = P.location;
    Owner.policies.push_back(Out.policies.size());
    Out.policies.push_back(std::move(P));
    Out.principals.push_back(std::move(Owner));
  }

  /// Returns the name of the function the statement is for; empty when none.
  std::string addStatement(const nlohmann::json &S, std::size_t Index, Location Where) {
    std::optional<std::string> Resource = S.contains("Resource") ? singleString(S["Resource"]) : std::nullopt;
    std::string Function = Resource ? functionNameOf(*Resource) : std::string();
    // Lambda's AddPermission writes only Allow statements; a Deny grants nothing.
    if (stringMember(S, "Effect") != "Allow" || Function.empty())
      return Function;
    std::string Sid = stringMember(S, "Sid").value_or("");
    if (Sid.empty())
      Sid = "Statement[" + std::to_string(Index) + "]";
    Where.logical = {Function, "Policy.Statement[" + std::to_string(Index) + "]", "property"};
    for (const auto &[Kind, Principal] : principalsOf(S.contains("Principal") ? S["Principal"] : nlohmann::json())) {
      FunctionAttachment A;
      A.functionRef = *Resource;
      PermissionGrant G;
      G.id = Sid;
      G.location = Where;
      G.principal.set(Principal, Where);
      if (S.contains("Action"))
        setSingle(G.action, S["Action"], Where);
      if (S.contains("Condition"))
        readConditions(G, S["Condition"], Where);
      if (const InvokerSourceInfo *Info = Kind == "Service" ? invokerForPrincipal(Principal) : nullptr) {
        A.invoker = makeInvoker(*Info, "get-policy statement " + Sid + " (" + Principal + ")", Where);
        A.invoker->qualified.set(isQualified(*Resource), Where);
      }
      A.permission = std::move(G);
      Out.attachments.push_back(std::move(A));
    }
    return Function;
  }

  static void readConditions(PermissionGrant &G, const nlohmann::json &Conditions, const Location &Where) {
    if (!Conditions.is_object())
      return;
    for (const auto &[Operator, Block] : Conditions.items()) {
      if (!Block.is_object()) {
        G.otherCondition = true;
        continue;
      }
      // Condition keys are case-insensitive (AWS:SourceArn, aws:SourceArn).
      for (const auto &[RawKey, Value] : Block.items()) {
        std::string Key = toLowerAscii(RawKey);
        if (Key == "aws:sourcearn" && (Operator == "ArnLike" || Operator == "ArnEquals"))
          setSingle(G.sourceArn, Value, Where);
        else if (Key == "aws:sourceaccount" && Operator == "StringEquals")
          setSingle(G.sourceAccount, Value, Where);
        else if (Key == "aws:principalorgid" && Operator == "StringEquals")
          setSingle(G.principalOrgId, Value, Where);
        else if (Key == "lambda:functionurlauthtype" && Operator == "StringEquals")
          setSingle(G.functionUrlAuthType, Value, Where);
        else
          G.otherCondition = true;
      }
    }
  }

  //===--------------------------------------------------------------------===//
  // Event source mappings, event invoke configs, function URLs
  //===--------------------------------------------------------------------===//

  void addMapping(const YAML::Node &M, const std::string &Prefix) {
    YAML::Node FunctionArn = field(M, "FunctionArn");
    if (!isPlainString(FunctionArn))
      return;
    std::string Name = functionNameOf(FunctionArn.Scalar());
    YAML::Node SourceArn = field(M, "EventSourceArn");
    const InvokerSourceInfo *Info = isPlainString(SourceArn) ? invokerForEventSourceArn(SourceArn.Scalar()) : nullptr;
    if (!Info && written(field(M, "SelfManagedEventSource")))
      Info = invokerSource("kafka"); // self-managed Kafka has bootstrap servers, no ARN
    if (!Info)
      return;
    std::string Uuid = stringField(M, "UUID").value_or("");
    std::string Source = isPlainString(SourceArn) ? SourceArn.Scalar() : std::string("self-managed Kafka");
    Location Where = written(SourceArn) ? at(SourceArn, Name, Prefix + "EventSourceArn")
                                        : Src.location(Src.start(M), {Name, Prefix + "UUID", "property"});
    Invoker I = makeInvoker(*Info, "event source mapping " + Uuid + " (" + Source + ")", Where);
    I.qualified.set(isQualified(FunctionArn.Scalar()), at(FunctionArn, Name, Prefix + "FunctionArn"));
    setString(I.onFailureDestination, field(field(field(M, "DestinationConfig"), "OnFailure"), "Destination"), Name,
              Prefix + "DestinationConfig.OnFailure.Destination");
    setInteger(I.maximumRetryAttempts, field(M, "MaximumRetryAttempts"), Name, Prefix + "MaximumRetryAttempts");
    setInteger(I.maximumRecordAgeSeconds, field(M, "MaximumRecordAgeInSeconds"), Name,
               Prefix + "MaximumRecordAgeInSeconds");
    setInteger(I.batchingWindowSeconds, field(M, "MaximumBatchingWindowInSeconds"), Name,
               Prefix + "MaximumBatchingWindowInSeconds");
    FunctionAttachment A;
    A.functionRef = FunctionArn.Scalar();
    A.invoker = std::move(I);
    Out.attachments.push_back(std::move(A));
  }

  /// The configuration of a qualified ARN applies to that alias or version
  /// only; the model keeps one on-failure destination per function, so it
  /// is attached to the function all the same.
  void addInvokeConfig(const YAML::Node &C, const std::string &Prefix) {
    YAML::Node FunctionArn = field(C, "FunctionArn");
    YAML::Node Destination = field(field(field(C, "DestinationConfig"), "OnFailure"), "Destination");
    if (!isPlainString(FunctionArn) || !written(Destination))
      return;
    FunctionAttachment A;
    A.functionRef = FunctionArn.Scalar();
    setString(A.onFailureDestination, Destination, functionNameOf(A.functionRef),
              Prefix + "DestinationConfig.OnFailure.Destination");
    Out.attachments.push_back(std::move(A));
  }

  void addUrl(const YAML::Node &C, const std::string &Prefix) {
    YAML::Node FunctionArn = field(C, "FunctionArn");
    YAML::Node Url = field(C, "FunctionUrl");
    if (!isPlainString(FunctionArn) || !isPlainString(Url))
      return;
    std::string Name = functionNameOf(FunctionArn.Scalar());
    FunctionUrl U;
    U.location = at(Url, Name, Prefix + "FunctionUrl");
    setString(U.authType, field(C, "AuthType"), Name, Prefix + "AuthType");
    YAML::Node Origins = field(field(C, "Cors"), "AllowOrigins");
    if (Origins.IsSequence())
      for (const auto &Origin : Origins)
        if (isPlainString(Origin) && Origin.Scalar() == "*") {
          U.corsAllowsAnyOrigin = true;
          U.corsLocation = at(Origin, Name, Prefix + "Cors.AllowOrigins");
        }
    U.qualified.set(isQualified(FunctionArn.Scalar()), at(FunctionArn, Name, Prefix + "FunctionArn"));
    Invoker I = makeInvoker(*invokerSource("function-url"), "function URL " + Url.Scalar(), U.location);
    I.qualified = U.qualified;
    FunctionAttachment A;
    A.functionRef = FunctionArn.Scalar();
    A.invoker = std::move(I);
    A.url = std::move(U);
    Out.attachments.push_back(std::move(A));
  }
};

} // namespace

void loadLambdaApiDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  LambdaApiLoader(Source, Out).load(Root);
}

} // namespace fnlint
