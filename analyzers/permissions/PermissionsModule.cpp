//===- analyzers/permissions/PermissionsModule.cpp - Least-privilege rules ===//
//
// Links each function to its execution role (FunctionConfig::rolePrincipal)
// and to the inventory of its handler, keeps the roles whose policies are
// all known (every policy read, every managed policy one of the Lambda
// policies of rules/data/lambda-managed-policies.yaml, every SAM policy
// template expanded), and runs the permissions checks on each. Roles are
// judged once, with every function that uses them.
//
//===----------------------------------------------------------------------===//
#include "analyzers/permissions/Permissions.h"
#include "analyzers/permissions/PermissionsCheck.h"

#include "core/AsciiCase.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <deque>

namespace fnlint::permissions {

PermissionsCheck::~PermissionsCheck() = default;

std::string callName(const SdkCall &C) {
  return C.operation + " (" + C.service + ", " + std::string(sdkName(C.sdk)) + ")";
}

std::string writtenText(const Project &P, const Location &Where) {
  auto It = P.texts.find(Where.path);
  const Region &R = Where.region;
  if (It == P.texts.end() || R.startLine == 0 || R.startLine != R.endLine || R.endColumn <= R.startColumn)
    return {};
  std::string_view Text = It->second;
  for (std::uint32_t Line = 1; Line < R.startLine; ++Line) {
    std::size_t Next = Text.find('\n');
    if (Next == std::string_view::npos)
      return {};
    Text.remove_prefix(Next + 1);
  }
  Text = Text.substr(0, Text.find('\n'));
  if (R.startColumn - 1 >= Text.size())
    return {};
  return std::string(Text.substr(R.startColumn - 1, R.endColumn - R.startColumn));
}

std::string functionsName(const RoleView &R) {
  std::string Out = R.users.size() == 1 ? "function " : "functions ";
  for (std::size_t I = 0; I < R.users.size(); ++I)
    Out += (I ? ", " : "") + R.users[I].function->logicalId;
  return Out;
}

namespace {

struct ManagedPolicy {
  std::string name, path;
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> statements; ///< actions, resources
};

const std::vector<ManagedPolicy> &managedPolicies() {
  static const std::vector<ManagedPolicy> T = [] {
    std::vector<ManagedPolicy> T;
    auto J = nlohmann::json::parse(findDataTable("lambda-managed-policies")->json);
    for (const auto &V : J.at("values")) {
      ManagedPolicy M{V.at("name").get<std::string>(), V.at("path").get<std::string>(), {}};
      for (const auto &S : V.at("statements"))
        M.statements.emplace_back(S.at("actions").get<std::vector<std::string>>(),
                                  S.at("resources").get<std::vector<std::string>>());
      T.push_back(std::move(M));
    }
    return T;
  }();
  return T;
}

/// The table's policy an ARN names ("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"), or null.
const ManagedPolicy *findManaged(std::string_view Arn) {
  for (const ManagedPolicy &M : managedPolicies()) {
    std::string Suffix = ":iam::aws:policy/" + M.path + M.name;
    if (Arn.size() > Suffix.size() && Arn.substr(Arn.size() - Suffix.size()) == Suffix && Arn.rfind("arn:", 0) == 0)
      return &M;
  }
  return nullptr;
}

Policy policyOf(const ManagedPolicy &M, const Location &Where) {
  Policy P;
  P.name = M.name;
  P.location = Where;
  P.source = "managed";
  for (const auto &[Actions, Resources] : M.statements) {
    PolicyStatement S;
    S.location = Where;
    S.effect = PolicyString{"Allow", Where, true};
    S.hasAction = S.hasResource = true;
    for (const std::string &A : Actions)
      S.actions.push_back({A, Where, true});
    for (const std::string &R : Resources)
      S.resources.push_back({R, Where, true});
    P.statements.push_back(std::move(S));
  }
  return P;
}

/// The role principal \p F names: the one of its own file, else the only one of that id;
/// for a function that names its role by ARN (`aws lambda get-function` output), the role
/// of that name in `aws iam` output.
const IamPrincipal *roleOf(const Project &P, const Deployable &F) {
  const std::string &Id = F.config.rolePrincipal;
  if (Id.empty())
    return F.config.role.known() ? roleByArn(P.iamPrincipals, F.config.role.value, F.location.path) : nullptr;
  const IamPrincipal *Only = nullptr;
  int Count = 0;
  for (const IamPrincipal &R : P.iamPrincipals) {
    if (R.id != Id || R.kind != IamPrincipal::Kind::Role)
      continue;
    if (R.location.path == F.location.path)
      return &R;
    Only = &R;
    ++Count;
  }
  return Count == 1 ? Only : nullptr;
}

const CallInventory *inventoryOf(const std::vector<CallInventory> &Inventories, const Deployable &F) {
  for (const CallInventory &I : Inventories)
    if (I.functionId == F.logicalId && (I.functionFile.empty() || I.functionFile == F.location.path))
      return &I;
  // A C/C++ handler names no function (it is found through run_handler): it
  // belongs to the function whose code folder holds it, when it is the only
  // handler there.
  if (!F.package || !F.package->isFolder() || F.package->location.path.empty())
    return nullptr;
  std::string Folder = F.package->location.path + "/";
  const CallInventory *Only = nullptr;
  for (const CallInventory &I : Inventories) {
    if (!I.functionId.empty() || I.handler.path.rfind(Folder, 0) != 0)
      continue;
    if (Only)
      return nullptr; // two handlers in one folder: which one is this function's is unknown
    Only = &I;
  }
  return Only;
}

void addAll(ServiceNeeds &Out, std::initializer_list<std::string_view> Actions, const std::string &Why) {
  for (std::string_view A : Actions) {
    Out.emplace(toLowerAscii(A), Why);
  }
}

/// What sending a failed event to \p Target (an ARN or reference) needs.
void destinationNeeds(const Setting<std::string> &Target, const std::string &What, ServiceNeeds &Out) {
  if (!Target.written())
    return;
  const std::string &V = Target.value;
  bool Known = Target.known() && V.rfind("arn:", 0) == 0;
  std::string Why = "Lambda sends failed events to the " + What;
  if (!Known || V.find(":sqs:") != std::string::npos)
    addAll(Out, {"sqs:SendMessage"}, Why);
  if (!Known || V.find(":sns:") != std::string::npos)
    addAll(Out, {"sns:Publish"}, Why);
  if (!Known || V.find(":lambda:") != std::string::npos)
    addAll(Out, {"lambda:InvokeFunction"}, Why);
  if (!Known || V.find(":events:") != std::string::npos)
    addAll(Out, {"events:PutEvents"}, Why);
  if (!Known || V.find(":s3:") != std::string::npos)
    addAll(Out, {"s3:PutObject", "s3:ListBucket"}, Why);
}

} // namespace

bool serviceNeeds(const Deployable &F, ServiceNeeds &Out, std::string &Why) {
  const FunctionConfig &C = F.config;
  if (!F.layers.empty() || C.layerCount.written()) {
    // Layer code (a shared module, an extension such as the Parameters and
    // Secrets extension) runs with the role and calls what it likes.
    Why = "its layers' code runs with the role; its AWS calls are not listed";
    return false;
  }
  addAll(Out, {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
         "Lambda writes the function's logs with its role");
  if (!C.tracingMode.known() || C.tracingMode.value == "Active")
    if (C.tracingMode.written())
      addAll(Out,
             {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
              "xray:GetSamplingStatisticSummaries"},
             "Lambda sends traces with the role when tracing is Active");
  if (C.subnetCount.written())
    addAll(Out,
           {"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"},
           "Lambda creates the function's network interfaces in its VPC with the role");
  if (C.kmsKeyArn.written())
    addAll(Out, {"kms:Decrypt"}, "Lambda decrypts the environment with the function's KmsKeyArn");
  // A mount uses the role; only CloudFormation/SAM say whether there is one.
  addAll(Out,
         {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess",
          "s3files:ClientMount", "s3files:ClientWrite", "s3files:ClientRootAccess"},
         "Lambda mounts file systems (FileSystemConfigs) with the role");
  if (C.fileSystems) // an S3 Files mount reads large objects straight from the bucket, with the role
    addAll(Out, {"s3:GetObject", "s3:GetObjectVersion"}, "the function's S3 Files mount reads objects with the role");
  destinationNeeds(C.deadLetterTarget, "dead-letter queue", Out);
  destinationNeeds(C.onFailureDestination, "on-failure destination", Out);
  for (const Invoker &I : C.invokers) {
    if (I.kind != InvocationKind::Polled)
      continue;
    std::string Because = "the event source mapping (" + I.evidence + ") reads with the role";
    if (I.source == "sqs") {
      addAll(Out, {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"},
             Because);
    } else if (I.source == "kinesis") {
      addAll(Out,
             {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
              "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"},
             Because);
    } else if (I.source == "dynamodb") {
      addAll(Out,
             {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"},
             Because);
    } else {
      Why = "event source " + I.source + " (" + I.evidence + ") needs permissions fnlint does not list";
      return false;
    }
    destinationNeeds(I.onFailureDestination, "on-failure destination of " + I.evidence, Out);
  }
  return true;
}

void analyzePermissions(const Project &P, const std::vector<CallInventory> &Inventories,
                        std::vector<Finding> &Findings) {
  std::vector<std::unique_ptr<PermissionsCheck>> Checks;
  Checks.push_back(makeMissingGrant());
  Checks.push_back(makeUnusedGrant());

  // Roles in first-use order, each with every function using it.
  std::vector<RoleView> Roles;
  std::map<const IamPrincipal *, std::size_t> RoleIndex;
  for (const Deployable &F : P.deployables) {
    if (F.kind != Deployable::Kind::Function)
      continue;
    const IamPrincipal *Role = roleOf(P, F);
    if (!Role)
      continue;
    auto [It, New] = RoleIndex.emplace(Role, Roles.size());
    if (New) {
      Roles.emplace_back();
      Roles.back().role = Role;
      Roles.back().project = &P;
    }
    RoleUser U{&F, inventoryOf(Inventories, F), {}};
    if (U.inventory)
      for (const SdkCall &C : U.inventory->calls)
        U.calls.push_back({&C, mapCall(C, iamDatabase())});
    Roles[It->second].users.push_back(std::move(U));
  }

  std::deque<Policy> Managed; // stable addresses for RoleView::policies
  FindingSink Sink;
  for (RoleView &R : Roles) {
    bool Known = R.role->unexpandedTemplates.empty();
    for (std::size_t I : R.role->policies) {
      const Policy &Pol = P.policies[I];
      if (Pol.kind != Policy::Kind::Identity)
        continue; // the trust policy says who may assume the role, not what it may do
      Known = Known && !Pol.invalid;
      R.policies.push_back(&Pol);
      R.scanned.push_back(&Pol);
    }
    for (const PolicyString &Arn : R.role->managedPolicyArns) {
      const ManagedPolicy *M = Arn.known ? findManaged(Arn.value) : nullptr;
      if (!M) {
        Known = false;
        break;
      }
      Managed.push_back(policyOf(*M, Arn.location));
      R.policies.push_back(&Managed.back());
    }
    if (!Known)
      continue; // a policy fnlint cannot see may grant or deny anything
    for (const auto &Check : Checks)
      Check->check(R, Sink);
  }
  for (Finding &F : Sink.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::permissions
