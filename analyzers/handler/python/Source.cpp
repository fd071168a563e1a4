//===- analyzers/handler/python/Source.cpp - Functions of a module ---------===//
#include "analyzers/handler/python/Source.h"

#include <tuple>

namespace fnlint::python {

Source::Source(std::string_view T) : Text(T), Tokens(tokenize(T)) {
  findFunctions();
  findImports();
}

std::string Source::qualified(std::string_view Local) const {
  auto It = Imports.find(Local);
  return It == Imports.end() ? std::string(Local) : It->second;
}

/// Keywords that can stand before '(' without being called.
static bool isKeyword(std::string_view W) {
  for (std::string_view K : {"import", "if", "elif", "while", "return", "in", "not", "and", "or", "assert", "del",
                             "yield", "await", "is", "for", "with", "lambda", "else", "except", "raise", "from"})
    if (W == K)
      return true;
  return false;
}

std::pair<std::string, std::size_t> Source::callAt(std::size_t I) const {
  if (!isBareName(I) || isKeyword(text(I)))
    return {};
  if (isOp(I + 1, "("))
    return {qualified(text(I)), I + 1};
  if (isOp(I + 1, ".") && I + 2 < Tokens.size() && Tokens[I + 2].kind == TokenKind::Name && isOp(I + 3, "("))
    return {qualified(text(I)) + "." + std::string(text(I + 2)), I + 3};
  return {};
}

void Source::findImports() {
  auto StatementStart = [&](std::size_t I) {
    if (I == 0)
      return true;
    TokenKind K = Tokens[I - 1].kind;
    return K == TokenKind::Newline || K == TokenKind::Indent || K == TokenKind::Dedent;
  };
  // A dotted name starting at I: its text and the token after it.
  auto Dotted = [&](std::size_t I) {
    std::string Name;
    while (I < Tokens.size() && Tokens[I].kind == TokenKind::Name) {
      Name += text(I);
      if (!isOp(I + 1, ".") || I + 2 >= Tokens.size() || Tokens[I + 2].kind != TokenKind::Name)
        return std::make_pair(Name, I + 1);
      Name += '.';
      I += 2;
    }
    return std::make_pair(Name, I);
  };
  for (std::size_t I = 0; I < Tokens.size(); ++I) {
    bool IsImport = isName(I, "import"), IsFrom = isName(I, "from");
    if ((!IsImport && !IsFrom) || !StatementStart(I))
      continue;
    std::string Module;
    std::size_t J = I + 1;
    if (IsFrom) {
      std::tie(Module, J) = Dotted(J);
      if (Module.empty() || !isName(J, "import"))
        continue;
      ++J;
      if (isOp(J, "("))
        ++J;
    }
    while (J < Tokens.size() && Tokens[J].kind == TokenKind::Name) {
      auto [Name, Next] = Dotted(J);
      std::string_view Local = text(J); // `import a.b` binds a
      std::string Target = IsFrom ? Module + "." + Name : Name.substr(0, Name.find('.'));
      if (isName(Next, "as") && Next + 1 < Tokens.size() && Tokens[Next + 1].kind == TokenKind::Name) {
        Local = text(Next + 1);
        Target = IsFrom ? Module + "." + Name : Name;
        Next += 2;
      }
      if (Local != Target)
        Imports[Local] = Target;
      if (!isOp(Next, ","))
        break;
      J = Next + 1;
    }
  }
}

std::size_t Source::skipBrackets(std::size_t Open) const {
  int Depth = 0;
  for (std::size_t I = Open; I < Tokens.size(); ++I) {
    if (Tokens[I].kind != TokenKind::Op)
      continue;
    std::string_view T = text(I);
    if (T == "(" || T == "[" || T == "{")
      ++Depth;
    else if ((T == ")" || T == "]" || T == "}") && --Depth <= 0)
      return I + 1;
  }
  return Tokens.size();
}

std::vector<Argument> Source::arguments(std::size_t Open) const {
  std::vector<Argument> Out;
  std::size_t Close = skipBrackets(Open) - 1;
  std::size_t Begin = Open + 1;
  for (std::size_t I = Begin; I <= Close && I < Tokens.size(); ++I) {
    bool Bracket = isOp(I, "(") || isOp(I, "[") || isOp(I, "{");
    if (Bracket) {
      I = skipBrackets(I) - 1;
      continue;
    }
    if (I != Close && !isOp(I, ","))
      continue;
    if (I > Begin) {
      Argument A{Begin, I, {}};
      if (I - Begin >= 2 && Tokens[Begin].kind == TokenKind::Name && isOp(Begin + 1, "=")) {
        A.keyword = text(Begin);
        A.begin = Begin + 2;
      }
      Out.push_back(A);
    }
    Begin = I + 1;
  }
  return Out;
}

int Source::topLevelFunction(std::string_view Name) const {
  for (std::size_t I = Functions.size(); I-- > 0;)
    if (Functions[I].topLevel && Functions[I].name == Name)
      return static_cast<int>(I);
  return -1;
}

bool Source::inNestedFunction(int F, std::size_t I) const {
  for (std::size_t G = static_cast<std::size_t>(F) + 1; G < Functions.size(); ++G) {
    const Function &Fn = Functions[G];
    if (Fn.defToken >= Functions[F].bodyEnd)
      break;
    if (Fn.defToken <= I && I < Fn.bodyEnd)
      return true;
  }
  return false;
}

void Source::findFunctions() {
  std::vector<int> Open; // functions whose body contains the current token
  int Level = 0;         // indentation depth
  bool StatementStart = true;
  for (std::size_t I = 0; I < Tokens.size(); ++I) {
    TokenKind K = Tokens[I].kind;
    if (K == TokenKind::Indent || K == TokenKind::Dedent || K == TokenKind::Newline) {
      Level += K == TokenKind::Indent ? 1 : K == TokenKind::Dedent ? -1 : 0;
      StatementStart = true;
      continue;
    }
    bool AtStart = StatementStart || (I > 0 && isName(I - 1, "async")) || (I > 0 && isOp(I - 1, ":"));
    StatementStart = false;
    if (!AtStart || !isName(I, "def") || Tokens[I + 1].kind != TokenKind::Name || !isOp(I + 2, "("))
      continue;
    Function F;
    F.name = text(I + 1);
    F.defToken = I;
    F.topLevel = Level == 0 && !(I > 0 && isOp(I - 1, ":"));
    std::size_t AfterParams = skipBrackets(I + 2);
    for (const Argument &A : arguments(I + 2)) {
      std::size_t P = A.keyword.empty() ? A.begin : A.begin - 2; // `x=1` is a parameter with a default
      while (P < A.end && (isOp(P, "*") || isOp(P, "**")))
        ++P;
      if (P < A.end && Tokens[P].kind == TokenKind::Name)
        F.params.push_back(text(P));
    }
    // The body: after the ':' that ends the header (a return annotation may come first).
    std::size_t Colon = AfterParams;
    while (Colon < Tokens.size() && !isOp(Colon, ":") && Tokens[Colon].kind != TokenKind::Newline)
      Colon = isOp(Colon, "[") || isOp(Colon, "(") ? skipBrackets(Colon) : Colon + 1;
    if (!isOp(Colon, ":"))
      continue;
    std::size_t B = Colon + 1;
    if (B + 1 < Tokens.size() && Tokens[B].kind == TokenKind::Newline && Tokens[B + 1].kind == TokenKind::Indent) {
      F.bodyBegin = B + 2;
      int Depth = 1;
      std::size_t E = F.bodyBegin;
      for (; E < Tokens.size() && Depth > 0; ++E)
        Depth += Tokens[E].kind == TokenKind::Indent ? 1 : Tokens[E].kind == TokenKind::Dedent ? -1 : 0;
      F.bodyEnd = E;
    } else { // def f(x): return x
      F.bodyBegin = B;
      std::size_t E = B;
      while (E < Tokens.size() && Tokens[E].kind != TokenKind::Newline && Tokens[E].kind != TokenKind::EndOfFile)
        ++E;
      F.bodyEnd = E;
    }
    while (!Open.empty() && Functions[Open.back()].bodyEnd <= I)
      Open.pop_back();
    F.parent = Open.empty() ? -1 : Open.back();
    Functions.push_back(std::move(F));
    Open.push_back(static_cast<int>(Functions.size() - 1));
  }
}

bool keywordIs(const Source &S, const std::vector<Argument> &Args, std::string_view Keyword, std::string_view Value) {
  for (const Argument &A : Args)
    if (A.keyword == Keyword && A.end == A.begin + 1 && S.isName(A.begin, Value))
      return true;
  return false;
}

} // namespace fnlint::python
