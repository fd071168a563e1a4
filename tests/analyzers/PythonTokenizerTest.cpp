//===- tests/analyzers/PythonTokenizerTest.cpp - Python tokens and defs ---===//
#include "analyzers/handler/python/Source.h"
#include "analyzers/handler/python/Tokenizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace fnlint::python;

namespace {

/// "Name:x Op:( ..." with structural tokens as NL, IN, DE.
std::string dump(std::string_view Src) {
  std::string Out;
  for (const Token &T : tokenize(Src)) {
    if (!Out.empty())
      Out += ' ';
    switch (T.kind) {
    case TokenKind::Newline: Out += "NL"; break;
    case TokenKind::Indent: Out += "IN"; break;
    case TokenKind::Dedent: Out += "DE"; break;
    case TokenKind::EndOfFile: Out += "EOF"; break;
    case TokenKind::FStringStart: Out += "F<"; break;
    case TokenKind::FStringEnd: Out += T.unterminated ? "F>!" : "F>"; break;
    case TokenKind::String: Out += std::string(T.text(Src)) + (T.unterminated ? "!" : ""); break;
    case TokenKind::Error: Out += "ERR"; break;
    default: Out += std::string(T.text(Src));
    }
  }
  return Out;
}

TEST(PythonTokenizer, NamesNumbersOperators) {
  EXPECT_EQ(dump("x = a.b(1, 2.5e-3) ** 2 // 0x1F\n"), "x = a . b ( 1 , 2.5e-3 ) ** 2 // 0x1F NL EOF");
  EXPECT_EQ(dump("a := b -> c ... d"), "a := b -> c ... d NL EOF");
  EXPECT_EQ(dump("x $ y"), "x ERR y NL EOF");
}

TEST(PythonTokenizer, IndentationAndBlankLines) {
  EXPECT_EQ(dump("def f(x):\n    if x:\n\n        # comment\n        return 1\n    return 2\ny = 3\n"),
            "def f ( x ) : NL IN if x : NL IN return 1 NL DE return 2 NL DE y = 3 NL EOF");
  // Tabs count to the next multiple of 8; an unclosed block is closed at the end.
  EXPECT_EQ(dump("if a:\n\tb\n"), "if a : NL IN b NL DE EOF");
  // Inconsistent dedent stays balanced.
  EXPECT_EQ(dump("if a:\n    b\n  c\n"), "if a : NL IN b NL DE IN c NL DE EOF");
}

TEST(PythonTokenizer, BracketsAndContinuationsJoinLines) {
  EXPECT_EQ(dump("x = f(1,\n      2)\ny = 1 + \\\n    2\n"), "x = f ( 1 , 2 ) NL y = 1 + 2 NL EOF");
  EXPECT_EQ(dump("x = [\n  1,  # one\n]\n"), "x = [ 1 , ] NL EOF");
}

TEST(PythonTokenizer, StringsWithPrefixesAndTripleQuotes) {
  EXPECT_EQ(dump("a = 'x#y' + \"q\\\"\" + b'\\x00' + Rb\"\\d\" + u'z'"),
            "a = 'x#y' + \"q\\\"\" + b'\\x00' + Rb\"\\d\" + u'z' NL EOF");
  auto Tokens = tokenize("s = '''one\n'two'\n'''\nt = 1\n");
  ASSERT_EQ(Tokens[2].kind, TokenKind::String);
  EXPECT_EQ(Tokens[2].line, 1u);
  EXPECT_EQ(Tokens[4].kind, TokenKind::Name); // t, on line 4
  EXPECT_EQ(Tokens[4].line, 4u);
  EXPECT_EQ(Tokens[4].column, 1u);
  EXPECT_EQ(dump("r'\\''"), "r'\\'' NL EOF");
}

TEST(PythonTokenizer, FStringsExposeTheirExpressions) {
  const std::pair<const char *, const char *> Cases[] = {
      {"f'a{x}b{{c}}{y!r:>{w}}'", "F< x y w F> NL EOF"},
      {"f\"{d['k']}\"", "F< d [ 'k' ] F> NL EOF"},
      {"f\"{d[\"k\"]}\"", "F< d [ \"k\" ] F> NL EOF"}, // Python 3.12 nesting
      {"f'{f\"{a}\"}'", "F< F< a F> F> NL EOF"},
      {"f'{x=}'", "F< x F> NL EOF"},
      {"f'{ {1: 2}[1] }'", "F< { 1 : 2 } [ 1 ] F> NL EOF"},
      {"F'''{a\n+ b}'''", "F< a + b F> NL EOF"},
      {"f'\\N{DASH}{x}'", "F< x F> NL EOF"},
      {"rf'\\{x}'", "F< x F> NL EOF"},
  };
  for (const auto &[Src, Expected] : Cases)
    EXPECT_EQ(dump(Src), Expected) << Src;
}

TEST(PythonTokenizer, MalformedInputTerminates) {
  const std::pair<const char *, const char *> Cases[] = {
      {"s = 'abc\nx = 1\n", "s = 'abc! NL x = 1 NL EOF"},
      {"s = \"\"\"never closed\n", "s = \"\"\"never closed\n! NL EOF"},
      {"f'{x'\ny", "F< x '! F>! NL y NL EOF"},
      {"f'{", "F< F>! NL EOF"},
      {"x = (1,\n", "x = ( 1 , NL EOF"},
      {")))\n", ") ) ) NL EOF"},
      {"\\", "ERR NL EOF"},
      {"", "EOF"},
  };
  for (const auto &[Src, Expected] : Cases)
    EXPECT_EQ(dump(Src), Expected) << Src;
  // Deeply nested f-strings are bounded, random bytes never hang or crash.
  std::string Deep;
  for (int I = 0; I < 5000; ++I)
    Deep += "f'{";
  EXPECT_FALSE(tokenize(Deep).empty());
  std::mt19937 Rng(7);
  const char Alphabet[] = "fr'\"{}()[]:!=\\\n\t #xb0";
  for (int Round = 0; Round < 300; ++Round) {
    std::string S;
    for (int I = 0; I < 200; ++I)
      S += Alphabet[Rng() % (sizeof(Alphabet) - 1)];
    auto T = tokenize(S);
    ASSERT_EQ(T.back().kind, TokenKind::EndOfFile);
    Source Parsed(S); // the structural layer must cope too
    (void)Parsed;
  }
}

TEST(PythonSource, FunctionsParametersAndBodies) {
  Source S("import boto3\n"
           "@decorator\n"
           "async def lambda_handler(event: dict, context=None, *args, **kw) -> dict:\n"
           "    def inner(x): return x\n"
           "    return inner(event)\n"
           "class C:\n"
           "    def handler(self, e):\n"
           "        pass\n"
           "def handler(e, c): pass\n");
  const auto &F = S.functions();
  ASSERT_EQ(F.size(), 4u);
  EXPECT_EQ(F[0].name, "lambda_handler");
  EXPECT_TRUE(F[0].topLevel);
  EXPECT_EQ(F[0].params, (std::vector<std::string_view>{"event", "context", "args", "kw"}));
  EXPECT_EQ(F[1].name, "inner");
  EXPECT_EQ(F[1].parent, 0);
  EXPECT_FALSE(F[1].topLevel);
  EXPECT_TRUE(S.inNestedFunction(0, F[1].bodyBegin));
  EXPECT_FALSE(F[2].topLevel); // a method
  EXPECT_EQ(S.topLevelFunction("handler"), 3);
  EXPECT_EQ(S.topLevelFunction("inner"), -1);
  EXPECT_EQ(F[3].params, (std::vector<std::string_view>{"e", "c"}));
  // The body of lambda_handler ends before class C.
  EXPECT_LT(F[0].bodyEnd, F[2].defToken);
}

TEST(PythonSource, CallArguments) {
  Source S("run(cmd, [1, 2], shell=True, d={'a': 1})\n");
  auto A = S.arguments(1);
  ASSERT_EQ(A.size(), 4u);
  EXPECT_EQ(A[0].keyword, "");
  EXPECT_EQ(S.text(A[0].begin), "cmd");
  EXPECT_EQ(A[2].keyword, "shell");
  EXPECT_TRUE(keywordIs(S, A, "shell", "True"));
  EXPECT_FALSE(keywordIs(S, A, "check", "True"));
}

TEST(PythonSource, ImportsQualifyCallees) {
  Source S("import subprocess as sp, os\n"
           "import os.path\n"
           "from subprocess import (run, Popen as P)\n"
           "from os import system\n"
           "sp.run(x)\nrun(x)\nP(x)\nsystem(x)\nos.popen(x)\nprint(x)\nobj.sp.run(x)\n");
  EXPECT_EQ(S.qualified("sp"), "subprocess");
  EXPECT_EQ(S.qualified("P"), "subprocess.Popen");
  EXPECT_EQ(S.qualified("os"), "os");
  std::vector<std::string> Calls;
  for (std::size_t I = 0; I < S.tokens().size(); ++I)
    if (auto [Callee, Open] = S.callAt(I); !Callee.empty())
      Calls.push_back(Callee);
  EXPECT_EQ(Calls, (std::vector<std::string>{"subprocess.run", "subprocess.run", "subprocess.Popen", "os.system",
                                             "os.popen", "print"}));
}

} // namespace
