//===- tests/e2e/DeterminismTest.cpp - Same input, same bytes ---------------===//
//
// Reports are diffed, cached and uploaded as code-scanning runs: the same
// input must give the same bytes whatever --jobs is and however often it
// runs. The example app is checked in Cli.OutputIsByteIdenticalWhateverJobsIs;
// this runs the real-world corpora (../shared/corpus), a few thousand files
// of every kind fnlint reads, with --jobs 1 and 8, twice each.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const std::string Corpus = std::string(FNLINT_SOURCE_DIR) + "/../shared/corpus";

TEST(Determinism, CorporaGiveIdenticalBytesWhateverJobsIs) {
  if (!fs::exists(Corpus + "/serverless-patterns") || !fs::exists(Corpus + "/aws-managed-policies"))
    GTEST_SKIP() << "corpus not found at " << Corpus << " (CI has it; see ../shared/corpus/README.md)";
  TempDir Out;
  std::vector<std::string> Formats = {"json", "sarif", "text", "junit", "html"};
  std::string Reference;
  int Run = 0;
  for (const char *Jobs : {"1", "8", "1", "8"}) {
    std::string Dir = Out.path() + "/run" + std::to_string(Run++);
    fs::create_directories(Dir);
    std::vector<std::string> Args = {"scan", "serverless-patterns", "aws-managed-policies", "--jobs", Jobs,
                                     "--now", "2026-11-30", "-q"};
    for (const std::string &F : Formats)
      Args.insert(Args.end(), {"--format", F + ":" + Dir + "/report." + F});
    ProcessResult R = runFnlint(Args, Corpus);
    ASSERT_TRUE(R.exitCode == 0 || R.exitCode == 1) << R.exitCode << "\n" << R.err;
    std::string All;
    for (const std::string &F : Formats) {
      std::string Text = readFile(Dir + "/report." + F);
      ASSERT_GT(Text.size(), 1000u) << F;
      All += "== " + F + "\n" + Text;
    }
    All += "== stderr\n" + R.err;
    if (Reference.empty()) {
      Reference = All;
      continue;
    }
    // EXPECT_EQ on megabytes prints megabytes; say where they part instead.
    auto Diverge = std::mismatch(Reference.begin(), Reference.end(), All.begin(), All.end());
    std::size_t At = static_cast<std::size_t>(Diverge.first - Reference.begin());
    EXPECT_TRUE(Reference == All) << "--jobs " << Jobs << " differs from --jobs 1 at byte " << At << ":\n"
                                  << Reference.substr(At > 200 ? At - 200 : 0, 400) << "\n----- vs -----\n"
                                  << All.substr(At > 200 ? At - 200 : 0, 400);
  }
}

} // namespace
