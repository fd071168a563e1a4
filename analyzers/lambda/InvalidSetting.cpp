//===- InvalidSetting.cpp - lambda/invalid-setting --------------------------===//
//
// Values Lambda rejects at deployment: the ranges of CreateFunction and the
// quotas on layers and environment size.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

struct Range {
  const char *what;
  const char *unit;
  std::int64_t low, high;
};

class InvalidSetting final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/invalid-setting"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const FunctionConfig &C = F.config;
    range(F, C.timeout, {"timeout", "s", 1, 900}, Out);
    range(F, C.memorySize, {"memory size", "MB", 128, 10240}, Out);
    range(F, C.ephemeralStorage, {"ephemeral storage (/tmp)", "MB", 512, 10240}, Out);
    if (C.layerCount.known() && C.layerCount.value > 5)
      report(F, "layers", functionName(F) + " uses " + std::to_string(C.layerCount.value) +
                              " layers; a function can use at most 5",
             C.layerCount.location, Out);
    if (C.environmentBytes.known() && C.environmentBytes.value > 4096)
      report(F, "environment",
             functionName(F) + "'s environment variables take " + std::to_string(C.environmentBytes.value) +
                 " bytes (names and values); Lambda allows 4 KB (4,096 bytes) in all",
             C.environmentBytes.location, Out);
  }

private:
  void range(const Deployable &F, const Setting<std::int64_t> &S, const Range &R, FindingSink &Out) const {
    if (!S.known() || (S.value >= R.low && S.value <= R.high))
      return;
    report(F, R.what,
           functionName(F) + " has a " + R.what + " of " + std::to_string(S.value) + " " + R.unit + resolvedNote(S) +
               "; Lambda accepts " + std::to_string(R.low) + " to " + std::to_string(R.high) + " " + R.unit,
           S.location, Out);
  }
  void report(const Deployable &F, const char *What, std::string Message, const Location &Where,
              FindingSink &Out) const {
    Finding &R = Out.report(ruleId(), std::move(Message), Where);
    R.fingerprintKey = F.logicalId + " " + What;
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeInvalidSetting() { return std::make_unique<InvalidSetting>(); }
} // namespace fnlint::lambda
