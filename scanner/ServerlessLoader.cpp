//===- scanner/ServerlessLoader.cpp - The Serverless Framework's serverless.yml ---===//
//
// Functions with the provider's defaults merged in (timeout 6 s and memory
// 1,024 MB when neither writes them), their events and destinations, and
// their execution role: the function's own `role`, the provider's existing
// role (`provider.iam.role` as a string, or the older `provider.role`), or
// else the one role the Framework creates for the service
// (IamRoleLambdaExecution) with `provider.iam.role.statements` (or the older
// `provider.iamRoleStatements`) and `managedPolicies`.
// A value written with a `${...}` variable or a CloudFormation intrinsic is
// resolved only at deploy time: it is unknown, never guessed.
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

#include "core/Invokers.h"
#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <map>

namespace fnlint {

namespace {

/// A plain scalar with no `${...}` variable in it: what the Framework deploys as written.
bool isLiteral(const YAML::Node &N) {
  return isPlainString(N) && N.Scalar().find("${") == std::string::npos;
}

std::optional<bool> booleanOf(const YAML::Node &N) {
  if (!isLiteral(N))
    return std::nullopt;
  const std::string &S = N.Scalar();
  if (S == "true" || S == "True" || S == "TRUE")
    return true;
  if (S == "false" || S == "False" || S == "FALSE")
    return false;
  return std::nullopt;
}

/// The logical id `!GetAtt Id.Arn`, `!GetAtt [Id, Arn]`, `Fn::GetAtt: [Id, Arn]`
/// or `Fn::GetAtt: Id.Arn` names; empty for anything else.
std::string getAttTarget(const YAML::Node &N) {
  YAML::Node Argument;
  if (N && N.Tag() == "!GetAtt")
    Argument = N;
  else if (N && N.IsMap() && N.size() == 1 && written(field(N, "Fn::GetAtt")))
    Argument = field(N, "Fn::GetAtt");
  else
    return {};
  if (Argument.IsScalar())
    return Argument.Scalar().substr(0, Argument.Scalar().find('.'));
  if (Argument.IsSequence() && Argument.size() == 2 && Argument[0].IsScalar())
    return Argument[0].Scalar();
  return {};
}

/// The Framework resolves every `${...}` before deploying (IAM policy
/// variables such as `${aws:username}` included, which it takes for its own
/// `aws:` source): such policy values are unknown.
void markVariablesUnknown(PolicyString &S) {
  if (S.value.find("${") != std::string::npos) {
    S.known = false;
    S.value.clear();
  }
}

void markVariablesUnknown(Policy &P) {
  for (PolicyStatement &S : P.statements) {
    for (std::optional<PolicyString> *One : {&S.sid, &S.effect})
      if (*One)
        markVariablesUnknown(**One);
    for (std::vector<PolicyString> *List : {&S.actions, &S.resources})
      for (PolicyString &V : *List)
        markVariablesUnknown(V);
    for (PolicyPrincipal &Pr : S.principals)
      for (PolicyString &V : Pr.values)
        markVariablesUnknown(V);
    for (PolicyCondition &C : S.conditions)
      for (PolicyString &V : C.values)
        markVariablesUnknown(V);
  }
}

/// The role the Framework creates for functions without one of their own.
constexpr const char *SharedRoleId = "IamRoleLambdaExecution";

/// A value and where it is written: the function's own, or the provider's.
struct Choice {
  YAML::Node Node;
  std::string Path; ///< "functions.f.timeout", "provider.timeout"
};

class ServerlessLoader {
public:
  ServerlessLoader(const YamlSource &Source, bool ByName, TemplateLoad &Out)
      : Src(Source), ByName(ByName), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    YAML::Node Provider = withMergeKeys(field(Root, "provider"));
    std::optional<std::string> ProviderName = stringField(Provider, "name");
    if (ProviderName && *ProviderName != "aws")
      return; // the Framework's Azure, Google, ... providers: no Lambda
    bool Recognised = ByName ? written(field(Root, "service")) || Provider.IsMap() || written(field(Root, "functions"))
                             : written(field(Root, "service")) && ProviderName == "aws";
    if (!Recognised)
      return;
    Out.isTemplate = true;
    Out.format = ConfigFormat::Serverless;
    readResources(field(Root, "resources"));
    const Service S{Provider, field(field(Root, "package"), "artifact")};
    readProviderRole(Root, Provider);
    YAML::Node Functions = field(Root, "functions");
    if (Functions.IsMap()) {
      addFunctions(S, Functions);
    } else if (Functions.IsSequence()) { // a list of maps of functions
      for (const auto &Part : Functions)
        addFunctions(S, Part);
    }
    if (SharedRoleUsed)
      addSharedRole(Provider);
  }

private:
  const YamlSource &Src;
  bool ByName;
  TemplateLoad &Out;
  /// resources.Resources by logical id: the key and the definition.
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> Resources;
  /// The provider's existing role (a name, an ARN, a variable) and its path.
  Choice ExistingRole;
  Location SharedRoleAt; ///< where the Framework's role is configured
  bool SharedRoleUsed = false;

  /// What the service gives every function.
  struct Service {
    YAML::Node Provider;
    YAML::Node Artifact; ///< package.artifact
  };

  /// `resources:` is a map with Resources, or a list of such maps (one per
  /// included file).
  void readResources(const YAML::Node &Section) {
    auto Read = [this](const YAML::Node &Part) {
      for (const auto &[Key, Def] : mapEntries(field(Part, "Resources")))
        if (Key.IsScalar() && Def.IsMap())
          Resources.emplace(Key.Scalar(), std::make_pair(Key, Def));
    };
    if (Section.IsSequence())
      for (const auto &Part : Section)
        Read(Part);
    else
      Read(Section);
  }

  void addFunctions(const Service &S, const YAML::Node &Map) {
    for (const auto &[Key, Def] : mapEntries(Map))
      if (Key.IsScalar() && Def.IsMap())
        addFunction(S, Key, withMergeKeys(Def)); // `<<: *defaults`, as the Framework's YAML parser applies it
  }

  void collectEnvironment(const YAML::Node &Environment, const std::string &Name, const std::string &Prefix,
                          std::map<std::string, EnvironmentVariable> &Vars) {
    for (const auto &[Key, Value] : mapEntries(Environment))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value, {Name, Prefix + Key.Scalar(), "property"});
  }

  Location at(const YAML::Node &N, const std::string &Name, const std::string &Path) const {
    return Src.location(Src.region(N), {Name, Path, "property"});
  }

  void setString(Setting<std::string> &S, const YAML::Node &N, const std::string &Name, const std::string &Path) {
    readSetting(S, Src, N, {Name, Path, "property"}, isLiteral);
  }

  void setInteger(Setting<std::int64_t> &S, const YAML::Node &N, const std::string &Name, const std::string &Path) {
    readSetting(S, Src, N, {Name, Path, "property"});
  }

  /// A list's length; unknown when the list itself is a variable.
  void setCount(Setting<std::int64_t> &S, const YAML::Node &N, const std::string &Name, const std::string &Path) {
    if (N.IsSequence()) {
      if (N.size() > 0)
        S.set(static_cast<std::int64_t>(N.size()), at(N, Name, Path));
    } else if (written(N)) {
      S.setUnknown(at(N, Name, Path));
    }
  }

  /// A destination: an ARN (or function name) written as a string, or `{type, arn}`.
  void setDestination(Setting<std::string> &S, const YAML::Node &N, const std::string &Name,
                      const std::string &Path) {
    if (N.IsMap() && written(field(N, "arn")))
      setString(S, field(N, "arn"), Name, Path + ".arn");
    else
      setString(S, N, Name, Path);
  }

  static Choice choose(const YAML::Node &Def, const std::string &FunctionPath, const YAML::Node &Provider,
                       const char *Key) {
    if (YAML::Node Own = field(Def, Key); written(Own))
      return {Own, FunctionPath + "." + Key};
    if (YAML::Node Inherited = field(Provider, Key); written(Inherited))
      return {Inherited, std::string("provider.") + Key};
    return {};
  }

  void addFunction(const Service &S, const YAML::Node &Key, const YAML::Node &Def) {
    const std::string &Name = Key.Scalar();
    const std::string Path = "functions." + Name;
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Name;
    D.resourceType = "serverless:function";
    D.location = Src.location(Src.region(Key), {Name, Path, "resource"});
    D.handler = stringField(Def, "handler");
    Choice Runtime;
    if (written(field(Def, "runtime")))
      Runtime = {field(Def, "runtime"), Path + ".runtime"};
    else if (!written(field(Def, "image"))) // a container image has no runtime
      Runtime = {field(S.Provider, "runtime"), "provider.runtime"};
    D.runtime = isPlainString(Runtime.Node) ? std::optional<std::string>(Runtime.Node.Scalar()) : std::nullopt;
    // A prebuilt zip, the function's own or the service's.
    YAML::Node OwnArtifact = field(field(Def, "package"), "artifact");
    bool Own = written(OwnArtifact);
    const YAML::Node &Zip = Own ? OwnArtifact : S.Artifact;
    if (isLiteral(Zip)) {
      std::string Resolved = resolveCodePath(Src.path(), Zip.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, Src.location(Src.region(Zip), {Name,
                                                                       Own ? Path + ".package.artifact"
                                                                           : std::string("package.artifact"),
                                                                       "property"})};
    }
    std::map<std::string, EnvironmentVariable> Vars;
    collectEnvironment(field(S.Provider, "environment"), Name, "provider.environment.", Vars);
    collectEnvironment(field(Def, "environment"), Name, Path + ".environment.", Vars);
    FunctionConfig &C = D.config;
    C.defaultTimeout = 6;
    C.defaultMemory = 1024;
    setString(C.runtime, Runtime.Node, Name, Runtime.Path);
    setString(C.handler, field(Def, "handler"), Name, Path + ".handler");
    if (YAML::Node Image = field(Def, "image"); written(Image))
      C.packageType.set("Image", at(Image, Name, Path + ".image"));
    readEnvironmentBytes(C, Vars, Choice{written(field(Def, "environment")) ? field(Def, "environment")
                                                                            : field(S.Provider, "environment"),
                                         written(field(Def, "environment")) ? Path + ".environment"
                                                                            : std::string("provider.environment")},
                         Name);
    setEnvironment(D, std::move(Vars));
    readSettings(C, S.Provider, Def, Name, Path);
    readRole(C, Def, Name, Path);
    readUrl(C, field(Def, "url"), Name, Path + ".url");
    readEvents(C, field(Def, "events"), Name, Path + ".events");
    Out.deployables.push_back(std::move(D));
  }

  void readSettings(FunctionConfig &C, const YAML::Node &Provider, const YAML::Node &Def, const std::string &Name,
                    const std::string &Path) {
    auto Integer = [&](Setting<std::int64_t> &S, const char *Key) {
      Choice Value = choose(Def, Path, Provider, Key);
      setInteger(S, Value.Node, Name, Value.Path);
    };
    Integer(C.timeout, "timeout");
    Integer(C.memorySize, "memorySize");
    Integer(C.ephemeralStorage, "ephemeralStorageSize");
    setInteger(C.reservedConcurrency, field(Def, "reservedConcurrency"), Name, Path + ".reservedConcurrency");
    Choice Kms = choose(Def, Path, Provider, "kmsKeyArn");
    setString(C.kmsKeyArn, Kms.Node, Name, Kms.Path);
    // The function's layers and vpc replace the provider's; they are not merged.
    Choice Layers = choose(Def, Path, Provider, "layers");
    setCount(C.layerCount, Layers.Node, Name, Layers.Path);
    Choice Vpc = choose(Def, Path, Provider, "vpc");
    if (Vpc.Node.IsMap())
      setCount(C.subnetCount, field(Vpc.Node, "subnetIds"), Name, Vpc.Path + ".subnetIds");
    else if (written(Vpc.Node))
      C.subnetCount.setUnknown(at(Vpc.Node, Name, Vpc.Path));
    if (YAML::Node Tracing = field(Def, "tracing"); written(Tracing))
      setTracing(C.tracingMode, Tracing, Name, Path + ".tracing");
    else if (YAML::Node Lambda = field(field(Provider, "tracing"), "lambda"); written(Lambda))
      setTracing(C.tracingMode, Lambda, Name, "provider.tracing.lambda");
    setString(C.deadLetterTarget, field(Def, "onError"), Name, Path + ".onError");
    YAML::Node OnFailure = field(field(Def, "destinations"), "onFailure");
    setDestination(C.onFailureDestination, OnFailure, Name, Path + ".destinations.onFailure");
  }

  /// `tracing: Active` / `PassThrough`, or provider `tracing: {lambda: true}`.
  void setTracing(Setting<std::string> &S, const YAML::Node &N, const std::string &Name, const std::string &Path) {
    if (std::optional<bool> On = booleanOf(N))
      S.set(*On ? "Active" : "PassThrough", at(N, Name, Path), *On ? "true: Active" : "false: PassThrough");
    else
      setString(S, N, Name, Path);
  }

  /// Environment bytes as Lambda counts them, when every value is known.
  void readEnvironmentBytes(FunctionConfig &C, const std::map<std::string, EnvironmentVariable> &Vars,
                            const Choice &Where, const std::string &Name) {
    if (Vars.empty())
      return;
    Location L = at(Where.Node, Name, Where.Path);
    std::int64_t Bytes = 0;
    for (const auto &[Key, Var] : Vars) {
      if (!Var.literal || Var.value.find("${") != std::string::npos) {
        C.environmentBytes.setUnknown(std::move(L));
        return;
      }
      Bytes += static_cast<std::int64_t>(Key.size() + Var.value.size());
    }
    C.environmentBytes.set(Bytes, std::move(L));
  }

  /// `url: true`, or `url: {authorizer: aws_iam, cors: ...}`. No authorizer
  /// is a public URL (NONE); `cors: true` is the Framework's default CORS,
  /// which allows any origin.
  void readUrl(FunctionConfig &C, const YAML::Node &Url, const std::string &Name, const std::string &Path) {
    if (!written(Url) || booleanOf(Url) == false)
      return;
    if (!Url.IsMap() && booleanOf(Url) != true)
      return; // a variable: whether there is a URL at all is not known
    FunctionUrl U;
    U.location = at(Url, Name, Path);
    if (YAML::Node Authorizer = field(Url, "authorizer"); written(Authorizer)) {
      if (isLiteral(Authorizer) && Authorizer.Scalar() == "aws_iam")
        U.authType.set("AWS_IAM", at(Authorizer, Name, Path + ".authorizer"), "authorizer: aws_iam");
      else
        U.authType.setUnknown(at(Authorizer, Name, Path + ".authorizer"));
    } else {
      U.authType.set("NONE", U.location, "no authorizer");
    }
    YAML::Node Cors = field(Url, "cors");
    if (booleanOf(Cors) == true) {
      U.corsAllowsAnyOrigin = true;
      U.corsLocation = at(Cors, Name, Path + ".cors");
    } else if (YAML::Node Origins = field(Cors, "allowedOrigins"); Origins.IsSequence()) {
      for (const auto &Origin : Origins)
        if (isLiteral(Origin) && Origin.Scalar() == "*") {
          U.corsAllowsAnyOrigin = true;
          U.corsLocation = at(Origin, Name, Path + ".cors.allowedOrigins");
        }
    }
    U.qualified.set(false, U.location);
    Invoker I = makeInvoker(*invokerSource("function-url"), "serverless.yml url of " + Name, U.location);
    I.qualified = U.qualified;
    C.invokers.push_back(std::move(I));
    C.url = std::move(U);
  }

  //===--------------------------------------------------------------------===//
  // IAM
  //===--------------------------------------------------------------------===//

  /// The key node \p Key of \p Map, for a position; a null node when absent.
  static YAML::Node keyOf(const YAML::Node &Map, const char *Key) {
    YAML::Node Found;
    for (const auto &KV : mapEntries(Map))
      if (KV.first.IsScalar() && KV.first.Scalar() == Key)
        Found.reset(KV.first);
    return Found;
  }

  /// `provider.iam.role` written as a string (or the older `provider.role`)
  /// names an existing role; as a map it configures the Framework's own.
  void readProviderRole(const YAML::Node &Root, const YAML::Node &Provider) {
    YAML::Node Iam = field(Provider, "iam");
    YAML::Node Role = field(Iam, "role");
    // reset(), never `=`: assigning a handle writes through to its node.
    if (written(Role) && !Role.IsMap()) {
      ExistingRole.Node.reset(Role);
      ExistingRole.Path = "provider.iam.role";
    } else if (YAML::Node Old = field(Provider, "role"); written(Old)) {
      ExistingRole.Node.reset(Old);
      ExistingRole.Path = "provider.role";
    }
    YAML::Node Where = Role.IsMap() ? keyOf(Iam, "role") : keyOf(Root, "provider");
    SharedRoleAt = Src.location(Src.region(Where), {SharedRoleId, Role.IsMap() ? "provider.iam.role" : "provider",
                                                    "resource"});
  }

  void readRole(FunctionConfig &C, const YAML::Node &Def, const std::string &Name, const std::string &Path) {
    if (YAML::Node Own = field(Def, "role"); written(Own)) {
      setString(C.role, Own, Name, Path + ".role");
    } else if (written(ExistingRole.Node)) {
      setString(C.role, ExistingRole.Node, Name, ExistingRole.Path);
    } else {
      C.role.set(SharedRoleId, SharedRoleAt, "the role the Framework creates");
      C.rolePrincipal = SharedRoleId;
      SharedRoleUsed = true;
    }
  }

  void addSharedRole(const YAML::Node &Provider) {
    IamPrincipal P;
    P.kind = IamPrincipal::Kind::Role;
    P.id = SharedRoleId;
    P.location = SharedRoleAt;
    YAML::Node Role = field(field(Provider, "iam"), "role");
    addStatements(P, field(Role, "statements"), "provider.iam.role.statements");
    addStatements(P, field(Provider, "iamRoleStatements"), "provider.iamRoleStatements");
    addManagedPolicies(P, field(Role, "managedPolicies"), "provider.iam.role.managedPolicies");
    addManagedPolicies(P, field(Provider, "iamManagedPolicies"), "provider.iamManagedPolicies");
    Out.principals.push_back(std::move(P));
  }

  /// Statements as a YAML list: one policy, with positions. A variable in
  /// their place (`${file(iam.yml)}`) is known only at deploy.
  void addStatements(IamPrincipal &Role, const YAML::Node &Statements, const std::string &Path) {
    if (!written(Statements))
      return;
    Policy P;
    if (Statements.IsSequence() || Statements.IsMap()) {
      P = readStatements(Src, Statements, Policy::Kind::Identity, Path, "inline");
      // The Framework writes the document around them, with this version.
      P.version = PolicyString{"2012-10-17", P.location, true};
      markVariablesUnknown(P);
    } else {
      P.name = Path;
      P.source = "inline";
      P.location = Src.location(Src.region(Statements), {});
      P.invalid = "unknown until deploy";
    }
    P.location.logical = {SharedRoleId, Path, "property"};
    Role.policies.push_back(Out.policies.size());
    Out.policies.push_back(std::move(P));
  }

  void addManagedPolicies(IamPrincipal &Role, const YAML::Node &List, const std::string &Path) {
    if (!List.IsSequence()) {
      if (written(List)) // a variable: which policies is not known
        Role.managedPolicyArns.push_back({"", at(List, SharedRoleId, Path), false});
      return;
    }
    std::size_t Index = 0;
    for (const auto &Arn : List) {
      Location Where = at(Arn, SharedRoleId, Path + "[" + std::to_string(Index++) + "]");
      if (isLiteral(Arn))
        Role.managedPolicyArns.push_back({Arn.Scalar(), std::move(Where), true});
      else
        Role.managedPolicyArns.push_back({"", std::move(Where), false});
    }
  }

  //===--------------------------------------------------------------------===//
  // Events
  //===--------------------------------------------------------------------===//

  /// `events:` is a list of one-key maps: `- sqs: ...`.
  void readEvents(FunctionConfig &C, const YAML::Node &Events, const std::string &Name, const std::string &Path) {
    if (!Events.IsSequence())
      return;
    std::size_t Index = 0;
    for (const auto &Item : Events) {
      std::string ItemPath = Path + "[" + std::to_string(Index++) + "].";
      for (const auto &[Key, Value] : mapEntries(Item))
        if (Key.IsScalar())
          addEvent(C, Key, Value, Name, ItemPath + Key.Scalar());
    }
  }

  void addEvent(FunctionConfig &C, const YAML::Node &Key, const YAML::Node &Value, const std::string &Name,
                const std::string &Path) {
    const std::string &Event = Key.Scalar();
    const InvokerSourceInfo *Info = Event == "stream" ? streamSource(Value) : invokerForServerlessEvent(Event);
    // `async: true`: API Gateway hands the event to Lambda and answers at once.
    if (Event == "http" && stringField(Value, "async") == "true")
      Info = invokerSource("api-async");
    if (!Info)
      return;
    Location Where = Src.location(Src.region(Key), {Name, Path, "property"});
    Invoker I = makeInvoker(*Info, "serverless.yml event " + Event + " (" + Path + ")", Where);
    // The Framework binds events to the unqualified function.
    I.qualified.set(false, Where);
    if (Event == "stream")
      readStream(I, Value, Name, Path);
    else if (Info->kind == InvocationKind::Polled && Value.IsMap())
      setInteger(I.batchingWindowSeconds, field(Value, "maximumBatchingWindow"), Name,
                 Path + ".maximumBatchingWindow");
    if (Event == "sqs")
      I.queue = queueOf(Value.IsMap() ? field(Value, "arn") : Value);
    C.invokers.push_back(std::move(I));
  }

  /// `stream:` serves Kinesis and DynamoDB: its `type` says which, else the
  /// ARN, else the resource a `GetAtt` names. Null when none of them does.
  const InvokerSourceInfo *streamSource(const YAML::Node &Value) const {
    YAML::Node Arn = Value.IsMap() ? field(Value, "arn") : Value;
    if (std::optional<std::string> Type = stringField(Value, "type"); Type && (*Type == "kinesis" || *Type == "dynamodb"))
      return invokerSource(*Type);
    if (isLiteral(Arn))
      return invokerForEventSourceArn(Arn.Scalar());
    auto It = Resources.find(getAttTarget(Arn));
    if (It == Resources.end())
      return nullptr;
    std::optional<std::string> ResourceType = stringField(It->second.second, "Type");
    if (ResourceType == "AWS::Kinesis::Stream")
      return invokerSource("kinesis");
    if (ResourceType == "AWS::DynamoDB::Table")
      return invokerSource("dynamodb");
    return nullptr;
  }

  void readStream(Invoker &I, const YAML::Node &Value, const std::string &Name, const std::string &Path) {
    if (!Value.IsMap())
      return;
    setDestination(I.onFailureDestination, field(field(Value, "destinations"), "onFailure"), Name,
                   Path + ".destinations.onFailure");
    setInteger(I.maximumRetryAttempts, field(Value, "maximumRetryAttempts"), Name, Path + ".maximumRetryAttempts");
    setInteger(I.maximumRecordAgeSeconds, field(Value, "maximumRecordAgeInSeconds"), Name,
               Path + ".maximumRecordAgeInSeconds");
    setInteger(I.batchingWindowSeconds, field(Value, "batchWindow"), Name, Path + ".batchWindow");
  }

  /// The queue of an sqs event whose ARN is a GetAtt of an AWS::SQS::Queue in
  /// resources.Resources. A literal ARN names a queue declared elsewhere.
  std::optional<QueueInfo> queueOf(const YAML::Node &Arn) {
    auto It = Resources.find(getAttTarget(Arn));
    if (It == Resources.end())
      return std::nullopt;
    const auto &[Key, Def] = It->second;
    if (stringField(Def, "Type") != "AWS::SQS::Queue")
      return std::nullopt;
    const std::string &Id = It->first;
    const std::string Path = "resources.Resources." + Id + ".Properties.";
    QueueInfo Q;
    Q.name = Id;
    Q.location = Src.location(Src.region(Key), {Id, "resources.Resources." + Id, "resource"});
    YAML::Node Properties = field(Def, "Properties");
    setInteger(Q.visibilityTimeout, field(Properties, "VisibilityTimeout"), Id, Path + "VisibilityTimeout");
    if (YAML::Node Redrive = field(Properties, "RedrivePolicy"); written(Redrive))
      Q.redrivePolicy.set(true, at(Redrive, Id, Path + "RedrivePolicy"));
    Q.fifo = booleanOf(field(Properties, "FifoQueue")) == true;
    return Q;
  }
};

} // namespace

void loadServerlessDocument(const YamlSource &Source, const YAML::Node &Root, bool ByName, TemplateLoad &Out) {
  ServerlessLoader(Source, ByName, Out).load(Root);
}

} // namespace fnlint
