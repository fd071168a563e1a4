//===- analyzers/lambda/LambdaCheck.h - Configuration rule interface -*- C++ -*-===//
//
// One lambda rule = one LambdaCheck subclass in its own file, named after
// the rule (rules/lambda/missing-dlq.yaml -> MissingDlq.cpp), registered in
// LambdaModule.cpp. Checks read Deployable::config (core/FunctionConfig.h),
// whatever format declared the function, and never fire on unknown values.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/FindingSink.h"
#include "core/Project.h"

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::lambda {

struct LambdaOptions {
  /// lambda/timeout-excessive fires at or above this many seconds.
  std::int64_t timeoutThreshold = 300;
  /// lambda/missing-dlq judges functions with no known invoker as asynchronous.
  bool assumeAsync = false;
  /// Today, YYYY-MM-DD, for lambda/deprecated-runtime (empty: the system clock).
  std::string now;
  /// Rules shipped disabled that the user enabled by id.
  std::set<std::string, std::less<>> enabled;
};

struct LambdaContext {
  const Project &project;
  const LambdaOptions &options;
};

class LambdaCheck {
public:
  virtual ~LambdaCheck();
  virtual std::string_view ruleId() const = 0;
  /// Judges one function (Deployable::Kind::Function).
  virtual void check(const Deployable &F, const LambdaContext &Ctx, FindingSink &Out) const = 0;
};

std::vector<std::unique_ptr<LambdaCheck>> makeLambdaChecks();

/// Runs every enabled lambda rule on every function.
void analyzeFunctions(const Project &P, const LambdaOptions &Options, std::vector<Finding> &Findings);

// Shared by several checks.

/// "function OrdersFunction" as messages name a function.
std::string functionName(const Deployable &F);
/// Where a finding about \p S points: its value, or the function when absent.
template <class T> const Location &whereOf(const Setting<T> &S, const Deployable &F) {
  return S.written() ? S.location : F.location;
}
/// " (the default of parameter X)" when the value was resolved, else "".
template <class T> std::string resolvedNote(const Setting<T> &S) {
  return S.resolvedFrom.empty() ? std::string() : " (" + S.resolvedFrom + ")";
}
/// The function's configuration is in the scan (not only what refers to it).
inline bool settingsKnown(const Deployable &F) { return F.config.settingsKnown; }
/// Kinesis or DynamoDB stream mappings.
bool isStream(const Invoker &I);

} // namespace fnlint::lambda
