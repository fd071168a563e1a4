//===- SqsQueueMissingDlq.cpp - lambda/sqs-queue-missing-dlq ----------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class SqsQueueMissingDlq final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/sqs-queue-missing-dlq"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    for (const Invoker &I : F.config.invokers) {
      // Only queues the configuration declares: a queue known by ARN alone
      // may well have a redrive policy elsewhere.
      if (I.source != "sqs" || !I.queue || I.queue->redrivePolicy.written())
        continue;
      Finding &R = Out.report(ruleId(),
                              "queue " + I.queue->name + " feeds " + functionName(F) +
                                  " but has no redrive policy: a message the function cannot process is retried "
                                  "until the queue's retention period ends",
                              I.queue->location);
      R.fingerprintKey = I.queue->name + " " + F.logicalId;
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeSqsQueueMissingDlq() { return std::make_unique<SqsQueueMissingDlq>(); }
} // namespace fnlint::lambda
