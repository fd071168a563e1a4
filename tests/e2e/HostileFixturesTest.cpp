//===- tests/e2e/HostileFixturesTest.cpp - The hostile-input fixture set ----===//
//
// One test per case of fixtures/hostile/cases.yaml. Each case is scanned by
// the real fnlint binary, the way users run it, next to an ordinary neighbour
// (fixtures/hostile/neighbour/) whose findings must all survive. A case's
// files are its committed folder fixtures/hostile/<case>/ and, for large or
// binary inputs, what fixtures/hostile/generate.py writes at test time. The
// run must end without a signal, with the expected exit code, with every
// expected line of the report, within 512 MB of peak RSS and 10 s of wall
// time (not asserted under the sanitizers, whose shadow memory and slowdown
// would measure ASan rather than fnlint).
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"
#include "support/Sanitizers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t MaxRssBytes = 512ull << 20;

/// Runs argv[2:] and writes its peak RSS (kB) to argv[1], passing its exit
/// code or signal on. Linux charges an exec'ing process the peak of the
/// memory it execs from: spawned from this test binary, fnlint would be
/// charged the binary's own peak (hundreds of MB once other tests ran in the
/// same process); forked from a small Python, it is charged ~10 MB.
constexpr const char *MeasuredRun = R"(import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
if os.WIFSIGNALED(status):
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
)";
constexpr double MaxWallSeconds = 10.0;

const fs::path HostileDir = fs::path(FNLINT_SOURCE_DIR) / "fixtures" / "hostile";

struct HostileCase {
  std::string name;
  std::string what;
  bool generated = false;
  int exitCode = 1;
  std::vector<std::string> expect; ///< regexes, each matching one report line
  std::string stderrPattern;       ///< a regex over stderr, when the case has one
  bool neighbour = true;           ///< the neighbour's findings are checked
  std::string sanitizerSkip;       ///< why the case does not run under ASan
};

void PrintTo(const HostileCase &C, std::ostream *OS) { *OS << C.name; }

std::vector<HostileCase> loadCases() {
  std::vector<HostileCase> Out;
  for (const YAML::Node &N : YAML::LoadFile((HostileDir / "cases.yaml").string())["cases"]) {
    HostileCase C;
    C.name = N["case"].as<std::string>();
    C.what = N["what"].as<std::string>();
    C.generated = N["generated"].as<bool>(false);
    C.exitCode = N["exit"].as<int>(1);
    for (const YAML::Node &E : N["expect"])
      C.expect.push_back(E.as<std::string>());
    C.stderrPattern = N["stderr"].as<std::string>("");
    C.neighbour = N["neighbour"].as<bool>(true);
    C.sanitizerSkip = N["sanitizer-skip"].as<std::string>("");
    Out.push_back(std::move(C));
  }
  return Out;
}

/// The report as lines "RULE PATH:LINE: MESSAGE" (findings) and
/// "problem PATH:LINE: MESSAGE" (input problems), what cases.yaml matches.
std::vector<std::string> reportLines(const nlohmann::json &Report) {
  std::vector<std::string> Lines;
  auto Line = [](const std::string &Kind, const nlohmann::json &Item) {
    const nlohmann::json &L = Item["location"];
    std::uint64_t Row = L["region"].is_object() ? L["region"]["startLine"].get<std::uint64_t>() : 0;
    return Kind + " " + L["display"].get<std::string>() + ":" + std::to_string(Row) + ": " +
           Item["message"].get<std::string>();
  };
  for (const nlohmann::json &F : Report["findings"])
    Lines.push_back(Line(F["ruleId"].get<std::string>(), F));
  for (const nlohmann::json &P : Report["problems"])
    Lines.push_back(Line("problem", P));
  return Lines;
}

bool anyLineMatches(const std::vector<std::string> &Lines, const std::string &Pattern) {
  std::regex Re(Pattern);
  for (const std::string &L : Lines)
    if (std::regex_search(L, Re))
      return true;
  return false;
}

/// What the neighbour must always report, whatever its hostile case does.
const char *const NeighbourFindings[] = {
    R"(^secret/aws-access-key neighbour/src/app\.py:5: )",
    R"(^lambda/timeout-excessive neighbour/template\.yaml:12: )",
};

class HostileFixtures : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileFixtures, ScansWithinBoundsAndReportsTheCaseAndItsNeighbour) {
  const HostileCase &C = GetParam();
  if (UnderSanitizer && !C.sanitizerSkip.empty())
    GTEST_SKIP() << C.sanitizerSkip;
  TempDir Tmp;
  fs::path Root = fs::path(Tmp.path()) / "scan";
  fs::create_directories(Root);
  fs::copy(HostileDir / "neighbour", Root / "neighbour", fs::copy_options::recursive);
  if (fs::is_directory(HostileDir / C.name))
    fs::copy(HostileDir / C.name, Root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  if (C.generated) {
    ProcessResult G = run({"/usr/bin/python3", (HostileDir / "generate.py").string(), C.name, Root.string()});
    ASSERT_EQ(G.exitCode, 0) << "generate.py " << C.name << ": " << G.err;
  }

  ProcessResult M = run({"/usr/bin/python3", "-c", MeasuredRun, (Tmp.path() + "/maxrss").c_str(), FNLINT_EXE, "scan",
                         ".", "--format", "json"},
                        Root.string());
  M.maxRssBytes = std::stoull(readFile(Tmp.path() + "/maxrss")) * 1024; // Linux reports kilobytes
  std::string Context = C.name + " (" + C.what + ")\nstderr: " + M.err.substr(0, 2000);
  ASSERT_EQ(M.signal, 0) << Context;
  EXPECT_EQ(M.exitCode, C.exitCode) << Context;
  if (!C.stderrPattern.empty())
    EXPECT_TRUE(std::regex_search(M.err, std::regex(C.stderrPattern))) << "stderr !~ " << C.stderrPattern << "\n"
                                                                        << Context;
  if (C.exitCode != 2) {
    nlohmann::json Report;
    ASSERT_NO_THROW(Report = nlohmann::json::parse(M.out)) << Context << "\nstdout: " << M.out.substr(0, 2000);
    std::vector<std::string> Lines = reportLines(Report);
    std::string Listing;
    for (const std::string &L : Lines)
      Listing += "  " + L.substr(0, 300) + "\n";
    for (const std::string &Pattern : C.expect)
      EXPECT_TRUE(anyLineMatches(Lines, Pattern)) << "no report line matches " << Pattern << "\nreport:\n" << Listing;
    if (C.neighbour)
      for (const char *Pattern : NeighbourFindings)
        EXPECT_TRUE(anyLineMatches(Lines, Pattern)) << "the neighbour lost " << Pattern << "\nreport:\n" << Listing;
  }

  std::printf("[ hostile  ] %-28s %6.2f s %6.1f MB peak RSS\n", C.name.c_str(), M.wallSeconds,
              static_cast<double>(M.maxRssBytes) / (1 << 20));
  if (UnderSanitizer)
    return;
  EXPECT_LE(M.maxRssBytes, MaxRssBytes) << C.name;
  EXPECT_LE(M.wallSeconds, MaxWallSeconds) << C.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileFixtures, ::testing::ValuesIn(loadCases()),
                         [](const ::testing::TestParamInfo<HostileCase> &I) {
                           std::string Name = I.param.name;
                           for (char &Ch : Name)
                             if (!std::isalnum(static_cast<unsigned char>(Ch)))
                               Ch = '_';
                           return Name;
                         });

} // namespace
