//===- tests/e2e/SarifValidationTest.cpp - Every SARIF we write is valid ----===//
//
// Writes the SARIF of the example app, of every rule fixture, of a clean
// scan and of a scan with input problems, then validates all of them in one
// run of scripts/validate-sarif: the official SARIF 2.1.0 schema,
// Sarif.Multitool's GitHub ingestion rules ("Gh;Sarif"), and the GitHub
// requirements neither catches. Zero errors and zero warnings.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include "cli/Pipeline.h"
#include "reporters/Reporters.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

ProcessResult validate(const std::vector<std::string> &Files, const std::vector<std::string> &Flags = {}) {
  std::vector<std::string> Argv = {FNLINT_SOURCE_DIR "/scripts/validate-sarif"};
  Argv.insert(Argv.end(), Flags.begin(), Flags.end());
  Argv.insert(Argv.end(), Files.begin(), Files.end());
  return run(Argv, FNLINT_SOURCE_DIR, {"FNLINT_SARIF_TOOLS=" FNLINT_BINARY_DIR "/sarif-tools"});
}

TEST(SarifValidation, EverySarifFnlintWritesPassesSchemaAndGitHubRules) {
  TempDir Out;
  std::vector<std::string> Files;

  // The example app, through the real binary.
  std::string Example = Out.path() + "/examples.sarif";
  ProcessResult R = runFnlint({"scan", "examples", "--format", "sarif", "-o", Example});
  ASSERT_EQ(R.exitCode, 1) << R.err;
  Files.push_back(Example);

  // A clean scan: empty results.
  TempDir Clean;
  std::ofstream(Clean.path() + "/README.md") << "nothing\n";
  std::string Empty = Out.path() + "/clean.sarif";
  ASSERT_EQ(runFnlint({"scan", ".", "--format", "sarif", "-o", Empty}, Clean.path()).exitCode, 0);
  Files.push_back(Empty);

  // Input problems: notifications next to results.
  TempDir Bad;
  std::ofstream(Bad.path() + "/template.yaml") << "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n";
  std::ofstream(Bad.path() + "/fn.zip") << "not a zip";
  std::string Problems = Out.path() + "/problems.sarif";
  ASSERT_EQ(runFnlint({"scan", ".", "--format", "sarif", "-o", Problems}, Bad.path()).exitCode, 1);
  Files.push_back(Problems);

  // Secret findings: the labelled corpus, through the real binary (findings
  // in text files, archive members and binaries, redacted messages).
  std::string Secrets = Out.path() + "/secrets.sarif";
  ProcessResult S = runFnlint({"scan", ".", "--format", "sarif", "-o", Secrets},
                              std::string(FNLINT_SOURCE_DIR) + "/fixtures/secrets");
  ASSERT_EQ(S.exitCode, 1) << S.err;
  Files.push_back(Secrets);

  // Suppressed findings written with --sarif-include-suppressed: an inline
  // comment (inSource) and a configuration entry (external).
  TempDir Quiet;
  std::ofstream(Quiet.path() + "/app.py") << "PASSWORD = 'q8Xz!2mP#r7Lw4Tn'  # fnlint:ignore[secret/*] test vector\n";
  std::ofstream(Quiet.path() + "/admin.json")
      << R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  std::ofstream(Quiet.path() + "/.fnlint.yaml")
      << "ignore:\n  - rule: \"iam/*\"\n    path: admin.json\n    reason: break-glass role\n";
  std::string Suppressed = Out.path() + "/suppressed.sarif";
  ASSERT_EQ(runFnlint({"scan", ".", "--format", "sarif", "--sarif-include-suppressed", "-o", Suppressed}, Quiet.path())
                .exitCode,
            0);
  Files.push_back(Suppressed);

  // Every rule fixture, in-process.
  for (const Fixture &F : findFixtures("package")) {
    TempDir Tmp;
    materialize(F, Tmp.path());
    ScanOptions S;
    S.root = Tmp.path();
    S.paths = {Tmp.path()};
    S.limits = F.limits;
    S.jobs = 2;
    AnalysisOptions A;
    A.jobs = 2;
    ScanReport Report = cli::runPipeline(S, A);
    std::string Name = F.name;
    for (char &C : Name)
      if (C == '/')
        C = '-';
    std::string Path = Out.path() + "/" + Name + ".sarif";
    std::ofstream OS(Path, std::ios::binary);
    writeSarif(Report, OS);
    Files.push_back(Path);
  }

  ProcessResult V = validate(Files);
  EXPECT_EQ(V.exitCode, 0) << "validate-sarif over " << Files.size() << " files:\n" << V.out << V.err;
}

TEST(SarifValidation, TheValidatorCatchesWhatGitHubRejects) {
  // Each broken file must fail for the reason named in tests/sarif/README.md;
  // a validator that passes everything would make the test above worthless.
  struct Case {
    const char *File, *Expect;
  } Cases[] = {
      {"help-missing.sarif", "multitool/GH2012"},
      {"level-critical.sarif", "schema/enum"},
      {"locations-empty.sarif", "multitool/GH1015"},
      {"security-severity-number.sarif", "extra/security-severity"},
      {"uri-dot-slash.sarif", "extra/uri-dot-segment"},
      {"uri-unencoded-space.sarif", "schema/format"},
      {"multitool-cannot-load.sarif", "multitool/not-loaded"},
  };
  for (const Case &C : Cases) {
    std::string Path = std::string(FNLINT_SOURCE_DIR) + "/tests/sarif/broken/" + C.File;
    ASSERT_TRUE(fs::exists(Path)) << Path;
    // --expect succeeds only when the file fails with exactly that check.
    ProcessResult Expected = validate({Path}, {"--expect", C.Expect});
    EXPECT_EQ(Expected.exitCode, 0) << C.File << " did not fail with " << C.Expect << ":\n"
                                    << Expected.out << Expected.err;
  }
}

TEST(SarifValidation, ReferenceFilesPass) {
  ProcessResult V = validate({FNLINT_SOURCE_DIR "/tests/sarif/reference.sarif",
                              FNLINT_SOURCE_DIR "/tests/sarif/reference-empty.sarif"});
  EXPECT_EQ(V.exitCode, 0) << V.out << V.err;
}

} // namespace
