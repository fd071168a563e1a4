//===- tests/cli/SuppressionsTest.cpp - fnlint:ignore and config ignores ----===//
#include "cli/Suppressions.h"

#include <gtest/gtest.h>

#include <map>

using namespace fnlint;
using namespace fnlint::cli;

namespace {

TEST(IgnoreMarker, ReadInEveryCommentStyle) {
  for (const char *Line : {"x = 1  # fnlint:ignore[secret/generic-high-entropy] test vector",
                           "const k = 'x'; // fnlint:ignore[secret/generic-high-entropy] test vector",
                           "int k; /* fnlint:ignore[secret/generic-high-entropy] test vector */",
                           "SELECT 1 -- fnlint:ignore[secret/generic-high-entropy] test vector"}) {
    std::optional<IgnoreMarker> M = findIgnoreMarker(Line);
    ASSERT_TRUE(M) << Line;
    EXPECT_EQ(M->rules, std::vector<std::string>{"secret/generic-high-entropy"}) << Line;
    EXPECT_EQ(M->reason, "test vector") << Line;
    EXPECT_FALSE(M->wholeLine) << Line;
  }
  std::optional<IgnoreMarker> Above = findIgnoreMarker("    # fnlint:ignore[iam/*, lambda/missing-dlq] fire-and-forget");
  ASSERT_TRUE(Above);
  EXPECT_TRUE(Above->wholeLine);
  EXPECT_EQ(Above->rules, (std::vector<std::string>{"iam/*", "lambda/missing-dlq"}));
  EXPECT_EQ(Above->column, 7u);
}

TEST(IgnoreMarker, NotInStringsOrProse) {
  EXPECT_FALSE(findIgnoreMarker("msg = 'use fnlint:ignore[rule] to silence'"));
  EXPECT_FALSE(findIgnoreMarker("# see how fnlint:ignore[rule] works"));
  EXPECT_FALSE(findIgnoreMarker("# fnlint:ignore[] nothing"));
  EXPECT_FALSE(findIgnoreMarker("# fnlint:ignore[secret/x no close"));
}

Finding finding(const std::string &Rule, const std::string &Path, std::uint32_t Line) {
  Finding F;
  F.ruleId = Rule;
  F.location.path = Path;
  F.location.region.startLine = Line;
  return F;
}

TEST(Suppressions, CommentOnTheLineOrAboveAndConfigEntries) {
  std::map<std::string, std::string> Files = {
      {"app.py", "import os\n"
                 "KEY = 'x'  # fnlint:ignore[secret/generic-high-entropy] rotated test key\n"
                 "# fnlint:ignore[handler/client-per-invocation] one-off admin script\n"
                 "s3 = boto3.client('s3')\n"
                 "TOKEN = 'y'  # fnlint:ignore[secret/generic-high-entropy]\n"
                 "other = 1  # fnlint:ignore[secret/generic-high-entropy] trailing, not whole-line\n"
                 "OTHER = 'z'\n"}};
  TextLookup Texts = [&](std::string_view Path) -> const std::string * {
    auto It = Files.find(std::string(Path));
    return It == Files.end() ? nullptr : &It->second;
  };
  ScanReport R;
  R.findings = {finding("secret/generic-high-entropy", "app.py", 2),
                finding("handler/client-per-invocation", "app.py", 4),
                finding("secret/generic-high-entropy", "app.py", 5),
                finding("secret/generic-high-entropy", "app.py", 7),
                finding("iam/wildcard-action", "policies/admin.json", 3),
                finding("secret/generic-high-entropy", "app.py", 4)};
  SuppressionOptions O;
  O.entries = {{"iam/wildcard-action", "policies/*.json", "break-glass role", 12}};
  O.configFile = ".fnlint.yaml";
  applySuppressions(R, O, Texts);

  ASSERT_EQ(R.suppressed.size(), 3u);
  EXPECT_EQ(R.suppressed[0].suppression->kind, "inSource");
  EXPECT_EQ(R.suppressed[0].suppression->justification, "rotated test key");
  EXPECT_EQ(R.suppressed[1].ruleId, "handler/client-per-invocation");
  EXPECT_EQ(R.suppressed[1].suppression->location.region.startLine, 3u);
  EXPECT_EQ(R.suppressed[2].suppression->kind, "external");
  EXPECT_EQ(R.suppressed[2].suppression->location.path, ".fnlint.yaml");
  EXPECT_EQ(R.suppressed[2].suppression->location.region.startLine, 12u);

  // Kept: no reason (line 5), a trailing comment does not cover the next
  // line (7), a marker for another rule (line 4's secret).
  ASSERT_EQ(R.findings.size(), 3u);
  EXPECT_EQ(R.findings[0].location.region.startLine, 5u);
  EXPECT_EQ(R.findings[1].location.region.startLine, 7u);
  EXPECT_EQ(R.findings[2].location.region.startLine, 4u);
  ASSERT_EQ(R.problems.size(), 1u);
  EXPECT_EQ(R.problems[0].location.region.startLine, 5u);
  EXPECT_NE(R.problems[0].message.find("without a reason"), std::string::npos);
}

TEST(Suppressions, ReasonOptionalWhenConfiguredSo) {
  std::string Text = "KEY = 'x'  # fnlint:ignore[secret/*]\n";
  TextLookup Texts = [&](std::string_view) { return &Text; };
  ScanReport R;
  R.findings = {finding("secret/generic-high-entropy", "a.py", 1)};
  SuppressionOptions O;
  O.requireReason = false;
  applySuppressions(R, O, Texts);
  EXPECT_EQ(R.suppressed.size(), 1u);
  EXPECT_TRUE(R.problems.empty());
}

} // namespace
