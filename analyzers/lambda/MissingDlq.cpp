//===- MissingDlq.cpp - lambda/missing-dlq ----------------------------------===//
//
// Only asynchronous invocations lose events after their retries; synchronous
// callers see the error and event source mappings have their own failure
// handling. So the rule needs evidence of an asynchronous invoker (or
// --assume-async for functions with none known), and accepts a DLQ or an
// on-failure destination alike.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class MissingDlq final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/missing-dlq"; }

  void check(const Deployable &F, const LambdaContext &Ctx, FindingSink &Out) const override {
    const FunctionConfig &C = F.config;
    if (!settingsKnown(F) || C.deadLetterTarget.written() || C.onFailureDestination.written())
      return;
    const Invoker *Async = nullptr;
    for (const Invoker &I : C.invokers)
      if (I.kind == InvocationKind::Asynchronous) {
        Async = &I;
        break;
      }
    if (Async) {
      Finding &R = Out.report(ruleId(),
                              functionName(F) + " is invoked asynchronously by " + Async->evidence +
                                  " but has neither a dead-letter queue nor an on-failure destination: events "
                                  "that still fail after two retries are dropped",
                              F.location);
      R.properties["invoker"] = Async->source;
      return;
    }
    if (Ctx.options.assumeAsync && C.invokers.empty())
      Out.report(ruleId(),
                 functionName(F) + " has no known invoker (judged as asynchronous: --assume-async) and neither a "
                                   "dead-letter queue nor an on-failure destination",
                 F.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeMissingDlq() { return std::make_unique<MissingDlq>(); }
} // namespace fnlint::lambda
