//===- JsSyntax.h - Token queries the Node.js handler rules share -*- C++ -*-===//
//
// Small questions over the tokens of a NodeModule that several rules and the
// SDK call inventory ask: what a local name was imported from, the arguments
// of a call, the bracket around a token, whether a range mentions a name as a
// value, and which local names carry data from the event.
//
//===----------------------------------------------------------------------===//
#ifndef FNLINT_ANALYZERS_HANDLER_NODE_JSSYNTAX_H
#define FNLINT_ANALYZERS_HANDLER_NODE_JSSYNTAX_H

#include "analyzers/handler/node/HandlerLocator.h"

#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace fnlint::node {

constexpr std::size_t NoToken = static_cast<std::size_t>(-1);

/// What a local name is bound to by an import or a require().
struct Import {
  std::string_view module; ///< "@aws-sdk/client-s3", "aws-sdk", "child_process"
  /// The exported name ("S3Client"), or "*" for the whole module (a namespace
  /// or default import, `const AWS = require('aws-sdk')`).
  std::string_view name;
};

/// The import and require() bindings of a module, by local name.
class Imports {
public:
  explicit Imports(const NodeModule &M);
  const Import *find(std::string_view Local) const;
  /// Whether any binding comes from a module starting with \p Prefix.
  bool anyFrom(std::string_view Prefix) const;

private:
  std::map<std::string_view, Import, std::less<>> Names;
  void bindPattern(const std::vector<Token> &T, std::size_t Begin, std::size_t End, std::string_view Module);
};

/// A Node.js built-in's name without the `node:` scheme ("node:fs" -> "fs").
std::string_view builtinName(std::string_view Module);

/// The text of a string or substitution-free template literal, quotes
/// removed (escapes kept); nullopt for other tokens and cut-short literals.
std::optional<std::string_view> literalText(const Token &T);

/// A name, not a keyword.
bool isNameToken(const std::vector<Token> &T, std::size_t I);
/// Token I follows `.` or `?.` (a property, not a variable).
bool isProperty(const std::vector<Token> &T, std::size_t I);
/// The bracket (or TemplateHead) enclosing token I, or NoToken at depth 0.
std::size_t openerOf(const std::vector<Token> &T, std::size_t I);
/// The opening bracket partnering the closing one at \p Close, or NoToken.
std::size_t partnerOf(const std::vector<Token> &T, std::size_t Close);
/// The arguments of the call (or members of the array/object) opened at \p Open.
std::vector<TokenRange> callArguments(const NodeModule &M, std::size_t Open);
/// The value of property \p Key of the object literal opened at \p Open
/// (for a shorthand `{ key }`, the name itself), or an empty range.
TokenRange propertyValue(const NodeModule &M, std::size_t Open, std::string_view Key);
/// The end of the expression starting at \p Begin: the `,` or `;` at its
/// depth, the bracket closing around it, or a line break that ends a statement.
std::size_t expressionEnd(const std::vector<Token> &T, std::size_t Begin, std::size_t End);
/// The name a declaration or assignment whose `=` is at \p Eq binds
/// (`const x = `, `x = `, `this.x = `, `const x: T = `), or NoToken.
std::size_t boundNameBefore(const std::vector<Token> &T, std::size_t Eq);

/// Whether tokens [Begin, End) use one of \p Names as a value: `x`, `x.y`,
/// `f(x)`, `${x}`, `{ x }`, but not `a.x` or the key of `{ x: 1 }`.
bool mentionsAny(const std::vector<Token> &T, std::size_t Begin, std::size_t End,
                 const std::set<std::string_view> &Names);

/// The names of \p Body assigned, transitively, from \p Event: `const x =
/// event.body`, `const { a } = event`, `let y = \`${x}\``, `for (const r of
/// event.Records)`, callbacks of `event.Records.forEach((r) => …)`, and \p Event.
std::set<std::string_view> eventDerivedNames(const NodeModule &M, const TokenRange &Body, std::string_view Event);

/// Whether token I, inside \p Body, is also inside a function nested in it
/// (an arrow function, a function expression, a method).
bool inNestedFunction(const NodeModule &M, const TokenRange &Body, std::size_t I);

} // namespace fnlint::node

#endif
