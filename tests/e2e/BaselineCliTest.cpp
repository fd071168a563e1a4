//===- tests/e2e/BaselineCliTest.cpp - fnlint baseline create/prune, --baseline ===//
//
// Adopting fnlint in a repository with old findings: record them, then report
// only new ones. Matching survives line shifts, reformatting and renames; an
// entry accepts one finding, so a copy of an old problem is new; the file
// holds hashes, never a secret.
//
//===----------------------------------------------------------------------===//
#include "cli/Baseline.h"

#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

constexpr const char *Handler = "import boto3\n"
                                "DB_PASSWORD = 'q8Xz!2mP#r7Lw4Tn'\n"
                                "\n"
                                "def lambda_handler(event, context):\n"
                                "    s3 = boto3.client('s3')\n"
                                "    return s3.list_buckets()\n";

std::size_t count(const std::string &Text, const std::string &Needle) {
  std::size_t N = 0;
  for (std::size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(BaselineCli, OnlyNewFindingsAfterShiftsReformattingAndRenames) {
  TempDir App;
  fs::create_directories(App.path() + "/src");
  writeFile(App.path() + "/src/app.py", Handler);
  ProcessResult Create = runFnlint({"baseline", "create", "."}, App.path());
  ASSERT_EQ(Create.exitCode, 0) << Create.err;
  EXPECT_NE(Create.err.find("wrote 2 findings to .fnlint-baseline.json"), std::string::npos) << Create.err;
  std::string File = readFile(App.path() + "/.fnlint-baseline.json");
  EXPECT_EQ(File.find("q8Xz"), std::string::npos) << "a baseline never holds a secret:\n" << File;
  EXPECT_EQ(nlohmann::json::parse(File)["entries"].size(), 2u);

  ProcessResult Same = runFnlint({"scan", ".", "--baseline", ".fnlint-baseline.json"}, App.path());
  EXPECT_EQ(Same.exitCode, 0) << Same.out;
  EXPECT_NE(Same.out.find("2 in the baseline"), std::string::npos) << Same.out;

  // Lines shifted, a line reformatted, the file renamed, and one new finding.
  fs::remove(App.path() + "/src/app.py");
  writeFile(App.path() + "/src/main.py", "\"\"\"Orders export.\"\"\"\n"
                                         "import boto3\n"
                                         "\n"
                                         "DB_PASSWORD='q8Xz!2mP#r7Lw4Tn'\n"
                                         "API_TOKEN = 'Zr9!xQ2#mL5pW8tK'\n"
                                         "\n"
                                         "def lambda_handler(event, context):\n"
                                         "    s3  =  boto3.client( 's3' )\n"
                                         "    return s3.list_buckets()\n");
  ProcessResult After = runFnlint({"scan", ".", "--baseline", ".fnlint-baseline.json", "--quiet"}, App.path());
  EXPECT_EQ(After.exitCode, 1);
  EXPECT_EQ(count(After.out, "\n"), 1u) << After.out;
  EXPECT_NE(After.out.find("src/main.py:5:"), std::string::npos) << After.out;

  // A second copy of an old finding is new: each entry accepts one finding.
  writeFile(App.path() + "/src/copy.py", Handler);
  ProcessResult Copy = runFnlint({"scan", "src/copy.py", "src/main.py", "--baseline", ".fnlint-baseline.json",
                                  "--quiet", "--format", "json"},
                                 App.path());
  EXPECT_EQ(nlohmann::json::parse(Copy.out)["findings"].size(), 3u) << Copy.out;
}

TEST(BaselineCli, PruneDropsEntriesThatMatchNothing) {
  TempDir App;
  writeFile(App.path() + "/app.py", Handler);
  ASSERT_EQ(runFnlint({"baseline", "create", ".", "-o", "base.json"}, App.path()).exitCode, 0);
  writeFile(App.path() + "/app.py", "import boto3\n"
                                    "s3 = boto3.client('s3')\n"
                                    "def lambda_handler(event, context):\n"
                                    "    return s3.list_buckets()\n"); // both fixed
  writeFile(App.path() + "/other.py", "SECRET_KEY = 'Zr9!xQ2#mL5pW8tK'\n");
  ProcessResult Prune = runFnlint({"baseline", "prune", ".", "--baseline", "base.json"}, App.path());
  ASSERT_EQ(Prune.exitCode, 0) << Prune.err;
  EXPECT_NE(Prune.err.find("kept 0 entries, dropped 2"), std::string::npos) << Prune.err;
  EXPECT_TRUE(nlohmann::json::parse(readFile(App.path() + "/base.json"))["entries"].empty());
  // Pruning never adds: the new finding is still reported.
  EXPECT_EQ(runFnlint({"scan", ".", "--baseline", "base.json"}, App.path()).exitCode, 1);
}

TEST(BaselineCli, MissingOrMalformedBaselineIsAnError) {
  TempDir App;
  writeFile(App.path() + "/app.py", Handler);
  ProcessResult Missing = runFnlint({"scan", ".", "--baseline", "none.json"}, App.path());
  EXPECT_EQ(Missing.exitCode, 2);
  EXPECT_NE(Missing.err.find("none.json: no such baseline file"), std::string::npos) << Missing.err;
  writeFile(App.path() + "/bad.json", R"({"fnlintBaseline": 1, "entries": [{"rule": "x", "fingerprint": "zz", "contentHash": "00"}]})");
  ProcessResult Bad = runFnlint({"scan", ".", "--baseline", "bad.json"}, App.path());
  EXPECT_EQ(Bad.exitCode, 2);
  EXPECT_NE(Bad.err.find("bad.json: entry 1 has a malformed hash"), std::string::npos) << Bad.err;
}

TEST(Baseline, FingerprintFirstThenContentAndOneFindingPerEntry) {
  auto F = [](std::string Fp, std::string Content) {
    Finding X;
    X.ruleId = "r/x";
    X.fingerprint = std::move(Fp);
    X.contentHash = std::move(Content);
    return X;
  };
  cli::Baseline B;
  B.entries = {{"r/x", "a", 1, std::string(32, '1'), std::string(32, 'a')},
               {"r/x", "b", 1, std::string(32, '2'), std::string(32, 'a')}};
  // The renamed copy (content a) must not take the entry the unchanged one needs.
  std::vector<Finding> Findings = {F(std::string(32, '9'), std::string(32, 'a')),
                                   F(std::string(32, '2'), std::string(32, 'a')),
                                   F(std::string(32, '8'), std::string(32, 'a'))};
  cli::BaselineMatch M = cli::matchBaseline(B, Findings);
  EXPECT_EQ(M.findingMatched, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(M.entryUsed, (std::vector<bool>{true, true}));
}

} // namespace
