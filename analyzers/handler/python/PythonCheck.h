//===- analyzers/handler/python/PythonCheck.h - Handler rule interface -*- C++ -*-===//
//
// One handler rule for Python = one PythonCheck subclass in its own file,
// named after the rule (rules/handler/client-per-invocation.yaml ->
// ClientPerInvocation.cpp), registered in PythonModule.cpp. A check sees
// one source file and the handler function in it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/handler/python/Source.h"
#include "analyzers/permissions/CallInventory.h"
#include "core/FindingSink.h"
#include "core/Project.h"

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::python {

/// The handler function of one file and where findings in that file point.
struct HandlerFile {
  const Source &source;
  int handler = -1;   ///< index into source.functions()
  Location file;      ///< path and member chain; no region
  std::string function; ///< "OrdersFunction" when a configuration names it, else empty

  const Function &fn() const { return source.functions()[static_cast<std::size_t>(handler)]; }
  /// The handler's first parameter (the event), empty when it takes none.
  std::string_view eventParam() const { return fn().params.empty() ? std::string_view() : fn().params.front(); }
  /// Where token \p I is, for a finding.
  Location at(std::size_t I) const;
  /// "lambda_handler (function OrdersFunction)" as messages name it.
  std::string handlerName() const;
};

class PythonCheck {
public:
  virtual ~PythonCheck();
  virtual std::string_view ruleId() const = 0;
  virtual void check(const HandlerFile &H, FindingSink &Out) const = 0;
};

std::vector<std::unique_ptr<PythonCheck>> makePythonChecks();

/// Runs the enabled Python handler rules on every Python handler of \p P:
/// the files functions' Handler settings name, then, by convention, other
/// .py files defining `lambda_handler` or `handler`. Cheap without Python.
/// With \p Inventories, also lists the boto3 calls of every handler a
/// function's Handler names (SdkCalls.h), one inventory per function.
/// \p Problems gets the files a cap (limits.source-bytes, file-seconds) kept
/// from being analysed whole.
void analyzePythonHandlers(const Project &P, const std::set<std::string, std::less<>> &Enabled,
                           std::vector<Finding> &Findings,
                           std::vector<permissions::CallInventory> *Inventories = nullptr,
                           std::vector<InputProblem> *Problems = nullptr);

/// Runs \p Checks on one file's text; for tests and the benchmark.
void analyzePythonText(std::string_view Text, std::string_view HandlerName, const Location &File,
                       const std::vector<std::unique_ptr<PythonCheck>> &Checks, FindingSink &Out);

/// Whether tokens [Begin, End) mention one of \p Names as a value (`x`,
/// `x["k"]`, `f(x)`, `f"{x}"`), not as an attribute (`a.x`) or keyword (`x=`).
bool mentionsAny(const Source &S, std::size_t Begin, std::size_t End, const std::set<std::string_view> &Names);

/// The names of \p Fn's body assigned, transitively, from \p Event:
/// `x = event[...]`, `y = f"{x}"`, `for r in event["Records"]`, and \p Event
/// itself. Two passes reach assignments made later in a loop body.
std::set<std::string_view> eventDerivedNames(const Source &S, const Function &Fn, std::string_view Event);

} // namespace fnlint::python
