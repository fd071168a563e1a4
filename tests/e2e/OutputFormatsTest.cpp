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

#include <zlib.h>

namespace {

/// gzip at zlib's default level, as upload-sarif compresses.
std::size_t gzipSize(const std::string &Text) {
  uLongf Bound = compressBound(static_cast<uLong>(Text.size())) + 64;
  std::string Out(Bound, '\0');
  z_stream Z{};
  deflateInit2(&Z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  Z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(Text.data()));
  Z.avail_in = static_cast<uInt>(Text.size());
  Z.next_out = reinterpret_cast<Bytef *>(Out.data());
  Z.avail_out = static_cast<uInt>(Out.size());
  EXPECT_EQ(deflate(&Z, Z_FINISH), Z_STREAM_END);
  std::size_t Size = Z.total_out;
  deflateEnd(&Z);
  return Size;
}

/// Findings whose messages do not compress (random letters), so the log is
/// large after gzip too: \p Errors errors among \p Count notes.
fnlint::ScanReport incompressibleReport(int Count, int Errors, std::size_t MessageBytes) {
  fnlint::ScanReport R;
  std::uint64_t Random = 7;
  for (int I = 0; I < Count; ++I) {
    fnlint::Finding F;
    bool Error = I % (Count / Errors) == 0;
    F.ruleId = Error ? "secret/aws-access-key" : "package/dev-artifacts";
    F.level = Error ? fnlint::Level::Error : fnlint::Level::Note;
    F.message = "finding " + std::to_string(I) + " ";
    for (std::size_t K = 0; K < MessageBytes; ++K) {
      Random = Random * 6364136223846793005ull + 1442695040888963407ull;
      F.message += static_cast<char>('a' + (Random >> 33) % 26);
    }
    F.location.path = "f" + std::to_string(I) + ".txt";
    R.findings.push_back(std::move(F));
  }
  return R;
}

TEST(OutputFormats, SarifStaysUnderGithubsGzippedSizeLimit) {
  // 12,000 results of 1.5 KB that compress to about 1 KB each: 12 MB gzipped.
  fnlint::ScanReport R = incompressibleReport(12000, 100, 1500);
  std::ostringstream OS;
  fnlint::writeSarif(R, OS);
  std::string Text = OS.str();
  EXPECT_LE(gzipSize(Text), 10'000'000u);
  EXPECT_GT(gzipSize(Text), 8'000'000u) << "no more is dropped than needed";
  auto J = nlohmann::json::parse(Text);
  const auto &Results = J["runs"][0]["results"];
  EXPECT_LT(Results.size(), 12000u);
  std::size_t Errors = 0;
  for (const auto &Res : Results)
    Errors += Res["level"] == "error";
  EXPECT_EQ(Errors, 100u) << "every error is kept";
  EXPECT_EQ(Results[0]["message"]["text"].get<std::string>().substr(0, 10), "finding 0 ");
  const auto &Notes = J["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(Notes.size(), 1u);
  std::string Said = Notes[0]["message"]["text"];
  std::string Dropped = std::to_string(12000 - Results.size());
  EXPECT_EQ(Said.rfind(Dropped + " of 12000 results were left out (" + Dropped + " note): ", 0), 0u) << Said;
  EXPECT_NE(Said.find("at most 10 MB gzipped per file"), std::string::npos) << Said;
}

TEST(OutputFormats, SarifSizeLimitTrimsInputProblemsWhenResultsAreNotEnough) {
  fnlint::ScanReport R = incompressibleReport(200, 10, 500);
  fnlint::ScanReport Noise = incompressibleReport(2000, 1, 400);
  for (int I = 0; I < 2000; ++I) {
    fnlint::InputProblem P;
    P.level = fnlint::Level::Warning;
    P.location.path = "broken" + std::to_string(I) + ".zip";
    P.message = Noise.findings[I].message; // 2000 x ~300 bytes gzipped: over the limit alone
    R.problems.push_back(std::move(P));
  }
  fnlint::SarifOptions Options;
  Options.maxGzipBytes = 200'000;
  std::ostringstream OS;
  fnlint::writeSarif(R, OS, Options);
  EXPECT_LE(gzipSize(OS.str()), 200'000u);
  auto J = nlohmann::json::parse(OS.str());
  EXPECT_TRUE(J["runs"][0]["results"].empty());
  const auto &Notes = J["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_GT(Notes.size(), 2u);
  EXPECT_NE(Notes[0]["message"]["text"].get<std::string>().find("200 of 200 results were left out (10 error, 190 note)"),
            std::string::npos)
      << Notes[0];
  EXPECT_NE(Notes[1]["message"]["text"].get<std::string>().find("input problems were left out"), std::string::npos);
}

} // namespace
