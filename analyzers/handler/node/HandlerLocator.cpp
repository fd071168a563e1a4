//===- HandlerLocator.cpp - the exported handler of a Node.js module ------===//
//
// Token patterns at module scope. Each form of export names a value; the value
// is followed through local bindings and wrapper calls (with a small budget so
// cycles like `const a = b, b = a` end) until a function literal is found.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/HandlerLocator.h"

#include <algorithm>

namespace fnlint::node {
namespace {

constexpr int ResolveBudget = 6; ///< how many names or wrapper calls are followed

/// An identifier that ends an expression at a line break (a name, not `in` or `typeof`).
bool identEndsExpression(std::string_view W) {
  return !isKeyword(W) || W == "this" || W == "super" || W == "true" || W == "false" || W == "null";
}

bool endsExpression(const Token &T) {
  switch (T.kind) {
  case TokenKind::Identifier:
    return identEndsExpression(T.text);
  case TokenKind::Punctuator:
    return T.text == ")" || T.text == "]" || T.text == "}" || T.text == "++" || T.text == "--";
  case TokenKind::TemplateHead:
  case TokenKind::TemplateMiddle:
  case TokenKind::Unknown:
    return false;
  default:
    return true;
  }
}

/// Whether T, after a line break that follows a complete expression, begins a
/// new statement rather than continuing (`.then()`, `+ x`, `(args)` continue).
bool beginsStatement(const Token &T) {
  switch (T.kind) {
  case TokenKind::Identifier:
    return T.text != "in" && T.text != "instanceof" && T.text != "of" && T.text != "as" && T.text != "satisfies" &&
           T.text != "from" && T.text != "else" && T.text != "catch" && T.text != "finally";
  case TokenKind::Punctuator:
    return T.text == "{" || T.text == "!" || T.text == "~" || T.text == "@" || T.text == "++" || T.text == "--";
  case TokenKind::Template:
  case TokenKind::TemplateHead:
    return false; // a tagged template continues
  default:
    return true;
  }
}

/// The first word of a statement that ends at its closing `}` (declarations and compound statements).
bool isBlockStatementWord(std::string_view W) {
  static constexpr std::string_view Words[] = {"function", "class",  "interface", "enum",   "namespace", "module",
                                               "if",       "for",    "while",     "try",    "switch",    "do"};
  return std::find(std::begin(Words), std::end(Words), W) != std::end(Words);
}

} // namespace

NodeModule::NodeModule(std::string_view Source) : Tokens(tokenize(Source)) { splitStatements(); }

std::size_t NodeModule::closerOf(std::size_t I) const {
  std::uint32_t Depth = Tokens[I].depth;
  std::size_t J = I + 1;
  while (J < Tokens.size() && Tokens[J].depth > Depth)
    ++J;
  return J;
}

bool NodeModule::isName(std::size_t I) const {
  return I < Tokens.size() && Tokens[I].kind == TokenKind::Identifier && !isKeyword(Tokens[I].text);
}

void NodeModule::splitStatements() {
  std::size_t Begin = 0;
  auto EndAt = [&](std::size_t End) {
    if (End > Begin)
      Statements.push_back({Begin, End});
    Begin = End;
  };
  for (std::size_t I = 0; I < Tokens.size(); ++I) {
    const Token &T = Tokens[I];
    if (T.depth != 0)
      continue;
    if (T.kind == TokenKind::Hashbang) {
      EndAt(I + 1);
      continue;
    }
    if (T.isPunct(";")) {
      EndAt(I + 1);
      continue;
    }
    if (I == Begin || Tokens[I - 1].depth != 0)
      continue;
    const Token &Prev = Tokens[I - 1];
    // `function f() {} f()` on one line: a declaration or compound statement ends at its `}`.
    std::size_t First = Begin;
    while (First < I && (ident(First, "export") || ident(First, "default") || ident(First, "declare") ||
                         ident(First, "abstract") || ident(First, "async")))
      ++First;
    bool BlockEnds = Prev.isPunct("}") && (punct(First, "{") || (Tokens[First].kind == TokenKind::Identifier &&
                                                                 isBlockStatementWord(Tokens[First].text)));
    bool Continues = T.isIdent("else") || T.isIdent("catch") || T.isIdent("finally") ||
                     (T.isIdent("while") && ident(First, "do"));
    if (BlockEnds && !Continues && T.kind != TokenKind::Punctuator) {
      EndAt(I);
      continue;
    }
    if (T.newlineBefore && endsExpression(Prev) && beginsStatement(T))
      EndAt(I);
  }
  EndAt(Tokens.size());
}

std::optional<TokenRange> NodeModule::statementOf(std::size_t I) const {
  auto It = std::upper_bound(Statements.begin(), Statements.end(), I,
                             [](std::size_t V, const TokenRange &R) { return V < R.begin; });
  if (It == Statements.begin())
    return std::nullopt;
  --It;
  return It->contains(I) ? std::optional<TokenRange>(*It) : std::nullopt;
}

/// From I, the first token at I's depth (outside <…> type arguments) that
/// Stop accepts; End when none. Skips a TypeScript annotation to what follows it.
template <typename Pred> static std::size_t skipTo(const std::vector<Token> &Tokens, std::size_t I, std::size_t End, Pred Stop) {
  if (I >= End)
    return End;
  std::uint32_t Depth = Tokens[I].depth;
  int Angle = 0;
  for (std::size_t J = I; J < End; ++J) {
    const Token &T = Tokens[J];
    if (T.depth < Depth)
      return End;
    if (T.depth > Depth || T.kind != TokenKind::Punctuator)
      continue;
    if (Angle == 0 && Stop(J))
      return J;
    if (T.text == "<")
      ++Angle;
    else if (T.text == ">" || T.text == ">>" || T.text == ">>>")
      Angle = std::max(0, Angle - static_cast<int>(T.text.size()));
  }
  return End;
}

std::size_t NodeModule::skipType(std::size_t I, std::size_t End) const {
  // The `=` of a declarator after `: Type` (not the `=>` of a function type, which is another token).
  return skipTo(Tokens, I, End, [&](std::size_t J) { return Tokens[J].text == "=" || Tokens[J].text == ";"; });
}

std::optional<HandlerFunction> NodeModule::functionAt(std::size_t I, std::size_t End, int Budget) const {
  if (Budget <= 0 || I >= End)
    return std::nullopt;
  HandlerFunction F;
  F.functionToken = I;
  std::size_t J = I;
  if (ident(J, "async") && J + 1 < End && !punct(J + 1, "=>") && !Tokens[J + 1].newlineBefore) {
    F.isAsync = true;
    ++J;
  }
  auto SetParams = [&](std::size_t Open) {
    std::size_t Close = closerOf(Open);
    F.params = {Open + 1, std::min(Close, End)};
    if (isName(Open + 1) && !ident(Open + 1, "this"))
      F.eventParam = std::string(Tokens[Open + 1].text);
    return Close;
  };
  auto SetBody = [&](std::size_t K) {
    if (punct(K, "{")) {
      F.body = {K, std::min(closerOf(K) + 1, End)};
    } else {
      // A concise body: the expression up to the `,` or `;` that ends it.
      std::size_t Stop = skipTo(Tokens, K, End, [&](std::size_t X) {
        return Tokens[X].text == "," || Tokens[X].text == ";" || Tokens[X].text == ")" || Tokens[X].text == "}";
      });
      F.body = {K, Stop};
      F.conciseBody = true;
    }
    F.resolved = !F.body.empty();
    return F;
  };
  if (ident(J, "function")) {
    ++J;
    if (punct(J, "*"))
      ++J;
    if (isName(J))
      ++J;
    std::size_t Open = skipTo(Tokens, J, End, [&](std::size_t X) { return Tokens[X].text == "("; });
    if (Open >= End)
      return std::nullopt;
    std::size_t Close = SetParams(Open);
    // After `): ReturnType` the body is the first `{` not itself part of a type.
    std::size_t Body = skipTo(Tokens, Close + 1, End, [&](std::size_t X) {
      const Token &P = Tokens[X - 1];
      return Tokens[X].text == "{" && !P.isPunct(":") && !P.isPunct("|") && !P.isPunct("&") && !P.isPunct("=>") &&
             !P.isPunct("<") && !P.isPunct(",");
    });
    return SetBody(Body);
  }
  if (punct(J, "(") || punct(J, "<")) {
    std::size_t Open = punct(J, "(") ? J : skipTo(Tokens, J, End, [&](std::size_t X) { return Tokens[X].text == "("; });
    if (Open >= End)
      return std::nullopt;
    std::size_t Close = closerOf(Open);
    std::size_t Arrow = skipTo(Tokens, Close + 1, End, [&](std::size_t X) {
      return Tokens[X].text == "=>" || Tokens[X].text == "," || Tokens[X].text == ";" || Tokens[X].text == "{";
    });
    if (!punct(Arrow, "=>"))
      return std::nullopt;
    SetParams(Open);
    return SetBody(Arrow + 1);
  }
  if (isName(J) && punct(J + 1, "=>")) {
    F.params = {J, J + 1};
    F.eventParam = std::string(Tokens[J].text);
    return SetBody(J + 2);
  }
  if (!isName(J))
    return std::nullopt;
  // A name, a member chain or a call: follow a lone name to its binding, or
  // look inside a wrapper call for the function it wraps.
  std::size_t K = J + 1;
  while (punct(K, ".") && K + 1 < End && Tokens[K + 1].kind == TokenKind::Identifier)
    K += 2;
  if (punct(K, "(")) {
    std::size_t Close = std::min(closerOf(K), End);
    for (std::size_t Arg = K + 1; Arg < Close;) {
      if (auto Inner = functionAt(Arg, Close, Budget - 1)) {
        Inner->wrapped = true;
        return Inner;
      }
      std::size_t Comma = skipTo(Tokens, Arg, Close, [&](std::size_t X) { return Tokens[X].text == ","; });
      Arg = Comma + 1;
    }
    return std::nullopt;
  }
  if (K == J + 1 && (K >= End || punct(K, ";") || punct(K, ",") || punct(K, ")") || punct(K, "}") ||
                     Tokens[K].newlineBefore))
    return localBinding(Tokens[J].text, J, Budget - 1);
  return std::nullopt;
}

std::optional<HandlerFunction> NodeModule::localBinding(std::string_view Name, std::size_t NameToken,
                                                        int Budget) const {
  if (Budget <= 0)
    return std::nullopt;
  for (const TokenRange &S : Statements) {
    std::size_t I = S.begin;
    if (ident(I, "export"))
      ++I;
    if (ident(I, "declare"))
      return std::nullopt;
    if (ident(I, "async") && ident(I + 1, "function"))
      ++I;
    if (ident(I, "function")) {
      std::size_t N = punct(I + 1, "*") ? I + 2 : I + 1;
      if (N < S.end && N != NameToken && Tokens[N].text == Name)
        return functionAt(I > S.begin && ident(I - 1, "async") ? I - 1 : I, S.end, Budget);
      continue;
    }
    if (!ident(I, "const") && !ident(I, "let") && !ident(I, "var"))
      continue;
    for (std::size_t N = I + 1; N < S.end; ++N) {
      const Token &T = Tokens[N];
      if (T.depth != 0 || N == NameToken || !T.isIdent(Name) || !(punct(N - 1, ",") || N == I + 1))
        continue;
      std::size_t Eq = skipType(N + 1, S.end);
      if (punct(Eq, "="))
        return functionAt(Eq + 1, S.end, Budget);
    }
  }
  return std::nullopt;
}

std::optional<HandlerFunction> NodeModule::objectProperty(std::size_t Open, std::string_view Name,
                                                          int Budget) const {
  std::size_t Close = closerOf(Open);
  for (std::size_t P = Open + 1; P < Close;) {
    std::size_t Next = skipTo(Tokens, P, Close, [&](std::size_t X) { return Tokens[X].text == ","; });
    std::size_t K = P;
    bool Method = false;
    if (ident(K, "async") && !punct(K + 1, "(") && !punct(K + 1, ":") && !punct(K + 1, ",")) {
      ++K;
      Method = true;
    }
    if (K >= Close)
      break;
    const Token &Key = Tokens[K];
    bool KeyMatches = (Key.kind == TokenKind::Identifier && Key.text == Name) ||
                      (Key.kind == TokenKind::String && Key.text.size() >= 2 &&
                       Key.text.substr(1, Key.text.size() - 2) == Name);
    if (KeyMatches) {
      std::optional<HandlerFunction> F;
      if (punct(K + 1, ":")) {
        F = functionAt(K + 2, Next, Budget);
      } else if (punct(K + 1, "(")) {
        // A method: handler(event) {…}; functionAt reads it as an arrow-less function.
        HandlerFunction M;
        M.functionToken = P;
        M.isAsync = Method;
        std::size_t PClose = closerOf(K + 1);
        M.params = {K + 2, PClose};
        if (isName(K + 2))
          M.eventParam = std::string(Tokens[K + 2].text);
        std::size_t Body = skipTo(Tokens, PClose + 1, Next, [&](std::size_t X) {
          return Tokens[X].text == "{" && !Tokens[X - 1].isPunct(":") && !Tokens[X - 1].isPunct("<");
        });
        if (punct(Body, "{")) {
          M.body = {Body, closerOf(Body) + 1};
          M.resolved = true;
        }
        F = M;
      } else if (!Method) {
        F = localBinding(Name, K, Budget); // shorthand { handler }
      }
      HandlerFunction Result = F.value_or(HandlerFunction{});
      Result.exportToken = K;
      return Result;
    }
    P = Next + 1;
  }
  return std::nullopt;
}

std::optional<HandlerFunction> NodeModule::exportedFrom(const TokenRange &S, std::string_view Name,
                                                        int Budget) const {
  std::size_t I = S.begin;
  auto Bound = [&](std::size_t NameTok, std::optional<HandlerFunction> F) {
    HandlerFunction R = F.value_or(HandlerFunction{});
    R.exportToken = NameTok;
    return R;
  };
  // exports.handler = …, module.exports.handler = …, exports['handler'] = …
  std::size_t E = ident(I, "module") && punct(I + 1, ".") && ident(I + 2, "exports") ? I + 2 : I;
  if (ident(E, "exports")) {
    std::size_t N = E + 2;
    bool Dotted = punct(E + 1, ".") && ident(N, Name);
    bool Bracketed = punct(E + 1, "[") && N < S.end && Tokens[N].kind == TokenKind::String &&
                     Tokens[N].text.size() >= 2 && Tokens[N].text.substr(1, Tokens[N].text.size() - 2) == Name &&
                     punct(N + 1, "]");
    std::size_t Eq = Dotted ? N + 1 : N + 2;
    if ((Dotted || Bracketed) && punct(Eq, "="))
      return Bound(N, functionAt(Eq + 1, S.end, Budget));
    // module.exports = { handler, … }
    if (E != I && punct(E + 1, "=") && punct(E + 2, "{"))
      return objectProperty(E + 2, Name, Budget);
    return std::nullopt;
  }
  if (!ident(I, "export"))
    return std::nullopt;
  std::size_t J = I + 1;
  if (ident(J, "async") && ident(J + 1, "function")) {
    std::size_t N = punct(J + 2, "*") ? J + 3 : J + 2;
    return ident(N, Name) ? std::optional(Bound(N, functionAt(J, S.end, Budget))) : std::nullopt;
  }
  if (ident(J, "function")) {
    std::size_t N = punct(J + 1, "*") ? J + 2 : J + 1;
    return ident(N, Name) ? std::optional(Bound(N, functionAt(J, S.end, Budget))) : std::nullopt;
  }
  if (ident(J, "const") || ident(J, "let") || ident(J, "var")) {
    for (std::size_t N = J + 1; N < S.end; ++N) {
      if (Tokens[N].depth != 0 || !Tokens[N].isIdent(Name) || !(N == J + 1 || punct(N - 1, ",")))
        continue;
      std::size_t Eq = skipType(N + 1, S.end);
      return Bound(N, punct(Eq, "=") ? functionAt(Eq + 1, S.end, Budget) : std::nullopt);
    }
    return std::nullopt;
  }
  if (punct(J, "{")) {
    // export { local as handler, handler } [from './elsewhere']
    std::size_t Close = closerOf(J);
    bool Reexport = ident(Close + 1, "from");
    for (std::size_t K = J + 1; K < Close; ++K) {
      if (Tokens[K].kind != TokenKind::Identifier && Tokens[K].kind != TokenKind::String)
        continue;
      bool Renamed = ident(K + 1, "as");
      std::size_t Exported = Renamed ? K + 2 : K;
      if (Exported < Close && Tokens[Exported].text == Name) {
        if (Reexport)
          return Bound(Exported, std::nullopt);
        return Bound(Exported, localBinding(Tokens[K].text, Exported, Budget));
      }
      K = Exported;
    }
  }
  return std::nullopt;
}

std::optional<HandlerFunction> NodeModule::findHandler(std::string_view ExportName) const {
  if (ExportName.empty())
    return std::nullopt;
  // The last assignment wins, as when the module runs: TypeScript's CommonJS
  // output starts with `exports.handler = void 0;` and assigns the function later.
  std::optional<HandlerFunction> Last;
  for (const TokenRange &S : Statements)
    if (auto F = exportedFrom(S, ExportName, ResolveBudget))
      Last = F;
  return Last;
}

std::optional<HandlerFunction> NodeModule::localFunction(std::string_view Name) const {
  return localBinding(Name, Tokens.size(), ResolveBudget);
}

std::optional<HandlerFunction> findHandler(std::string_view Source, std::string_view ExportName) {
  return NodeModule(Source).findHandler(ExportName);
}

std::optional<HandlerSetting> parseHandlerSetting(std::string_view Handler) {
  std::size_t Dot = Handler.rfind('.');
  std::size_t Slash = Handler.rfind('/');
  if (Dot == std::string_view::npos || Dot == 0 || Dot + 1 == Handler.size() ||
      (Slash != std::string_view::npos && Dot < Slash))
    return std::nullopt;
  return HandlerSetting{std::string(Handler.substr(0, Dot)), std::string(Handler.substr(Dot + 1))};
}

std::vector<std::string> HandlerSetting::candidateFiles() const {
  std::vector<std::string> Files;
  for (const char *Ext : {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"})
    Files.push_back(moduleBase + Ext);
  return Files;
}

} // namespace fnlint::node
