//===- TimeoutExcessive.cpp - lambda/timeout-excessive ----------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

constexpr std::int64_t MaximumTimeout = 900;

class TimeoutExcessive final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/timeout-excessive"; }

  void check(const Deployable &F, const LambdaContext &Ctx, FindingSink &Out) const override {
    const Setting<std::int64_t> &T = F.config.timeout;
    if (!T.known() || T.value > MaximumTimeout) // above the maximum: lambda/invalid-setting
      return;
    if (T.value == MaximumTimeout) {
      Out.report(ruleId(),
                 functionName(F) + " has the maximum timeout of 900 s" + resolvedNote(T) +
                     ": a hung invocation runs, and bills, for 15 minutes",
                 T.location);
      return;
    }
    if (T.value >= Ctx.options.timeoutThreshold)
      Out.report(ruleId(),
                 functionName(F) + " has a timeout of " + std::to_string(T.value) + " s" + resolvedNote(T) +
                     ", at or above " + std::to_string(Ctx.options.timeoutThreshold) +
                     " s: a hung invocation runs, and bills, that long",
                 T.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeTimeoutExcessive() { return std::make_unique<TimeoutExcessive>(); }
} // namespace fnlint::lambda
