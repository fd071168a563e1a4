//===- StreamMissingFailureDestination.cpp - lambda/stream-missing-failure-destination -===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class StreamMissingFailureDestination final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/stream-missing-failure-destination"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    for (const Invoker &I : F.config.invokers)
      if (isStream(I) && !I.onFailureDestination.written())
        Out.report(ruleId(),
                   "the " + std::string(I.source == "kinesis" ? "Kinesis" : "DynamoDB") + " stream mapping " +
                       I.evidence + " of " + functionName(F) +
                       " has no on-failure destination: records that exhaust their retries or age are "
                       "skipped without a trace",
                   I.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeStreamMissingFailureDestination() {
  return std::make_unique<StreamMissingFailureDestination>();
}
} // namespace fnlint::lambda
