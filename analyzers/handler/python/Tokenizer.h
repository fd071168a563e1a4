//===- analyzers/handler/python/Tokenizer.h - Python tokens -----*- C++ -*-===//
//
// A Python tokenizer close to CPython's: names, numbers, operators, strings
// with any prefix (raw, bytes, f-strings), triple quotes, comments, explicit
// and implicit line joining, and INDENT/DEDENT from indentation. F-strings
// are split as Python 3.12 does: FStringStart, the tokens of each replacement
// field, FStringEnd; their literal text is not emitted. Malformed input never
// throws: an unterminated string ends at the end of its line (or of the
// file for triple quotes) and is flagged, stray characters become Error
// tokens, and every loop consumes input, so tokenizing always terminates.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace fnlint::python {

enum class TokenKind : std::uint8_t {
  Name,
  Number,
  String,       ///< a complete non-f string literal, prefix and quotes included
  FStringStart, ///< prefix and opening quote of an f-string
  FStringEnd,   ///< its closing quote (empty when unterminated)
  Op,           ///< operators and delimiters, longest match ("**=", "->", ":=")
  Newline,      ///< end of a logical line
  Indent,
  Dedent,
  Error,        ///< a character Python does not accept outside strings
  EndOfFile
};

struct Token {
  TokenKind kind = TokenKind::Error;
  std::uint32_t offset = 0; ///< byte offset in the source
  std::uint32_t length = 0;
  std::uint32_t line = 1;   ///< 1-based
  std::uint32_t column = 1; ///< 1-based, in bytes
  bool unterminated = false; ///< strings: no closing quote was found

  std::string_view text(std::string_view Source) const { return Source.substr(offset, length); }
};

/// Tokenizes \p Source. The result always ends with EndOfFile, preceded by
/// a Newline (when any token came before) and one Dedent per open indent.
std::vector<Token> tokenize(std::string_view Source);

/// The value of a plain String token with no escapes to interpret (the
/// text between its quotes); used for comparing constant arguments.
std::string_view stringBody(std::string_view TokenText);

} // namespace fnlint::python
