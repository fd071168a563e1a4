//===- UnusedGrant.cpp - permissions/unused-grant --------------------------===//
//
// Actions an Allow statement of the role grants that neither the code of any
// function using the role nor Lambda itself (logs, X-Ray, event source
// mappings, VPC, DLQ and destinations, KMS) needs. Reported per statement:
// entries that match nothing needed, and wildcards that match far more than
// what is used. A SAM policy template is judged whole (its statements are
// not the user's to trim): reported only when nothing it grants is needed.
// Silent for a role when any function using it has no inventory, a partial
// one, or a call fnlint could not map to IAM.
//
//===----------------------------------------------------------------------===//
#include "analyzers/permissions/PermissionsCheck.h"

#include "analyzers/iam/PolicyEval.h"
#include "core/AsciiCase.h"

#include <algorithm>
#include <set>

namespace fnlint::permissions {
namespace {

std::string spelled(const std::string &LowerAction) {
  const IamAction *A = iamDatabase().findAction(LowerAction);
  return A ? A->qualifiedName() : LowerAction;
}

std::string join(const std::vector<std::string> &V) {
  std::string Out;
  for (const std::string &S : V)
    Out += (Out.empty() ? "" : ", ") + S;
  return Out;
}

/// The needed actions (lower-case) \p Pattern matches, in the database's spelling.
std::vector<std::string> matching(const ServiceNeeds &Needs, std::string_view Pattern) {
  std::vector<std::string> Out;
  for (const auto &[Action, Why] : Needs)
    if (iam::actionMatches(Pattern, Action))
      Out.push_back(spelled(Action));
  return Out;
}

/// Whether grant \p Pattern reaches an action a service may use on a call's behalf.
bool mayBeIndirect(const std::vector<std::string> &Indirect, std::string_view Pattern) {
  if (Indirect.empty())
    return false;
  for (const IamAction *A : iamDatabase().expand(Pattern)) {
    std::string Name = A->qualifiedName();
    for (const std::string &P : Indirect)
      if (iam::actionMatches(P, Name))
        return true;
  }
  return false;
}

class UnusedGrant final : public PermissionsCheck {
public:
  std::string_view ruleId() const override { return "permissions/unused-grant"; }

  void check(const RoleView &R, FindingSink &Out) const override {
    ServiceNeeds Needs;
    std::vector<std::string> Indirect; // patterns services may use on the calls' behalf
    for (const RoleUser &U : R.users) {
      if (!U.inventory || !U.inventory->partial.empty())
        return;
      for (const NeededCall &C : U.calls) {
        if (C.mapped.kind == MappedCall::Kind::Unmapped)
          return;
        for (const std::string &A : C.mapped.actions)
          Needs.emplace(toLowerAscii(A), "called by " + U.function->logicalId);
        Indirect.insert(Indirect.end(), C.mapped.indirect.begin(), C.mapped.indirect.end());
      }
      std::string Why;
      if (!serviceNeeds(*U.function, Needs, Why))
        return;
    }
    nlohmann::json Suggested = suggestion(R, Needs);
    std::string Keep;
    for (const auto &S : Suggested)
      for (const auto &A : S["Action"])
        Keep += (Keep.empty() ? "" : ", ") + A.get<std::string>();

    for (const Policy *Pol : R.scanned) {
      if (Pol->source == "sam-template") {
        templateUnused(R, *Pol, Needs, Indirect, Suggested, Keep, Out);
        continue;
      }
      std::size_t Index = 0;
      for (const PolicyStatement &S : Pol->statements) {
        ++Index;
        if (!S.effect || !S.effect->known || S.effect->value != "Allow" || S.notAction || !S.hasAction)
          continue;
        std::vector<std::string> Unused;
        nlohmann::json Broad = nlohmann::json::array();
        std::vector<std::string> BroadText;
        for (const PolicyString &A : S.actions) {
          if (!A.known)
            continue;
          std::vector<std::string> Used = matching(Needs, A.value);
          if (Used.empty() && mayBeIndirect(Indirect, A.value))
            continue;
          if (Used.empty()) {
            Unused.push_back(A.value);
          } else if (A.value.find_first_of("*?") != std::string::npos &&
                     iamDatabase().expand(A.value).size() > Used.size()) {
            Broad.push_back({{"pattern", A.value}, {"used", Used}});
            BroadText.push_back(A.value + " (only " + join(Used) + " needed)");
          }
        }
        if (Unused.empty() && BroadText.empty())
          continue;
        std::string Msg = statementText(S, Index) + " of policy " + Pol->name + " (role " + R.role->id + ") grants ";
        if (!Unused.empty())
          Msg += join(Unused) + ", which no call of " + functionsName(R) + " needs";
        if (!BroadText.empty())
          Msg += std::string(Unused.empty() ? "" : "; and ") + "more than used: " + join(BroadText);
        if (!Keep.empty())
          Msg += "; least privilege keeps " + Keep;
        Finding &F = Out.report(ruleId(), Msg, S.location);
        F.fingerprintKey = R.role->id + "/" + Pol->name + "/" + std::to_string(Index);
        F.properties["role"] = R.role->id;
        F.properties["unusedActions"] = Unused;
        F.properties["broaderThanUsed"] = Broad;
        F.properties["suggestedStatements"] = Suggested;
      }
    }
  }

private:
  static std::string statementText(const PolicyStatement &S, std::size_t Index) {
    if (S.sid && S.sid->known && !S.sid->value.empty())
      return "statement \"" + S.sid->value + "\"";
    return "statement " + std::to_string(Index);
  }

  void templateUnused(const RoleView &R, const Policy &Pol, const ServiceNeeds &Needs,
                      const std::vector<std::string> &Indirect, const nlohmann::json &Suggested,
                      const std::string &Keep, FindingSink &Out) const {
    std::vector<std::string> Actions;
    for (const PolicyStatement &S : Pol.statements)
      for (const PolicyString &A : S.actions) {
        if (!A.known || !matching(Needs, A.value).empty() || mayBeIndirect(Indirect, A.value))
          return;
        Actions.push_back(A.value);
      }
    if (Actions.empty())
      return;
    std::string Name = Pol.name.substr(Pol.name.rfind('/') + 1);
    std::string Msg = "SAM policy template " + Name + " (role " + R.role->id + ") grants " + join(Actions) +
                      ", which no call of " + functionsName(R) + " needs";
    if (!Keep.empty())
      Msg += "; least privilege keeps " + Keep;
    Finding &F = Out.report(ruleId(), Msg, Pol.location);
    F.fingerprintKey = R.role->id + "/" + Pol.name;
    F.properties["role"] = R.role->id;
    F.properties["unusedActions"] = Actions;
    F.properties["broaderThanUsed"] = nlohmann::json::array();
    F.properties["suggestedStatements"] = Suggested;
  }

  /// The least-privilege statements for the needed actions the role's own
  /// policies grant: each action under the resources of the statement that
  /// granted it, actions with the same resources together.
  static nlohmann::json suggestion(const RoleView &R, const ServiceNeeds &Needs) {
    std::map<std::vector<std::string>, std::set<std::string>> ByResources;
    for (const auto &[Action, Why] : Needs)
      for (const Policy *Pol : R.scanned) {
        const PolicyStatement *Grant = nullptr;
        for (const PolicyStatement &S : Pol->statements)
          if (S.effect && S.effect->known && S.effect->value == "Allow" &&
              iam::statementCoversAction(S, Action) == true) {
            Grant = &S;
            break;
          }
        if (!Grant)
          continue;
        std::vector<std::string> Resources;
        for (const PolicyString &Res : Grant->resources)
          if (Res.known) {
            Resources.push_back(Res.value);
          } else {
            // A SAM template's resource keeps its pattern ("arn:${AWS::Partition}:s3:::${BucketName}/*");
            // a template's own value is what the file writes (`!GetAtt Table.Arn`).
            std::string Written = Pol->source == "sam-template" && !Res.value.empty()
                                      ? Res.value
                                      : writtenText(*R.project, Res.location);
            Resources.push_back(!Written.empty() ? Written
                                                 : "(as written at line " +
                                                       std::to_string(Res.location.region.startLine) + ")");
          }
        ByResources[Resources].insert(spelled(Action));
        break;
      }
    nlohmann::json Out = nlohmann::json::array();
    for (const auto &[Resources, Actions] : ByResources)
      Out.push_back({{"Effect", "Allow"},
                     {"Action", std::vector<std::string>(Actions.begin(), Actions.end())},
                     {"Resource", Resources}});
    return Out;
  }
};

} // namespace
std::unique_ptr<PermissionsCheck> makeUnusedGrant() { return std::make_unique<UnusedGrant>(); }
} // namespace fnlint::permissions
