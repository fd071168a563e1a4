//===- NoReservedConcurrency.cpp - lambda/no-reserved-concurrency (opinionated, off by default) -===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class NoReservedConcurrency final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/no-reserved-concurrency"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    if (!settingsKnown(F) || F.config.reservedConcurrency.written())
      return;
    Out.report(ruleId(),
               functionName(F) + " has no reserved concurrency: it can take the account's whole regional "
                                 "concurrency, and others can take it all from it",
               F.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeNoReservedConcurrency() { return std::make_unique<NoReservedConcurrency>(); }
} // namespace fnlint::lambda
