//===- Tokenizer.h - JavaScript/TypeScript tokens ---------------*- C++ -*-===//
//
// A tokenizer for JavaScript and TypeScript (no JSX) that handler rules build
// on instead of regular expressions over raw text: strings, comments, template
// literals with nested substitutions and regular-expression literals are each
// one token, so a rule never mistakes text inside them for code.
//
// Malformed input never fails: an unterminated string, template, comment or
// regular expression ends at the end of its line or of the file and is marked.
//
//===----------------------------------------------------------------------===//
#ifndef FNLINT_ANALYZERS_HANDLER_NODE_TOKENIZER_H
#define FNLINT_ANALYZERS_HANDLER_NODE_TOKENIZER_H

#include <cstdint>
#include <string_view>
#include <vector>

namespace fnlint::node {

enum class TokenKind : std::uint8_t {
  Identifier,     ///< names and keywords alike (isKeyword tells them apart)
  PrivateName,    ///< #field
  Number,         ///< 1, 0x1F, 1_000, .5e-3, 10n
  String,         ///< '…' or "…", quotes included
  Template,       ///< `…` without substitutions
  TemplateHead,   ///< `…${
  TemplateMiddle, ///< }…${
  TemplateTail,   ///< }…`
  Regex,          ///< /…/flags
  Punctuator,     ///< operators and brackets, longest match
  LineComment,    ///< // … (only with TokenizeOptions::keepComments)
  BlockComment,   ///< /* … */ (only with TokenizeOptions::keepComments)
  Hashbang,       ///< #! … on the first line
  Unknown,        ///< a byte that starts no token (\, a stray control character)
};

struct Token {
  std::string_view text; ///< a view into the tokenized source
  std::uint32_t line = 0;   ///< 1-based
  std::uint32_t column = 0; ///< 1-based, in bytes
  /// How many {}, (), [] and ${} enclose the token. An opening bracket and its
  /// closing partner have the depth outside them; a TemplateHead opens and a
  /// TemplateTail closes a ${} like brackets do.
  std::uint32_t depth = 0;
  TokenKind kind = TokenKind::Unknown;
  bool unterminated = false; ///< a string, template, comment or regex cut short
  bool newlineBefore = false; ///< a line break separates it from the previous token (comments count)

  bool is(TokenKind K, std::string_view T) const { return kind == K && text == T; }
  bool isPunct(std::string_view T) const { return is(TokenKind::Punctuator, T); }
  bool isIdent(std::string_view T) const { return is(TokenKind::Identifier, T); }
  bool isComment() const { return kind == TokenKind::LineComment || kind == TokenKind::BlockComment; }
  /// The line of the token's last byte (templates and block comments span lines).
  std::uint32_t endLine() const;
};

struct TokenizeOptions {
  bool keepComments = false; ///< comments are dropped unless a caller wants them
};

/// Tokens of Source in order; views into Source, which must outlive them.
std::vector<Token> tokenize(std::string_view Source, TokenizeOptions Options = {});

/// A reserved word or contextual keyword that starts or joins syntax
/// (return, typeof, async, await, of, ...); not a plain name.
bool isKeyword(std::string_view Word);

} // namespace fnlint::node

#endif
