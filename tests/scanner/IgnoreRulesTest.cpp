//===- tests/scanner/IgnoreRulesTest.cpp - .fnlintignore unit tests -------===//

#include "scanner/IgnoreRules.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using fnlint::IgnoreRules;

namespace {

/// What a top-down walk concludes about \p Path: ignored if any parent
/// directory is ignored (the walk never descends there) or the path itself is.
/// This is what `git check-ignore` reports too, so the git tables use it.
bool ignoredWalking(const IgnoreRules &Rules, std::string_view Path, bool IsDirectory) {
  for (std::size_t Slash = Path.find('/'); Slash != std::string_view::npos;
       Slash = Path.find('/', Slash + 1))
    if (Rules.isIgnored(Path.substr(0, Slash), /*IsDirectory=*/true))
      return true;
  return Rules.isIgnored(Path, IsDirectory);
}

IgnoreRules rulesOf(std::string_view Contents, std::string_view BaseDir = "") {
  IgnoreRules Rules;
  Rules.addFile(Contents, BaseDir);
  return Rules;
}

//===----------------------------------------------------------------------===//
// Agreed with `git check-ignore --no-index -v` (git 2.39.5): one root
// .gitignore with these contents, one path created as a file or directory.
//===----------------------------------------------------------------------===//

struct GitCase {
  const char *Contents;
  const char *Path;
  bool IsDirectory;
  bool GitIgnores;
};

const GitCase GitCases[] = {
    {"*.[oa]\n", "x.o", false, true},
    {"*.[oa]\n", "lib.a", false, true},
    {"*.[oa]\n", "src/internal.o", false, true},
    {"*.[oa]\n", "x.c", false, false},
    {"*.[oa]\n", "x.oa", false, false},
    {"hello.*\n", "hello.txt", false, true},
    {"hello.*\n", "a/hello.java", false, true},
    {"hello.*\n", "hello", false, false},
    {"/hello.*\n", "hello.txt", false, true},
    {"/hello.*\n", "hello.c", false, true},
    {"/hello.*\n", "a/hello.java", false, false},
    {"foo/\n", "foo", true, true},
    {"foo/\n", "foo", false, false},
    {"foo/\n", "a/foo", true, true},
    {"foo/\n", "foo/x", false, true},
    {"doc/frotz/\n", "doc/frotz", true, true},
    {"doc/frotz/\n", "a/doc/frotz", true, false},
    {"frotz/\n", "frotz", true, true},
    {"frotz/\n", "a/frotz", true, true},
    {"frotz/\n", "b/frotz", false, false},
    {"foo/*\n", "foo/test.json", false, true},
    {"foo/*\n", "foo/bar", true, true},
    {"foo/*\n", "foo/bar/hello.c", false, true},
    {"foo/*\n", "foo", true, false},
    {"**/foo\n", "foo", false, true},
    {"**/foo\n", "a/foo", false, true},
    {"**/foo\n", "a/b/foo", true, true},
    {"**/foo\n", "afoo", false, false},
    {"**/foo/bar\n", "foo/bar", false, true},
    {"**/foo/bar\n", "x/foo/bar", false, true},
    {"**/foo/bar\n", "x/y/foo/bar", true, true},
    {"**/foo/bar\n", "foo/x/bar", false, false},
    {"abc/**\n", "abc", true, false},
    {"abc/**\n", "abc/x", false, true},
    {"abc/**\n", "abc/x/y/z", false, true},
    {"abc/**\n", "x/abc/y", false, false},
    {"a/**/b\n", "a/b", false, true},
    {"a/**/b\n", "a/x/b", false, true},
    {"a/**/b\n", "a/x/y/b", false, true},
    {"a/**/b\n", "a/xb", false, false},
    {"a/**/b\n", "ab", false, false},
    {"a/**/b\n", "x/a/b", false, false},
    {"a**b\n", "ab", false, true},
    {"a**b\n", "axxb", false, true},
    {"a**b\n", "a/b", false, false},
    {"a**b\n", "a/x/b", false, false},
    {"**foo\n", "foo", false, true},
    {"**foo\n", "xfoo", false, true},
    {"**foo\n", "d/xfoo", false, true},
    {"foo**/bar\n", "foo/bar", false, true},
    {"foo**/bar\n", "foox/bar", false, true},
    {"foo**/bar\n", "foo/x/bar", false, true},
    {"foo**/bar\n", "foox/y/bar", false, true},
    {"foo**/bar\n", "fo/x/bar", false, false},
    {"d/x**\n", "d/xa/b/c", false, true},
    {"d/x**\n", "d/y/x", false, false},
    {"d/x*\n", "d/xa/b/c", false, true},
    {"d/x*\n", "d/xa", true, true},
    {"d/**x\n", "d/a/b/x", false, false},
    {"d/**x\n", "d/ax", false, true},
    {"/x**y/z\n", "x/q/y/z", false, false},
    {"/x**y/z\n", "xy/z", false, true},
    {"a/**/**/b\n", "a/b", false, true},
    {"a/**/**/b\n", "a/x/y/b", false, true},
    {"a/**\n", "a", true, false},
    {"a/**\n", "a/b", true, true},
    {"**\n", "x", false, true},
    {"**\n", "d/y", false, true},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "a", false, true},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "foo", true, false},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "foo/x", false, true},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "foo/bar", true, false},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "foo/bar/baz", false, false},
    {"/*\n!/foo\n/foo/*\n!/foo/bar\n", "foo/y", true, true},
    {"*.html\n!foo.html\n", "Documentation/foo.html", false, false},
    {"*.html\n!foo.html\n", "Documentation/gitignore.html", false, true},
    {"*.html\n!foo.html\n", "foo.html", false, false},
    {"[a-c]?.txt\n", "ab.txt", false, true},
    {"[a-c]?.txt\n", "dd.txt", false, false},
    {"[a-c]?.txt\n", "c/.txt", false, false},
    {"[a-c]?.txt\n", "cz.txt", false, true},
    {"[!a-c]x\n", "ax", false, false},
    {"[!a-c]x\n", "dx", false, true},
    {"[!a-c]x\n", "/x", false, false},
    {"[^a]x\n", "ax", false, false},
    {"[^a]x\n", "bx", false, true},
    {"[]a]\n", "]", false, true},
    {"[]a]\n", "a", false, true},
    {"[]a]\n", "b", false, false},
    {"[!]]\n", "]", false, false},
    {"[!]]\n", "a", false, true},
    {"[a-]\n", "a", false, true},
    {"[a-]\n", "-", false, true},
    {"[a-]\n", "b", false, false},
    {"[z-a]\n", "a", false, false},
    {"[z-a]\n", "z", false, true},
    {"[z-a]\n", "m", false, false},
    {"[[:digit:]][[:upper:]]\n", "1A", false, true},
    {"[[:digit:]][[:upper:]]\n", "1a", false, false},
    {"[[:digit:]][[:upper:]]\n", "AA", false, false},
    {"[[:bogus:]]x\n", "ax", false, false},
    {"[ab\n", "[ab", false, false},
    {"[ab\n", "a", false, false},
    {"\\#hash\n\\!bang\n", "#hash", false, true},
    {"\\#hash\n\\!bang\n", "!bang", false, true},
    {"#comment\n", "#comment", false, false},
    {"trail   \n", "trail", false, true},
    {"trail   \n", "trail   ", false, false},
    {"esc\\ \n", "esc ", false, true},
    {"esc\\ \n", "esc", false, false},
    {"esc\\  \n", "esc ", false, true},
    {"esc\\  \n", "esc  ", false, false},
    {"crlf\r\n", "crlf", false, true},
    {"a\\*b\n", "a*b", false, true},
    {"a\\*b\n", "axb", false, false},
    {"f?o\n", "foo", false, true},
    {"f?o\n", "f/o", false, false},
    {"f?o\n", "f?o", false, true},
    {"a/*/c\n", "a/b/c", false, true},
    {"a/*/c\n", "a/c", false, false},
    {"a/*/c\n", "a/b/x/c", false, false},
    {"d/*.js\n", "d/x.js", false, true},
    {"d/*.js\n", "d/e/x.js", false, false},
    {"d/*.js\n", "e/d/x.js", false, false},
    {"*.log\n!important.log\nimportant.log\n", "important.log", false, true},
    {"*.log\n!important.log\nimportant.log\n", "x.log", false, true},
    {"*.log\n!important.log\n", "important.log", false, false},
    {"*.log\n!important.log\n", "x/important.log", false, false},
    {"build/\n!build/keep\n", "build", true, true},
    {"build/\n!build/keep\n", "build/keep", false, true},
    {"/node_modules\n", "node_modules", true, true},
    {"/node_modules\n", "sub/node_modules", true, false},
    {"node_modules\n", "node_modules", true, true},
    {"node_modules\n", "sub/node_modules", true, true},
    {"node_modules\n", "sub/node_modules", false, true},
    {"!\n", "x", false, false},
    {"/\n", "x", false, false},
    {"**/\n", "d", true, true},
    {"**/\n", "f", false, false},
};

TEST(IgnoreRulesGit, AgreesWithGitCheckIgnore) {
  for (const GitCase &C : GitCases) {
    IgnoreRules Rules = rulesOf(C.Contents);
    EXPECT_EQ(ignoredWalking(Rules, C.Path, C.IsDirectory), C.GitIgnores)
        << "patterns: " << testing::PrintToString(std::string(C.Contents))
        << " path: " << C.Path << (C.IsDirectory ? " (dir)" : "");
  }
}

// A tree with ignore files at three levels, checked against git the same way.
TEST(IgnoreRulesGit, NestedIgnoreFilesAgreeWithGit) {
  IgnoreRules Rules;
  Rules.addFile("*.[oa]\nvmlinux*\n*.log\n!x.log\n", "");
  Rules.addFile("# ignore generated html files,\n*.html\n"
                "# except foo.html which is maintained by hand\n!foo.html\n",
                "Documentation");
  Rules.addFile("!/vmlinux*\n", "arch/foo/kernel");
  Rules.addFile("*.tmp\n/out\nx/y\n!y.log\n*.log\n!z.log\n", "sub");

  struct {
    const char *Path;
    bool Ignored;
  } const Expected[] = {
      {"Documentation/foo.html", false},
      {"Documentation/gitignore.html", true},
      {"file.o", true},
      {"lib.a", true},
      {"Documentation/x.o", true},
      {"arch/foo/kernel/vmlinux.lds.S", false},
      {"vmlinux", true},
      {"arch/vmlinux.o", true},
      {"a.tmp", false},
      {"sub/a.tmp", true},
      {"sub/deep/a.tmp", true},
      {"sub/out", true},
      {"sub/deep/out", false},
      {"sub/x/y", true},
      {"sub/a/x/y", false},
      {"x.log", false},
      {"y.log", true},
      {"sub/x.log", true},  // sub's "*.log" beats the root's "!x.log"
      {"sub/y.log", true},  // "!y.log" comes before "*.log" in sub
      {"sub/z.log", false},
      {"sub/deep/z.log", false},
      {"sub/deep/w.log", true},
  };
  for (const auto &E : Expected)
    EXPECT_EQ(ignoredWalking(Rules, E.Path, false), E.Ignored) << E.Path;
}

//===----------------------------------------------------------------------===//
// gitignore(5) examples
//===----------------------------------------------------------------------===//

TEST(IgnoreRulesManPage, HelloStarMatchesAtAnyLevelUnlessAnchored) {
  IgnoreRules Any = rulesOf("hello.*\n");
  EXPECT_TRUE(Any.isIgnored("hello.txt", false));
  EXPECT_TRUE(Any.isIgnored("a/hello.java", false));
  EXPECT_TRUE(Any.isIgnored("hello.d", true));

  IgnoreRules Root = rulesOf("/hello.*\n");
  EXPECT_TRUE(Root.isIgnored("hello.txt", false));
  EXPECT_TRUE(Root.isIgnored("hello.c", false));
  EXPECT_FALSE(Root.isIgnored("a/hello.java", false));
}

TEST(IgnoreRulesManPage, TrailingSlashMatchesDirectoriesOnly) {
  IgnoreRules Rules = rulesOf("foo/\n");
  EXPECT_TRUE(Rules.isIgnored("foo", true));
  EXPECT_FALSE(Rules.isIgnored("foo", false));
  EXPECT_TRUE(Rules.isIgnored("a/b/foo", true));
  EXPECT_FALSE(Rules.isIgnored("a/b/foo", false));
}

TEST(IgnoreRulesManPage, DocFrotz) {
  IgnoreRules Anchored = rulesOf("doc/frotz/\n");
  EXPECT_TRUE(Anchored.isIgnored("doc/frotz", true));
  EXPECT_FALSE(Anchored.isIgnored("a/doc/frotz", true));

  IgnoreRules Anywhere = rulesOf("frotz/\n");
  EXPECT_TRUE(Anywhere.isIgnored("frotz", true));
  EXPECT_TRUE(Anywhere.isIgnored("a/frotz", true));
}

TEST(IgnoreRulesManPage, LeadingSlashIrrelevantWithMiddleSlash) {
  for (std::string_view Pattern : {"doc/frotz\n", "/doc/frotz\n"}) {
    IgnoreRules Rules = rulesOf(Pattern);
    EXPECT_TRUE(Rules.isIgnored("doc/frotz", false)) << Pattern;
    EXPECT_FALSE(Rules.isIgnored("a/doc/frotz", false)) << Pattern;
  }
}

TEST(IgnoreRulesManPage, StarDoesNotCrossSlash) {
  IgnoreRules Rules = rulesOf("foo/*\n");
  EXPECT_TRUE(Rules.isIgnored("foo/test.json", false));
  EXPECT_TRUE(Rules.isIgnored("foo/bar", true));
  EXPECT_FALSE(Rules.isIgnored("foo/bar/hello.c", false));
  EXPECT_FALSE(Rules.isIgnored("foo", true));
}

TEST(IgnoreRulesManPage, ObjectsArchivesAndHtmlExample) {
  IgnoreRules Rules;
  Rules.addFile("# ignore objects and archives, anywhere in the tree.\n*.[oa]\n", "");
  Rules.addFile("# ignore generated html files,\n*.html\n"
                "# except foo.html which is maintained by hand\n!foo.html\n",
                "Documentation");
  EXPECT_FALSE(Rules.isIgnored("Documentation/foo.html", false));
  EXPECT_TRUE(Rules.isIgnored("Documentation/gitignore.html", false));
  EXPECT_TRUE(Rules.isIgnored("file.o", false));
  EXPECT_TRUE(Rules.isIgnored("lib.a", false));
  EXPECT_TRUE(Rules.isIgnored("src/internal.o", false));
  EXPECT_FALSE(Rules.isIgnored("gitignore.html", false)); // outside Documentation/
}

TEST(IgnoreRulesManPage, VmlinuxReincludedBelow) {
  IgnoreRules Rules;
  Rules.addFile("vmlinux*\n", "");
  Rules.addFile("!/vmlinux*\n", "arch/foo/kernel");
  EXPECT_FALSE(Rules.isIgnored("arch/foo/kernel/vmlinux.lds.S", false));
  EXPECT_TRUE(Rules.isIgnored("arch/foo/vmlinux.lds.S", false));
  EXPECT_TRUE(Rules.isIgnored("vmlinux", false));
}

TEST(IgnoreRulesManPage, ExcludeEverythingExceptFooBar) {
  IgnoreRules Rules = rulesOf("# exclude everything except directory foo/bar\n"
                              "/*\n!/foo\n/foo/*\n!/foo/bar\n");
  EXPECT_TRUE(Rules.isIgnored("a", false));
  EXPECT_TRUE(Rules.isIgnored("a", true));
  EXPECT_FALSE(Rules.isIgnored("foo", true));
  EXPECT_TRUE(Rules.isIgnored("foo/x", false));
  EXPECT_TRUE(Rules.isIgnored("foo/baz", true));
  EXPECT_FALSE(Rules.isIgnored("foo/bar", true));
  EXPECT_FALSE(Rules.isIgnored("foo/bar/hello.c", false));
}

TEST(IgnoreRulesManPage, LeadingDoubleStar) {
  IgnoreRules Rules = rulesOf("**/foo\n");
  EXPECT_TRUE(Rules.isIgnored("foo", false));
  EXPECT_TRUE(Rules.isIgnored("a/foo", true));
  EXPECT_TRUE(Rules.isIgnored("a/b/c/foo", false));
  EXPECT_FALSE(Rules.isIgnored("a/xfoo", false));

  IgnoreRules Nested = rulesOf("**/foo/bar\n");
  EXPECT_TRUE(Nested.isIgnored("foo/bar", false));
  EXPECT_TRUE(Nested.isIgnored("x/y/foo/bar", false));
  EXPECT_FALSE(Nested.isIgnored("foo/x/bar", false));
}

TEST(IgnoreRulesManPage, TrailingDoubleStar) {
  IgnoreRules Rules = rulesOf("abc/**\n");
  EXPECT_FALSE(Rules.isIgnored("abc", true));
  EXPECT_TRUE(Rules.isIgnored("abc/x", false));
  EXPECT_TRUE(Rules.isIgnored("abc/x/y/z", false));
  EXPECT_TRUE(Rules.isIgnored("abc/x", true));
  EXPECT_FALSE(Rules.isIgnored("x/abc/y", false));
}

TEST(IgnoreRulesManPage, MiddleDoubleStar) {
  IgnoreRules Rules = rulesOf("a/**/b\n");
  EXPECT_TRUE(Rules.isIgnored("a/b", false));
  EXPECT_TRUE(Rules.isIgnored("a/x/b", false));
  EXPECT_TRUE(Rules.isIgnored("a/x/y/b", false));
  EXPECT_FALSE(Rules.isIgnored("a/xb", false));
  EXPECT_FALSE(Rules.isIgnored("x/a/b", false));
  EXPECT_FALSE(Rules.isIgnored("a/b/c", false));
}

TEST(IgnoreRulesManPage, OtherDoubleStarsAreSingleStars) {
  IgnoreRules Rules = rulesOf("x/a**b\n");
  EXPECT_TRUE(Rules.isIgnored("x/ab", false));
  EXPECT_TRUE(Rules.isIgnored("x/aqqb", false));
  EXPECT_FALSE(Rules.isIgnored("x/a/b", false));
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

TEST(IgnoreRulesParsing, CommentsAndBlankLines) {
  IgnoreRules Rules = rulesOf("# a comment\n\n   \n#*.js\nbuild\n");
  EXPECT_FALSE(Rules.isIgnored("#*.js", false));
  EXPECT_FALSE(Rules.isIgnored("x.js", false));
  EXPECT_TRUE(Rules.isIgnored("build", false));

  EXPECT_TRUE(rulesOf("# only comments\n\n").empty());
  EXPECT_TRUE(IgnoreRules().empty());
  EXPECT_FALSE(Rules.empty());
}

TEST(IgnoreRulesParsing, EscapedHashAndBang) {
  IgnoreRules Rules = rulesOf("\\#notes\n\\!important!.txt\n");
  EXPECT_TRUE(Rules.isIgnored("#notes", false));
  EXPECT_TRUE(Rules.isIgnored("!important!.txt", false));
  EXPECT_FALSE(Rules.isIgnored("important!.txt", false));
}

TEST(IgnoreRulesParsing, TrailingSpacesTrimmedUnlessEscaped) {
  IgnoreRules Trimmed = rulesOf("trail   \n");
  EXPECT_TRUE(Trimmed.isIgnored("trail", false));
  EXPECT_FALSE(Trimmed.isIgnored("trail   ", false));

  IgnoreRules Escaped = rulesOf("esc\\ \n");
  EXPECT_TRUE(Escaped.isIgnored("esc ", false));
  EXPECT_FALSE(Escaped.isIgnored("esc", false));

  // Only the spaces after the escaped one go.
  IgnoreRules Mixed = rulesOf("esc\\    \n");
  EXPECT_TRUE(Mixed.isIgnored("esc ", false));
  EXPECT_FALSE(Mixed.isIgnored("esc  ", false));

  // Leading spaces are part of the pattern.
  IgnoreRules Leading = rulesOf("  lead\n");
  EXPECT_TRUE(Leading.isIgnored("  lead", false));
  EXPECT_FALSE(Leading.isIgnored("lead", false));
}

TEST(IgnoreRulesParsing, CrLfBomAndNoFinalNewline) {
  IgnoreRules Rules = rulesOf("\xEF\xBB\xBF" "first\r\nsecond\r\nthird");
  EXPECT_TRUE(Rules.isIgnored("first", false));
  EXPECT_TRUE(Rules.isIgnored("second", false));
  EXPECT_TRUE(Rules.isIgnored("third", false));
}

TEST(IgnoreRulesParsing, DegeneratePatternsMatchNothing) {
  IgnoreRules Rules = rulesOf("!\n/\n!/\n");
  EXPECT_FALSE(Rules.isIgnored("x", false));
  EXPECT_FALSE(Rules.isIgnored("x", true));
}

//===----------------------------------------------------------------------===//
// Wildcards
//===----------------------------------------------------------------------===//

TEST(IgnoreRulesWildcards, QuestionMarkIsOneCharacterButNotSlash) {
  IgnoreRules Rules = rulesOf("f?o\nd/?\n");
  EXPECT_TRUE(Rules.isIgnored("foo", false));
  EXPECT_TRUE(Rules.isIgnored("f.o", false));
  EXPECT_FALSE(Rules.isIgnored("fo", false));
  EXPECT_FALSE(Rules.isIgnored("fooo", false));
  EXPECT_TRUE(Rules.isIgnored("d/x", false));
  EXPECT_FALSE(Rules.isIgnored("d/xy", false));
}

TEST(IgnoreRulesWildcards, CharacterClasses) {
  IgnoreRules Range = rulesOf("[a-c]x\n");
  EXPECT_TRUE(Range.isIgnored("bx", false));
  EXPECT_FALSE(Range.isIgnored("dx", false));

  for (std::string_view Negated : {"[!a-c]x\n", "[^a-c]x\n"}) {
    IgnoreRules Rules = rulesOf(Negated);
    EXPECT_FALSE(Rules.isIgnored("bx", false)) << Negated;
    EXPECT_TRUE(Rules.isIgnored("dx", false)) << Negated;
  }

  IgnoreRules Several = rulesOf("file[0-9A-F_]\n");
  EXPECT_TRUE(Several.isIgnored("file7", false));
  EXPECT_TRUE(Several.isIgnored("fileC", false));
  EXPECT_TRUE(Several.isIgnored("file_", false));
  EXPECT_FALSE(Several.isIgnored("filec", false));
}

TEST(IgnoreRulesWildcards, BracketEdgeCases) {
  IgnoreRules CloseFirst = rulesOf("[]a]\n");
  EXPECT_TRUE(CloseFirst.isIgnored("]", false));
  EXPECT_TRUE(CloseFirst.isIgnored("a", false));
  EXPECT_FALSE(CloseFirst.isIgnored("b", false));

  IgnoreRules DashLast = rulesOf("[a-]\n");
  EXPECT_TRUE(DashLast.isIgnored("-", false));
  EXPECT_TRUE(DashLast.isIgnored("a", false));

  IgnoreRules Escaped = rulesOf("[\\]]\n");
  EXPECT_TRUE(Escaped.isIgnored("]", false));

  IgnoreRules Named = rulesOf("[[:digit:]][[:alpha:]][[:space:]]\n");
  EXPECT_TRUE(Named.isIgnored("1a ", false));
  EXPECT_FALSE(Named.isIgnored("a1 ", false));

  // An unclosed bracket or an unknown class makes the pattern match nothing.
  EXPECT_FALSE(rulesOf("[ab\n").isIgnored("[ab", false));
  EXPECT_FALSE(rulesOf("[ab\n").isIgnored("a", false));
  EXPECT_FALSE(rulesOf("[[:bogus:]]x\n").isIgnored("ax", false));

  // A bracket expression never matches '/'.
  EXPECT_FALSE(rulesOf("a[!x]b\n").isIgnored("a/b", false));
}

TEST(IgnoreRulesWildcards, BackslashEscapesWildcards) {
  IgnoreRules Rules = rulesOf("a\\*b\nq\\?\n\\[x]\n");
  EXPECT_TRUE(Rules.isIgnored("a*b", false));
  EXPECT_FALSE(Rules.isIgnored("axb", false));
  EXPECT_TRUE(Rules.isIgnored("q?", false));
  EXPECT_FALSE(Rules.isIgnored("qq", false));
  EXPECT_TRUE(Rules.isIgnored("[x]", false));
  EXPECT_FALSE(Rules.isIgnored("x", false));
}

TEST(IgnoreRulesWildcards, GitLiteralPrefixQuirk) {
  // git compares the literal prefix before wildcard matching, so a "**"
  // right after it behaves as a leading "**" (verified with git 2.39).
  IgnoreRules Rules = rulesOf("foo**/bar\nd/x**\n");
  EXPECT_TRUE(Rules.isIgnored("foo/x/bar", false));
  EXPECT_TRUE(Rules.isIgnored("foox/y/bar", false));
  EXPECT_TRUE(Rules.isIgnored("d/xa/b/c", false));
  EXPECT_FALSE(Rules.isIgnored("d/y/x", false));
}

//===----------------------------------------------------------------------===//
// Base directories and precedence
//===----------------------------------------------------------------------===//

TEST(IgnoreRulesBaseDir, SlashlessPatternsMatchOnlyBelowTheirDirectory) {
  IgnoreRules Rules = rulesOf("*.tmp\n", "sub");
  EXPECT_TRUE(Rules.isIgnored("sub/a.tmp", false));
  EXPECT_TRUE(Rules.isIgnored("sub/deep/er/a.tmp", false));
  EXPECT_FALSE(Rules.isIgnored("a.tmp", false));
  EXPECT_FALSE(Rules.isIgnored("other/a.tmp", false));
  EXPECT_FALSE(Rules.isIgnored("subx/a.tmp", false));
  EXPECT_FALSE(Rules.isIgnored("sub", true)); // the directory itself is not below it
}

TEST(IgnoreRulesBaseDir, AnchoredPatternsAreRelativeToTheirDirectory) {
  IgnoreRules Rules = rulesOf("/out\nx/y\n", "pkg/sub");
  EXPECT_TRUE(Rules.isIgnored("pkg/sub/out", true));
  EXPECT_FALSE(Rules.isIgnored("pkg/sub/deep/out", true));
  EXPECT_FALSE(Rules.isIgnored("out", true));
  EXPECT_TRUE(Rules.isIgnored("pkg/sub/x/y", false));
  EXPECT_FALSE(Rules.isIgnored("pkg/sub/a/x/y", false));
  EXPECT_FALSE(Rules.isIgnored("x/y", false));
}

TEST(IgnoreRulesBaseDir, BaseDirAndPathSpellingsAreNormalised) {
  for (std::string_view Base : {"sub", "sub/", "./sub", "./sub/"}) {
    IgnoreRules Rules = rulesOf("/out\n", Base);
    EXPECT_TRUE(Rules.isIgnored("sub/out", false)) << Base;
    EXPECT_TRUE(Rules.isIgnored("./sub/out", false)) << Base;
  }
  for (std::string_view Root : {"", ".", "./"}) {
    IgnoreRules Rules = rulesOf("/out\n", Root);
    EXPECT_TRUE(Rules.isIgnored("out", false)) << Root;
    EXPECT_FALSE(Rules.isIgnored("a/out", false)) << Root;
  }
}

TEST(IgnoreRulesPrecedence, LastMatchWinsWithinAFile) {
  IgnoreRules Rules = rulesOf("*.log\n!important.log\n");
  EXPECT_TRUE(Rules.isIgnored("debug.log", false));
  EXPECT_FALSE(Rules.isIgnored("important.log", false));
  EXPECT_FALSE(Rules.isIgnored("x/important.log", false));

  IgnoreRules Again = rulesOf("*.log\n!important.log\nimportant.log\n");
  EXPECT_TRUE(Again.isIgnored("important.log", false));
}

TEST(IgnoreRulesPrecedence, DeeperFilesWinWhateverTheOrderAdded) {
  IgnoreRules TopDown;
  TopDown.addFile("*.log\n", "");
  TopDown.addFile("!keep.log\n", "a");
  TopDown.addFile("keep.log\n", "a/b");

  IgnoreRules BottomUp;
  BottomUp.addFile("keep.log\n", "a/b");
  BottomUp.addFile("!keep.log\n", "a");
  BottomUp.addFile("*.log\n", "");

  for (const IgnoreRules *Rules : {&TopDown, &BottomUp}) {
    EXPECT_TRUE(Rules->isIgnored("keep.log", false));
    EXPECT_FALSE(Rules->isIgnored("a/keep.log", false));
    EXPECT_TRUE(Rules->isIgnored("a/b/keep.log", false));
    EXPECT_TRUE(Rules->isIgnored("a/b/c/keep.log", false));
    EXPECT_TRUE(Rules->isIgnored("a/other.log", false));
  }
}

TEST(IgnoreRulesPrecedence, OnlyThePathItselfIsTested) {
  // Callers stop descending at "build"; isIgnored does not look at parents,
  // so a negation below an ignored directory still reads as not ignored.
  IgnoreRules Rules = rulesOf("build/\n!build/keep.txt\n");
  EXPECT_TRUE(Rules.isIgnored("build", true));
  EXPECT_FALSE(Rules.isIgnored("build/keep.txt", false));
  EXPECT_FALSE(Rules.isIgnored("build/other.txt", false));
  EXPECT_TRUE(ignoredWalking(Rules, "build/keep.txt", false)); // as git reports
}

} // namespace
