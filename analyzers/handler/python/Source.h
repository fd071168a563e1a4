//===- analyzers/handler/python/Source.h - Functions of a module -*- C++ -*-===//
//
// The little structure the handler rules need on top of the tokens: every
// `def` (top level, nested, methods) with its parameters and the token range
// of its body, and queries over token ranges (calls, arguments, names).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/handler/python/Tokenizer.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::python {

struct Function {
  std::string_view name;
  std::size_t defToken = 0;             ///< the `def` keyword
  std::vector<std::string_view> params; ///< names, in order (`self` included, `*`/`**` stripped)
  std::size_t bodyBegin = 0;            ///< first token of the body
  std::size_t bodyEnd = 0;              ///< one past the last (its Dedent or Newline)
  int parent = -1;                      ///< enclosing function, -1 at module or class level
  bool topLevel = false;                ///< defined at module level (what Handler can name)
};

/// An argument of a call: its tokens [begin, end) and keyword when `kw=value`.
struct Argument {
  std::size_t begin = 0, end = 0; ///< the value's tokens
  std::string_view keyword;       ///< empty for positional arguments
};

class Source {
public:
  explicit Source(std::string_view Text);

  std::string_view text() const { return Text; }
  const std::vector<Token> &tokens() const { return Tokens; }
  const std::vector<Function> &functions() const { return Functions; }
  std::string_view text(std::size_t I) const { return Tokens[I].text(Text); }

  bool isName(std::size_t I, std::string_view S) const {
    return I < Tokens.size() && Tokens[I].kind == TokenKind::Name && text(I) == S;
  }
  bool isOp(std::size_t I, std::string_view S) const {
    return I < Tokens.size() && Tokens[I].kind == TokenKind::Op && text(I) == S;
  }
  /// A name not reached through an attribute (`x`, not `a.x`).
  bool isBareName(std::size_t I) const {
    return I < Tokens.size() && Tokens[I].kind == TokenKind::Name && !(I > 0 && isOp(I - 1, "."));
  }
  /// The token after the bracket opened at \p Open closes (or the end).
  std::size_t skipBrackets(std::size_t Open) const;
  /// The arguments of the call whose '(' is at \p Open.
  std::vector<Argument> arguments(std::size_t Open) const;
  /// The top-level function named \p Name (the last definition wins), or -1.
  int topLevelFunction(std::string_view Name) const;
  /// Whether token \p I is inside a function nested in function \p F.
  bool inNestedFunction(int F, std::size_t I) const;
  /// What a local name stands for after the file's imports: "sp" ->
  /// "subprocess" (import subprocess as sp), "run" -> "subprocess.run"
  /// (from subprocess import run); other names unchanged.
  std::string qualified(std::string_view Local) const;
  /// When a call `a(`, `a.b(` starts at \p I (a bare name), its qualified
  /// callee and the index of its '('; else an empty name.
  std::pair<std::string, std::size_t> callAt(std::size_t I) const;

private:
  std::string_view Text;
  std::vector<Token> Tokens;
  std::vector<Function> Functions;
  std::map<std::string_view, std::string, std::less<>> Imports;

  void findFunctions();
  void findImports();
};

/// Keyword value `True` of argument \p Keyword in \p Args.
bool keywordIs(const Source &S, const std::vector<Argument> &Args, std::string_view Keyword, std::string_view Value);

} // namespace fnlint::python
