//===- scanner/TerraformLoader.cpp - `terraform show -json` output ---===//
//
// Functions and what is attached to them from a plan (planned_values, with
// values unknown until apply in resource_changes[].change.after_unknown) or
// a state (values).
//
// Other resources name a function by a reference in the configuration
// (`function_name = aws_lambda_function.worker.arn`, whose value a plan does
// not know yet) or by a literal name or ARN (known in a state, and in a plan
// when it refers to `function_name`). References are followed through
// module inputs (`var.x`, written by the module call) and outputs
// (`module.api.arn`), and through aliases; a reference inside a module names
// a resource of the same module instance. What names no function of the
// file by a literal is handed to the scanner as an attachment, to link by
// name across files; what links ambiguously is dropped, never guessed.
//
// IAM: aws_iam_role (trust policy, inline_policy blocks, managed_policy_arns),
// aws_iam_role_policy, aws_iam_policy (managed), aws_iam_role_policy_attachment
// and each function's role. Documents are the JSON strings the plan holds,
// or, when the plan leaves a value out, the `json` of the
// data.aws_iam_policy_document the configuration references; a document
// known only after apply is a Policy whose invalid says so. Principal ids
// are the roles' addresses.
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

#include "core/Invokers.h"
#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <map>
#include <set>

namespace fnlint {

namespace {

using AttrPath = std::initializer_list<const char *>;

/// One step of an address: a module or resource name and its instance key
/// as written (`"resize"` with its quotes, or `0`), if any.
struct Step {
  std::string name;
  std::optional<std::string> key;
};

/// Splits an address or a reference at the dots outside index brackets:
/// `module.w["a.b"].aws_sqs_queue.q[0].arn` -> module, w["a.b"], aws_sqs_queue, q[0], arn.
std::vector<std::string> splitAddress(std::string_view S) {
  std::vector<std::string> Parts(1);
  int Depth = 0;
  bool Quoted = false;
  for (std::size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (Quoted) {
      Parts.back() += C;
      if (C == '\\' && I + 1 < S.size())
        Parts.back() += S[++I];
      else if (C == '"')
        Quoted = false;
      continue;
    }
    if (C == '.' && Depth == 0) {
      Parts.emplace_back();
      continue;
    }
    if (C == '"')
      Quoted = true;
    else if (C == '[')
      ++Depth;
    else if (C == ']')
      --Depth;
    Parts.back() += C;
  }
  return Parts;
}

Step splitKey(const std::string &Part) {
  std::size_t Open = Part.find('[');
  if (Open == std::string::npos || Part.back() != ']')
    return {Part, std::nullopt};
  return {Part.substr(0, Open), Part.substr(Open + 1, Part.size() - Open - 2)};
}

/// A managed resource's address: its module instances, type, name and key.
struct Address {
  std::vector<Step> modules;
  std::string type;
  Step resource;
};

std::optional<Address> parseAddress(std::string_view S) {
  std::vector<std::string> Parts = splitAddress(S);
  Address A;
  std::size_t I = 0;
  for (; I + 1 < Parts.size() && Parts[I] == "module"; I += 2)
    A.modules.push_back(splitKey(Parts[I + 1]));
  if (I + 2 != Parts.size() || Parts[I] == "data")
    return std::nullopt;
  A.type = Parts[I];
  A.resource = splitKey(Parts[I + 1]);
  return A;
}

/// The module path of the configuration ("workers.edge"): names, no keys.
std::string configPath(const std::vector<Step> &Modules) {
  std::string Out;
  for (const Step &M : Modules)
    Out += (Out.empty() ? "" : ".") + M.name;
  return Out;
}

/// Whether the module instances \p Modules are those \p Pattern names; a
/// pattern step without a key matches every instance of its module.
bool inModules(const std::vector<Step> &Pattern, const std::vector<Step> &Modules) {
  if (Pattern.size() != Modules.size())
    return false;
  for (std::size_t I = 0; I < Pattern.size(); ++I)
    if (Pattern[I].name != Modules[I].name || (Pattern[I].key && Pattern[I].key != Modules[I].key))
      return false;
  return true;
}

/// What a configuration reference points at, seen from the module instances
/// of the resource that writes it.
struct Target {
  std::vector<Step> modules;
  std::string type;
  Step resource;
  std::string attribute; ///< "arn", "qualified_arn", or empty
};

// Node handles are moved with reset(): yaml-cpp's operator= writes through
// to the node a handle refers to, and would rewrite the document.

/// Walks \p Path in a planned value or an expression: blocks are one-item lists.
YAML::Node walkPath(const YAML::Node &From, AttrPath Path) {
  YAML::Node N(From);
  std::size_t I = 0;
  for (const char *Key : Path) {
    N.reset(field(N, Key));
    if (++I < Path.size() && N.IsSequence())
      N.reset(firstItem(N));
  }
  return N;
}

/// "dead_letter_config[0].target_arn".
std::string pathName(AttrPath Path) {
  std::string Out;
  std::size_t I = 0;
  for (const char *Key : Path) {
    Out += Key;
    if (++I < Path.size())
      Out += "[0].";
  }
  return Out;
}

/// The key in after_unknown, on \p Path, whose value is `true`: the value,
/// or a block holding it, is known only after apply. (A default YAML::Node
/// converts to true, hence the optional.)
std::optional<YAML::Node> unknownKey(const YAML::Node &From, AttrPath Path) {
  YAML::Node N(From);
  std::size_t I = 0;
  for (const char *Name : Path) {
    if (!N.IsMap())
      return std::nullopt;
    std::optional<YAML::Node> Key;
    YAML::Node Value;
    for (const auto &KV : N)
      if (KV.first.IsScalar() && KV.first.Scalar() == Name) {
        Key.emplace(KV.first);
        Value.reset(KV.second);
      }
    if (!Key)
      return std::nullopt;
    if (Value.IsSequence() && ++I < Path.size())
      Value.reset(firstItem(Value));
    if (Value.IsScalar() && Value.Scalar() == "true")
      return Key;
    N.reset(Value);
  }
  return std::nullopt;
}

bool isTrue(const YAML::Node &N) { return N.IsScalar() && N.Scalar() == "true"; }

/// The resource type a reference names for an event source mapping whose
/// event_source_arn is known only after apply.
const InvokerSourceInfo *invokerForSourceType(std::string_view Type) {
  if (Type == "aws_sqs_queue")
    return invokerSource("sqs");
  if (Type == "aws_kinesis_stream")
    return invokerSource("kinesis");
  if (Type == "aws_dynamodb_table")
    return invokerSource("dynamodb");
  if (Type == "aws_msk_cluster")
    return invokerSource("kafka");
  if (Type == "aws_mq_broker")
    return invokerSource("mq");
  return nullptr;
}

/// A managed resource of the plan or state, with what the file says of it.
struct Resource {
  std::string id; ///< the address
  Address address;
  YAML::Node node;         ///< in planned_values (or values)
  YAML::Node values;       ///< planned values
  YAML::Node afterUnknown; ///< resource_changes[].change.after_unknown
  YAML::Node expressions;  ///< configuration, with references
};

/// A function a resource names, and whether through an alias or version.
struct Link {
  std::size_t function = 0; ///< index into Functions
  bool qualified = false;
};

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
        if (std::optional<std::string> Address = stringField(Change, "address"))
          AfterUnknown.emplace(*Address, field(field(Change, "change"), "after_unknown"));
    indexConfiguration(field(field(Root, "configuration"), "root_module"), {}, 0);
    walk(field(Planned.IsMap() ? Planned : State, "root_module"), 0);
    for (std::size_t I = 0; I < Resources.size(); ++I)
      if (Resources[I].address.type == "aws_lambda_function")
        addFunction(I);
    for (std::size_t I = 0; I < Resources.size(); ++I)
      if (Resources[I].address.type == "aws_lambda_alias")
        addAlias(I);
    for (const Resource &R : Resources)
      if (R.address.type == "aws_sqs_queue_redrive_policy")
        addRedrivePolicy(R);
    for (const Resource &R : Resources)
      addAttachment(R);
    for (YAML::Node Module : {walkPath(Planned, {"root_module"}), walkPath(State, {"root_module"}),
                              walkPath(field(Root, "prior_state"), {"values", "root_module"})})
      collectPolicyDocuments(Module, 0);
    if (Changes.IsSequence())
      for (const auto &Change : Changes)
        addPolicyDocument(Change, walkPath(Change, {"change", "after"}));
    addIam();
    addPermissionPolicies(Out);
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  std::map<std::string, YAML::Node> AfterUnknown;    ///< by resource address
  std::map<std::string, YAML::Node> ConfigModules;   ///< by configuration path ("" is the root)
  std::map<std::string, YAML::Node> ModuleCalls;     ///< by the called module's configuration path
  std::map<std::string, YAML::Node> ConfigResources; ///< by "path|type.name"
  std::vector<Resource> Resources;                   ///< managed, in document order
  struct Function {
    std::size_t deployable;
    std::size_t resource;
    std::string name; ///< the planned function_name
  };
  std::vector<Function> Functions;
  std::map<std::size_t, std::size_t> FunctionOfResource;      ///< resource -> function
  std::multimap<std::string, std::size_t> FunctionsByName;    ///< planned function_name -> function
  std::map<std::string, std::vector<std::size_t>> ByTypeName; ///< "aws_sqs_queue.jobs" -> its instances
  std::map<std::size_t, Link> AliasLinks;                     ///< alias resource -> its function
  /// aws_sqs_queue_redrive_policy by queue resource: the policy's value, or
  /// its key in after_unknown when known only after apply.
  struct Redrive {
    YAML::Node node;
    bool known = false;
  };
  std::map<std::size_t, Redrive> SeparateRedrive;

  std::set<int> Walked; ///< modules by mark: an alias graph (YAML) must not make the walk explode
  std::set<int> DataWalked; ///< the same, for the walk over data sources

  /// data.aws_iam_policy_document results: address -> the `json` string.
  std::map<std::string, YAML::Node> PolicyDocuments;
  std::string CallerAccount; ///< data.aws_caller_identity's account_id; "?" when they disagree
  std::map<std::size_t, std::size_t> RoleOfResource;   ///< aws_iam_role resource -> principal
  std::map<std::size_t, std::size_t> PolicyOfResource; ///< aws_iam_policy resource -> policy
  std::map<std::string, std::size_t> PolicyByArn;      ///< known aws_iam_policy ARNs (a state) -> policy
  /// Inline policies written as aws_iam_role_policy, by role principal: a
  /// state lists them in the role's inline_policy too, and they count once.
  std::set<std::pair<std::size_t, std::string>> SeparateInline;

  //===--------------------------------------------------------------------===//
  // Reading the document
  //===--------------------------------------------------------------------===//

  void indexConfiguration(const YAML::Node &Module, const std::vector<Step> &Path, int Depth) {
    if (!Module.IsMap() || Depth > 64)
      return;
    std::string P = configPath(Path);
    ConfigModules.emplace(P, Module);
    if (YAML::Node Rs = field(Module, "resources"); Rs.IsSequence())
      for (const auto &R : Rs) {
        std::optional<std::string> Type = stringField(R, "type"), Name = stringField(R, "name");
        if (Type && Name && stringField(R, "mode") != "data")
          ConfigResources.emplace(P + "|" + *Type + "." + *Name, R);
      }
    for (const auto &[Name, Call] : mapEntries(field(Module, "module_calls"))) {
      if (!Name.IsScalar())
        continue;
      std::vector<Step> Child = Path;
      Child.push_back({Name.Scalar(), std::nullopt});
      ModuleCalls.emplace(configPath(Child), Call);
      indexConfiguration(field(Call, "module"), Child, Depth + 1);
    }
  }

  void walk(const YAML::Node &Module, int Depth) {
    if (!Module.IsMap() || Depth > 64 || !Walked.insert(Module.Mark().pos).second)
      return;
    if (YAML::Node Rs = field(Module, "resources"); Rs.IsSequence())
      for (const auto &R : Rs)
        if (stringField(R, "mode") != "data")
          addResource(R);
    if (YAML::Node Children = field(Module, "child_modules"); Children.IsSequence())
      for (const auto &Child : Children)
        walk(Child, Depth + 1);
  }

  void addResource(const YAML::Node &Node) {
    std::optional<std::string> Id = stringField(Node, "address");
    std::optional<Address> A = Id ? parseAddress(*Id) : std::nullopt;
    if (!A)
      return;
    Resource R;
    R.id = *Id;
    R.node.reset(Node);
    R.values.reset(field(Node, "values"));
    if (auto It = AfterUnknown.find(R.id); It != AfterUnknown.end())
      R.afterUnknown.reset(It->second);
    auto Config = ConfigResources.find(configPath(A->modules) + "|" + A->type + "." + A->resource.name);
    if (Config != ConfigResources.end())
      R.expressions.reset(field(Config->second, "expressions"));
    R.address = std::move(*A);
    ByTypeName[R.address.type + "." + R.address.resource.name].push_back(Resources.size());
    Resources.push_back(std::move(R));
  }

  //===--------------------------------------------------------------------===//
  // Settings and their positions
  //===--------------------------------------------------------------------===//

  Location resourceStart(const Resource &R) const { return Src.location(Src.start(R.node), {R.id, R.id, "resource"}); }

  Location propertyAt(const Resource &R, const YAML::Node &N, const std::string &Property) const {
    return Src.location(Src.region(N), {R.id, R.id + "." + Property, "property"});
  }

  /// An absent setting points at its resource, for "missing" findings.
  Location absentAt(const Resource &R, const std::string &Property) const {
    return Src.location(Src.start(R.node), {R.id, R.id + "." + Property, "property"});
  }

  /// Fills \p S from \p Path: known when planned, unknown when after_unknown
  /// marks it, else absent. \p Parse gives nullopt for values that mean the
  /// default (an empty ARN, -1 reserved concurrency).
  template <class T, class ParseFn> void fill(Setting<T> &S, const Resource &R, AttrPath Path, ParseFn Parse) const {
    std::string Name = pathName(Path);
    YAML::Node V = walkPath(R.values, Path);
    if (written(V)) {
      std::optional<std::optional<T>> Parsed = Parse(V); // outer nullopt: not understood
      if (!Parsed)
        S.setUnknown(propertyAt(R, V, Name));
      else if (*Parsed)
        S.set(std::move(**Parsed), propertyAt(R, V, Name));
      else
        S.location = propertyAt(R, V, Name); // written as the default: absent, pointed at
      return;
    }
    if (std::optional<YAML::Node> Key = unknownKey(R.afterUnknown, Path); Key && writtenInConfiguration(R, Path))
      S.setUnknown(propertyAt(R, *Key, Name));
    else
      S.location = absentAt(R, Name);
  }

  /// Optional attributes the provider computes (aws_sqs_queue redrive_policy,
  /// aws_lambda_function tracing_config) are unknown in a plan when the
  /// configuration leaves them out: then the service default applies. True
  /// when the configuration is not in the file.
  static bool writtenInConfiguration(const Resource &R, AttrPath Path) {
    return !R.expressions.IsMap() || written(field(R.expressions, *Path.begin()));
  }

  void fillString(Setting<std::string> &S, const Resource &R, AttrPath Path) const {
    fill(S, R, Path, [](const YAML::Node &V) -> std::optional<std::optional<std::string>> {
      if (!isPlainString(V))
        return std::nullopt;
      if (V.Scalar().empty())
        return std::optional<std::string>();
      return std::optional<std::string>(V.Scalar());
    });
  }

  void fillInt(Setting<std::int64_t> &S, const Resource &R, AttrPath Path) const {
    fill(S, R, Path, [](const YAML::Node &V) -> std::optional<std::optional<std::int64_t>> {
      if (std::optional<std::int64_t> I = integerOf(V))
        return std::optional<std::int64_t>(*I);
      return std::nullopt;
    });
  }

  /// The length of a list; an empty list is absent.
  void fillCount(Setting<std::int64_t> &S, const Resource &R, AttrPath Path) const {
    fill(S, R, Path, [](const YAML::Node &V) -> std::optional<std::optional<std::int64_t>> {
      if (!V.IsSequence())
        return std::nullopt;
      if (V.size() == 0)
        return std::optional<std::int64_t>();
      return std::optional<std::int64_t>(static_cast<std::int64_t>(V.size()));
    });
  }

  /// Whether a resource is bound to an alias or version through \p Path
  /// (`qualifier`): known false when not written.
  void fillQualifier(Setting<bool> &S, const Resource &R, AttrPath Path) const {
    fill(S, R, Path, [](const YAML::Node &V) -> std::optional<std::optional<bool>> {
      if (!isPlainString(V))
        return std::nullopt;
      return std::optional<bool>(!V.Scalar().empty());
    });
    if (S.absent())
      S.set(false, S.location);
  }

  //===--------------------------------------------------------------------===//
  // Functions
  //===--------------------------------------------------------------------===//

  void addFunction(std::size_t Index) {
    const Resource &R = Resources[Index];
    const std::string &Id = R.id;
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Id;
    D.resourceType = "aws_lambda_function";
    D.location = resourceStart(R);
    D.runtime = stringField(R.values, "runtime");
    D.handler = stringField(R.values, "handler");
    if (YAML::Node File = field(R.values, "filename"); isPlainString(File)) {
      std::string Resolved = resolveCodePath(Src.path(), File.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, propertyAt(R, File, "filename")};
    }
    addEnvironment(D, R);
    fillSettings(D.config, R);
    Function F{Out.deployables.size(), Index, stringField(R.values, "function_name").value_or("")};
    FunctionOfResource.emplace(Index, Functions.size());
    if (!F.name.empty())
      FunctionsByName.emplace(F.name, Functions.size());
    Functions.push_back(std::move(F));
    Out.deployables.push_back(std::move(D));
  }

  void fillSettings(FunctionConfig &C, const Resource &R) const {
    fillString(C.runtime, R, {"runtime"});
    fillString(C.handler, R, {"handler"});
    fillString(C.packageType, R, {"package_type"});
    fillInt(C.timeout, R, {"timeout"});
    fillInt(C.memorySize, R, {"memory_size"});
    fillInt(C.ephemeralStorage, R, {"ephemeral_storage", "size"});
    // -1 is Terraform's way of saying unreserved: the default.
    fill(C.reservedConcurrency, R, {"reserved_concurrent_executions"},
         [](const YAML::Node &V) -> std::optional<std::optional<std::int64_t>> {
           std::optional<std::int64_t> I = integerOf(V);
           if (!I)
             return std::nullopt;
           return *I == -1 ? std::optional<std::int64_t>() : std::optional<std::int64_t>(*I);
         });
    fillCount(C.layerCount, R, {"layers"});
    fillCount(C.subnetCount, R, {"vpc_config", "subnet_ids"});
    fillString(C.deadLetterTarget, R, {"dead_letter_config", "target_arn"});
    fillString(C.tracingMode, R, {"tracing_config", "mode"});
    fillString(C.kmsKeyArn, R, {"kms_key_arn"});
    fillString(C.role, R, {"role"});
  }

  void addEnvironment(Deployable &D, const Resource &R) const {
    const std::string &Id = R.id;
    std::string Prefix = Id + ".environment[0].variables.";
    YAML::Node Variables = walkPath(R.values, {"environment", "variables"});
    std::map<std::string, EnvironmentVariable> Vars;
    for (const auto &[Key, Value] : mapEntries(Variables))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value, {Id, Prefix + Key.Scalar(), "property"});
    // Values known only after apply are left out of planned_values; their
    // names are in after_unknown, marked true.
    YAML::Node Unknowns = walkPath(R.afterUnknown, {"environment", "variables"});
    for (const auto &[Key, Unknown] : mapEntries(Unknowns))
      if (Key.IsScalar() && isTrue(Unknown)) {
        EnvironmentVariable V;
        V.name = Key.Scalar();
        V.location = Src.location(Src.region(Key), {Id, Prefix + Key.Scalar(), "property"});
        Vars[V.name] = std::move(V);
      }
    Setting<std::int64_t> &Bytes = D.config.environmentBytes;
    if (std::optional<YAML::Node> Whole = unknownKey(R.afterUnknown, {"environment", "variables"}))
      Bytes.setUnknown(propertyAt(R, *Whole, "environment[0].variables"));
    else if (Vars.empty())
      Bytes.location = absentAt(R, "environment[0].variables");
    else
      setEnvironmentBytes(Bytes, Vars,
                          propertyAt(R, written(Variables) ? Variables : Unknowns, "environment[0].variables"));
    setEnvironment(D, std::move(Vars));
  }

  /// Keys and values, as Lambda counts them against its 4 KB; unknown when
  /// a value is.
  static void setEnvironmentBytes(Setting<std::int64_t> &Bytes, const std::map<std::string, EnvironmentVariable> &Vars,
                                  Location Where) {
    std::int64_t Total = 0;
    for (const auto &[Name, Var] : Vars) {
      if (!Var.literal) {
        Bytes.setUnknown(std::move(Where));
        return;
      }
      Total += static_cast<std::int64_t>(Name.size() + Var.value.size());
    }
    Bytes.set(Total, std::move(Where));
  }

  FunctionConfig &configOf(const Link &L) { return Out.deployables[Functions[L.function].deployable].config; }

  //===--------------------------------------------------------------------===//
  // IAM
  //===--------------------------------------------------------------------===//

  void collectPolicyDocuments(const YAML::Node &Module, int Depth) {
    if (!Module.IsMap() || Depth > 64 || !DataWalked.insert(Module.Mark().pos).second)
      return;
    if (YAML::Node Rs = field(Module, "resources"); Rs.IsSequence())
      for (const auto &R : Rs)
        addPolicyDocument(R, field(R, "values"));
    if (YAML::Node Children = field(Module, "child_modules"); Children.IsSequence())
      for (const auto &Child : Children)
        collectPolicyDocuments(Child, Depth + 1);
  }

  /// A data.aws_iam_policy_document (planned, read, or in resource_changes)
  /// whose `json` is known.
  void addPolicyDocument(const YAML::Node &R, const YAML::Node &Values) {
    std::optional<std::string> Address = stringField(R, "address");
    if (stringField(R, "mode") == "data" && stringField(R, "type") == "aws_caller_identity")
      addCallerAccount(field(Values, "account_id"));
    YAML::Node Json = field(Values, "json");
    if (Address && stringField(R, "mode") == "data" && stringField(R, "type") == "aws_iam_policy_document" &&
        isPlainString(Json) && !Json.Scalar().empty())
      PolicyDocuments.emplace(*Address, Json);
  }

  /// data.aws_caller_identity: the account the plan runs in, which its
  /// roles belong to. Two different accounts (several providers) tell none.
  void addCallerAccount(const YAML::Node &AccountId) {
    if (!isPlainString(AccountId) || principalAccount(AccountId.Scalar()).empty() || CallerAccount == "?")
      return;
    CallerAccount = CallerAccount.empty() || CallerAccount == AccountId.Scalar() ? AccountId.Scalar() : "?";
  }

  /// The `json` of the data.aws_iam_policy_document that \p Expression
  /// references, in \p From's module instance.
  std::optional<YAML::Node> referencedDocument(const Resource &From, const YAML::Node &Expression) const {
    YAML::Node Refs = field(Expression, "references");
    if (!Refs.IsSequence())
      return std::nullopt;
    std::string Prefix;
    for (const Step &M : From.address.modules)
      Prefix += "module." + M.name + (M.key ? "[" + *M.key + "]" : "") + ".";
    for (const auto &Ref : Refs) {
      if (!isPlainString(Ref) || Ref.Scalar().rfind("data.aws_iam_policy_document.", 0) != 0)
        continue;
      std::vector<std::string> Parts = splitAddress(Ref.Scalar());
      if (Parts.size() < 3)
        continue;
      auto It = PolicyDocuments.find(Prefix + "data.aws_iam_policy_document." + Parts[2]);
      if (It != PolicyDocuments.end())
        return It->second;
    }
    return std::nullopt;
  }

  /// The document at \p Value (a JSON string in the plan), else the policy
  /// document \p Expression references, else one known only after apply.
  Policy policyAt(const Resource &R, const YAML::Node &Value, const YAML::Node &Expression,
                  const std::optional<YAML::Node> &Unknown, const std::string &Property, Policy::Kind Kind,
                  const std::string &Name, const char *Source) const {
    Policy P;
    if (isPlainString(Value) && !Value.Scalar().empty()) {
      P = readPolicy(Src, Value, Kind, Name, Source);
    } else if (std::optional<YAML::Node> Document = referencedDocument(R, Expression)) {
      P = readPolicy(Src, *Document, Kind, Name, Source);
    } else {
      P.kind = Kind;
      P.name = Name;
      P.source = Source;
      P.location = Unknown ? propertyAt(R, *Unknown, Property) : absentAt(R, Property);
      P.invalid = "unknown until apply";
    }
    P.location.logical = {R.id, R.id + "." + Property, "property"};
    return P;
  }

  std::size_t addPolicy(Policy P) {
    Out.policies.push_back(std::move(P));
    return Out.policies.size() - 1;
  }

  void attachPolicy(std::size_t Principal, std::size_t PolicyIndex) {
    std::vector<std::size_t> &Policies = Out.principals[Principal].policies;
    if (std::find(Policies.begin(), Policies.end(), PolicyIndex) == Policies.end())
      Policies.push_back(PolicyIndex);
  }

  /// A managed policy ARN not declared in the file; a state lists the
  /// attachments' ARNs in the role's managed_policy_arns too.
  void attachArn(std::size_t Principal, PolicyString Arn) {
    std::vector<PolicyString> &Arns = Out.principals[Principal].managedPolicyArns;
    if (Arn.known && !Arn.value.empty())
      for (const PolicyString &A : Arns)
        if (A.known && A.value == Arn.value)
          return;
    Arns.push_back(std::move(Arn));
  }

  void addIam() {
    for (std::size_t I = 0; I < Resources.size(); ++I)
      if (Resources[I].address.type == "aws_iam_role")
        addRolePrincipal(I);
    for (std::size_t I = 0; I < Resources.size(); ++I)
      if (Resources[I].address.type == "aws_iam_policy")
        addManagedPolicy(I);
    for (const Resource &R : Resources)
      if (R.address.type == "aws_iam_role_policy")
        claimInlineName(R);
    for (const auto &[Index, Principal] : RoleOfResource)
      addRolePolicies(Resources[Index], Principal);
    for (const Resource &R : Resources) {
      if (R.address.type == "aws_iam_role_policy")
        addRolePolicy(R);
      else if (R.address.type == "aws_iam_role_policy_attachment")
        addPolicyAttachment(R);
    }
    for (const Function &F : Functions)
      linkRole(F);
  }

  void addRolePrincipal(std::size_t Index) {
    const Resource &R = Resources[Index];
    IamPrincipal P;
    P.kind = IamPrincipal::Kind::Role;
    P.id = R.id;
    P.location = resourceStart(R);
    // A state knows the role's ARN; a plan, the caller's account at best.
    P.account = principalAccount(stringField(R.values, "arn").value_or(""));
    if (P.account.empty() && CallerAccount != "?")
      P.account = CallerAccount;
    RoleOfResource.emplace(Index, Out.principals.size());
    Out.principals.push_back(std::move(P));
  }

  void addManagedPolicy(std::size_t Index) {
    const Resource &R = Resources[Index];
    std::size_t P = addPolicy(policyAt(R, field(R.values, "policy"), field(R.expressions, "policy"),
                                       unknownKey(R.afterUnknown, {"policy"}), "policy", Policy::Kind::Identity, R.id,
                                       "managed"));
    PolicyOfResource.emplace(Index, P);
    if (std::optional<std::string> Arn = stringField(R.values, "arn"))
      PolicyByArn.emplace(*Arn, P);
  }

  /// The role principal \p From names in \p Attribute: by reference, else by
  /// a literal name or ARN of a role of the file.
  std::optional<std::size_t> roleNamed(const Resource &From, const char *Attribute) const {
    std::set<std::size_t> Roles;
    std::vector<Target> Targets =
        targetsOf(field(field(From.expressions, Attribute), "references"), From.address.modules);
    for (const auto &[Index, T] : matching(Targets, "aws_iam_role"))
      Roles.insert(Index);
    if (std::optional<std::string> Literal = stringField(From.values, Attribute); Literal && Roles.empty()) {
      std::string Name = Literal->substr(Literal->rfind('/') == std::string::npos ? 0 : Literal->rfind('/') + 1);
      for (const auto &[Index, Principal] : RoleOfResource)
        if (stringField(Resources[Index].values, "arn") == *Literal ||
            stringField(Resources[Index].values, "name") == Name)
          Roles.insert(Index);
    }
    if (Roles.size() != 1)
      return std::nullopt; // none, or ambiguous: never guessed
    return RoleOfResource.at(*Roles.begin());
  }

  void claimInlineName(const Resource &R) {
    std::optional<std::size_t> Role = roleNamed(R, "role");
    std::optional<std::string> Name = stringField(R.values, "name");
    if (Role && Name)
      SeparateInline.emplace(*Role, *Name);
  }

  void addRolePolicies(const Resource &R, std::size_t Principal) {
    attachPolicy(Principal, addPolicy(policyAt(R, field(R.values, "assume_role_policy"),
                                               field(R.expressions, "assume_role_policy"),
                                               unknownKey(R.afterUnknown, {"assume_role_policy"}),
                                               "assume_role_policy", Policy::Kind::Trust, R.id + " trust policy",
                                               "inline")));
    addInlineBlocks(R, Principal);
    addManagedArns(R, Principal);
  }

  /// inline_policy blocks; a plan of a role without them has one empty
  /// block, or the attribute unknown: neither is a policy.
  void addInlineBlocks(const Resource &R, std::size_t Principal) {
    YAML::Node Blocks = field(R.values, "inline_policy");
    const YAML::Node Expressions = field(R.expressions, "inline_policy");
    if (!Blocks.IsSequence()) {
      if (std::optional<YAML::Node> Key = unknownKey(R.afterUnknown, {"inline_policy"});
          Key && R.expressions.IsMap() && written(Expressions))
        attachPolicy(Principal, addPolicy(policyAt(R, YAML::Node(), YAML::Node(), Key, "inline_policy",
                                                   Policy::Kind::Identity, R.id + "/inline_policy", "inline")));
      return;
    }
    std::size_t Index = 0;
    for (const auto &Block : Blocks) {
      std::size_t I = Index++;
      std::string Name = stringField(Block, "name").value_or("");
      YAML::Node Document = field(Block, "policy");
      YAML::Node Expression =
          Expressions.IsSequence() && I < Expressions.size() ? field(Expressions[I], "policy") : YAML::Node();
      if (Name.empty() && !(isPlainString(Document) && !Document.Scalar().empty()))
        continue;
      if (SeparateInline.count({Principal, Name}))
        continue;
      attachPolicy(Principal,
                   addPolicy(policyAt(R, Document, Expression, std::nullopt,
                                      "inline_policy[" + std::to_string(I) + "].policy", Policy::Kind::Identity,
                                      R.id + "/inline_policy/" + Name, "inline")));
    }
  }

  /// managed_policy_arns: aws_iam_policy resources it references, known
  /// ARNs, and a value known only after apply that no reference explains.
  void addManagedArns(const Resource &R, std::size_t Principal) {
    YAML::Node Expression = field(R.expressions, "managed_policy_arns");
    bool Referenced = false;
    for (const auto &[Index, T] :
         matching(targetsOf(field(Expression, "references"), R.address.modules), "aws_iam_policy"))
      if (auto It = PolicyOfResource.find(Index); It != PolicyOfResource.end()) {
        attachPolicy(Principal, It->second);
        Referenced = true;
      }
    if (YAML::Node Arns = field(R.values, "managed_policy_arns"); Arns.IsSequence()) {
      for (const auto &Arn : Arns) {
        if (!isPlainString(Arn))
          continue;
        if (auto It = PolicyByArn.find(Arn.Scalar()); It != PolicyByArn.end())
          attachPolicy(Principal, It->second);
        else
          attachArn(Principal, {Arn.Scalar(), propertyAt(R, Arn, "managed_policy_arns"), true});
      }
      return;
    }
    std::optional<YAML::Node> Unknown = unknownKey(R.afterUnknown, {"managed_policy_arns"});
    if (Unknown && !Referenced && R.expressions.IsMap() && written(Expression))
      attachArn(Principal, {"", propertyAt(R, *Unknown, "managed_policy_arns"), false});
  }

  void addRolePolicy(const Resource &R) {
    std::optional<std::size_t> Role = roleNamed(R, "role");
    std::size_t P = addPolicy(policyAt(R, field(R.values, "policy"), field(R.expressions, "policy"),
                                       unknownKey(R.afterUnknown, {"policy"}), "policy", Policy::Kind::Identity, R.id,
                                       "inline"));
    if (Role)
      attachPolicy(*Role, P);
  }

  /// role + policy_arn: the aws_iam_policy of the file it names, else the ARN.
  void addPolicyAttachment(const Resource &R) {
    std::optional<std::size_t> Role = roleNamed(R, "role");
    if (!Role)
      return;
    for (const auto &[Index, T] : matching(
             targetsOf(field(field(R.expressions, "policy_arn"), "references"), R.address.modules), "aws_iam_policy"))
      if (auto It = PolicyOfResource.find(Index); It != PolicyOfResource.end()) {
        attachPolicy(*Role, It->second);
        return;
      }
    YAML::Node Arn = field(R.values, "policy_arn");
    if (isPlainString(Arn)) {
      if (auto It = PolicyByArn.find(Arn.Scalar()); It != PolicyByArn.end())
        attachPolicy(*Role, It->second);
      else
        attachArn(*Role, {Arn.Scalar(), propertyAt(R, Arn, "policy_arn"), true});
    } else if (std::optional<YAML::Node> Unknown = unknownKey(R.afterUnknown, {"policy_arn"})) {
      attachArn(*Role, {"", propertyAt(R, *Unknown, "policy_arn"), false});
    }
  }

  /// A function's role: the aws_iam_role of the file it names.
  void linkRole(const Function &F) {
    if (std::optional<std::size_t> Role = roleNamed(Resources[F.resource], "role"))
      Out.deployables[F.deployable].config.rolePrincipal = Out.principals[*Role].id;
  }

  //===--------------------------------------------------------------------===//
  // Linking
  //===--------------------------------------------------------------------===//

  /// The targets of the references \p Refs written in the module instances
  /// \p Modules, module inputs and outputs followed.
  std::vector<Target> targetsOf(const YAML::Node &Refs, const std::vector<Step> &Modules) const {
    std::vector<Target> Targets;
    std::set<std::string> Seen;
    resolve(Refs, Modules, 0, Seen, Targets);
    return Targets;
  }

  /// \p Seen: references already followed, by module instance; an input
  /// that names its module's own output (or a YAML alias graph) must not
  /// make the walk explode.
  void resolve(const YAML::Node &Refs, const std::vector<Step> &Modules, int Depth, std::set<std::string> &Seen,
               std::vector<Target> &Targets) const {
    if (!Refs.IsSequence() || Depth > 16)
      return;
    std::string Scope;
    for (const Step &M : Modules)
      Scope += M.name + "[" + M.key.value_or("") + "].";
    for (const auto &Ref : Refs) {
      if (!isPlainString(Ref) || !Seen.insert(Scope + "|" + Ref.Scalar()).second)
        continue;
      std::vector<std::string> Parts = splitAddress(Ref.Scalar());
      if (Parts.size() < 2)
        continue;
      const std::string &Head = Parts[0];
      if (Head == "var") {
        // An input: what the module call writes, in the calling module.
        if (Modules.empty())
          continue;
        auto Call = ModuleCalls.find(configPath(Modules));
        if (Call == ModuleCalls.end())
          continue;
        std::vector<Step> Caller(Modules.begin(), Modules.end() - 1);
        YAML::Node Input = field(field(Call->second, "expressions"), splitKey(Parts[1]).name.c_str());
        resolve(field(Input, "references"), Caller, Depth + 1, Seen, Targets);
      } else if (Head == "module") {
        // An output of a child module: what its output expression refers to.
        if (Parts.size() < 3)
          continue;
        std::vector<Step> Child = Modules;
        Child.push_back(splitKey(Parts[1]));
        auto Module = ConfigModules.find(configPath(Child));
        if (Module == ConfigModules.end())
          continue;
        YAML::Node Output = field(field(Module->second, "outputs"), splitKey(Parts[2]).name.c_str());
        resolve(field(field(Output, "expression"), "references"), Child, Depth + 1, Seen, Targets);
      } else if (Head != "data" && Head != "local" && Head != "each" && Head != "count" && Head != "path" &&
                 Head != "self" && Head != "terraform") {
        Targets.push_back({Modules, Head, splitKey(Parts[1]), Parts.size() > 2 ? splitKey(Parts[2]).name : ""});
      }
    }
  }

  /// The resources of \p Type that \p Targets name. Where a target names one
  /// instance (`worker["resize"]`) and another the whole resource, the
  /// instance wins.
  std::vector<std::pair<std::size_t, const Target *>> matching(const std::vector<Target> &Targets,
                                                               std::string_view Type) const {
    std::vector<std::pair<std::size_t, const Target *>> Found;
    bool Keyed = false;
    for (const Target &T : Targets)
      if (T.type == Type && T.resource.key)
        Keyed = true;
    for (const Target &T : Targets) {
      if (T.type != Type || (Keyed && !T.resource.key))
        continue;
      auto It = ByTypeName.find(T.type + "." + T.resource.name);
      if (It == ByTypeName.end())
        continue;
      for (std::size_t I : It->second) {
        const Address &A = Resources[I].address;
        if ((!T.resource.key || T.resource.key == A.resource.key) && inModules(T.modules, A.modules))
          Found.emplace_back(I, &T);
      }
    }
    return Found;
  }

  /// The one function among \p Candidates, narrowed by the literal name and
  /// then by the referring resource's own instance key (for_each over the
  /// same map); nullopt when still ambiguous.
  std::optional<Link> pick(std::vector<Link> Candidates, const std::string &LiteralName, const Resource &From) const {
    auto Narrow = [&](auto Keep) {
      std::vector<Link> Kept;
      for (const Link &L : Candidates)
        if (Keep(L))
          Kept.push_back(L);
      if (!Kept.empty())
        Candidates = std::move(Kept);
    };
    if (Candidates.size() > 1 && !LiteralName.empty())
      Narrow([&](const Link &L) { return Functions[L.function].name == LiteralName; });
    if (Candidates.size() > 1 && From.address.resource.key)
      Narrow([&](const Link &L) {
        return Resources[Functions[L.function].resource].address.resource.key == From.address.resource.key;
      });
    if (Candidates.size() != 1)
      return std::nullopt;
    return Candidates.front();
  }

  /// The function that \p Value (planned) and \p Expression (configuration)
  /// of \p From name: by reference first, else by literal name or ARN.
  std::optional<Link> linkFunction(const Resource &From, const YAML::Node &Value, const YAML::Node &Expression) const {
    std::string Literal = isPlainString(Value) ? Value.Scalar() : "";
    std::string LiteralName = functionNameOf(Literal);
    bool LiteralQualified = !functionQualifierOf(Literal).empty();
    std::vector<Target> Targets = targetsOf(field(Expression, "references"), From.address.modules);
    std::vector<Link> Candidates;
    auto Add = [&](Link L) {
      for (Link &C : Candidates)
        if (C.function == L.function) {
          C.qualified = C.qualified || L.qualified;
          return;
        }
      Candidates.push_back(L);
    };
    for (const auto &[Index, T] : matching(Targets, "aws_lambda_function"))
      if (auto It = FunctionOfResource.find(Index); It != FunctionOfResource.end())
        Add({It->second, T->attribute == "qualified_arn" || T->attribute == "qualified_invoke_arn"});
    for (const auto &[Index, T] : matching(Targets, "aws_lambda_alias"))
      if (auto It = AliasLinks.find(Index); It != AliasLinks.end())
        Add({It->second.function, true});
    if (Candidates.empty() && !LiteralName.empty())
      for (auto [It, End] = FunctionsByName.equal_range(LiteralName); It != End; ++It)
        Add({It->second, false});
    std::optional<Link> L = pick(std::move(Candidates), LiteralName, From);
    if (L)
      L->qualified = L->qualified || LiteralQualified;
    return L;
  }

  std::optional<Link> linkAttribute(const Resource &From, AttrPath Path) const {
    return linkFunction(From, walkPath(From.values, Path), walkPath(From.expressions, Path));
  }

  /// A function named by a literal that no function of this file has: the
  /// scanner links it by name, across files.
  std::optional<std::string> unlinkedName(const Resource &From, AttrPath Path) const {
    YAML::Node V = walkPath(From.values, Path);
    if (!isPlainString(V) || functionNameOf(V.Scalar()).empty())
      return std::nullopt;
    return V.Scalar();
  }

  /// Qualified: through an alias, a qualified ARN or a written qualifier.
  Setting<bool> qualifiedOf(const Resource &R, const Link &L, AttrPath Path, AttrPath Qualifier = {}) const {
    Setting<bool> Q;
    if (Qualifier.size() != 0)
      fillQualifier(Q, R, Qualifier);
    if (L.qualified || !Q.written()) {
      YAML::Node V = walkPath(R.values, Path);
      Q.set(L.qualified, written(V) ? propertyAt(R, V, pathName(Path)) : absentAt(R, pathName(Path)));
    }
    return Q;
  }

  //===--------------------------------------------------------------------===//
  // What attaches to functions
  //===--------------------------------------------------------------------===//

  void addAlias(std::size_t Index) {
    const Resource &R = Resources[Index];
    std::optional<Link> L = linkAttribute(R, {"function_name"});
    if (!L)
      return;
    AliasLinks.emplace(Index, Link{L->function, true});
    Setting<std::string> &Alias = configOf(*L).autoPublishAlias;
    if (!Alias.known())
      fillString(Alias, R, {"name"});
  }

  void addRedrivePolicy(const Resource &R) {
    std::vector<Target> Targets = targetsOf(field(field(R.expressions, "queue_url"), "references"), R.address.modules);
    std::vector<std::pair<std::size_t, const Target *>> Queues = matching(Targets, "aws_sqs_queue");
    if (Queues.empty())
      return;
    YAML::Node Value = field(R.values, "redrive_policy");
    bool Known = isPlainString(Value) && !Value.Scalar().empty();
    std::optional<YAML::Node> Unknown = unknownKey(R.afterUnknown, {"redrive_policy"});
    if (!Known && !Unknown)
      return;
    Redrive Policy{Known ? Value : *Unknown, Known};
    for (const auto &[Queue, T] : Queues)
      SeparateRedrive.emplace(Queue, Policy);
  }

  void addAttachment(const Resource &R) {
    const std::string &Type = R.address.type;
    if (Type == "aws_lambda_event_source_mapping")
      addEventSourceMapping(R);
    else if (Type == "aws_lambda_permission")
      addPermission(R);
    else if (Type == "aws_lambda_function_event_invoke_config")
      addEventInvokeConfig(R);
    else if (Type == "aws_lambda_function_url")
      addFunctionUrl(R);
    else if (Type == "aws_s3_bucket_notification")
      addBucketNotification(R);
    else if (Type == "aws_sns_topic_subscription")
      addTopicSubscription(R);
    else if (Type == "aws_cloudwatch_event_target")
      addEventTarget(R);
    else if (Type == "aws_api_gateway_integration" || Type == "aws_apigatewayv2_integration")
      addApiIntegration(R);
  }

  /// Hands \p A to the scanner when \p From names a function by a literal.
  void attachElsewhere(const Resource &From, AttrPath Path, FunctionAttachment A) {
    if (std::optional<std::string> Name = unlinkedName(From, Path)) {
      A.functionRef = *Name;
      Out.attachments.push_back(std::move(A));
    }
  }

  const InvokerSourceInfo *eventSource(const Resource &R) const {
    YAML::Node Arn = field(R.values, "event_source_arn");
    if (isPlainString(Arn))
      return invokerForEventSourceArn(Arn.Scalar());
    std::vector<Target> Targets =
        targetsOf(field(field(R.expressions, "event_source_arn"), "references"), R.address.modules);
    for (const Target &T : Targets)
      if (const InvokerSourceInfo *S = invokerForSourceType(T.type))
        return S;
    if (written(firstItem(field(R.values, "self_managed_event_source"))))
      return invokerSource("kafka");
    return nullptr;
  }

  void addEventSourceMapping(const Resource &R) {
    const InvokerSourceInfo *Source = eventSource(R);
    if (!Source)
      return; // a mapping of a kind fnlint cannot tell says nothing a rule can use
    Invoker I =
        makeInvoker(*Source, R.id + " (" + Source->key + ")", resourceStart(R));
    fillString(I.onFailureDestination, R, {"destination_config", "on_failure", "destination_arn"});
    fillInt(I.maximumRetryAttempts, R, {"maximum_retry_attempts"});
    fillInt(I.maximumRecordAgeSeconds, R, {"maximum_record_age_in_seconds"});
    fillInt(I.batchingWindowSeconds, R, {"maximum_batching_window_in_seconds"});
    if (Source->key == "sqs")
      I.queue = queueOf(R);
    std::optional<Link> L = linkAttribute(R, {"function_name"});
    if (!L) {
      FunctionAttachment A;
      if (std::optional<std::string> Name = unlinkedName(R, {"function_name"}))
        I.qualified.set(!functionQualifierOf(*Name).empty(),
                        propertyAt(R, field(R.values, "function_name"), "function_name"));
      A.invoker = std::move(I);
      attachElsewhere(R, {"function_name"}, std::move(A));
      return;
    }
    I.qualified = qualifiedOf(R, *L, {"function_name"});
    configOf(*L).invokers.push_back(std::move(I));
  }

  /// The aws_sqs_queue a mapping reads: by reference, else by the name at
  /// the end of a literal ARN.
  std::optional<QueueInfo> queueOf(const Resource &Mapping) const {
    std::vector<Target> Targets =
        targetsOf(field(field(Mapping.expressions, "event_source_arn"), "references"), Mapping.address.modules);
    std::set<std::size_t> Queues;
    for (const auto &[Index, T] : matching(Targets, "aws_sqs_queue"))
      Queues.insert(Index);
    if (std::optional<std::string> Arn = stringField(Mapping.values, "event_source_arn"); Arn && Queues.empty()) {
      std::string Name = Arn->substr(Arn->rfind(':') + 1);
      for (std::size_t I = 0; I < Resources.size(); ++I)
        if (Resources[I].address.type == "aws_sqs_queue" && stringField(Resources[I].values, "name") == Name)
          Queues.insert(I);
    }
    // count/for_each: the mapping's own instance key picks its queue.
    if (Queues.size() > 1 && Mapping.address.resource.key) {
      std::set<std::size_t> Same;
      for (std::size_t I : Queues)
        if (Resources[I].address.resource.key == Mapping.address.resource.key)
          Same.insert(I);
      if (!Same.empty())
        Queues = std::move(Same);
    }
    if (Queues.size() != 1)
      return std::nullopt;
    return queueInfo(*Queues.begin());
  }

  QueueInfo queueInfo(std::size_t Index) const {
    const Resource &Q = Resources[Index];
    QueueInfo Info;
    Info.name = Q.id;
    Info.location = resourceStart(Q);
    fillInt(Info.visibilityTimeout, Q, {"visibility_timeout_seconds"});
    fill(Info.redrivePolicy, Q, {"redrive_policy"}, [](const YAML::Node &V) -> std::optional<std::optional<bool>> {
      if (!isPlainString(V))
        return std::nullopt;
      return V.Scalar().empty() ? std::optional<bool>() : std::optional<bool>(true);
    });
    if (auto It = SeparateRedrive.find(Index); It != SeparateRedrive.end() && !Info.redrivePolicy.written()) {
      // aws_sqs_queue_redrive_policy: written, though maybe only known after apply.
      Location Where = Src.location(Src.region(It->second.node), {Q.id, Q.id + ".redrive_policy", "property"});
      if (It->second.known)
        Info.redrivePolicy.set(true, std::move(Where));
      else
        Info.redrivePolicy.setUnknown(std::move(Where));
    }
    Info.fifo = isTrue(field(Q.values, "fifo_queue"));
    return Info;
  }

  void addPermission(const Resource &R) {
    PermissionGrant P;
    P.id = R.id;
    P.location = resourceStart(R);
    fillString(P.principal, R, {"principal"});
    fillString(P.action, R, {"action"});
    fillString(P.sourceArn, R, {"source_arn"});
    fillString(P.sourceAccount, R, {"source_account"});
    fillString(P.principalOrgId, R, {"principal_org_id"});
    fillString(P.functionUrlAuthType, R, {"function_url_auth_type"});
    fillString(P.invokedViaFunctionUrl, R, {"invoked_via_function_url"});
    std::optional<Invoker> I;
    if (P.principal.known())
      if (const InvokerSourceInfo *S = invokerForPrincipal(P.principal.value)) {
        I = makeInvoker(*S, R.id + " (" + P.principal.value + ")", resourceStart(R));
        fillQualifier(I->qualified, R, {"qualifier"});
      }
    std::optional<Link> L = linkAttribute(R, {"function_name"});
    if (!L) {
      FunctionAttachment A;
      A.permission = std::move(P);
      A.invoker = std::move(I);
      attachElsewhere(R, {"function_name"}, std::move(A));
      return;
    }
    FunctionConfig &C = configOf(*L);
    if (I) {
      I->qualified = qualifiedOf(R, *L, {"function_name"}, {"qualifier"});
      C.invokers.push_back(std::move(*I));
    }
    C.permissions.push_back(std::move(P));
  }

  void addEventInvokeConfig(const Resource &R) {
    Setting<std::string> Destination;
    fillString(Destination, R, {"destination_config", "on_failure", "destination"});
    std::optional<Link> L = linkAttribute(R, {"function_name"});
    if (!L) {
      FunctionAttachment A;
      A.onFailureDestination = std::move(Destination);
      attachElsewhere(R, {"function_name"}, std::move(A));
      return;
    }
    Setting<std::string> &Target = configOf(*L).onFailureDestination;
    if (!Target.written())
      Target = std::move(Destination);
  }

  void addFunctionUrl(const Resource &R) {
    FunctionUrl U;
    U.location = resourceStart(R);
    fillString(U.authType, R, {"authorization_type"});
    fillQualifier(U.qualified, R, {"qualifier"});
    if (YAML::Node Origins = walkPath(R.values, {"cors", "allow_origins"}); Origins.IsSequence())
      for (const auto &Origin : Origins)
        if (isPlainString(Origin) && Origin.Scalar() == "*") {
          U.corsAllowsAnyOrigin = true;
          U.corsLocation = propertyAt(R, Origin, "cors[0].allow_origins");
        }
    Invoker I = makeInvoker(*invokerSource("function-url"), R.id, resourceStart(R));
    I.qualified = U.qualified;
    std::optional<Link> L = linkAttribute(R, {"function_name"});
    if (!L) {
      FunctionAttachment A;
      A.url = std::move(U);
      A.invoker = std::move(I);
      attachElsewhere(R, {"function_name"}, std::move(A));
      return;
    }
    FunctionConfig &C = configOf(*L);
    C.invokers.push_back(std::move(I));
    C.url = std::move(U);
  }

  /// An invoker of \p SourceKey for the function that \p Value / \p Expression
  /// name; the invoker when it is on a function of this file.
  Invoker *addTrigger(const Resource &R, const char *SourceKey, const YAML::Node &Value, const YAML::Node &Expression,
                      const std::string &Property, Location Where) {
    std::optional<Link> L = linkFunction(R, Value, Expression);
    Invoker I = makeInvoker(*invokerSource(SourceKey), R.id, std::move(Where));
    Location At = written(Value) ? propertyAt(R, Value, Property) : I.location;
    if (!L) {
      // Only a literal Lambda ARN names a function elsewhere; other targets
      // (a queue behind an EventBridge rule) are not functions.
      if (!isPlainString(Value) || Value.Scalar().find(":lambda:") == std::string::npos ||
          functionNameOf(Value.Scalar()).empty())
        return nullptr;
      I.qualified.set(!functionQualifierOf(Value.Scalar()).empty(), std::move(At));
      FunctionAttachment A;
      A.functionRef = Value.Scalar();
      A.invoker = std::move(I);
      Out.attachments.push_back(std::move(A));
      return nullptr;
    }
    I.qualified.set(L->qualified, std::move(At));
    std::vector<Invoker> &List = configOf(*L).invokers;
    List.push_back(std::move(I));
    return &List.back();
  }

  /// API Gateway integrations with a Lambda function: REST (aws_api_gateway_integration,
  /// timeout 50-29,000 ms unless raised) and HTTP or WebSocket APIs (aws_apigatewayv2_integration,
  /// the API's protocol_type decides).
  void addApiIntegration(const Resource &R) {
    bool V2 = R.address.type == "aws_apigatewayv2_integration";
    const char *UriName = V2 ? "integration_uri" : "uri";
    const char *Source = "api-rest";
    if (V2) {
      Source = "api-gateway";
      std::vector<Target> Apis = targetsOf(field(field(R.expressions, "api_id"), "references"), R.address.modules);
      for (const auto &[Index, T] : matching(Apis, "aws_apigatewayv2_api")) {
        std::optional<std::string> Protocol = stringField(Resources[Index].values, "protocol_type");
        if (Protocol == "HTTP")
          Source = "api-http";
        else if (Protocol == "WEBSOCKET")
          Source = "api-websocket";
      }
    }
    Invoker *I = addTrigger(R, Source, field(R.values, UriName), field(R.expressions, UriName), UriName,
                            resourceStart(R));
    if (I)
      fillInt(I->integrationTimeoutMs, R, {"timeout_milliseconds"});
  }

  void addBucketNotification(const Resource &R) {
    YAML::Node Items = field(R.values, "lambda_function");
    if (!Items.IsSequence())
      return;
    const YAML::Node Expressions = field(R.expressions, "lambda_function");
    std::size_t Index = 0;
    for (const auto &Item : Items) {
      const YAML::Node Expression =
          Expressions.IsSequence() && Index < Expressions.size() ? Expressions[Index] : YAML::Node();
      std::string Property = "lambda_function[" + std::to_string(Index) + "].lambda_function_arn";
      addTrigger(
          R, "s3", field(Item, "lambda_function_arn"), field(Expression, "lambda_function_arn"), Property,
          Src.location(Src.start(Item), {R.id, R.id + ".lambda_function[" + std::to_string(Index) + "]", "property"}));
      ++Index;
    }
  }

  void addTopicSubscription(const Resource &R) {
    if (stringField(R.values, "protocol") != "lambda")
      return;
    addTrigger(R, "sns", field(R.values, "endpoint"), field(R.expressions, "endpoint"), "endpoint", resourceStart(R));
  }

  void addEventTarget(const Resource &R) {
    addTrigger(R, "eventbridge", field(R.values, "arn"), field(R.expressions, "arn"), "arn", resourceStart(R));
  }
};

} // namespace

void loadTerraformDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  TerraformLoader(Source, Out).load(Root);
}

} // namespace fnlint
