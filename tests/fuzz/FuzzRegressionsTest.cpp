//===- tests/fuzz/FuzzRegressionsTest.cpp - Inputs that once crashed -----===//
//
// Every file in fuzz/regressions/<target>/ went through a fuzz target and
// crashed, hung or tripped a sanitizer before its fix. Each is replayed
// through the same target function the fuzzer calls, in every build; the
// sanitizer build (scripts/sanitize.sh) also catches what only ASan/UBSan see.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> regressionInputs(std::string_view Target) {
  fs::path Dir = fs::path(FNLINT_SOURCE_DIR) / "fuzz" / "regressions" / std::string(Target);
  std::vector<fs::path> Out;
  if (fs::is_directory(Dir))
    for (const fs::directory_entry &E : fs::directory_iterator(Dir))
      if (E.is_regular_file() && E.path().filename() != "README.md")
        Out.push_back(E.path());
  std::sort(Out.begin(), Out.end());
  return Out;
}

void replay(const fnlint::fuzz::NamedTarget &T, const std::string &Bytes) {
  EXPECT_EQ(T.run(reinterpret_cast<const std::uint8_t *>(Bytes.data()), Bytes.size()), 0);
}

class FuzzTarget : public testing::TestWithParam<fnlint::fuzz::NamedTarget> {};

TEST_P(FuzzTarget, ReplaysRegressions) {
  for (const fs::path &Input : regressionInputs(GetParam().name)) {
    SCOPED_TRACE(Input.string());
    std::ifstream In(Input, std::ios::binary);
    replay(GetParam(), std::string(std::istreambuf_iterator<char>(In), {}));
  }
}

// The drivers themselves: inputs of every length below a mode byte, and a
// few shapes each target's first byte treats specially.
TEST_P(FuzzTarget, TakesTinyInputs) {
  replay(GetParam(), "");
  for (char C : std::string("\x00\x01\x02\x03\xff{[-P", 9))
    replay(GetParam(), std::string(1, C));
  replay(GetParam(), std::string("PK\x05\x06", 4) + std::string(18, '\0'));
}

INSTANTIATE_TEST_SUITE_P(All, FuzzTarget, testing::ValuesIn(fnlint::fuzz::AllTargets),
                         [](const testing::TestParamInfo<fnlint::fuzz::NamedTarget> &I) {
                           return std::string(I.param.name);
                         });

} // namespace
