//===- analyzers/handler/python/Tokenizer.cpp - Python tokens -------------===//
#include "analyzers/handler/python/Tokenizer.h"

#include "core/FileBudget.h"

#include <cstring>
#include <string>

namespace fnlint::python {
namespace {

bool isNameStart(unsigned char C) { return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_' || C >= 0x80; }
bool isNameChar(unsigned char C) { return isNameStart(C) || (C >= '0' && C <= '9'); }
bool isDigit(unsigned char C) { return C >= '0' && C <= '9'; }
bool isNewline(char C) { return C == '\n' || C == '\r'; }

/// Nested f-strings deeper than this are scanned as plain strings, so
/// adversarial input cannot exhaust the stack.
constexpr int MaxFStringNesting = 16;

class Lexer {
public:
  explicit Lexer(std::string_view S) : Src(S), N(S.size()) { Out.reserve(S.size() / 4 + 8); }

  std::vector<Token> run() {
    // limits.file-seconds: the clock is read every 4096 steps; the tokens so far are kept.
    for (std::size_t Steps = 1; Pos < N; ++Steps) {
      if ((Steps & 0xFFF) == 0 && FileBudget::expired())
        break;
      if (AtLineStart && Depth == 0 && !indentation())
        continue;
      char C = Src[Pos];
      if (C == ' ' || C == '\t' || C == '\f') {
        ++Pos;
      } else if (C == '#') {
        skipToLineEnd();
      } else if (C == '\\' && Pos + 1 < N && isNewline(Src[Pos + 1])) {
        ++Pos;
        consumeNewline(); // explicit line joining: the logical line goes on
      } else if (isNewline(C)) {
        std::size_t At = Pos;
        consumeNewline();
        if (Depth == 0) {
          endLogicalLine(At);
          AtLineStart = true;
        }
      } else {
        lexToken(Depth, 0);
      }
    }
    endLogicalLine(N);
    while (Indents.size() > 1) {
      Indents.pop_back();
      emit(TokenKind::Dedent, N, 0);
    }
    emit(TokenKind::EndOfFile, N, 0);
    return std::move(Out);
  }

private:
  std::string_view Src;
  std::size_t N;
  std::size_t Pos = 0;
  std::uint32_t Line = 1;
  std::size_t LineStart = 0;
  int Depth = 0; ///< open brackets of the statement level
  bool AtLineStart = true;
  std::vector<std::uint32_t> Indents{0};
  std::vector<Token> Out;

  Token &emit(TokenKind K, std::size_t Begin, std::size_t Length) {
    Token T;
    T.kind = K;
    T.offset = static_cast<std::uint32_t>(Begin);
    T.length = static_cast<std::uint32_t>(Length);
    T.line = Line;
    T.column = static_cast<std::uint32_t>(Begin >= LineStart ? Begin - LineStart + 1 : 1);
    Out.push_back(T);
    return Out.back();
  }
  /// Emits a token that began at \p Begin on line \p L (strings may span lines).
  Token &emitAt(TokenKind K, std::size_t Begin, std::uint32_t L, std::size_t LStart) {
    Token &T = emit(K, Begin, Pos - Begin);
    T.line = L;
    T.column = static_cast<std::uint32_t>(Begin - LStart + 1);
    return T;
  }

  void consumeNewline() {
    if (Src[Pos] == '\r' && Pos + 1 < N && Src[Pos + 1] == '\n')
      ++Pos;
    ++Pos;
    ++Line;
    LineStart = Pos;
  }
  void skipToLineEnd() {
    while (Pos < N && !isNewline(Src[Pos]))
      ++Pos;
  }
  void endLogicalLine(std::size_t At) {
    if (Out.empty())
      return;
    TokenKind Last = Out.back().kind;
    if (Last != TokenKind::Newline && Last != TokenKind::Indent && Last != TokenKind::Dedent)
      emit(TokenKind::Newline, At, 0);
  }

  /// Measures the indentation of a new line. Blank and comment-only lines
  /// are consumed whole (returns false); otherwise emits INDENT/DEDENT.
  bool indentation() {
    std::uint32_t Col = 0;
    for (; Pos < N; ++Pos) {
      char C = Src[Pos];
      if (C == ' ')
        ++Col;
      else if (C == '\t')
        Col = (Col / 8 + 1) * 8;
      else if (C == '\f')
        Col = 0;
      else
        break;
    }
    if (Pos >= N)
      return false;
    if (Src[Pos] == '#')
      skipToLineEnd();
    if (Pos >= N)
      return false;
    if (isNewline(Src[Pos])) {
      consumeNewline();
      return false;
    }
    AtLineStart = false;
    if (Col > Indents.back()) {
      Indents.push_back(Col);
      emit(TokenKind::Indent, Pos, 0);
      return true;
    }
    while (Col < Indents.back()) {
      Indents.pop_back();
      emit(TokenKind::Dedent, Pos, 0);
    }
    if (Col > Indents.back()) { // inconsistent dedent: Python rejects it; keep the stack balanced
      Indents.push_back(Col);
      emit(TokenKind::Indent, Pos, 0);
    }
    return true;
  }

  /// One token at Pos (which is not whitespace, a comment or a newline).
  /// \p BracketDepth is the depth of the statement or f-string field.
  void lexToken(int &BracketDepth, int FNesting) {
    unsigned char C = static_cast<unsigned char>(Src[Pos]);
    if (isNameStart(C)) {
      if (std::size_t Quote = stringPrefixEnd(); Quote != 0) {
        lexString(Quote, FNesting);
        return;
      }
      std::size_t Begin = Pos;
      while (Pos < N && isNameChar(static_cast<unsigned char>(Src[Pos])))
        ++Pos;
      emit(TokenKind::Name, Begin, Pos - Begin);
      return;
    }
    if (C == '"' || C == '\'') {
      lexString(Pos, FNesting);
      return;
    }
    if (isDigit(C) || (C == '.' && Pos + 1 < N && isDigit(static_cast<unsigned char>(Src[Pos + 1])))) {
      lexNumber();
      return;
    }
    lexOperator(BracketDepth);
  }

  /// When Pos starts a string prefix (r, b, u, f, t, two of them) followed
  /// by a quote, the quote's offset; else 0.
  std::size_t stringPrefixEnd() const {
    for (std::size_t I = Pos; I < N && I < Pos + 3; ++I) {
      char C = Src[I];
      if (C == '"' || C == '\'')
        return I;
      if (!std::strchr("rRbBuUfFtT", C))
        return 0;
    }
    return 0;
  }

  void lexNumber() {
    std::size_t Begin = Pos;
    bool Hex = Src[Pos] == '0' && Pos + 1 < N && (Src[Pos + 1] == 'x' || Src[Pos + 1] == 'X');
    while (Pos < N) {
      char C = Src[Pos];
      if (isNameChar(static_cast<unsigned char>(C)) || C == '.')
        ++Pos;
      else if ((C == '+' || C == '-') && !Hex && (Src[Pos - 1] == 'e' || Src[Pos - 1] == 'E'))
        ++Pos;
      else
        break;
    }
    emit(TokenKind::Number, Begin, Pos - Begin);
  }

  void lexOperator(int &BracketDepth) {
    static constexpr const char *Three[] = {"**=", "//=", ">>=", "<<=", "..."};
    static constexpr const char *Two[] = {"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=",
                                          "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
    std::string_view Rest = Src.substr(Pos, 3);
    for (const char *Op : Three)
      if (Rest == Op) {
        emit(TokenKind::Op, Pos, 3);
        Pos += 3;
        return;
      }
    for (const char *Op : Two)
      if (Rest.substr(0, 2) == Op) {
        emit(TokenKind::Op, Pos, 2);
        Pos += 2;
        return;
      }
    char C = Src[Pos];
    if (std::strchr("([{", C))
      ++BracketDepth;
    else if (std::strchr(")]}", C) && BracketDepth > 0)
      --BracketDepth;
    bool Known = std::strchr("+-*/%@&|^~<>()[]{},:;.=!", C) != nullptr;
    emit(Known ? TokenKind::Op : TokenKind::Error, Pos, 1);
    ++Pos;
  }

  /// A string whose prefix starts at Pos and whose opening quote is at \p Quote.
  void lexString(std::size_t Quote, int FNesting) {
    std::size_t Begin = Pos;
    bool Formatted = false, Raw = false;
    for (std::size_t I = Begin; I < Quote; ++I) {
      char C = Src[I] | 0x20; // lower case
      Formatted |= C == 'f' || C == 't';
      Raw |= C == 'r';
    }
    char Q = Src[Quote];
    bool Triple = Quote + 2 < N && Src[Quote + 1] == Q && Src[Quote + 2] == Q;
    Pos = Quote + (Triple ? 3 : 1);
    std::uint32_t StartLine = Line;
    std::size_t StartLineStart = LineStart;
    if (Formatted && FNesting < MaxFStringNesting) {
      emitAt(TokenKind::FStringStart, Begin, StartLine, StartLineStart);
      lexFStringBody(Q, Triple, Raw, FNesting + 1);
      return;
    }
    bool Closed = scanLiteral(Q, Triple, /*StopAtBrace=*/false) == Scan::Closed;
    emitAt(TokenKind::String, Begin, StartLine, StartLineStart).unterminated = !Closed;
  }

  /// Whether Pos is at the closing quote(s); consumes them if so.
  bool atClose(char Q, bool Triple) {
    if (Src[Pos] != Q)
      return false;
    if (!Triple) {
      ++Pos;
      return true;
    }
    if (Pos + 2 < N && Src[Pos + 1] == Q && Src[Pos + 2] == Q) {
      Pos += 3;
      return true;
    }
    return false;
  }

  enum class Scan { Closed, Brace, Open };

  /// Scans string content to the closing quote (Closed, consumed), or to the
  /// end of the line for single-quoted strings / end of input (Open, not
  /// consumed). With \p StopAtBrace, also stops before a '{' or '}' (f-string
  /// literal parts; the caller handles them): Brace.
  Scan scanLiteral(char Q, bool Triple, bool StopAtBrace) {
    while (Pos < N) {
      char C = Src[Pos];
      if (C == '\\') {
        // An escape, raw or not, never closes the string ("\"" and r"\"" both go on).
        ++Pos;
        if (StopAtBrace && Pos < N && (Src[Pos] == '{' || Src[Pos] == '}'))
          continue; // f"\{x}": the brace still opens a field
        if (Pos < N && isNewline(Src[Pos]))
          consumeNewline();
        else if (Pos < N)
          ++Pos;
      } else if (isNewline(C)) {
        if (!Triple)
          return Scan::Open;
        consumeNewline();
      } else if (StopAtBrace && (C == '{' || C == '}')) {
        return Scan::Brace;
      } else if (atClose(Q, Triple)) {
        return Scan::Closed;
      } else {
        ++Pos;
      }
    }
    return Scan::Open;
  }

  void lexFStringBody(char Q, bool Triple, bool Raw, int FNesting) {
    while (true) {
      if (Pos < N && !Raw && Src[Pos] == '\\' && Pos + 2 < N && Src[Pos + 1] == 'N' && Src[Pos + 2] == '{') {
        // \N{DASH}: a named character, not a replacement field.
        while (Pos < N && Src[Pos] != '}' && !isNewline(Src[Pos]))
          ++Pos;
        if (Pos < N && Src[Pos] == '}')
          ++Pos;
        continue;
      }
      Scan R = scanLiteral(Q, Triple, /*StopAtBrace=*/true);
      if (R == Scan::Open) {
        emit(TokenKind::FStringEnd, Pos, 0).unterminated = true;
        return;
      }
      if (R == Scan::Closed) {
        std::size_t Len = Triple ? 3 : 1;
        emit(TokenKind::FStringEnd, Pos - Len, Len);
        return;
      }
      char C = Src[Pos];
      if (Pos + 1 < N && Src[Pos + 1] == C) { // "{{" and "}}" are literal braces
        Pos += 2;
        continue;
      }
      ++Pos;
      if (C == '{' && !lexField(Q, Triple, FNesting)) {
        std::size_t At = Pos;
        if (Pos < N && atClose(Q, Triple)) // a malformed field, but the string is closed
          emit(TokenKind::FStringEnd, At, Pos - At);
        else
          emit(TokenKind::FStringEnd, Pos, 0).unterminated = true;
        return;
      }
    }
  }

  /// The tokens of one replacement field, after its '{'. Returns false when
  /// the string ended inside it (unterminated).
  bool lexField(char Q, bool Triple, int FNesting) {
    int FieldDepth = 0;
    while (Pos < N) {
      char C = Src[Pos];
      if (C == ' ' || C == '\t' || C == '\f') {
        ++Pos;
      } else if (isNewline(C)) {
        if (!Triple)
          return false;
        consumeNewline();
      } else if (C == '#') {
        skipToLineEnd();
      } else if (FieldDepth == 0 && C == '}') {
        ++Pos;
        return true;
      } else if (FieldDepth == 0 && C == ':') {
        ++Pos;
        return lexFormatSpec(Q, Triple, FNesting);
      } else if (FieldDepth == 0 && C == '!' && !(Pos + 1 < N && Src[Pos + 1] == '=')) {
        ++Pos; // conversion: !r, !s, !a
        while (Pos < N && isNameChar(static_cast<unsigned char>(Src[Pos])))
          ++Pos;
      } else if (FieldDepth == 0 && C == '=' && selfDocumenting()) {
        ++Pos; // f"{x=}" prints the expression's text too; not an assignment
      } else if (C == '\\' && Pos + 1 < N && isNewline(Src[Pos + 1])) {
        ++Pos;
        consumeNewline();
      } else {
        lexToken(FieldDepth, FNesting);
      }
    }
    return false;
  }

  bool selfDocumenting() const {
    if (Pos + 1 < N && Src[Pos + 1] == '=')
      return false;
    std::size_t I = Pos + 1;
    while (I < N && (Src[I] == ' ' || Src[I] == '\t'))
      ++I;
    return I >= N || Src[I] == '}' || Src[I] == '!' || Src[I] == ':';
  }

  /// The format spec after ':' up to the field's '}', with nested fields.
  bool lexFormatSpec(char Q, bool Triple, int FNesting) {
    while (Pos < N) {
      Scan R = scanLiteral(Q, Triple, /*StopAtBrace=*/true);
      if (R == Scan::Closed) // the string closed inside the spec: put the quotes back for the body
        Pos -= Triple ? 3 : 1;
      if (R != Scan::Brace)
        return false;
      char C = Src[Pos];
      ++Pos;
      if (C == '}')
        return true;
      if (!lexField(Q, Triple, FNesting))
        return false;
    }
    return false;
  }
};

} // namespace

std::vector<Token> tokenize(std::string_view Source) { return Lexer(Source).run(); }

std::string_view stringBody(std::string_view T) {
  std::size_t Q = T.find_first_of("'\"");
  if (Q == std::string_view::npos)
    return {};
  char C = T[Q];
  std::size_t Open = T.substr(Q, 3) == std::string(3, C) && T.size() >= Q + 6 ? 3 : 1;
  std::size_t Begin = Q + Open;
  if (T.size() < Begin + Open)
    return T.substr(Begin);
  std::string_view Inner = T.substr(Begin, T.size() - Begin - Open);
  return Inner;
}

} // namespace fnlint::python
