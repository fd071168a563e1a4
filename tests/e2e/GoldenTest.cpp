//===- tests/e2e/GoldenTest.cpp - The example app's reports, byte for byte --===//
//
// `fnlint scan examples` in every format must match tests/golden/ exactly.
// After an intended change, regenerate with
//   FNLINT_UPDATE_GOLDEN=1 build/tests/fnlint_tests --gtest_filter='Golden*'
// and review the diff like code.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

using namespace fnlint::test;

namespace {

void checkGolden(const std::string &Format, const std::string &File) {
  ProcessResult R = runFnlint({"scan", "examples", "--format", Format, "--color", "never", "--now", "2026-11-30"});
  ASSERT_EQ(R.exitCode, 1) << R.err; // the example app has a warning
  std::string Path = std::string(FNLINT_SOURCE_DIR) + "/tests/golden/" + File;
  if (std::getenv("FNLINT_UPDATE_GOLDEN")) {
    std::ofstream(Path, std::ios::binary) << R.out;
    GTEST_SKIP() << "rewrote " << Path;
  }
  if (R.out == readFile(Path))
    return;
  // The reports are long: leave the actual output next to the build for diff.
  std::string Actual = std::string(FNLINT_BINARY_DIR) + "/golden-actual-" + File;
  std::ofstream(Actual, std::ios::binary) << R.out;
  ADD_FAILURE() << "the " << Format << " report of examples/ changed: diff -u " << Path << " " << Actual
                << "\nIf the change is intended, regenerate with FNLINT_UPDATE_GOLDEN=1 and review the diff.";
}

TEST(Golden, ExampleAppText) { checkGolden("text", "examples.txt"); }
TEST(Golden, ExampleAppJson) { checkGolden("json", "examples.json"); }
TEST(Golden, ExampleAppSarif) { checkGolden("sarif", "examples.sarif"); }

} // namespace
