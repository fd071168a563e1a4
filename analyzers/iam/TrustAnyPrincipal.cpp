//===- TrustAnyPrincipal.cpp - iam/trust-any-principal --------------------===//
//
// A role trust policy that lets anyone assume the role: an Allow for an
// sts:AssumeRole* action with Principal "*", an AWS principal of any account,
// or NotPrincipal. A condition on a key that names the caller (its
// organization, account or ARN, or the source of a service's request) makes
// it acceptable; other conditions (an external id, MFA, a source IP) do not
// say who the caller is, and lower the finding to a warning.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/IamCheck.h"
#include "analyzers/iam/TrustPolicy.h"

namespace fnlint::iam {
namespace {

/// The principal value of \p S that is "anyone"; null when none is.
const PolicyString *anyonePrincipal(const PolicyStatement &S) {
  for (const PolicyPrincipal &P : S.principals)
    for (const PolicyString &V : P.values)
      if (V.known && ((P.type == "*" && V.value == "*") || (P.type == "AWS" && isAnyAccount(V.value))))
        return &V;
  return nullptr;
}

class TrustAnyPrincipal final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/trust-any-principal"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    if (P.kind != Policy::Kind::Trust)
      return;
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      if (S.conditional || !grantsAssumeRole(S))
        continue;
      const PolicyString *Anyone = anyonePrincipal(S);
      if (!Anyone && !(S.notPrincipal && !S.principals.empty()))
        continue;
      if (pinningCondition(S, {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount",
                               "aws:PrincipalArn", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
                               "aws:SourceOrgPaths"}))
        continue;
      std::string Who = Anyone ? "any AWS principal (\"" + Anyone->value + "\")"
                               : std::string("every principal except those its NotPrincipal names");
      std::string Message = statementName(S, I + 1) + " of " + policyName(P) + " lets " + Who + " assume the role";
      if (!S.conditions.empty())
        Message += "; its conditions do not say which organization, account or principal may";
      Finding &F = Out.report(ruleId(), std::move(Message), Anyone ? Anyone->location : S.principals.front().location);
      if (!S.conditions.empty())
        F.level = Level::Warning;
      F.fingerprintKey = P.name + " " + statementName(S, I + 1);
    }
  }
};

} // namespace
std::unique_ptr<IamCheck> makeTrustAnyPrincipal() { return std::make_unique<TrustAnyPrincipal>(); }
} // namespace fnlint::iam
