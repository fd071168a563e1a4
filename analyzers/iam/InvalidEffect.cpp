//===- InvalidEffect.cpp - iam/invalid-effect -------------------------------===//
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class InvalidEffect final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/invalid-effect"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    std::size_t Index = 0;
    for (const PolicyStatement &S : P.statements) {
      std::string Which = statementName(S, ++Index);
      if (!S.effect) {
        Finding &F = Out.report(ruleId(), Which + " of " + policyName(P) + " has no Effect", S.location);
        F.fingerprintKey = P.name + " " + Which;
        continue;
      }
      if (!S.effect->known || S.effect->value == "Allow" || S.effect->value == "Deny")
        continue;
      Finding &F = Out.report(ruleId(),
                              Which + " of " + policyName(P) + " has Effect \"" + S.effect->value +
                                  "\"; IAM accepts exactly \"Allow\" or \"Deny\"",
                              S.effect->location);
      F.fingerprintKey = P.name + " " + Which;
    }
  }
};

} // namespace
std::unique_ptr<IamCheck> makeInvalidEffect() { return std::make_unique<InvalidEffect>(); }
} // namespace fnlint::iam
