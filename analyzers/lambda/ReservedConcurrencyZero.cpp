//===- ReservedConcurrencyZero.cpp - lambda/reserved-concurrency-zero -------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class ReservedConcurrencyZero final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/reserved-concurrency-zero"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const Setting<std::int64_t> &R = F.config.reservedConcurrency;
    if (R.known() && R.value == 0)
      Out.report(ruleId(),
                 functionName(F) + " has a reserved concurrency of 0" + resolvedNote(R) +
                     ": every invocation is throttled and the function never runs",
                 R.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeReservedConcurrencyZero() { return std::make_unique<ReservedConcurrencyZero>(); }
} // namespace fnlint::lambda
