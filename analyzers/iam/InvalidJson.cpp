//===- InvalidJson.cpp - iam/invalid-json -----------------------------------===//
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class InvalidJson final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/invalid-json"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    if (!P.invalid || isUnknownDocument(P))
      return;
    Finding &F = Out.report(ruleId(), policyName(P) + ": " + *P.invalid, P.location);
    F.fingerprintKey = P.name;
  }
};

} // namespace
std::unique_ptr<IamCheck> makeInvalidJson() { return std::make_unique<InvalidJson>(); }
} // namespace fnlint::iam
