//===- UnknownElement.cpp - iam/unknown-element -----------------------------===//
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class UnknownElement final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/unknown-element"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    for (const PolicyString &E : P.unknownElements)
      report(P, E, "the policy", Out);
    std::size_t Index = 0;
    for (const PolicyStatement &S : P.statements) {
      ++Index;
      for (const PolicyString &E : S.unknownElements)
        report(P, E, statementName(S, Index), Out);
    }
  }

private:
  void report(const Policy &P, const PolicyString &E, const std::string &Where, FindingSink &Out) const {
    Finding &F = Out.report(ruleId(),
                            Where + " of " + policyName(P) + " has an element \"" + E.value +
                                "\" IAM does not know (names are case-sensitive)",
                            E.location);
    F.fingerprintKey = P.name + " " + E.value;
  }
};

} // namespace
std::unique_ptr<IamCheck> makeUnknownElement() { return std::make_unique<UnknownElement>(); }
} // namespace fnlint::iam
