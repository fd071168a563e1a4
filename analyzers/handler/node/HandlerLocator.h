//===- HandlerLocator.h - the exported handler of a Node.js module -*- C++ -*-===//
//
// The structural layer over the tokens: which top-level statements a module
// has (module scope runs once per cold start, the handler body per event) and
// where the exported handler function is, for the forms people write:
//
//   exports.handler = async (event, context) => {…}
//   module.exports.handler = function (event) {…}
//   export const handler = async (event) => {…}
//   export async function handler(event) {…}
//   const handler = …; export { handler }            (also `export { x as handler }`)
//   module.exports = { handler }                      (also `handler: …`, `handler(event) {…}`)
//   export const handler = middy(base).use(…)         (a wrapper call: its function argument)
//
// Only token patterns at module scope are used; nothing is evaluated.
//
//===----------------------------------------------------------------------===//
#ifndef FNLINT_ANALYZERS_HANDLER_NODE_HANDLERLOCATOR_H
#define FNLINT_ANALYZERS_HANDLER_NODE_HANDLERLOCATOR_H

#include "analyzers/handler/node/Tokenizer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::node {

/// Tokens [begin, end) of a token vector.
struct TokenRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin >= end; }
  bool contains(std::size_t I) const { return I >= begin && I < end; }
};

struct HandlerFunction {
  std::size_t exportToken = 0; ///< the token that names the export (`handler` in `exports.handler`)
  /// Whether the function itself was found; false when the export is bound to
  /// something this file does not define (a require(), serverless(app), a
  /// re-export from another module).
  bool resolved = false;
  std::size_t functionToken = 0; ///< `function`, `async`, the first parameter of an arrow, or the method name
  TokenRange params;             ///< between the parentheses (a lone arrow parameter: that token)
  TokenRange body;               ///< `{` to `}` inclusive, or the expression of a concise arrow body
  bool conciseBody = false;      ///< `(e) => expr`
  bool isAsync = false;
  bool wrapped = false;          ///< the export is a call (middy(fn), Sentry.wrapHandler(fn)) around it
  /// The first parameter's name (the event); empty when it is destructured or absent.
  std::string eventParam;
};

/// A tokenized module and the structure rules ask about.
class NodeModule {
public:
  /// Tokenizes Source (comments dropped); Source must outlive the module.
  explicit NodeModule(std::string_view Source);

  const std::vector<Token> &tokens() const { return Tokens; }
  /// Module-scope statements in order, split at `;` and where automatic
  /// semicolon insertion ends a statement at a line break.
  const std::vector<TokenRange> &topLevelStatements() const { return Statements; }
  /// The statement that contains token I, if I is a token.
  std::optional<TokenRange> statementOf(std::size_t I) const;

  /// The function exported as ExportName (`handler` of the setting `src/app.handler`).
  std::optional<HandlerFunction> findHandler(std::string_view ExportName) const;
  /// The function a module-scope declaration binds to Name (`function f`,
  /// `const f = (…) => …`), for following calls from the handler.
  std::optional<HandlerFunction> localFunction(std::string_view Name) const;

  /// Index of the token closing the bracket (or TemplateHead) at I; tokens().size() when unclosed.
  std::size_t closerOf(std::size_t I) const;

private:
  std::vector<Token> Tokens;
  std::vector<TokenRange> Statements;

  bool punct(std::size_t I, std::string_view T) const { return I < Tokens.size() && Tokens[I].isPunct(T); }
  bool ident(std::size_t I, std::string_view T) const { return I < Tokens.size() && Tokens[I].isIdent(T); }
  bool isName(std::size_t I) const;

  std::optional<HandlerFunction> exportedFrom(const TokenRange &S, std::string_view Name, int Budget) const;
  std::optional<HandlerFunction> localBinding(std::string_view Name, std::size_t NameToken, int Budget) const;
  std::optional<HandlerFunction> functionAt(std::size_t I, std::size_t End, int Budget) const;
  std::optional<HandlerFunction> objectProperty(std::size_t Open, std::string_view Name, int Budget) const;
  std::size_t skipType(std::size_t I, std::size_t End) const;
  void splitStatements();
};

/// Convenience: tokenizes Source and finds ExportName in it.
std::optional<HandlerFunction> findHandler(std::string_view Source, std::string_view ExportName);

/// A Node.js Handler setting split into the module path and the export.
struct HandlerSetting {
  std::string moduleBase; ///< `src/app` of `src/app.handler`
  std::string exportName; ///< `handler`
  /// The files Lambda loads for it, in its order (.js, .mjs, .cjs), then the
  /// TypeScript sources a bundler (esbuild) compiles into them.
  std::vector<std::string> candidateFiles() const;
};
std::optional<HandlerSetting> parseHandlerSetting(std::string_view Handler);

} // namespace fnlint::node

#endif
