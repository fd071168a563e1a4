//===- InvalidVersion.cpp - iam/invalid-version -----------------------------===//
//
// A Version IAM rejects is an error; no Version at all is a warning, and
// only when the policy uses policy variables, which are then literal text.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

bool usesVariables(const Policy &P) {
  auto Has = [](const std::vector<PolicyString> &Values) {
    for (const PolicyString &V : Values)
      if (V.known && V.value.find("${") != std::string::npos)
        return true;
    return false;
  };
  for (const PolicyStatement &S : P.statements) {
    if (Has(S.resources))
      return true;
    for (const PolicyCondition &C : S.conditions)
      if (Has(C.values))
        return true;
  }
  return false;
}

class InvalidVersion final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/invalid-version"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    if (P.invalid)
      return;
    if (P.version && P.version->known && P.version->value == "2008-10-17") {
      if (!usesVariables(P))
        return;
      Finding &F = Out.report(ruleId(),
                              policyName(P) + " has Version \"2008-10-17\", so its policy variables (${...}) are "
                                              "literal text and match nothing; use \"2012-10-17\"",
                              P.version->location);
      F.fingerprintKey = P.name;
      return;
    }
    if (P.version) {
      if (!P.version->known || P.version->value == "2012-10-17")
        return;
      Finding &F = Out.report(ruleId(),
                              policyName(P) + " has Version \"" + P.version->value +
                                  "\"; IAM accepts only \"2012-10-17\" (current) and \"2008-10-17\"",
                              P.version->location);
      F.level = Level::Error;
      F.fingerprintKey = P.name;
      return;
    }
    if (!usesVariables(P))
      return;
    Finding &F = Out.report(ruleId(),
                            policyName(P) + " has no Version, so its policy variables (${...}) are literal text "
                                            "and match nothing; add \"Version\": \"2012-10-17\"",
                            P.location);
    F.fingerprintKey = P.name;
  }
};

} // namespace
std::unique_ptr<IamCheck> makeInvalidVersion() { return std::make_unique<InvalidVersion>(); }
} // namespace fnlint::iam
