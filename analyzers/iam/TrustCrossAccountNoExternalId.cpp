//===- TrustCrossAccountNoExternalId.cpp - iam/trust-cross-account-no-external-id ===//
//
// A role trust policy lets an AWS principal of another account assume the
// role with nothing that ties the request to this use: no sts:ExternalId
// (the third party's guard against the confused deputy), no organization
// or principal ARN condition, no MFA condition (a person crossing accounts).
// "Another account": not the role's own account when the input says which
// that is; otherwise any literal account id. Accounts written with
// `${AWS::AccountId}` or known only after apply are unknown, never reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/IamCheck.h"
#include "analyzers/iam/TrustPolicy.h"

#include <algorithm>

namespace fnlint::iam {
namespace {

bool isTrue(const PolicyString &V) {
  return !V.known || V.value == "true" || V.value == "True" || V.value == "TRUE";
}

/// A condition that ties the assumption to an agreement, an organization,
/// a principal or a person with MFA.
bool pinned(const PolicyStatement &S) {
  if (pinningCondition(S, {"sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn",
                           "aws:MultiFactorAuthAge"}))
    return true;
  const PolicyCondition *Mfa = pinningCondition(S, {"aws:MultiFactorAuthPresent"});
  return Mfa && std::all_of(Mfa->values.begin(), Mfa->values.end(), isTrue);
}

class TrustCrossAccountNoExternalId final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/trust-cross-account-no-external-id"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    if (P.kind != Policy::Kind::Trust)
      return;
    const IamPrincipal *Owner = Ctx.owners[static_cast<std::size_t>(&P - Ctx.project.policies.data())];
    std::string OwnAccount = Owner ? Owner->account : std::string();
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      if (S.conditional || S.notPrincipal || !hasEffect(S, "Allow") || !coversAnyAction(S, {"sts:AssumeRole"}) ||
          pinned(S))
        continue;
      for (const PolicyPrincipal &Pr : S.principals) {
        if (Pr.type != "AWS")
          continue;
        for (const PolicyString &V : Pr.values) {
          std::string Account = V.known ? principalAccount(V.value) : std::string();
          if (Account.empty() || Account == OwnAccount)
            continue;
          std::string Named = V.value == Account ? "" : " (" + V.value + ")";
          Finding &F = Out.report(ruleId(),
                                  statementName(S, I + 1) + " of " + policyName(P) + " lets account " + Account +
                                      Named + " assume the role with no sts:ExternalId, organization or MFA condition",
                                  V.location);
          F.fingerprintKey = P.name + " " + V.value;
        }
      }
    }
  }
};

} // namespace
std::unique_ptr<IamCheck> makeTrustCrossAccountNoExternalId() {
  return std::make_unique<TrustCrossAccountNoExternalId>();
}
} // namespace fnlint::iam
