//===- Tokenizer.cpp - JavaScript/TypeScript tokens -------------------------===//
//
// One pass over the bytes with a stack of open brackets. The stack serves
// three purposes: token depth, telling a `}` that resumes a template from one
// that closes a block, and deciding after `)` or `}` whether a `/` starts a
// regular expression (after `if (…)` or a block it does; after a call or an
// object literal it divides).
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/Tokenizer.h"

#include "core/FileBudget.h"

#include <algorithm>

namespace fnlint::node {
namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isIdentStart(char C) {
  // Bytes >= 0x80 are UTF-8 parts of non-ASCII names; \ begins a \u escape.
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_' || C == '$' ||
         static_cast<unsigned char>(C) >= 0x80 || C == '\\';
}
bool isIdentPart(char C) { return isIdentStart(C) || isDigit(C); }

/// Punctuators longest first within each length; matched by length 4..1.
constexpr std::string_view Punct4[] = {">>>="};
constexpr std::string_view Punct3[] = {"...", "===", "!==", "**=", "<<=", ">>=",
                                                     ">>>", "&&=", "||=", "?\?="}; // ?\? avoids a trigraph
constexpr std::string_view Punct2[] = {"=>", "==", "!=", "<=", ">=", "&&", "||", "??",
                                                     "?.", "++", "--", "+=", "-=", "*=", "/=", "%=",
                                                     "&=", "|=", "^=", "**", "<<", ">>"};

/// Keywords after which an expression (so a regex) is expected, not an operator.
bool keywordPrecedesExpression(std::string_view W) {
  static constexpr std::string_view Words[] = {"return", "typeof", "instanceof", "in",    "of",   "new",
                                               "delete", "void",   "throw",      "case",  "do",   "else",
                                               "yield",  "await",  "extends",    "satisfies", "as"};
  return std::find(std::begin(Words), std::end(Words), W) != std::end(Words);
}

/// Keywords whose parenthesised part is followed by a statement, where `/` is a regex.
bool keywordTakesCondition(std::string_view W) { return W == "if" || W == "while" || W == "for" || W == "with"; }

struct Open {
  char bracket;           ///< '(', '[', '{' or '$' for a template substitution
  bool regexAfterClose;   ///< after the matching closer, does `/` start a regex?
};

class Lexer {
public:
  Lexer(std::string_view Source, TokenizeOptions Options) : Src(Source), Opts(Options) {
    Out.reserve(Source.size() / 5 + 16);
  }

  std::vector<Token> run() {
    if (Src.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 byte order mark
      Pos = LineStart = 3;
    if (Src.substr(Pos, 2) == "#!") {
      std::size_t Begin = Pos;
      skipToLineEnd();
      emit(TokenKind::Hashbang, Begin, Pos, Line, Begin - LineStart + 1);
    }
    // limits.file-seconds: the clock is read every 4096 steps; the tokens so far are kept.
    for (std::size_t Steps = 1; Pos < Src.size(); ++Steps) {
      if ((Steps & 0xFFF) == 0 && FileBudget::expired())
        break;
      next();
    }
    return std::move(Out);
  }

private:
  std::string_view Src;
  TokenizeOptions Opts;
  std::vector<Token> Out;
  std::vector<Open> Stack;
  std::size_t Pos = 0;
  std::size_t LineStart = 0;
  std::uint32_t Line = 1;
  bool NewlineBefore = false;
  /// Whether a `/` here starts a regex; set by each significant token.
  bool RegexAllowed = true;

  char at(std::size_t I) const { return I < Src.size() ? Src[I] : '\0'; }

  void newline(std::size_t NewlineAt) {
    ++Line;
    LineStart = NewlineAt + 1;
  }
  /// Consumes a line terminator at Pos, if any (\r\n counts once).
  bool consumeNewline() {
    char C = at(Pos);
    if (C == '\r' && at(Pos + 1) == '\n')
      ++Pos;
    if (C != '\n' && C != '\r')
      return false;
    newline(Pos);
    ++Pos;
    return true;
  }
  void skipToLineEnd() {
    while (Pos < Src.size() && Src[Pos] != '\n' && Src[Pos] != '\r')
      ++Pos;
  }

  Token &emit(TokenKind Kind, std::size_t Begin, std::size_t End, std::uint32_t StartLine,
              std::size_t StartColumn) {
    Token T;
    T.text = Src.substr(Begin, End - Begin);
    T.line = StartLine;
    T.column = static_cast<std::uint32_t>(StartColumn);
    T.depth = static_cast<std::uint32_t>(Stack.size());
    T.kind = Kind;
    T.newlineBefore = NewlineBefore;
    NewlineBefore = false;
    Out.push_back(T);
    return Out.back();
  }

  void next() {
    char C = Src[Pos];
    std::size_t Begin = Pos;
    std::uint32_t StartLine = Line;
    std::size_t Column = Pos - LineStart + 1;
    switch (C) {
    case ' ': case '\t': case '\v': case '\f':
      ++Pos;
      return;
    case '\n': case '\r':
      consumeNewline();
      NewlineBefore = true;
      return;
    case '\'': case '"':
      lexString(C, Begin, StartLine, Column);
      return;
    case '`':
      ++Pos;
      lexTemplatePart(Begin, StartLine, Column, /*Head=*/true);
      return;
    case '/':
      if (at(Pos + 1) == '/') {
        skipToLineEnd();
        comment(TokenKind::LineComment, Begin, StartLine, Column, false);
        return;
      }
      if (at(Pos + 1) == '*') {
        lexBlockComment(Begin, StartLine, Column);
        return;
      }
      if (RegexAllowed && lexRegex(Begin, StartLine, Column))
        return;
      break;
    case '#':
      if (isIdentStart(at(Pos + 1))) {
        ++Pos;
        while (Pos < Src.size() && isIdentPart(Src[Pos]))
          ++Pos;
        emit(TokenKind::PrivateName, Begin, Pos, StartLine, Column);
        RegexAllowed = false;
        return;
      }
      break;
    default:
      break;
    }
    if (isDigit(C) || (C == '.' && isDigit(at(Pos + 1)))) {
      lexNumber();
      emit(TokenKind::Number, Begin, Pos, StartLine, Column);
      RegexAllowed = false;
      return;
    }
    if (isIdentStart(C)) {
      lexIdentifier(Begin, StartLine, Column);
      return;
    }
    lexPunctuator(Begin, StartLine, Column);
  }

  void comment(TokenKind Kind, std::size_t Begin, std::uint32_t StartLine, std::size_t Column, bool Unterminated) {
    if (!Opts.keepComments)
      return;
    bool Before = NewlineBefore;
    emit(Kind, Begin, Pos, StartLine, Column).unterminated = Unterminated;
    NewlineBefore = Before; // a comment does not hide the line break before the next token
  }

  void lexBlockComment(std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    Pos += 2;
    while (Pos < Src.size()) {
      if (Src[Pos] == '*' && at(Pos + 1) == '/') {
        Pos += 2;
        comment(TokenKind::BlockComment, Begin, StartLine, Column, false);
        return;
      }
      if (Src[Pos] == '\n' || Src[Pos] == '\r') {
        consumeNewline();
        NewlineBefore = true; // a multi-line comment acts as a line break for ASI
        continue;
      }
      ++Pos;
    }
    comment(TokenKind::BlockComment, Begin, StartLine, Column, true);
  }

  void lexString(char Quote, std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    ++Pos;
    bool Unterminated = true;
    while (Pos < Src.size()) {
      char C = Src[Pos];
      if (C == Quote) {
        ++Pos;
        Unterminated = false;
        break;
      }
      if (C == '\n' || C == '\r')
        break; // strings cannot span lines; resume lexing on the next one
      if (C == '\\') {
        ++Pos;
        if (!consumeNewline() && Pos < Src.size()) // a line continuation or an escaped character
          ++Pos;
        continue;
      }
      ++Pos;
    }
    emit(TokenKind::String, Begin, Pos, StartLine, Column).unterminated = Unterminated;
    RegexAllowed = false;
  }

  /// Lexes template characters from Pos (just past ` or }) to the closing `
  /// or the next ${, emitting a Template/Head (Head) or Middle/Tail token.
  void lexTemplatePart(std::size_t Begin, std::uint32_t StartLine, std::size_t Column, bool Head) {
    while (Pos < Src.size()) {
      char C = Src[Pos];
      if (C == '`') {
        ++Pos;
        emit(Head ? TokenKind::Template : TokenKind::TemplateTail, Begin, Pos, StartLine, Column);
        RegexAllowed = false;
        return;
      }
      if (C == '$' && at(Pos + 1) == '{') {
        Pos += 2;
        emit(Head ? TokenKind::TemplateHead : TokenKind::TemplateMiddle, Begin, Pos, StartLine, Column);
        Stack.push_back({'$', false});
        RegexAllowed = true;
        return;
      }
      if (C == '\\') {
        ++Pos;
        if (!consumeNewline() && Pos < Src.size())
          ++Pos;
        continue;
      }
      if (!consumeNewline())
        ++Pos;
    }
    emit(Head ? TokenKind::Template : TokenKind::TemplateTail, Begin, Pos, StartLine, Column).unterminated = true;
    RegexAllowed = false;
  }

  /// A regex from Pos (at '/') when one ends on this line; else leaves Pos and
  /// returns false so the slash lexes as division (the guess was wrong).
  bool lexRegex(std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    std::size_t I = Pos + 1;
    bool InClass = false;
    while (I < Src.size()) {
      char C = Src[I];
      if (C == '\n' || C == '\r')
        return false;
      if (C == '\\') {
        I += 2;
        continue;
      }
      if (C == '[')
        InClass = true;
      else if (C == ']')
        InClass = false;
      else if (C == '/' && !InClass)
        break;
      ++I;
    }
    if (I >= Src.size())
      return false;
    ++I;
    while (I < Src.size() && isIdentPart(Src[I])) // flags
      ++I;
    Pos = I;
    emit(TokenKind::Regex, Begin, Pos, StartLine, Column);
    RegexAllowed = false;
    return true;
  }

  void lexNumber() {
    char Second = at(Pos + 1);
    bool Prefixed = Src[Pos] == '0' && Second != '\0' && std::string_view("xXoObB").find(Second) != std::string_view::npos;
    bool SeenDot = false, SeenExponent = false;
    if (Prefixed)
      Pos += 2;
    while (Pos < Src.size()) {
      char C = Src[Pos];
      if (C == '.' && !Prefixed && !SeenDot && !SeenExponent) {
        SeenDot = true;
      } else if ((C == 'e' || C == 'E') && !Prefixed) {
        SeenExponent = true;
        if (at(Pos + 1) == '+' || at(Pos + 1) == '-')
          ++Pos;
      } else if (!isIdentPart(C) || C == '\\' || C == '$') {
        break; // digits, hex digits, _ separators and the n of a bigint continue a number
      }
      ++Pos;
    }
  }

  void lexIdentifier(std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    while (Pos < Src.size() && isIdentPart(Src[Pos])) {
      if (Src[Pos] == '\\' && at(Pos + 1) != 'u')
        break;
      Pos += Src[Pos] == '\\' ? 2 : 1;
    }
    if (Pos == Begin) { // a lone backslash
      ++Pos;
      emit(TokenKind::Unknown, Begin, Pos, StartLine, Column);
      return;
    }
    Token &T = emit(TokenKind::Identifier, Begin, Pos, StartLine, Column);
    // A keyword after `.` is a property name (a.return / 2 divides).
    bool Property = Out.size() >= 2 && (Out[Out.size() - 2].isPunct(".") || Out[Out.size() - 2].isPunct("?."));
    RegexAllowed = !Property && keywordPrecedesExpression(T.text);
  }

  void lexPunctuator(std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    std::string_view Rest = Src.substr(Pos, 4);
    std::size_t Len = 1;
    auto Matches = [&](const auto &List) {
      for (std::string_view P : List)
        if (Rest.substr(0, P.size()) == P)
          return P.size();
      return std::size_t(0);
    };
    // Most punctuators are one character (brackets, `;`, `,`, `.` before a name): a longer one
    // needs a second character that some entry of the tables has there.
    static constexpr std::string_view Single = "(){}[];,:~";
    static constexpr std::string_view Seconds = ">=&|?.+-*<";
    if (Single.find(Rest.front()) != std::string_view::npos || Rest.size() < 2 ||
        Seconds.find(Rest[1]) == std::string_view::npos)
      Len = 1;
    else if (std::size_t L = Matches(Punct4))
      Len = L;
    else if (std::size_t L3 = Matches(Punct3))
      Len = L3;
    else if (std::size_t L2 = Matches(Punct2))
      Len = L2;
    // `a?.5:b` is a conditional, not optional chaining.
    if (Len == 2 && Rest.substr(0, 2) == "?." && isDigit(at(Pos + 2)))
      Len = 1;
    char C = Src[Pos];
    if (Len == 1 && C == '}' && !Stack.empty() && Stack.back().bracket == '$') {
      Stack.pop_back();
      ++Pos;
      lexTemplatePart(Begin, StartLine, Column, /*Head=*/false);
      return;
    }
    Pos += Len;
    std::string_view Text = Src.substr(Begin, Len);
    bool IsPunct = Len > 1 || std::string_view("{}()[];,<>+-*/%&|^!~?:=.@").find(C) != std::string_view::npos;
    if (!IsPunct) {
      emit(TokenKind::Unknown, Begin, Pos, StartLine, Column);
      return;
    }
    if (Len == 1 && (C == ')' || C == ']' || C == '}')) {
      close(C, Begin, StartLine, Column);
      return;
    }
    if (Len == 1 && (C == '(' || C == '[' || C == '{')) {
      Stack.push_back({C, opensWithRegexAfter(C)});
      emit(TokenKind::Punctuator, Begin, Pos, StartLine, Column).depth = static_cast<std::uint32_t>(Stack.size() - 1);
      RegexAllowed = true;
      return;
    }
    emit(TokenKind::Punctuator, Begin, Pos, StartLine, Column);
    // After a postfix ++/-- an operator follows; after any other operator an operand.
    RegexAllowed = Text != "++" && Text != "--";
  }

  /// Decides, when an opener is pushed, what `/` means after its closer.
  bool opensWithRegexAfter(char Bracket) const {
    const Token *Prev = Out.empty() ? nullptr : &Out.back();
    if (Bracket == '(')
      return Prev && Prev->kind == TokenKind::Identifier && keywordTakesCondition(Prev->text);
    if (Bracket == '[')
      return false;
    // `{` : a block (function body, statement block) ends a statement; an
    // object literal is an operand. A block follows `)`, `=>`, a statement
    // boundary or a block keyword.
    if (!Prev)
      return true;
    if (Prev->kind == TokenKind::Punctuator)
      return Prev->text == ")" || Prev->text == "=>" || Prev->text == ";" || Prev->text == "{" ||
             Prev->text == "}";
    if (Prev->kind == TokenKind::Identifier)
      return Prev->text == "else" || Prev->text == "try" || Prev->text == "finally" || Prev->text == "do" ||
             !isKeyword(Prev->text); // `class A {` / `extends B {`: a class body
    return false;
  }

  void close(char C, std::size_t Begin, std::uint32_t StartLine, std::size_t Column) {
    char Want = C == ')' ? '(' : C == ']' ? '[' : '{';
    // Pop to the matching opener when there is one; a stray closer pops nothing.
    auto It = std::find_if(Stack.rbegin(), Stack.rend(), [&](const Open &O) { return O.bracket == Want || O.bracket == '$'; });
    bool RegexAfter = false;
    if (It != Stack.rend() && It->bracket == Want) {
      RegexAfter = It->regexAfterClose;
      Stack.erase(std::next(It).base(), Stack.end());
    }
    emit(TokenKind::Punctuator, Begin, Pos, StartLine, Column);
    RegexAllowed = RegexAfter;
  }
};

} // namespace

std::uint32_t Token::endLine() const {
  std::uint32_t L = line;
  for (std::size_t I = 0; I < text.size(); ++I)
    if (text[I] == '\n' || (text[I] == '\r' && (I + 1 == text.size() || text[I + 1] != '\n')))
      ++L;
  return L;
}

std::vector<Token> tokenize(std::string_view Source, TokenizeOptions Options) {
  return Lexer(Source, Options).run();
}

bool isKeyword(std::string_view Word) {
  static constexpr std::string_view Words[] = {
      "as",     "async",  "await",   "break",    "case",       "catch",     "class",  "const",
      "continue", "debugger", "default", "delete", "do",        "else",      "enum",   "export",
      "extends", "false", "finally", "for",      "function",   "if",        "import", "in",
      "instanceof", "let", "new",    "null",     "of",         "return",    "satisfies", "static",
      "super",  "switch", "this",    "throw",    "true",       "try",       "typeof", "var",
      "void",   "while",  "with",    "yield"};
  return std::find(std::begin(Words), std::end(Words), Word) != std::end(Words);
}

} // namespace fnlint::node
