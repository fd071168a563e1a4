//===- tests/e2e/OutputFormatsTest.cpp - junit, github, several outputs ------===//
//
// The CI-facing outputs through the real binary: several reports in one run
// (one on stdout at most), JUnit XML with a case per rule and artifact, GitHub
// workflow annotations capped at 10 per level with a job summary, and
// --exit-zero.
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

std::size_t count(const std::string &Text, const std::string &Needle) {
  std::size_t N = 0;
  for (std::size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(OutputFormats, SeveralReportsInOneRun) {
  TempDir Out;
  std::string Sarif = Out.path() + "/fnlint.sarif", Junit = Out.path() + "/fnlint.xml";
  ProcessResult R = runFnlint({"scan", "examples", "--format", "sarif:" + Sarif, "--format", "text", "--format",
                               "junit:" + Junit, "--quiet"});
  EXPECT_EQ(R.exitCode, 1) << R.err;
  EXPECT_NE(R.out.find("[secret/in-environment-variable]"), std::string::npos) << R.out;
  auto J = nlohmann::json::parse(readFile(Sarif));
  EXPECT_EQ(J["runs"][0]["results"].size(), 9u);
  std::string Xml = readFile(Junit);
  EXPECT_EQ(Xml.rfind("<?xml", 0), 0u);
  EXPECT_NE(Xml.find("<testcase classname=\"examples/sam-app/template.yaml\" name=\"secret/in-environment-variable\""),
            std::string::npos)
      << Xml;

  ProcessResult Two = runFnlint({"scan", "examples", "--format", "json", "--format", "text"});
  EXPECT_EQ(Two.exitCode, 2);
  EXPECT_NE(Two.err.find("only one report can go to standard output"), std::string::npos) << Two.err;
  ProcessResult Bad = runFnlint({"scan", "examples", "--format", "pdf"});
  EXPECT_EQ(Bad.exitCode, 2);
  EXPECT_NE(Bad.err.find("unknown format 'pdf'"), std::string::npos) << Bad.err;
}

TEST(OutputFormats, JunitIsOnePassingCaseWithoutFindings) {
  TempDir Clean;
  writeFile(Clean.path() + "/README.md", "nothing\n");
  ProcessResult R = runFnlint({"scan", ".", "--format", "junit"}, Clean.path());
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_NE(R.out.find("tests=\"1\" failures=\"0\""), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("<testcase classname=\"fnlint\" name=\"no findings\"/>"), std::string::npos) << R.out;
}

TEST(OutputFormats, GithubAnnotationsAreCappedAndSummarised) {
  TempDir App;
  // 12 functions with excessive timeouts: warnings; GitHub shows 10.
  std::string Template = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n";
  for (int I = 0; I < 12; ++I)
    Template += "  Fn" + std::to_string(I) +
                ":\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n"
                "      Handler: app.handler\n      InlineCode: 'def handler(e, c): pass'\n      Timeout: 900\n";
  writeFile(App.path() + "/template.yaml", Template);
  std::string Summary = App.path() + "/summary.md";
  ProcessResult R = run({FNLINT_BINARY_DIR "/cli/fnlint", "scan", ".", "--format", "github"}, App.path(),
                        {"GITHUB_STEP_SUMMARY=" + Summary});
  EXPECT_EQ(R.exitCode, 1);
  EXPECT_EQ(count(R.out, "::warning file=template.yaml,line="), 10u) << R.out;
  EXPECT_NE(R.out.find(",title=fnlint lambda/timeout-excessive::"), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("::notice title=fnlint::2 more findings are not annotated"), std::string::npos) << R.out;
  std::string Md = readFile(Summary);
  EXPECT_NE(Md.find("| `lambda/timeout-excessive` | warning | 12 |"), std::string::npos) << Md;

  ProcessResult Zero = runFnlint({"scan", ".", "--exit-zero", "--quiet"}, App.path());
  EXPECT_EQ(Zero.exitCode, 0);
  EXPECT_EQ(count(Zero.out, "[lambda/timeout-excessive]"), 12u);
}

} // namespace

#include "reporters/Reporters.h"

#include <sstream>

namespace {

TEST(OutputFormats, SarifKeepsTheMostSevereWithinGithubsResultLimit) {
  fnlint::ScanReport R;
  for (int I = 0; I < 25010; ++I) {
    fnlint::Finding F;
    F.ruleId = I % 5000 == 0 ? "secret/aws-access-key" : "package/dev-artifacts";
    F.level = I % 5000 == 0 ? fnlint::Level::Error : fnlint::Level::Note;
    F.message = "finding " + std::to_string(I);
    F.location.path = "f" + std::to_string(I) + ".txt";
    R.findings.push_back(std::move(F));
  }
  std::ostringstream OS;
  fnlint::writeSarif(R, OS);
  auto J = nlohmann::json::parse(OS.str());
  const auto &Results = J["runs"][0]["results"];
  ASSERT_EQ(Results.size(), 25000u);
  std::size_t Errors = 0;
  for (const auto &Res : Results)
    Errors += Res["level"] == "error";
  EXPECT_EQ(Errors, 6u) << "every error is kept";
  EXPECT_EQ(Results[0]["message"]["text"], "finding 0") << "report order within the kept results";
  const auto &Notes = J["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_NE(Notes[0]["message"]["text"].get<std::string>().find("10 of 25010 results were left out"), std::string::npos);
}

} // namespace
