//===- StreamUnboundedRetries.cpp - lambda/stream-unbounded-retries ---------===//
//
// A stream mapping retries a failing batch until it succeeds or its records
// expire when neither MaximumRetryAttempts nor MaximumRecordAgeInSeconds
// bounds it (-1 or absent): one poison record holds up its shard.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

/// Unbounded when absent or -1; nullopt when unknown.
std::optional<bool> unbounded(const Setting<std::int64_t> &S) {
  if (S.unknown())
    return std::nullopt;
  return S.absent() || S.value < 0;
}

class StreamUnboundedRetries final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/stream-unbounded-retries"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    for (const Invoker &I : F.config.invokers) {
      if (!isStream(I))
        continue;
      std::optional<bool> Retries = unbounded(I.maximumRetryAttempts);
      std::optional<bool> Age = unbounded(I.maximumRecordAgeSeconds);
      if (!Retries || !Age || !*Retries || !*Age)
        continue;
      auto Why = [](const Setting<std::int64_t> &S, const char *Name) {
        return S.written() ? std::string(Name) + " -1" : std::string("no ") + Name;
      };
      Out.report(ruleId(),
                 "the stream mapping " + I.evidence + " of " + functionName(F) +
                     " retries a failing batch without limit (" + Why(I.maximumRetryAttempts, "MaximumRetryAttempts") +
                     ", " + Why(I.maximumRecordAgeSeconds, "MaximumRecordAgeInSeconds") +
                     "): one bad record blocks its shard until the record expires",
                 I.maximumRetryAttempts.written() ? I.maximumRetryAttempts.location : I.location);
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeStreamUnboundedRetries() { return std::make_unique<StreamUnboundedRetries>(); }
} // namespace fnlint::lambda
