//===- ResourceMismatch.cpp - iam/resource-mismatch -------------------------===//
#include "analyzers/iam/ActionNames.h"
#include "analyzers/iam/Arn.h"
#include "analyzers/iam/IamCheck.h"
#include "analyzers/iam/PolicyEval.h"

#include <algorithm>
#include <unordered_set>

namespace fnlint::iam {
namespace {

/// Actions whose resource types the database lists incompletely: API Gateway's
/// REST and HTTP API references share these names, and only the REST API
/// resource types survive the merge. They are taken to accept every resource
/// type of their service.
constexpr std::string_view IncompleteActions[] = {"DELETE", "GET", "PATCH", "POST", "PUT"};
constexpr std::string_view IncompleteService = "apigateway";

/// A service renamed in ARNs: both names are accepted for the other's resources.
constexpr std::string_view RenamedServices[][2] = {{"codestar-connections", "codeconnections"}};

/// What the actions of one statement accept as resources.
struct Accepted {
  std::vector<const IamResourceType *> types; ///< every resource type of every action, once
  std::vector<const IamAction *> actions;
};

/// The resource types \p S's actions apply to; nullopt when fnlint cannot
/// tell (an unknown or unreadable action, NotAction, everything).
std::optional<Accepted> acceptedResources(const PolicyStatement &S, const IamDatabase &Db) {
  if (S.notAction || S.actions.empty())
    return std::nullopt;
  Accepted Out;
  std::unordered_set<const IamAction *> SeenActions;
  for (const PolicyString &A : S.actions) {
    if (!A.known)
      return std::nullopt;
    ActionName Kind = classifyAction(A.value, Db);
    if (Kind != ActionName::Known && Kind != ActionName::ServiceWildcard)
      return std::nullopt; // unknown names are other rules' findings; "*" accepts anything
    std::vector<const IamAction *> Matches = Db.expand(A.value);
    if (Matches.empty())
      return std::nullopt;
    for (const IamAction *M : Matches)
      if (SeenActions.insert(M).second)
        Out.actions.push_back(M);
  }
  std::unordered_set<const IamResourceType *> SeenTypes;
  for (const IamAction *A : Out.actions) {
    if (A->service->prefix == IncompleteService &&
        std::find(std::begin(IncompleteActions), std::end(IncompleteActions), A->name) != std::end(IncompleteActions)) {
      for (const IamResourceType &T : A->service->resourceTypes)
        if (SeenTypes.insert(&T).second)
          Out.types.push_back(&T);
      continue;
    }
    for (const IamActionResource &R : A->resources) {
      if (!R.type)
        return std::nullopt; // the data names a type it does not describe
      if (SeenTypes.insert(R.type).second)
        Out.types.push_back(R.type);
    }
  }
  return Out;
}

bool anyFormatOverlaps(const Accepted &A, std::string_view Resource) {
  for (const IamResourceType *T : A.types)
    for (std::string_view Format : T->arnFormats)
      if (arnFormatOverlaps(Format, Resource))
        return true;
  return false;
}

/// \p Arn with the other name of a renamed service, or empty.
std::string renamedService(std::string_view Arn) {
  std::string_view P[6];
  if (!splitArn(Arn, P))
    return {};
  for (const auto &Names : RenamedServices)
    for (int I = 0; I < 2; ++I)
      if (P[2] == Names[I])
        return std::string(Arn.substr(0, P[2].data() - Arn.data())) + std::string(Names[1 - I]) +
               std::string(Arn.substr(P[2].data() + P[2].size() - Arn.data()));
  return {};
}

bool accepts(const Accepted &A, std::string_view Resource) {
  if (anyFormatOverlaps(A, Resource))
    return true;
  std::string Renamed = renamedService(Resource);
  return !Renamed.empty() && anyFormatOverlaps(A, Renamed);
}

/// "s3:GetObject, s3:PutObject take object (arn:${Partition}:s3:::${BucketName}/${ObjectName})":
/// actions grouped by the resource types they take, a few of each.
std::string expected(const Accepted &A) {
  constexpr std::size_t GroupsShown = 3, ActionsShown = 4;
  struct Group {
    std::vector<const IamResourceType *> types; ///< empty: only "*"
    std::vector<const IamAction *> actions;
  };
  std::vector<Group> Groups;
  for (const IamAction *Action : A.actions) {
    std::vector<const IamResourceType *> Types;
    for (const IamActionResource &R : Action->resources)
      Types.push_back(R.type);
    auto It = std::find_if(Groups.begin(), Groups.end(), [&](const Group &G) { return G.types == Types; });
    if (It == Groups.end())
      It = Groups.insert(Groups.end(), Group{std::move(Types), {}});
    It->actions.push_back(Action);
  }
  std::string Out;
  for (std::size_t G = 0; G < Groups.size() && G < GroupsShown; ++G) {
    const Group &Gr = Groups[G];
    Out += G ? "; " : "";
    for (std::size_t I = 0; I < Gr.actions.size() && I < ActionsShown; ++I)
      Out += (I ? ", " : "") + Gr.actions[I]->qualifiedName();
    if (Gr.actions.size() > ActionsShown)
      Out += " and " + std::to_string(Gr.actions.size() - ActionsShown) + " more";
    Out += Gr.actions.size() > 1 ? " take " : " takes ";
    if (Gr.types.empty())
      Out += "only \"*\"";
    for (std::size_t I = 0; I < Gr.types.size(); ++I) {
      Out += (I ? ", " : "") + std::string(Gr.types[I]->name);
      if (!Gr.types[I]->arnFormats.empty())
        Out += " (" + std::string(Gr.types[I]->arnFormats.front()) + ")";
    }
  }
  if (Groups.size() > GroupsShown)
    Out += "; ...";
  return Out;
}

class ResourceMismatch final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/resource-mismatch"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    if (isAwsWrittenPolicy(P))
      return;
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      if (S.notResource || !hasLiteralArn(S))
        continue; // the common Resource "*" costs nothing
      std::optional<Accepted> A = acceptedResources(S, Ctx.database);
      if (!A)
        continue;
      for (const PolicyString &R : S.resources) {
        if (!isLiteralArn(R) || accepts(*A, R.value))
          continue;
        Finding &F = Out.report(ruleId(),
                                "no action of " + statementName(S, I + 1) + " applies to " + R.value + ": " +
                                    expected(*A) + " (in " + policyName(P) + ")",
                                R.location);
        F.fingerprintKey = P.name + " " + R.value;
      }
    }
  }

private:
  /// A resource fnlint can judge: known, an ARN, not "*", and not owned by
  /// AWS (account "aws": CloudFormation transforms, public model hubs), whose
  /// resource types the reference mostly leaves out.
  static bool isLiteralArn(const PolicyString &R) {
    std::string_view Parts[6];
    return R.known && !isAllStars(R.value) && R.value.compare(0, 4, "arn:") == 0 && splitArn(R.value, Parts) &&
           Parts[4] != "aws";
  }
  static bool hasLiteralArn(const PolicyStatement &S) {
    return std::any_of(S.resources.begin(), S.resources.end(), isLiteralArn);
  }
};

} // namespace
std::unique_ptr<IamCheck> makeResourceMismatch() { return std::make_unique<ResourceMismatch>(); }
} // namespace fnlint::iam
