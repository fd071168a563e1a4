//===- analyzers/handler/node/NodeCheck.h - Node.js handler rules -*- C++ -*-===//
//
// One handler rule for Node.js = one NodeCheck subclass in its own file,
// named after the rule (rules/handler/client-per-invocation.yaml ->
// ClientPerInvocation.cpp), registered in NodeModule.cpp. A check sees one
// module and the exported handler function in it.
//
//===----------------------------------------------------------------------===//
#ifndef FNLINT_ANALYZERS_HANDLER_NODE_NODECHECK_H
#define FNLINT_ANALYZERS_HANDLER_NODE_NODECHECK_H

#include "analyzers/handler/node/JsSyntax.h"
#include "analyzers/permissions/CallInventory.h"
#include "core/FindingSink.h"
#include "core/Project.h"

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::node {

/// The handler of one module and where findings in that module point.
struct HandlerFile {
  std::string_view text;
  const NodeModule &module;
  const Imports &imports;
  HandlerFunction fn;   ///< resolved: its body is known
  std::string exportName;
  Location file;        ///< path and member chain; no region
  std::string function; ///< "OrdersFunction" when a configuration names it, else empty

  const std::vector<Token> &tokens() const { return module.tokens(); }
  /// Where token \p I is, for a finding.
  Location at(std::size_t I) const;
  /// "handler (function OrdersFunction)" as messages name it.
  std::string handlerName() const;
};

class NodeCheck {
public:
  virtual ~NodeCheck();
  virtual std::string_view ruleId() const = 0;
  virtual void check(const HandlerFile &H, FindingSink &Out) const = 0;
};

std::vector<std::unique_ptr<NodeCheck>> makeNodeChecks();

/// Runs the enabled Node.js handler rules on every Node.js handler of \p P
/// (the files functions' Handler settings name, then, by convention, other
/// JavaScript/TypeScript files exporting `handler`) and lists each handler's
/// AWS SDK calls in \p Inventories. Cheap without JavaScript.
/// \p Problems gets the files a cap (limits.source-bytes, file-seconds) kept
/// from being analysed whole.
void analyzeNodeHandlers(const Project &P, const std::set<std::string, std::less<>> &Enabled,
                         std::vector<Finding> &Findings, std::vector<permissions::CallInventory> &Inventories,
                         std::vector<InputProblem> *Problems = nullptr);

/// Runs \p Checks on one module's text, its handler exported as \p ExportName;
/// fills \p Inventory when given. For tests and the benchmark. Returns
/// whether a handler was found.
bool analyzeNodeText(std::string_view Text, std::string_view ExportName, const Location &File,
                     const std::vector<std::unique_ptr<NodeCheck>> &Checks, FindingSink &Out,
                     permissions::CallInventory *Inventory = nullptr);

/// The AWS SDK calls (v2 and v3) of the handler, the same file's functions
/// it calls and module-level code; see NodeInventory.cpp.
void inventoryCalls(const HandlerFile &H, permissions::CallInventory &Out);

} // namespace fnlint::node

#endif
