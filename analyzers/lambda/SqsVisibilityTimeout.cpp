//===- SqsVisibilityTimeout.cpp - lambda/sqs-visibility-timeout -------------===//
//
// A queue's visibility timeout below the function's timeout makes
// CreateEventSourceMapping fail (an error); below 6 x the timeout plus the
// batching window, AWS's guidance, messages reappear while a batch is still
// being processed or retried and are processed twice (a warning).
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

constexpr std::int64_t DefaultVisibilityTimeout = 30;

class SqsVisibilityTimeout final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/sqs-visibility-timeout"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    std::optional<std::int64_t> Timeout = F.config.effectiveTimeout();
    if (!Timeout)
      return;
    for (const Invoker &I : F.config.invokers) {
      if (I.source != "sqs" || !I.queue || I.queue->visibilityTimeout.unknown() || I.batchingWindowSeconds.unknown())
        continue;
      const QueueInfo &Q = *I.queue;
      std::int64_t Visibility = Q.visibilityTimeout.known() ? Q.visibilityTimeout.value : DefaultVisibilityTimeout;
      std::int64_t Window = I.batchingWindowSeconds.known() ? I.batchingWindowSeconds.value : 0;
      std::string Vis = std::to_string(Visibility) + " s" +
                        (Q.visibilityTimeout.known() ? resolvedNote(Q.visibilityTimeout) : " (the default)");
      const Location &Where = Q.visibilityTimeout.written() ? Q.visibilityTimeout.location : Q.location;
      std::string Fn = functionName(F) + "'s timeout of " + std::to_string(*Timeout) + " s" +
                       (F.config.timeout.known() ? resolvedNote(F.config.timeout) : " (the default)");
      if (Visibility < *Timeout) {
        Finding &R = Out.report(ruleId(),
                                "queue " + Q.name + " has a visibility timeout of " + Vis + ", below " + Fn +
                                    ": Lambda refuses to create the event source mapping",
                                Where);
        R.level = Level::Error;
        R.fingerprintKey = Q.name + " " + F.logicalId;
        continue;
      }
      std::int64_t Advised = 6 * *Timeout + Window;
      if (Visibility < Advised) {
        Finding &R = Out.report(ruleId(),
                                "queue " + Q.name + " has a visibility timeout of " + Vis + ", below 6 x " + Fn +
                                    (Window ? " plus its batching window of " + std::to_string(Window) + " s" : "") +
                                    " (" + std::to_string(Advised) +
                                    " s): messages can become visible again while a batch is still retried, and "
                                    "are processed twice",
                                Where);
        R.fingerprintKey = Q.name + " " + F.logicalId;
      }
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeSqsVisibilityTimeout() { return std::make_unique<SqsVisibilityTimeout>(); }
} // namespace fnlint::lambda
