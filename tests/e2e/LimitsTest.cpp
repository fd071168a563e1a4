//===- tests/e2e/LimitsTest.cpp - Every cap configurable, every hit said ----===//
//
// docs/limits.md lists the caps of core/Limits.h. Here: the documentation and
// the starter file name every key; `--limit` and `limits:` set them, the
// command line winning; hitting a cap is reported naming its key while the
// rest of the scan goes on; and the file-seconds budget stops the loops it
// is meant to stop.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include "analyzers/handler/node/Tokenizer.h"
#include "analyzers/handler/python/Tokenizer.h"
#include "core/FileBudget.h"
#include "core/Limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace {

// A key pair of the shape fnlint reports (made up; AWS's documented EXAMPLE keys are placeholders to it).
constexpr const char *SecretLine = "AWS_ACCESS_KEY_ID = \"AKIAZ35DUS6OONHHX2HO\"\n"
                                   "AWS_SECRET_ACCESS_KEY = \"Xq9e0Sd8b2kLmR7tYvW4nZp1cHjF6gUoA3iBsE5D\"\n";

std::string readText(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::ostringstream S;
  S << In.rdbuf();
  return S.str();
}

nlohmann::json scanJson(const std::string &Dir, std::vector<std::string> More = {}) {
  std::vector<std::string> Args = {"scan", ".", "--format", "json", "--now", "2026-11-30"};
  Args.insert(Args.end(), More.begin(), More.end());
  ProcessResult R = runFnlint(Args, Dir);
  EXPECT_EQ(R.signal, 0);
  EXPECT_NE(R.exitCode, 2) << R.err;
  return nlohmann::json::parse(R.out);
}

std::vector<std::string> problemsAbout(const nlohmann::json &J, std::string_view Key) {
  std::vector<std::string> Out;
  for (const auto &P : J["problems"])
    if (P["message"].get<std::string>().find(Key) != std::string::npos)
      Out.push_back(P["location"]["path"].get<std::string>() + ": " + P["message"].get<std::string>());
  return Out;
}

std::size_t findingsOf(const nlohmann::json &J, std::string_view Rule) {
  std::size_t N = 0;
  for (const auto &F : J["findings"])
    N += F["ruleId"] == Rule;
  return N;
}

TEST(Limits, EveryKeyIsDocumentedWithItsDefault) {
  std::string Doc = readText(std::string(FNLINT_SOURCE_DIR) + "/docs/limits.md");
  std::size_t Count = 0;
  const LimitSpec *Specs = limitSpecs(Count);
  ASSERT_EQ(Count, 12u);
  const ResourceLimits Defaults;
  for (std::size_t I = 0; I < Count; ++I) {
    std::string Row = "| `" + std::string(Specs[I].key) + "` | " + formatLimit(Defaults, Specs[I]) + " |";
    EXPECT_THAT(Doc, HasSubstr(Row)) << "docs/limits.md has no row for " << Specs[I].key;
  }
}

TEST(Limits, CommandLineWinsOverTheFileAndBadSettingsAreUsageErrors) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/app.py", std::string("def handler(event, context):\n    return 1\n") +
                                        std::string(2000, '#') + "\n");
  writeFile(Tmp.path() + "/.fnlint.yaml", "limits:\n  source-bytes: 1KB\n");
  nlohmann::json J = scanJson(Tmp.path());
  EXPECT_EQ(problemsAbout(J, "limits.source-bytes = 1KB").size(), 1u) << J["problems"].dump();
  J = scanJson(Tmp.path(), {"--limit", "source-bytes=1MB"});
  EXPECT_TRUE(problemsAbout(J, "limits.source-bytes").empty()) << J["problems"].dump();

  ProcessResult Unknown = runFnlint({"scan", ".", "--limit", "source-size=1MB"}, Tmp.path());
  EXPECT_EQ(Unknown.exitCode, 2);
  EXPECT_THAT(Unknown.err, HasSubstr("unknown limit 'source-size' (keys: archive-depth, inflated-bytes"));
  ProcessResult Zero = runFnlint({"scan", ".", "--limit", "file-seconds=0"}, Tmp.path());
  EXPECT_EQ(Zero.exitCode, 2);
  EXPECT_THAT(Zero.err, HasSubstr("limits.file-seconds must be a whole number from 1 up"));
  ProcessResult NotASize = runFnlint({"scan", ".", "--limit", "file-bytes=lots"}, Tmp.path());
  EXPECT_EQ(NotASize.exitCode, 2);
  EXPECT_THAT(NotASize.err, HasSubstr("limits.file-bytes is 'lots'; expected a size such as 4GB or 500MB"));
}

TEST(Limits, FileOverFileBytesIsNotScannedForSecretsAndSaysSo) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/small/config.py", SecretLine);
  writeFile(Tmp.path() + "/big/dump.sql", std::string(SecretLine) + std::string(4096, '-') + "\n");
  nlohmann::json J = scanJson(Tmp.path(), {"--limit", "file-bytes=2KB"});
  EXPECT_THAT(problemsAbout(J, "limits.file-bytes"),
              ::testing::ElementsAre("big/dump.sql: not scanned for secrets: 4207 bytes, more than "
                                     "limits.file-bytes = 2KB"));
  EXPECT_GE(findingsOf(J, "secret/aws-access-key"), 1u) << "the small file is still scanned";
  for (const auto &F : J["findings"])
    EXPECT_NE(F["location"]["path"], "big/dump.sql");
}

TEST(Limits, HandlerOverSourceBytesIsNotAnalysedButStillScannedForSecrets) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                                           "Transform: AWS::Serverless-2016-10-31\n"
                                           "Resources:\n"
                                           "  Fn:\n"
                                           "    Type: AWS::Serverless::Function\n"
                                           "    Properties:\n"
                                           "      CodeUri: src/\n"
                                           "      Handler: app.handler\n"
                                           "      Runtime: python3.12\n"
                                           "      Timeout: 900\n");
  // A client created per invocation would be reported if the file were analysed.
  writeFile(Tmp.path() + "/src/app.py", std::string("import boto3\n") + SecretLine +
                                            "def handler(event, context):\n"
                                            "    s3 = boto3.client('s3')\n"
                                            "    return s3.list_buckets()\n" +
                                            std::string(3000, '#') + "\n");
  nlohmann::json J = scanJson(Tmp.path(), {"--limit", "source-bytes=2KB"});
  std::vector<std::string> Said = problemsAbout(J, "limits.source-bytes");
  ASSERT_EQ(Said.size(), 1u) << J["problems"].dump();
  EXPECT_THAT(Said[0], HasSubstr("src/app.py: not analysed as Python handler code: "));
  EXPECT_EQ(findingsOf(J, "handler/client-per-invocation"), 0u);
  EXPECT_GE(findingsOf(J, "secret/aws-access-key"), 1u);
  EXPECT_EQ(findingsOf(J, "lambda/timeout-excessive"), 1u) << "the function itself is still judged";

  J = scanJson(Tmp.path());
  EXPECT_TRUE(problemsAbout(J, "limits.source-bytes").empty());
  EXPECT_EQ(findingsOf(J, "handler/client-per-invocation"), 1u) << "under the default cap it is analysed";
}

TEST(Limits, ArchiveCapsNameTheirKeys) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/fn.zip", buildZip(YAML::Load("[{path: a.py, text: x}, {path: b.py, text: y}, "
                                                        "{path: c.py, text: z}]")));
  nlohmann::json J = scanJson(Tmp.path(), {"--limit", "archive-entries=2"});
  ASSERT_EQ(findingsOf(J, "package/archive-bomb"), 1u) << J["findings"].dump();
  for (const auto &F : J["findings"])
    if (F["ruleId"] == "package/archive-bomb")
      EXPECT_THAT(F["message"].get<std::string>(), HasSubstr("only the first 2 are read (limits.archive-entries = 2)"));
}

TEST(Limits, FileBudgetStopsTheTokenizersAndNests) {
  std::string Python, Node;
  for (int I = 0; I < 20000; ++I) {
    Python += "x" + std::to_string(I) + " = " + std::to_string(I) + "\n";
    Node += "const x" + std::to_string(I) + " = " + std::to_string(I) + ";\n";
  }
  std::size_t AllPython = python::tokenize(Python).size(), AllNode = node::tokenize(Node).size();
  {
    FileBudget Budget(1);
    EXPECT_FALSE(FileBudget::expired());
    std::this_thread::sleep_for(std::chrono::milliseconds(1050));
    EXPECT_LT(python::tokenize(Python).size(), AllPython / 4) << "stopped at the first check";
    EXPECT_LT(node::tokenize(Node).size(), AllNode / 4);
    {
      FileBudget Inner(60); // capped by the outer budget, already spent
      EXPECT_TRUE(FileBudget::expired());
    }
    EXPECT_TRUE(Budget.hit());
  }
  EXPECT_FALSE(FileBudget::expired()) << "no budget once it ends";
  EXPECT_EQ(python::tokenize(Python).size(), AllPython);
  {
    FileBudget Unlimited(0);
    EXPECT_FALSE(FileBudget::expired());
  }
}

} // namespace
