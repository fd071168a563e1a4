//===- tests/cli/ConfigTest.cpp - .fnlint.yaml ------------------------------===//
//
// The configuration file: every key read, globs expanded over the rule
// catalogue, and every mistake an error at FILE:LINE:COLUMN naming the key.
//
//===----------------------------------------------------------------------===//
#include "cli/Config.h"

#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

using namespace fnlint;
using namespace fnlint::cli;
using namespace fnlint::test;

namespace {

ProjectConfig parseOk(const std::string &Text) {
  ProjectConfig C;
  std::string Error;
  EXPECT_TRUE(parseConfig(Text, ".fnlint.yaml", C, Error)) << Error;
  return C;
}

std::string parseError(const std::string &Text) {
  ProjectConfig C;
  std::string Error;
  EXPECT_FALSE(parseConfig(Text, ".fnlint.yaml", C, Error)) << Text;
  return Error;
}

bool contains(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

TEST(Config, ReadsEveryKey) {
  ProjectConfig C = parseOk(R"(rules:
  enable: [lambda/tracing-disabled]
  disable: ["iam/wildcard-resource-write"]
  levels:
    lambda/timeout-excessive: error
    "secret/*": note
fail-on: error
thresholds:
  timeout-seconds: 120
  near-limit-ratio: 0.9
  secret-min-entropy: 4.2
  max-archive-depth: 2
  max-declared-size: 500MB
exclude: ["tests/fixtures/", "*.min.js"]
third-party:
  secrets: all
  folders: [third_party]
ignore:
  - rule: iam/wildcard-action
    path: policies/admin.json
    reason: break-glass role, reviewed in SEC-1234
)");
  EXPECT_EQ(C.enable, std::vector<std::string>{"lambda/tracing-disabled"});
  EXPECT_EQ(C.disable, std::vector<std::string>{"iam/wildcard-resource-write"});
  EXPECT_EQ(C.levels.at("lambda/timeout-excessive"), Level::Error);
  EXPECT_EQ(C.levels.at("secret/aws-access-key"), Level::Note) << "the glob reaches every secret rule";
  EXPECT_EQ(C.failOn, "error");
  EXPECT_EQ(C.timeoutSeconds, 120);
  EXPECT_DOUBLE_EQ(*C.nearLimitRatio, 0.9);
  EXPECT_DOUBLE_EQ(*C.secretMinEntropy, 4.2);
  EXPECT_EQ(C.limits, (std::vector<std::pair<std::string, double>>{{"archive-depth", 2}, {"inflated-bytes", 500 << 20}}))
      << "the spellings before limits: still work";
  EXPECT_EQ(C.exclude, (std::vector<std::string>{"tests/fixtures/", "*.min.js"}));
  EXPECT_EQ(C.dependencySecrets, "all");
  EXPECT_EQ(C.thirdPartyFolders, std::vector<std::string>{"third_party"});
  ASSERT_EQ(C.ignore.size(), 1u);
  EXPECT_EQ(C.ignore[0].line, 19u);
}

TEST(Config, GlobsSelectWholeCategories) {
  ProjectConfig C = parseOk("rules:\n  disable: [\"iam/*\"]\n");
  EXPECT_TRUE(contains(C.disable, "iam/passrole-wildcard"));
  EXPECT_TRUE(contains(C.disable, "iam/invalid-json"));
  EXPECT_FALSE(contains(C.disable, "lambda/missing-dlq"));
}

TEST(Config, EmptyFileConfiguresNothing) {
  ProjectConfig C = parseOk("# nothing yet\n");
  EXPECT_TRUE(C.enable.empty());
  EXPECT_FALSE(C.failOn);
}

TEST(Config, MistakesNameFileLineAndKey) {
  EXPECT_EQ(parseError("rules:\n  disabled: [iam/*]\n"),
            ".fnlint.yaml:2:3: unknown key 'disabled' (known: enable, disable, levels)");
  EXPECT_EQ(parseError("fail_on: error\n"),
            ".fnlint.yaml:1:1: unknown key 'fail_on' (known: rules, fail-on, thresholds, limits, exclude, third-party, "
            "ignore, require-reason)");
  EXPECT_EQ(parseError("rules:\n  enable: [lambda/no-such-rule]\n"),
            ".fnlint.yaml:2:12: no rule is 'lambda/no-such-rule' (see fnlint rules)");
  EXPECT_EQ(parseError("fail-on: fatal\n"),
            ".fnlint.yaml:1:10: 'fail-on' is 'fatal'; expected one of error, warning, note, none");
  EXPECT_EQ(parseError("thresholds:\n  timeout-seconds: 5000\n"),
            ".fnlint.yaml:2:20: 'thresholds.timeout-seconds' is 5000; expected 1 to 900");
  EXPECT_EQ(parseError("thresholds:\n  timeout-seconds: ten\n"),
            ".fnlint.yaml:2:20: 'thresholds.timeout-seconds' expects a number, got 'ten'");
  EXPECT_EQ(parseError("thresholds:\n  max-declared-size: lots\n"),
            ".fnlint.yaml:2:22: 'thresholds.max-declared-size' is 'lots'; expected a size such as 4GB or 500MB");
  EXPECT_EQ(parseError("rules:\n  levels:\n    lambda/missing-dlq: critical\n"),
            ".fnlint.yaml:3:25: 'rules.levels.lambda/missing-dlq' is 'critical'; expected one of error, warning, note");
  EXPECT_EQ(parseError("ignore:\n  - rule: iam/wildcard-action\n    path: a.json\n"),
            ".fnlint.yaml:2:5: an 'ignore' entry needs a 'reason': say why the finding does not apply");
  EXPECT_EQ(parseError("third-party:\n  folders: [src/vendor]\n"),
            ".fnlint.yaml:2:12: 'third-party.folders' takes folder names, not paths: 'src/vendor'");
  EXPECT_EQ(parseError("- rules\n"),
            ".fnlint.yaml:1:1: expected a mapping of settings (rules, fail-on, thresholds, limits, exclude, third-party, "
            "ignore)");
  std::string Syntax = parseError("rules: [\n");
  EXPECT_EQ(Syntax.rfind(".fnlint.yaml:", 0), 0u) << Syntax;
}

TEST(Config, StarterFileParsesToTheDefaults) {
  ProjectConfig C = parseOk(std::string(starterConfig()));
  EXPECT_EQ(C.failOn, "warning");
  EXPECT_EQ(C.timeoutSeconds, 300);
  EXPECT_DOUBLE_EQ(*C.nearLimitRatio, 0.8);
  EXPECT_DOUBLE_EQ(*C.secretMinEntropy, 3.5);
  // Every cap is in the starter file, at its default.
  std::size_t Count = 0;
  const LimitSpec *Specs = limitSpecs(Count);
  ASSERT_EQ(C.limits.size(), Count);
  const ResourceLimits Defaults;
  for (std::size_t I = 0; I < Count; ++I) {
    EXPECT_EQ(C.limits[I].first, Specs[I].key);
    ResourceLimits L;
    std::string Error;
    ASSERT_TRUE(setLimit(L, Specs[I], C.limits[I].second, Error)) << Error;
    EXPECT_EQ(formatLimit(L, Specs[I]), formatLimit(Defaults, Specs[I])) << Specs[I].key;
  }
  EXPECT_EQ(C.dependencySecrets, "high-confidence");
  EXPECT_TRUE(C.enable.empty() && C.disable.empty() && C.levels.empty() && C.ignore.empty());
}

TEST(Config, FoundInTheNearestFolderAbove) {
  TempDir Tmp;
  namespace fs = std::filesystem;
  fs::create_directories(Tmp.path() + "/app/src/handlers");
  writeFile(Tmp.path() + "/.fnlint.yaml", "fail-on: error\n");
  EXPECT_EQ(findConfigFile(Tmp.path() + "/app/src/handlers"), Tmp.path() + "/.fnlint.yaml");
  writeFile(Tmp.path() + "/app/.fnlint.yml", "fail-on: note\n");
  EXPECT_EQ(findConfigFile(Tmp.path() + "/app/src/handlers"), Tmp.path() + "/app/.fnlint.yml");
  EXPECT_EQ(findConfigFile(Tmp.path() + "/app"), Tmp.path() + "/app/.fnlint.yml");
}

TEST(Config, PathSuppressionsUseIgnoreFileSyntax) {
  PathSuppression E{"iam/*", "policies/*.json", "reviewed", 1};
  EXPECT_TRUE(suppresses(E, "iam/wildcard-action", "policies/admin.json"));
  EXPECT_FALSE(suppresses(E, "lambda/missing-dlq", "policies/admin.json"));
  EXPECT_FALSE(suppresses(E, "iam/wildcard-action", "other/admin.json"));
  PathSuppression Anywhere{"secret/*", "fixtures/", "test data", 1};
  EXPECT_TRUE(suppresses(Anywhere, "secret/aws-access-key", "tests/fixtures/creds.txt"));
}

} // namespace

namespace {

TEST(Config, LimitsAreReadByKey) {
  ProjectConfig C = parseOk("limits:\n  file-seconds: 30\n  template-bytes: 64MB\n  compression-ratio: 50\n");
  EXPECT_EQ(C.limits, (std::vector<std::pair<std::string, double>>{
                          {"file-seconds", 30}, {"template-bytes", 64 << 20}, {"compression-ratio", 50}}));
}

TEST(Config, LimitErrorsNameTheKeyAndTheRange) {
  EXPECT_EQ(parseError("limits:\n  file-size: 1\n"),
            ".fnlint.yaml:2:3: unknown key 'file-size' (known: archive-depth, inflated-bytes, compression-ratio, "
            "archive-entries, nested-archive-bytes, nested-total-bytes, nested-archives, file-bytes, source-bytes, "
            "template-bytes, yaml-aliases, file-seconds)");
  EXPECT_EQ(parseError("limits:\n  template-bytes: huge\n"),
            ".fnlint.yaml:2:19: 'limits.template-bytes' is 'huge'; expected a size such as 4GB or 500MB");
  EXPECT_EQ(parseError("limits:\n  file-seconds: 0\n"),
            ".fnlint.yaml:2:17: 'limits.file-seconds' must be a whole number from 1 up");
  EXPECT_EQ(parseError("limits:\n  archive-depth: 33\n"),
            ".fnlint.yaml:2:18: 'limits.archive-depth' must be a whole number from 0 to 32");
  EXPECT_EQ(parseError("limits:\n  yaml-aliases: 2.5\n"),
            ".fnlint.yaml:2:17: 'limits.yaml-aliases' is '2.5'; expected a whole number");
  EXPECT_EQ(parseError("limits: [1]\n"),
            ".fnlint.yaml:1:9: 'limits' expects a mapping (archive-depth, inflated-bytes, compression-ratio, "
            "archive-entries, nested-archive-bytes, nested-total-bytes, nested-archives, file-bytes, source-bytes, "
            "template-bytes, yaml-aliases, file-seconds)");
}

} // namespace
