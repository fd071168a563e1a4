//===- TimeoutExceedsCaller.cpp - lambda/timeout-exceeds-caller -------------===//
//
// A synchronous caller with a hard timeout (rules/data/invokers.yaml) gives
// up before the function does: the client gets an error while the function
// keeps running. API Gateway integrations may write their own timeout
// (TimeoutInMillis), which replaces the default cap.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

#include "core/Invokers.h"

#include <algorithm>
#include <set>

namespace fnlint::lambda {
namespace {

class TimeoutExceedsCaller final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/timeout-exceeds-caller"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    std::optional<std::int64_t> Timeout = F.config.effectiveTimeout();
    if (!Timeout)
      return;
    // One finding per function, naming the caller that gives up first.
    struct Caller {
      const Invoker *invoker;
      const InvokerSourceInfo *source;
      std::int64_t capMs;
      std::string why;
    };
    std::vector<Caller> Exceeded;
    for (const Invoker &I : F.config.invokers) {
      const InvokerSourceInfo *Source = invokerSource(I.source);
      if (I.kind != InvocationKind::Synchronous || !Source || I.integrationTimeoutMs.unknown())
        continue;
      Caller C{&I, Source, 0, {}};
      if (I.integrationTimeoutMs.known()) {
        C.capMs = I.integrationTimeoutMs.value;
        C.why = "its integration timeout of " + std::to_string(C.capMs) + " ms";
      } else if (Source->callerTimeoutSeconds) {
        C.capMs = *Source->callerTimeoutSeconds * 1000;
        C.why = Source->callerTimeoutSource;
      } else {
        continue;
      }
      if (*Timeout * 1000 > C.capMs)
        Exceeded.push_back(std::move(C));
    }
    if (Exceeded.empty())
      return;
    const Caller &First = *std::min_element(Exceeded.begin(), Exceeded.end(), [](const Caller &A, const Caller &B) {
      return A.capMs < B.capMs;
    });
    std::string Cap = std::to_string(First.capMs / 1000) +
                      (First.capMs % 1000 ? "." + std::to_string(First.capMs % 1000 / 100) : "") + " s";
    // A Cognito pool's trigger and its permission are one caller: count kinds of caller.
    std::set<std::string> Sources;
    for (const Caller &C : Exceeded)
      if (C.invoker->source != First.invoker->source)
        Sources.insert(C.invoker->source);
    std::string Others = Sources.empty() ? ""
                                         : " (and " + std::to_string(Sources.size()) + " other kind" +
                                               (Sources.size() > 1 ? "s" : "") + " of caller)";
    Out.report(ruleId(),
               functionName(F) + " may run for " + std::to_string(*Timeout) + " s" + resolvedNote(F.config.timeout) +
                   " but its caller " + First.invoker->evidence + Others + ", " + First.source->title +
                   ", gives up after " + Cap + ": " + First.why,
               F.config.timeout.written() ? F.config.timeout.location : F.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeTimeoutExceedsCaller() { return std::make_unique<TimeoutExceedsCaller>(); }
} // namespace fnlint::lambda
