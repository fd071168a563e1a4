// Tests of the JavaScript/TypeScript tokenizer (analyzers/handler/node/Tokenizer.h):
// regex versus division, templates with nested substitutions, comments and
// strings that look like each other, positions, depth and malformed input.
#include "analyzers/handler/node/Tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fnlint::node {
namespace {

using K = TokenKind;

std::vector<std::string> texts(std::string_view Src, TokenizeOptions O = {}) {
  std::vector<std::string> Out;
  for (const Token &T : tokenize(Src, O))
    Out.emplace_back(T.text);
  return Out;
}

std::vector<TokenKind> kinds(std::string_view Src) {
  std::vector<TokenKind> Out;
  for (const Token &T : tokenize(Src))
    Out.push_back(T.kind);
  return Out;
}

using Strings = std::vector<std::string>;

TEST(NodeTokenizer, DivisionChainIsNotARegex) {
  EXPECT_EQ(texts("x = a / b / c"), (Strings{"x", "=", "a", "/", "b", "/", "c"}));
  EXPECT_EQ(texts("a/b/c"), (Strings{"a", "/", "b", "/", "c"}));
  EXPECT_EQ(texts("f(x) / 2 / y"), (Strings{"f", "(", "x", ")", "/", "2", "/", "y"}));
  EXPECT_EQ(texts("a[0] / b[1] / 2"), (Strings{"a", "[", "0", "]", "/", "b", "[", "1", "]", "/", "2"}));
  EXPECT_EQ(texts("x.return / 2 / 1"), (Strings{"x", ".", "return", "/", "2", "/", "1"}));
  EXPECT_EQ(texts("i++ / 2 / j"), (Strings{"i", "++", "/", "2", "/", "j"}));
  EXPECT_EQ(texts("`t` / 2 / 1"), (Strings{"`t`", "/", "2", "/", "1"}));
  EXPECT_EQ(texts("({}) / 2 / 1")[4], "/");
}

TEST(NodeTokenizer, RegexWhereAnOperandIsExpected) {
  EXPECT_EQ(texts("f(/re/g)"), (Strings{"f", "(", "/re/g", ")"}));
  EXPECT_EQ(texts("return /x/"), (Strings{"return", "/x/"}));
  EXPECT_EQ(texts("x = /a\\/b[/]c/i.test(s)"), (Strings{"x", "=", "/a\\/b[/]c/i", ".", "test", "(", "s", ")"}));
  EXPECT_EQ(texts("if (ok) /a/.test(s)"), (Strings{"if", "(", "ok", ")", "/a/", ".", "test", "(", "s", ")"}));
  EXPECT_EQ(texts("function f() {}\n/re/.exec(s)")[6], "/re/");
  EXPECT_EQ(texts("a = b ? /x/ : /y/"), (Strings{"a", "=", "b", "?", "/x/", ":", "/y/"}));
  EXPECT_EQ(texts("typeof /x/"), (Strings{"typeof", "/x/"}));
  EXPECT_EQ(kinds("/re/g")[0], K::Regex);
  // A slash that cannot end as a regex on its line is division after all.
  EXPECT_EQ(texts("(\n/ 2"), (Strings{"(", "/", "2"}));
}

TEST(NodeTokenizer, StringsHideCommentsAndComentsHideStrings) {
  EXPECT_EQ(texts("x = '/* not a comment */'"), (Strings{"x", "=", "'/* not a comment */'"}));
  EXPECT_EQ(texts("s = \"// in a string\"; y"), (Strings{"s", "=", "\"// in a string\"", ";", "y"}));
  EXPECT_EQ(texts("a // 'not a string\nb"), (Strings{"a", "b"}));
  EXPECT_EQ(texts("a /* \"x\" */ b"), (Strings{"a", "b"}));
  EXPECT_EQ(texts("a /* c */ b", {true}), (Strings{"a", "/* c */", "b"}));
  EXPECT_EQ(texts("'it\\'s' \"q\\\"\""), (Strings{"'it\\'s'", "\"q\\\"\""}));
  EXPECT_EQ(texts("'a\\\nb' c"), (Strings{"'a\\\nb'", "c"})); // a line continuation
}

TEST(NodeTokenizer, TemplatesNest) {
  EXPECT_EQ(texts("`a${`b${c}`}`"), (Strings{"`a${", "`b${", "c", "}`", "}`"}));
  EXPECT_EQ(kinds("`a${`b${c}`}`"),
            (std::vector<K>{K::TemplateHead, K::TemplateHead, K::Identifier, K::TemplateTail, K::TemplateTail}));
  EXPECT_EQ(texts("`${ {a: 1}.a } mid ${x} end`"),
            (Strings{"`${", "{", "a", ":", "1", "}", ".", "a", "} mid ${", "x", "} end`"}));
  EXPECT_EQ(texts("`no ${'}'} brace`"), (Strings{"`no ${", "'}'", "} brace`"}));
  EXPECT_EQ(texts("`// ${a /* x */} /* y */`"), (Strings{"`// ${", "a", "} /* y */`"}));
  EXPECT_EQ(texts("`\\${x}`"), (Strings{"`\\${x}`"}));
  EXPECT_EQ(texts("`${ /re/.test(x) }`")[1], "/re/");
  EXPECT_EQ(texts("tag`x` / 2"), (Strings{"tag", "`x`", "/", "2"}));
}

TEST(NodeTokenizer, NumbersIdentifiersPunctuators) {
  EXPECT_EQ(texts("1_000_000n 0xFF_FFn .5e-3 1e+9 0b1010 0o17 3.14"),
            (Strings{"1_000_000n", "0xFF_FFn", ".5e-3", "1e+9", "0b1010", "0o17", "3.14"}));
  EXPECT_EQ(texts("1..toString()"), (Strings{"1.", ".", "toString", "(", ")"}));
  EXPECT_EQ(texts("a?.b ?? c ?\?= d >>>= 1"), (Strings{"a", "?.", "b", "??", "c", "?\?=", "d", ">>>=", "1"}));
  EXPECT_EQ(texts("x?.5:1"), (Strings{"x", "?", ".5", ":", "1"}));
  EXPECT_EQ(texts("...args => a**b"), (Strings{"...", "args", "=>", "a", "**", "b"}));
  EXPECT_EQ(texts("this.#count $el _x café"), (Strings{"this", ".", "#count", "$el", "_x", "café"}));
  EXPECT_EQ(kinds("#priv")[0], K::PrivateName);
}

TEST(NodeTokenizer, TypeScriptJustTokenizes) {
  EXPECT_EQ(texts("const f = async (e: Event<A, B>): Promise<void> => {}"),
            (Strings{"const", "f", "=", "async", "(", "e", ":", "Event", "<", "A", ",", "B", ">", ")", ":", "Promise",
                     "<", "void", ">", "=>", "{", "}"}));
  EXPECT_EQ(texts("let m: Map<string, Array<number>> = x!"),
            (Strings{"let", "m", ":", "Map", "<", "string", ",", "Array", "<", "number", ">>", "=", "x", "!"}));
  EXPECT_EQ(texts("@Injectable() class A {}")[0], "@");
}

TEST(NodeTokenizer, HashbangAndByteOrderMark) {
  auto T = tokenize("#!/usr/bin/env node\nx");
  ASSERT_EQ(T.size(), 2u);
  EXPECT_EQ(T[0].kind, K::Hashbang);
  EXPECT_EQ(T[1].line, 2u);
  auto B = tokenize("\xEF\xBB\xBFlet a");
  ASSERT_EQ(B.size(), 2u);
  EXPECT_EQ(B[0].text, "let");
  EXPECT_EQ(B[0].column, 1u);
}

TEST(NodeTokenizer, PositionsAreOneBasedAndSurviveMultiLineTokens) {
  auto T = tokenize("a\n  `x\ny` /* c\n\n */ b\r\n\tc");
  ASSERT_EQ(T.size(), 4u);
  EXPECT_EQ(T[0].line, 1u);
  EXPECT_EQ(T[0].column, 1u);
  EXPECT_EQ(T[1].line, 2u);
  EXPECT_EQ(T[1].column, 3u);
  EXPECT_EQ(T[1].endLine(), 3u);
  EXPECT_EQ(T[2].text, "b");
  EXPECT_EQ(T[2].line, 5u);
  EXPECT_EQ(T[2].column, 5u);
  EXPECT_EQ(T[3].line, 6u);
  EXPECT_EQ(T[3].column, 2u);
  EXPECT_TRUE(T[1].newlineBefore);
  EXPECT_TRUE(T[2].newlineBefore); // the multi-line comment counts as a line break
  EXPECT_FALSE(tokenize("a b")[1].newlineBefore);
}

TEST(NodeTokenizer, DepthCountsBracketsAndSubstitutions) {
  auto T = tokenize("f({a: [1]}, `${x}`)");
  std::vector<std::uint32_t> D;
  for (const Token &X : T)
    D.push_back(X.depth);
  // f ( { a : [ 1 ] } , `${ x }` )
  EXPECT_EQ(D, (std::vector<std::uint32_t>{0, 0, 1, 2, 2, 2, 3, 2, 1, 1, 1, 2, 1, 0}));
  // A stray closer does not make depth negative; a missing one leaves it open.
  auto S = tokenize(") ] } a ( b");
  EXPECT_EQ(S[3].depth, 0u);
  EXPECT_EQ(S[5].depth, 1u);
  // A `)` inside a substitution cannot close a bracket outside the template.
  auto U = tokenize("( `${ ) }` x )");
  EXPECT_EQ(U.back().depth, 0u);
}

TEST(NodeTokenizer, MalformedInputEndsAndIsMarked) {
  auto S = tokenize("x = 'open\ny");
  ASSERT_EQ(S.size(), 4u);
  EXPECT_TRUE(S[2].unterminated);
  EXPECT_EQ(S[3].text, "y");
  EXPECT_TRUE(tokenize("`a ${ b")[0].kind == K::TemplateHead);
  EXPECT_TRUE(tokenize("`abc").back().unterminated);
  EXPECT_TRUE(tokenize("/* never closed", {true}).back().unterminated);
  EXPECT_TRUE(tokenize("").empty());
  for (std::string_view Bad : std::vector<std::string_view>{"'", "\"\\", "`", "`${", "`${`", "/", "/[", "\\", "#", "0x", "1e", "\\u", "}}}`",
                               "`${}}}}`", "a\\b", std::string_view("\0\0", 2), "\xff\xfe", "/*", "//", "#!"}) {
    auto T = tokenize(Bad);
    std::size_t Bytes = 0;
    for (const Token &X : T)
      Bytes += X.text.size();
    EXPECT_LE(Bytes, Bad.size()) << Bad;
  }
}

TEST(NodeTokenizer, KeywordsAreIdentifiersThatKnowIt) {
  EXPECT_TRUE(isKeyword("return"));
  EXPECT_TRUE(isKeyword("async"));
  EXPECT_FALSE(isKeyword("handler"));
  EXPECT_FALSE(isKeyword("event"));
}

} // namespace
} // namespace fnlint::node
