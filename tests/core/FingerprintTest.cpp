//===- tests/core/FingerprintTest.cpp - Fingerprint unit tests ------------===//

#include "core/Fingerprint.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

using fnlint::Finding;
using fnlint::fingerprintFindings;
using fnlint::fnv1a64;
using fnlint::githubLineHashes;

namespace {

using Hashes = std::vector<std::string>;

std::string repeat(std::string_view S, int N) {
  std::string Out;
  for (int I = 0; I < N; ++I)
    Out += S;
  return Out;
}

/// The number of lines GitHub's algorithm sees: like JS
/// input.split(/\r\n|\r|\n/).length.
std::size_t githubLineCount(std::string_view Text) {
  std::size_t Lines = 1;
  for (std::size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      ++Lines;
    } else if (Text[I] == '\r') {
      ++Lines;
      if (I + 1 < Text.size() && Text[I + 1] == '\n')
        ++I;
    }
  }
  return Lines;
}

//===----------------------------------------------------------------------===//
// githubLineHashes: vectors from github/codeql-action src/fingerprints.test.ts
//===----------------------------------------------------------------------===//

TEST(GithubLineHashes, UpstreamEmptyFile) {
  EXPECT_EQ(githubLineHashes(""), Hashes{"c129715d7a2bc9a3:1"});
}

TEST(GithubLineHashes, UpstreamNewlineCombinations) {
  EXPECT_EQ(githubLineHashes(" a\nb\n  \t\tc\n d"),
            (Hashes{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                    "a23a3dc5e078b07b:1"}));
  EXPECT_EQ(githubLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            (Hashes{"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
                    "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"}));
}

TEST(GithubLineHashes, UpstreamLineEndingsNormalised) {
  const Hashes Expected{"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
                        "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
                        "c129715d7a2bc9a3:1"};
  EXPECT_EQ(githubLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"), Expected);
  EXPECT_EQ(githubLineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"), Expected);
  EXPECT_EQ(githubLineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"),
            Expected);
  EXPECT_EQ(githubLineHashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"), Expected);
}

TEST(GithubLineHashes, UpstreamRepeatedLinesAreNumbered) {
  EXPECT_EQ(githubLineHashes(repeat("Lorem ipsum dolor sit amet.\n", 10)),
            (Hashes{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
                    "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                    "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
                    "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"}));
}

// From codeql-action src/testdata: fingerprinting.expected.sarif gives line 1
// of testFile1.js and line 2 of testFile2.js.
TEST(GithubLineHashes, UpstreamSarifTestData) {
  EXPECT_EQ(githubLineHashes("var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n")[0],
            "5e4d5a9cf1294ad9:1");
  EXPECT_EQ(githubLineHashes("var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n")[1],
            "f7592a95a9381ac0:1");
}

//===----------------------------------------------------------------------===//
// githubLineHashes: vectors cross-checked against a Node.js port of the TS code
// (BigInt for the 64-bit wrapping, Buffer#toString for decoding).
//===----------------------------------------------------------------------===//

TEST(GithubLineHashes, CrossCheckedMixedLineEndings) {
  EXPECT_EQ(githubLineHashes("a\r\nb\rc\n\rd"),
            (Hashes{"da815e20fd1432a5:1", "7637b694ce51cabe:1", "f8ac93a55d88711a:1",
                    "6bf49ae9d59c5bc1:1", "a23a3dc5e078b07b:1"}));
}

TEST(GithubLineHashes, CrossCheckedTabsAndSpaces) {
  // Lines 1 and 2 differ only in blanks, yet get different hashes: the window
  // spans past the line end into the next lines.
  EXPECT_EQ(githubLineHashes("\tint x;\n  \t int x;\n \t\n"),
            (Hashes{"efdf200e7d5f25e9:1", "5211882d56b77a19:1", "3c5bef55b72b93c9:1",
                    "c129715d7a2bc9a3:1"}));
}

TEST(GithubLineHashes, CrossCheckedLongLines) {
  std::string Text = std::string(150, 'x') + "\n" + std::string(100, 'y') + "z\nshort";
  EXPECT_EQ(githubLineHashes(Text),
            (Hashes{"52b56201ffb58620:1", "cadd4b5b9d92c51c:1", "b4c9f9cb4e8c8fe7:1"}));
}

TEST(GithubLineHashes, CrossCheckedNonAsciiAndAstral) {
  EXPECT_EQ(githubLineHashes("\xC3\xA9 = \"\xE2\x82\xAC\";\n// \xF0\x9F\x98\x80 \xF0\x9D\x84\x9E\n"),
            (Hashes{"b3d98348964e4895:1", "ab5887868d0c74ae:1", "c129715d7a2bc9a3:1"}));
}

TEST(GithubLineHashes, CrossCheckedByteOrderMarkIsKept) {
  EXPECT_EQ(githubLineHashes("\xEF\xBB\xBFkey: value\n"),
            (Hashes{"30ddff0893ae66f0:1", "c129715d7a2bc9a3:1"}));
}

TEST(GithubLineHashes, CrossCheckedInvalidUtf8) {
  // 0xFF; 0xC3 followed by a non-continuation; an encoded surrogate (three
  // U+FFFD); a truncated 4-byte sequence at EOF (one U+FFFD).
  EXPECT_EQ(githubLineHashes("ab\xFF\n\xC3(\n\xED\xA0\x80\n\xF0\x9F\x98"),
            (Hashes{"148fa4ffc042d74a:1", "464faabbe525fbe0:1", "b89e1e8e0f541689:1",
                    "8989dec65f08d110:1"}));
  // Overlong forms and a code point above U+10FFFF.
  EXPECT_EQ(githubLineHashes("\xC0\xAF\n\xE0\x80\xAF\n\xF4\x90\x80\x80"),
            (Hashes{"7bc56d16ecae9a18:1", "5921ff17a3089028:1", "820e17bae189b7bf:1"}));
}

TEST(GithubLineHashes, CrossCheckedInvalidBytesEqualReplacementCharacter) {
  // Node decodes one stray byte to U+FFFD, so both spellings hash the same.
  EXPECT_EQ(githubLineHashes("ab\xFF\n"), githubLineHashes("ab\xEF\xBF\xBD\n"));
}

TEST(GithubLineHashes, CrossCheckedOnlyNewlinesAndNoTrailingNewline) {
  EXPECT_EQ(githubLineHashes("\n\n\n"),
            (Hashes{"4e5d562094661a0d:1", "5b5d4caf73a13177:1", "3c5bef55b72b93c9:1",
                    "c129715d7a2bc9a3:1"}));
  EXPECT_EQ(githubLineHashes("first\nsecond"),
            (Hashes{"d5b22491bcf05ac9:1", "cf64a2dddfcb0387:1"}));
}

TEST(GithubLineHashes, CrossCheckedUFFFFIsAnOrdinaryCharacter) {
  // U+FFFF is the EOF sentinel's value but still an ordinary character.
  EXPECT_EQ(githubLineHashes("\xEF\xBF\xBF\n"), (Hashes{"bbdfd1c793e0db78:1", "c129715d7a2bc9a3:1"}));
}

//===----------------------------------------------------------------------===//
// githubLineHashes: properties
//===----------------------------------------------------------------------===//

TEST(GithubLineHashes, OneNonEmptyEntryPerLine) {
  const std::vector<std::string> Texts = {
      "",          "\n",         "\r",           "\r\n",           "a",
      "a\n",       "\n\n\r\r\n", " \t \n\t",     repeat("x\n", 250), repeat("\r\n", 120),
      repeat("abc ", 80), "\xF0\x9F\x98\x80\r\xF0\x9F\x98\x80", "\xFF\xFE\r\n\xFF"};
  const std::regex Shape("[0-9a-f]{1,16}:[1-9][0-9]*");
  for (const std::string &Text : Texts) {
    Hashes H = githubLineHashes(Text);
    EXPECT_EQ(H.size(), githubLineCount(Text)) << "text: " << Text;
    for (const std::string &Value : H)
      EXPECT_TRUE(std::regex_match(Value, Shape)) << Value;
  }
}

TEST(GithubLineHashes, HexHasNoLeadingZeros) {
  // Upstream renders Long#toString(16): 15-digit values occur.
  Hashes H = githubLineHashes(" a\nb\n  \t\tc\n d");
  EXPECT_EQ(H[1].find(':'), 15u);
}

TEST(GithubLineHashes, LineEndingStyleDoesNotMatter) {
  std::string Lf = "int main() {\n  return 0;\n}\n";
  std::string CrLf = "int main() {\r\n  return 0;\r\n}\r\n";
  std::string Cr = "int main() {\r  return 0;\r}\r";
  EXPECT_EQ(githubLineHashes(Lf), githubLineHashes(CrLf));
  EXPECT_EQ(githubLineHashes(Lf), githubLineHashes(Cr));
}

TEST(GithubLineHashes, OnlyTheFirstHundredCharactersCount) {
  // Beyond 100 non-blank characters from the line start, nothing matters.
  std::string Prefix(100, 'p');
  Hashes A = githubLineHashes(Prefix + "tail one\nnext");
  Hashes B = githubLineHashes(Prefix + "other tail\nnext");
  EXPECT_EQ(A[0], B[0]);
  EXPECT_EQ(A[1], B[1]); // the next line is unaffected too
  Hashes C = githubLineHashes(std::string(99, 'p') + "Xtail one\nnext");
  EXPECT_NE(A[0], C[0]);
}

//===----------------------------------------------------------------------===//
// fnv1a64
//===----------------------------------------------------------------------===//

TEST(Fnv1a64, StandardVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fnv1a64, SeedContinuesAHash) {
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
}

TEST(Fnv1a64, HighBytesAreUnsigned) {
  // 0xFF must be xored as 255, not as a sign-extended -1.
  std::uint64_t Expected = (0xcbf29ce484222325ULL ^ 0xFFULL) * 0x100000001b3ULL;
  EXPECT_EQ(fnv1a64("\xFF"), Expected);
}

//===----------------------------------------------------------------------===//
// fingerprintFindings
//===----------------------------------------------------------------------===//

Finding makeFinding(std::string Rule, std::string Path, std::uint32_t Line,
                    std::string Key = "", std::vector<std::string> Members = {}) {
  Finding F;
  F.ruleId = std::move(Rule);
  F.location.path = std::move(Path);
  F.location.members = std::move(Members);
  if (Line)
    F.location.region = fnlint::Region::line(Line);
  F.fingerprintKey = std::move(Key);
  F.message = "some message";
  return F;
}

/// A fake file system for TextLookup that counts lookups.
struct FakeFiles {
  std::map<std::string, std::string, std::less<>> Files;
  mutable std::map<std::string, int, std::less<>> Lookups;

  fnlint::TextLookup lookup() const {
    return [this](std::string_view Path) -> const std::string * {
      ++Lookups[std::string(Path)];
      auto It = Files.find(Path);
      return It == Files.end() ? nullptr : &It->second;
    };
  }
};

std::string fingerprintOf(Finding F, const FakeFiles &FS) {
  std::vector<Finding> V{std::move(F)};
  fingerprintFindings(V, FS.lookup());
  return V[0].fingerprint;
}

bool isLowerHex(const std::string &S) {
  for (char C : S)
    if (!std::isdigit(static_cast<unsigned char>(C)) && (C < 'a' || C > 'f'))
      return false;
  return true;
}

TEST(FingerprintFindings, FingerprintIs32LowercaseHex) {
  FakeFiles FS;
  FS.Files["template.yaml"] = "Resources:\n  Fn:\n    Timeout: 900\n";
  std::vector<Finding> V{makeFinding("lambda/max-timeout", "template.yaml", 3),
                         makeFinding("package/too-large", "dist/fn.zip", 0, "dist/fn.zip")};
  fingerprintFindings(V, FS.lookup());
  for (const Finding &F : V) {
    EXPECT_EQ(F.fingerprint.size(), 32u);
    EXPECT_TRUE(isLowerHex(F.fingerprint)) << F.fingerprint;
  }
  EXPECT_NE(V[0].fingerprint, V[1].fingerprint);
}

TEST(FingerprintFindings, FingerprintIgnoresLineNumberAndMessage) {
  FakeFiles FS;
  Finding A = makeFinding("lambda/missing-dlq", "template.yaml", 10, "OrdersFunction");
  Finding B = makeFinding("lambda/missing-dlq", "template.yaml", 42, "OrdersFunction");
  B.message = "a completely different message";
  B.location.region.startColumn = 7;
  EXPECT_EQ(fingerprintOf(A, FS), fingerprintOf(B, FS));
}

TEST(FingerprintFindings, LineTextIsTheKeyWhenNoneIsGiven) {
  FakeFiles FS;
  FS.Files["a.py"] = "import os\nKEY = 'AKIAXXXXXXXXXXXXXXXX'\n";
  // The same line after two inserted lines and with other indentation.
  FS.Files["b.py"] = "import os\n\n# comment\n    KEY = 'AKIAXXXXXXXXXXXXXXXX'   \r\n";
  Finding A = makeFinding("secret/aws-access-key", "a.py", 2);
  Finding B = makeFinding("secret/aws-access-key", "a.py", 1);
  EXPECT_NE(fingerprintOf(A, FS), fingerprintOf(B, FS));

  // Same path needed for equality: rename the second file's text into a.py.
  FakeFiles Shifted;
  Shifted.Files["a.py"] = FS.Files["b.py"];
  Finding C = makeFinding("secret/aws-access-key", "a.py", 4);
  EXPECT_EQ(fingerprintOf(A, FS), fingerprintOf(C, Shifted));
}

TEST(FingerprintFindings, EveryIdentityFieldMatters) {
  FakeFiles FS;
  Finding Base = makeFinding("iam/passrole-wildcard", "policy.json", 0, "Statement[0]");
  Base.location.logical.fullyQualifiedName = "Statement[0]";
  std::string BaseFp = fingerprintOf(Base, FS);

  Finding OtherRule = Base;
  OtherRule.ruleId = "iam/admin-access";
  Finding OtherPath = Base;
  OtherPath.location.path = "other.json";
  Finding OtherMembers = Base;
  OtherMembers.location.members = {"inner.json"};
  Finding OtherLogical = Base;
  OtherLogical.location.logical.fullyQualifiedName = "Statement[1]";
  Finding OtherKey = Base;
  OtherKey.fingerprintKey = "Statement[1]";

  std::set<std::string> All{BaseFp, fingerprintOf(OtherRule, FS), fingerprintOf(OtherPath, FS),
                            fingerprintOf(OtherMembers, FS), fingerprintOf(OtherLogical, FS),
                            fingerprintOf(OtherKey, FS)};
  EXPECT_EQ(All.size(), 6u);
}

TEST(FingerprintFindings, FieldBoundariesAreUnambiguous) {
  FakeFiles FS;
  Finding A = makeFinding("r", "p", 0, "k", {"a/b"});
  Finding B = makeFinding("r", "p", 0, "k", {"a", "b"});
  Finding C = makeFinding("r", "p", 0, "k", {"ab"});
  Finding D = makeFinding("rp", "", 0, "k", {"ab"});
  Finding E = makeFinding("r", "p", 0, "", {"a", "bk"});
  std::set<std::string> All{fingerprintOf(A, FS), fingerprintOf(B, FS), fingerprintOf(C, FS),
                            fingerprintOf(D, FS), fingerprintOf(E, FS)};
  EXPECT_EQ(All.size(), 5u);
}

TEST(FingerprintFindings, FingerprintIsStableAcrossRuns) {
  // A baseline written today must match tomorrow: pin one value.
  FakeFiles FS;
  Finding F = makeFinding("package/too-large-unzipped", "dist/fn.zip", 0, "dist/fn.zip");
  std::string Fp = fingerprintOf(F, FS);
  EXPECT_EQ(Fp, fingerprintOf(F, FS));
  EXPECT_EQ(Fp, "b38629d8aca05c62189ee20133a91406");
}

TEST(FingerprintFindings, TextFileGetsGithubLineHash) {
  FakeFiles FS;
  FS.Files["src/handler.js"] = " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n";
  std::vector<Finding> V{makeFinding("handler/client-per-invocation", "src/handler.js", 2),
                         makeFinding("handler/client-per-invocation", "src/handler.js", 5),
                         makeFinding("secret/generic", "src/handler.js", 7)};
  fingerprintFindings(V, FS.lookup());
  EXPECT_EQ(V[0].primaryLocationLineHash, "fb7c023a8b9ccb3f:1");
  EXPECT_EQ(V[1].primaryLocationLineHash, "b3edc88f2938467e:1");
  EXPECT_EQ(V[2].primaryLocationLineHash, "c129715d7a2bc9a3:1");
}

TEST(FingerprintFindings, LooksUpEachFileOnce) {
  FakeFiles FS;
  FS.Files["a.js"] = "one\ntwo\nthree\n";
  std::vector<Finding> V;
  for (std::uint32_t Line = 1; Line <= 3; ++Line) {
    V.push_back(makeFinding("r/a", "a.js", Line));
    V.push_back(makeFinding("r/b", "missing.js", Line));
  }
  fingerprintFindings(V, FS.lookup());
  EXPECT_EQ(FS.Lookups["a.js"], 1);
  EXPECT_EQ(FS.Lookups["missing.js"], 1);
}

TEST(FingerprintFindings, ArchiveMembersAreNeitherLookedUpNorGithubHashed) {
  FakeFiles FS;
  FS.Files["dist/fn.zip"] = "PK\x03\x04 not really text";
  std::vector<Finding> V{
      makeFinding("secret/aws-access-key", "dist/fn.zip", 3, "", {"lib/config.js"})};
  fingerprintFindings(V, FS.lookup());
  EXPECT_EQ(FS.Lookups.count("dist/fn.zip"), 0u);
  EXPECT_TRUE(std::regex_match(V[0].primaryLocationLineHash, std::regex("[0-9a-f]{16}:1")))
      << V[0].primaryLocationLineHash;
}

TEST(FingerprintFindings, FallbackDuplicatesAreNumberedInOrder) {
  FakeFiles FS;
  std::vector<Finding> V{
      makeFinding("package/large-file", "dist/fn.zip", 0, "node_modules/big.bin", {"x.zip"}),
      makeFinding("package/large-file", "dist/fn.zip", 0, "node_modules/big.bin", {"x.zip"}),
      makeFinding("package/large-file", "dist/fn.zip", 0, "other.bin", {"x.zip"}),
      makeFinding("package/large-file", "dist/fn.zip", 0, "node_modules/big.bin", {"x.zip"})};
  fingerprintFindings(V, FS.lookup());
  std::string Base = V[0].primaryLocationLineHash.substr(0, 16);
  EXPECT_EQ(V[0].primaryLocationLineHash, Base + ":1");
  EXPECT_EQ(V[1].primaryLocationLineHash, Base + ":2");
  EXPECT_EQ(V[3].primaryLocationLineHash, Base + ":3");
  EXPECT_NE(V[2].primaryLocationLineHash.substr(0, 16), Base);
  EXPECT_EQ(V[2].primaryLocationLineHash.substr(16), ":1");
  // Same content fingerprint for the duplicates: they are the same finding.
  EXPECT_EQ(V[0].fingerprint, V[1].fingerprint);
}

TEST(FingerprintFindings, FallbackWhenNoLineOrNoTextOrLinePastEnd) {
  FakeFiles FS;
  FS.Files["t.yaml"] = "a: 1\n";
  std::vector<Finding> V{makeFinding("r/x", "t.yaml", 0, "k"),
                         makeFinding("r/x", "unreadable.bin", 1, "k"),
                         makeFinding("r/x", "t.yaml", 99, "k")};
  fingerprintFindings(V, FS.lookup());
  const std::regex Own("[0-9a-f]{16}:[0-9]+");
  for (const Finding &F : V)
    EXPECT_TRUE(std::regex_match(F.primaryLocationLineHash, Own)) << F.primaryLocationLineHash;
  // The first and third share rule, path, members and key: numbered 1 and 2.
  EXPECT_EQ(V[0].primaryLocationLineHash.substr(0, 16), V[2].primaryLocationLineHash.substr(0, 16));
  EXPECT_EQ(V[2].primaryLocationLineHash.substr(16), ":2");
  EXPECT_EQ(FS.Lookups["t.yaml"], 1);
}

TEST(FingerprintFindings, NullLookupIsAllowed) {
  std::vector<Finding> V{makeFinding("r/x", "a.js", 3)};
  fingerprintFindings(V, fnlint::TextLookup());
  EXPECT_EQ(V[0].fingerprint.size(), 32u);
  EXPECT_TRUE(std::regex_match(V[0].primaryLocationLineHash, std::regex("[0-9a-f]{16}:1")));
}

TEST(FingerprintFindings, DeterministicForTheSameInput) {
  FakeFiles FS;
  FS.Files["a.js"] = "x\ny\nx\n";
  auto Make = [] {
    return std::vector<Finding>{makeFinding("r/a", "a.js", 1), makeFinding("r/a", "a.js", 3),
                                makeFinding("r/b", "z.zip", 0, "", {"m"}),
                                makeFinding("r/b", "z.zip", 0, "", {"m"})};
  };
  std::vector<Finding> A = Make(), B = Make();
  fingerprintFindings(A, FS.lookup());
  fingerprintFindings(B, FS.lookup());
  for (std::size_t I = 0; I < A.size(); ++I) {
    EXPECT_EQ(A[I].fingerprint, B[I].fingerprint);
    EXPECT_EQ(A[I].primaryLocationLineHash, B[I].primaryLocationLineHash);
  }
  // Lines 1 and 3 have the same text, so the same content fingerprint, while
  // GitHub's line hashes tell them apart.
  EXPECT_EQ(A[0].fingerprint, A[1].fingerprint);
  EXPECT_NE(A[0].primaryLocationLineHash, A[1].primaryLocationLineHash);
}

} // namespace
