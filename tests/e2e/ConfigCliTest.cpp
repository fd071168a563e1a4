//===- tests/e2e/ConfigCliTest.cpp - .fnlint.yaml and suppressions, as run --===//
//
// The configuration and suppressions through the real binary: the file found
// above the scan path, options that win over it, rules disabled and
// re-levelled, excluded paths, `fnlint init`, inline and configuration
// suppressions counted and listed, and exit code 2 for a broken file.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

/// A small app: a handler with a hard-coded high-entropy password and a
/// boto3 client made per invocation, and a JSON policy with Action "*".
void writeApp(const std::string &Dir) {
  fs::create_directories(Dir + "/src");
  fs::create_directories(Dir + "/policies");
  fs::create_directories(Dir + "/tests/data");
  writeFile(Dir + "/src/app.py", "import boto3\n"
                                 "DB_PASSWORD = 'q8Xz!2mP#r7Lw4Tn'\n"
                                 "\n"
                                 "def lambda_handler(event, context):\n"
                                 "    s3 = boto3.client('s3')\n"
                                 "    return s3.list_buckets()\n");
  writeFile(Dir + "/policies/admin.json",
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  writeFile(Dir + "/tests/data/app.py", "API_SECRET = 'Zr9!xQ2#mL5pW8tK'\n");
}

std::size_t count(const std::string &Text, const std::string &Needle) {
  std::size_t N = 0;
  for (std::size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(ConfigCli, WithoutConfigurationEverythingReports) {
  TempDir App;
  writeApp(App.path());
  ProcessResult R = runFnlint({"scan", ".", "--quiet"}, App.path());
  EXPECT_EQ(R.exitCode, 1) << R.err;
  EXPECT_EQ(count(R.out, "[secret/generic-high-entropy]"), 2u) << R.out;
  EXPECT_EQ(count(R.out, "[iam/wildcard-action]"), 1u) << R.out;
}

TEST(ConfigCli, FileAboveTheScanPathConfiguresTheScan) {
  TempDir App;
  writeApp(App.path());
  writeFile(App.path() + "/.fnlint.yaml", R"(rules:
  disable: ["iam/*"]
  levels:
    handler/client-per-invocation: note
    secret/generic-high-entropy: error
fail-on: error
exclude: ["tests/"]
)");
  ProcessResult R = runFnlint({"scan", "src", "policies", "--quiet"}, App.path());
  // Left: the password (now an error) and the client (now a note).
  EXPECT_EQ(R.exitCode, 1) << R.out << R.err;
  EXPECT_EQ(count(R.out, "[iam/"), 0u) << R.out;
  EXPECT_NE(R.out.find("note: lambda_handler creates boto3.client"), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("error: high-entropy value"), std::string::npos) << R.out;
  EXPECT_EQ(count(R.out, "[secret/generic-high-entropy]"), 1u) << "tests/ is excluded:\n" << R.out;

  // A command-line option wins over the file.
  ProcessResult None = runFnlint({"scan", "src", "--quiet", "--fail-on", "none"}, App.path());
  EXPECT_EQ(None.exitCode, 0) << None.err;
  // --no-config reads none.
  ProcessResult Raw = runFnlint({"scan", ".", "--quiet", "--no-config"}, App.path());
  EXPECT_EQ(count(Raw.out, "[iam/wildcard-action]"), 1u) << Raw.out;
}

TEST(ConfigCli, SuppressionsAreCountedListedAndKeptOutOfTheGate) {
  TempDir App;
  writeApp(App.path());
  writeFile(App.path() + "/src/app.py",
            "import boto3\n"
            "DB_PASSWORD = 'q8Xz!2mP#r7Lw4Tn'  # fnlint:ignore[secret/generic-high-entropy] local test database only\n"
            "\n"
            "def lambda_handler(event, context):\n"
            "    # fnlint:ignore[handler/client-per-invocation] invoked once a day\n"
            "    s3 = boto3.client('s3')\n"
            "    return s3.list_buckets()\n");
  writeFile(App.path() + "/.fnlint.yaml", R"(exclude: ["tests/"]
ignore:
  - rule: "iam/*"
    path: policies/admin.json
    reason: break-glass role, reviewed in SEC-1234
)");
  // Suppressed: the two comments' findings and the 7 iam findings of admin.json.
  ProcessResult R = runFnlint({"scan", "."}, App.path());
  EXPECT_EQ(R.exitCode, 0) << R.out << R.err;
  EXPECT_NE(R.out.find("no findings"), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("9 suppressed"), std::string::npos) << R.out;

  ProcessResult Listed = runFnlint({"scan", ".", "--show-suppressed", "--quiet"}, App.path());
  EXPECT_NE(Listed.out.find("(suppressed: break-glass role, reviewed in SEC-1234)"), std::string::npos)
      << Listed.out;
  EXPECT_NE(Listed.out.find("(suppressed: invoked once a day)"), std::string::npos) << Listed.out;

  ProcessResult Sarif = runFnlint({"scan", ".", "--format", "sarif"}, App.path());
  auto Plain = nlohmann::json::parse(Sarif.out);
  EXPECT_TRUE(Plain["runs"][0]["results"].empty()) << "suppressed findings stay out of SARIF by default";
  ProcessResult WithSuppressed = runFnlint({"scan", ".", "--format", "sarif", "--sarif-include-suppressed"}, App.path());
  auto J = nlohmann::json::parse(WithSuppressed.out);
  ASSERT_EQ(J["runs"][0]["results"].size(), 9u);
  std::set<std::string> Kinds;
  for (const auto &Res : J["runs"][0]["results"])
    Kinds.insert(Res["suppressions"][0]["kind"].get<std::string>());
  EXPECT_EQ(Kinds, (std::set<std::string>{"inSource", "external"}));

  ProcessResult Json = runFnlint({"scan", ".", "--format", "json"}, App.path());
  EXPECT_EQ(nlohmann::json::parse(Json.out)["summary"]["suppressed"], 9);
}

TEST(ConfigCli, TemplateResourceMetadataSuppressesItsOwnFindings) {
  TempDir App;
  writeFile(App.path() + "/template.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  NightlyExport:
    Type: AWS::Serverless::Function
    Metadata:
      fnlint:
        ignore:
          - id: lambda/timeout-excessive
            reason: the export runs for up to 14 minutes by design
          - id: lambda/no-such-rule
            reason: typo
          - id: lambda/missing-dlq
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
      Timeout: 900
  HourlyExport:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
      Timeout: 900
)");
  ProcessResult R = runFnlint({"scan", ".", "--show-suppressed", "--quiet"}, App.path());
  EXPECT_EQ(count(R.out, "[lambda/timeout-excessive]"), 2u) << R.out;
  EXPECT_NE(R.out.find("template.yaml:25:16: warning: "), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("[lambda/timeout-excessive] (suppressed: the export runs for up to 14 minutes by design)"),
            std::string::npos)
      << R.out;
  EXPECT_NE(R.err.find("template.yaml:11:13: warning: Metadata.fnlint.ignore of NightlyExport: no rule is "
                       "'lambda/no-such-rule'; ignored"),
            std::string::npos)
      << R.err;
  EXPECT_NE(R.err.find("template.yaml:13:13: warning: Metadata.fnlint.ignore of NightlyExport has no reason"),
            std::string::npos)
      << R.err;
}

TEST(ConfigCli, ReasonlessSuppressionIsReportedAndSuppressesNothing) {
  TempDir App;
  writeApp(App.path());
  writeFile(App.path() + "/src/app.py", "PASSWORD = 'q8Xz!2mP#r7Lw4Tn'  # fnlint:ignore[secret/generic-high-entropy]\n");
  ProcessResult R = runFnlint({"scan", "src"}, App.path());
  EXPECT_EQ(R.exitCode, 1);
  EXPECT_NE(R.err.find("src/app.py:1:34: warning: fnlint:ignore without a reason suppresses nothing"), std::string::npos)
      << R.err;
}

TEST(ConfigCli, BrokenFileStopsTheScanWithItsLine) {
  TempDir App;
  writeApp(App.path());
  writeFile(App.path() + "/.fnlint.yaml", "rules:\n  disable: [iam/no-such-rule]\n");
  ProcessResult R = runFnlint({"scan", "."}, App.path());
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_NE(R.err.find(".fnlint.yaml:2:13: no rule is 'iam/no-such-rule'"), std::string::npos) << R.err;
  ProcessResult Missing = runFnlint({"scan", ".", "--config", "nope.yaml"}, App.path());
  EXPECT_EQ(Missing.exitCode, 2);
  EXPECT_NE(Missing.err.find("nope.yaml: no such configuration file"), std::string::npos) << Missing.err;
}

TEST(ConfigCli, InitWritesAStarterThatScansLikeNoFile) {
  TempDir App;
  writeApp(App.path());
  ProcessResult Init = runFnlint({"init"}, App.path());
  ASSERT_EQ(Init.exitCode, 0) << Init.err;
  EXPECT_TRUE(fs::exists(App.path() + "/.fnlint.yaml"));
  EXPECT_EQ(runFnlint({"init"}, App.path()).exitCode, 2) << "never overwrites";
  ProcessResult With = runFnlint({"scan", ".", "--format", "json"}, App.path());
  ProcessResult Without = runFnlint({"scan", ".", "--format", "json", "--no-config"}, App.path());
  EXPECT_EQ(With.out, Without.out);
  EXPECT_EQ(With.exitCode, Without.exitCode);
}

} // namespace
