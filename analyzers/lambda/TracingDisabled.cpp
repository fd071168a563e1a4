//===- TracingDisabled.cpp - lambda/tracing-disabled (opinionated, off by default) -===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class TracingDisabled final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/tracing-disabled"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const Setting<std::string> &T = F.config.tracingMode;
    if (!settingsKnown(F) || T.unknown() || (T.known() && T.value == "Active"))
      return;
    Out.report(ruleId(), functionName(F) + " does not have active X-Ray tracing", whereOf(T, F));
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeTracingDisabled() { return std::make_unique<TracingDisabled>(); }
} // namespace fnlint::lambda
