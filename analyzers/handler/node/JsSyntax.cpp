//===- JsSyntax.cpp - Token queries the Node.js handler rules share -------===//
#include "analyzers/handler/node/JsSyntax.h"

namespace fnlint::node {
namespace {

bool punctAt(const std::vector<Token> &T, std::size_t I, std::string_view S) {
  return I < T.size() && T[I].isPunct(S);
}
bool identAt(const std::vector<Token> &T, std::size_t I, std::string_view S) {
  return I < T.size() && T[I].isIdent(S);
}
bool isDeclarationWord(const Token &T) { return T.isIdent("const") || T.isIdent("let") || T.isIdent("var"); }

/// A token that can end an expression before a line break.
bool endsExpression(const Token &T) {
  if (T.kind == TokenKind::Identifier)
    return !isKeyword(T.text) || T.text == "this" || T.text == "true" || T.text == "false" || T.text == "null";
  if (T.kind == TokenKind::Punctuator)
    return T.text == ")" || T.text == "]" || T.text == "}";
  return T.kind != TokenKind::TemplateHead && T.kind != TokenKind::TemplateMiddle;
}

} // namespace

std::size_t partnerOf(const std::vector<Token> &T, std::size_t Close) {
  // Everything between a bracket and its partner is deeper than both.
  for (std::size_t K = Close; K-- > 0;)
    if (T[K].depth <= T[Close].depth)
      return T[K].isPunct("(") || T[K].isPunct("[") || T[K].isPunct("{") ? K : NoToken;
  return NoToken;
}

std::string_view builtinName(std::string_view Module) {
  return Module.substr(0, 5) == "node:" ? Module.substr(5) : Module;
}

std::optional<std::string_view> literalText(const Token &T) {
  if ((T.kind != TokenKind::String && T.kind != TokenKind::Template) || T.unterminated || T.text.size() < 2)
    return std::nullopt;
  return T.text.substr(1, T.text.size() - 2);
}

bool isNameToken(const std::vector<Token> &T, std::size_t I) {
  return I < T.size() && T[I].kind == TokenKind::Identifier && !isKeyword(T[I].text);
}

bool isProperty(const std::vector<Token> &T, std::size_t I) {
  return I > 0 && (T[I - 1].isPunct(".") || T[I - 1].isPunct("?."));
}

std::size_t openerOf(const std::vector<Token> &T, std::size_t I) {
  std::uint32_t D = T[I].depth;
  for (std::size_t K = I; K-- > 0;)
    if (T[K].depth < D)
      return K;
  return NoToken;
}

std::vector<TokenRange> callArguments(const NodeModule &M, std::size_t Open) {
  const auto &T = M.tokens();
  std::vector<TokenRange> Out;
  std::size_t Close = M.closerOf(Open);
  std::size_t Begin = Open + 1;
  for (std::size_t K = Begin; K < Close; ++K)
    if (T[K].depth == T[Open].depth + 1 && T[K].isPunct(",")) {
      if (K > Begin)
        Out.push_back({Begin, K});
      Begin = K + 1;
    }
  if (Close > Begin)
    Out.push_back({Begin, Close});
  return Out;
}

TokenRange propertyValue(const NodeModule &M, std::size_t Open, std::string_view Key) {
  const auto &T = M.tokens();
  if (!punctAt(T, Open, "{"))
    return {};
  for (const TokenRange &P : callArguments(M, Open)) {
    const Token &K = T[P.begin];
    bool Matches = (K.kind == TokenKind::Identifier && K.text == Key) || literalText(K) == Key;
    if (Matches && punctAt(T, P.begin + 1, ":"))
      return {P.begin + 2, P.end};
    if (Matches && P.end == P.begin + 1 && K.kind == TokenKind::Identifier)
      return P; // shorthand `{ credentials }`: the value is the variable
  }
  return {};
}

std::size_t expressionEnd(const std::vector<Token> &T, std::size_t Begin, std::size_t End) {
  if (Begin >= End)
    return End;
  std::uint32_t D = T[Begin].depth;
  for (std::size_t J = Begin; J < End; ++J) {
    const Token &X = T[J];
    if (X.depth < D)
      return J;
    if (X.depth != D)
      continue;
    if (X.isPunct(";") || X.isPunct(","))
      return J;
    if (J > Begin && X.newlineBefore && endsExpression(T[J - 1]) && X.kind == TokenKind::Identifier &&
        X.text != "in" && X.text != "instanceof" && X.text != "of" && X.text != "as")
      return J;
  }
  return End;
}

std::size_t boundNameBefore(const std::vector<Token> &T, std::size_t Eq) {
  // `const x: Map<string, Y> = …`: the name before the annotation's colon.
  for (std::size_t K = Eq, Steps = 0; K-- > 1 && Steps < 24; ++Steps) {
    const Token &X = T[K];
    if (X.depth != T[Eq].depth)
      continue;
    if (X.isPunct(":") && isNameToken(T, K - 1) && K >= 2 &&
        (isDeclarationWord(T[K - 2]) || T[K - 2].isPunct(",") || T[K - 2].isIdent("readonly") ||
         T[K - 2].isIdent("private") || T[K - 2].isIdent("public") || T[K - 2].isIdent("static")))
      return K - 1;
    if (X.isPunct(";") || X.isPunct("=") || X.isPunct("{") || X.isPunct("}") || X.isPunct("(") ||
        isDeclarationWord(X))
      break;
  }
  return Eq > 0 && isNameToken(T, Eq - 1) ? Eq - 1 : NoToken;
}

bool mentionsAny(const std::vector<Token> &T, std::size_t Begin, std::size_t End,
                 const std::set<std::string_view> &Names) {
  for (std::size_t I = Begin; I < End && I < T.size(); ++I) {
    if (T[I].kind != TokenKind::Identifier || !Names.count(T[I].text) || isProperty(T, I))
      continue;
    bool Key = punctAt(T, I + 1, ":") && I > 0 && (T[I - 1].isPunct("{") || T[I - 1].isPunct(","));
    if (!Key)
      return true;
  }
  return false;
}

namespace {

/// The parameter names of the function whose `=>` or `function` is at \p I.
std::vector<std::size_t> parameterNames(const std::vector<Token> &T, std::size_t I, std::size_t &ParamsBegin) {
  std::vector<std::size_t> Out;
  std::size_t Open = NoToken, Close = NoToken;
  if (T[I].isPunct("=>")) {
    if (isNameToken(T, I - 1)) {
      ParamsBegin = I - 1;
      Out.push_back(I - 1);
      return Out;
    }
    if (!punctAt(T, I - 1, ")"))
      return Out;
    Close = I - 1;
    Open = partnerOf(T, Close);
  } else {
    std::size_t K = isNameToken(T, I + 1) ? I + 2 : I + 1;
    if (!punctAt(T, K, "("))
      return Out;
    Open = K;
    for (Close = K + 1; Close < T.size() && T[Close].depth > T[Open].depth; ++Close) {
    }
  }
  if (Open == NoToken)
    return Out;
  ParamsBegin = T[I].isPunct("=>") ? Open : I;
  for (std::size_t K = Open + 1; K < Close; ++K)
    if (isNameToken(T, K) && !punctAt(T, K + 1, ":") && !isProperty(T, K))
      Out.push_back(K);
  return Out;
}

} // namespace

std::set<std::string_view> eventDerivedNames(const NodeModule &M, const TokenRange &Body, std::string_view Event) {
  const auto &T = M.tokens();
  std::set<std::string_view> Tainted{Event};
  auto TaintPattern = [&](std::size_t Begin, std::size_t End) {
    for (std::size_t K = Begin; K < End; ++K)
      if (isNameToken(T, K) && !punctAt(T, K + 1, ":") && !isProperty(T, K))
        Tainted.insert(T[K].text);
  };
  for (int Pass = 0; Pass < 2; ++Pass) {
    for (std::size_t I = Body.begin; I < Body.end; ++I) {
      const Token &X = T[I];
      if (X.isPunct("=") || X.isPunct("+=") || X.isPunct("||=") || X.isPunct("??=")) {
        std::size_t End = expressionEnd(T, I + 1, Body.end);
        if (!mentionsAny(T, I + 1, End, Tainted))
          continue;
        if (punctAt(T, I - 1, "}") || punctAt(T, I - 1, "]")) {
          std::size_t Open = partnerOf(T, I - 1);
          if (Open != NoToken)
            TaintPattern(Open + 1, I - 1);
        } else if (std::size_t N = boundNameBefore(T, I); N != NoToken) {
          Tainted.insert(T[N].text);
        }
      } else if ((X.isIdent("of") || X.isIdent("in")) && I > 0) {
        // for (const x of <tainted>)
        std::size_t Open = openerOf(T, I);
        if (Open == NoToken || !T[Open].isPunct("(") || Open == 0 || !T[Open - 1].isIdent("for"))
          continue;
        std::size_t Close = M.closerOf(Open);
        if (mentionsAny(T, I + 1, Close, Tainted))
          TaintPattern(Open + 1, I);
      } else if (X.isPunct("=>") || X.isIdent("function")) {
        // A callback of <tainted>.forEach(…), .map(…), .then(…): its parameters carry the data.
        std::size_t ParamsBegin = NoToken;
        std::vector<std::size_t> Params = parameterNames(T, I, ParamsBegin);
        if (Params.empty() || ParamsBegin == NoToken)
          continue;
        std::size_t Call = openerOf(T, ParamsBegin);
        if (Call == NoToken || !T[Call].isPunct("(") || Call < 2 || !isProperty(T, Call - 1))
          continue;
        std::size_t Chain = Call - 1;
        while (Chain >= 2 && isProperty(T, Chain)) {
          Chain -= 2;
          if (punctAt(T, Chain, ")") || punctAt(T, Chain, "]"))
            Chain = partnerOf(T, Chain) == NoToken || partnerOf(T, Chain) == 0 ? Chain : partnerOf(T, Chain) - 1;
        }
        if (mentionsAny(T, Chain, Call, Tainted))
          for (std::size_t P : Params)
            Tainted.insert(T[P].text);
      }
    }
  }
  return Tainted;
}

bool inNestedFunction(const NodeModule &M, const TokenRange &Body, std::size_t I) {
  const auto &T = M.tokens();
  std::size_t J = I;
  while (true) {
    // A concise arrow body at this level: `x => new Client()`.
    for (std::size_t K = J; K-- > Body.begin;) {
      if (T[K].depth < T[J].depth)
        break;
      if (T[K].depth > T[J].depth)
        continue;
      if (T[K].isPunct("=>"))
        return true;
      if (T[K].isPunct(";") || T[K].isPunct("{") || T[K].isPunct("}"))
        break;
    }
    std::size_t O = openerOf(T, J);
    if (O == NoToken || O <= Body.begin)
      return false;
    if (T[O].isPunct("{") && O > 0) {
      if (T[O - 1].isPunct("=>"))
        return true;
      if (T[O - 1].isPunct(")")) {
        std::size_t Paren = partnerOf(T, O - 1);
        if (Paren != NoToken && Paren > 0 &&
            (T[Paren - 1].isIdent("function") || isNameToken(T, Paren - 1) ||
             (Paren > 1 && T[Paren - 2].isIdent("function"))))
          return true;
      }
    }
    J = O;
  }
}

Imports::Imports(const NodeModule &M) {
  const auto &T = M.tokens();
  for (const TokenRange &S : M.topLevelStatements()) {
    if (!identAt(T, S.begin, "import") || identAt(T, S.begin + 1, "type"))
      continue;
    std::size_t From = NoToken;
    for (std::size_t K = S.begin + 1; K < S.end; ++K)
      if (T[K].isIdent("from") && T[K].depth == 0 && K + 1 < S.end && literalText(T[K + 1]))
        From = K;
    if (From == NoToken)
      continue;
    std::string_view Module = *literalText(T[From + 1]);
    for (std::size_t K = S.begin + 1; K < From; ++K) {
      if (T[K].isPunct("{")) {
        std::size_t Close = M.closerOf(K);
        bindPattern(T, K + 1, Close, Module);
        K = Close;
      } else if (T[K].isPunct("*") && identAt(T, K + 1, "as") && isNameToken(T, K + 2)) {
        Names[T[K + 2].text] = {Module, "*"};
        K += 2;
      } else if (isNameToken(T, K)) {
        Names[T[K].text] = {Module, "*"}; // a default import
      }
    }
  }
  // require('m') anywhere, bound by `const x = …require('m')…` or a pattern.
  for (std::size_t I = 0; I + 3 < T.size(); ++I) {
    if (!T[I].isIdent("require") || !T[I + 1].isPunct("(") || !literalText(T[I + 2]) || !T[I + 3].isPunct(")") ||
        isProperty(T, I))
      continue;
    std::string_view Module = *literalText(T[I + 2]);
    std::string_view Name = "*";
    if (punctAt(T, I + 4, ".") && isNameToken(T, I + 5))
      Name = T[I + 5].text;
    std::size_t Eq = I;
    for (int Steps = 0; Eq > 0 && Steps < 8; ++Steps) {
      --Eq;
      if (T[Eq].isPunct("=") || !(T[Eq].isPunct("(") || T[Eq].isPunct(".") || isNameToken(T, Eq)))
        break;
    }
    if (!T[Eq].isPunct("="))
      continue;
    if (punctAt(T, Eq - 1, "}")) {
      std::size_t Open = partnerOf(T, Eq - 1);
      if (Open != NoToken)
        bindPattern(T, Open + 1, Eq - 1, Module);
    } else if (std::size_t N = boundNameBefore(T, Eq); N != NoToken) {
      Names[T[N].text] = {Module, Name};
    }
  }
}

void Imports::bindPattern(const std::vector<Token> &T, std::size_t Begin, std::size_t End, std::string_view Module) {
  // { A, B as C, type D } of an import; { A, B: C, D = 1 } of a destructuring require.
  for (std::size_t K = Begin; K < End; ++K) {
    if (T[K].isIdent("type") && isNameToken(T, K + 1))
      ++K;
    if (T[K].kind != TokenKind::Identifier && T[K].kind != TokenKind::String)
      continue;
    std::string_view Exported = literalText(T[K]).value_or(T[K].text);
    std::size_t Local = K;
    if ((identAt(T, K + 1, "as") || punctAt(T, K + 1, ":")) && isNameToken(T, K + 2))
      Local = K + 2;
    if (isNameToken(T, Local))
      Names[T[Local].text] = {Module, Exported};
    for (K = Local; K < End && !T[K].isPunct(","); ++K) {
    }
  }
}

const Import *Imports::find(std::string_view Local) const {
  auto It = Names.find(Local);
  return It == Names.end() ? nullptr : &It->second;
}

bool Imports::anyFrom(std::string_view Prefix) const {
  for (const auto &[Local, I] : Names)
    if (I.module.substr(0, Prefix.size()) == Prefix)
      return true;
  return false;
}

} // namespace fnlint::node
