//===- UnqualifiedTrigger.cpp - lambda/unqualified-trigger ------------------===//
//
// With an alias published, traffic is meant to go through it (gradual
// deployments, rollbacks, provisioned concurrency). A trigger bound to the
// unqualified function bypasses all of that and runs $LATEST.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class UnqualifiedTrigger final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/unqualified-trigger"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const FunctionConfig &C = F.config;
    if (!C.autoPublishAlias.written())
      return;
    std::string Alias = C.autoPublishAlias.known() ? " " + C.autoPublishAlias.value : "";
    for (const Invoker &I : C.invokers) {
      if (!I.qualified.known() || I.qualified.value)
        continue;
      Finding &R = Out.report(ruleId(),
                              I.evidence + " invokes the unqualified " + functionName(F) + " ($LATEST) although it "
                                  "publishes the alias" + Alias + ": this trigger bypasses the alias and its deployments",
                              I.location);
      R.fingerprintKey = F.logicalId + " " + I.evidence;
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeUnqualifiedTrigger() { return std::make_unique<UnqualifiedTrigger>(); }
} // namespace fnlint::lambda
