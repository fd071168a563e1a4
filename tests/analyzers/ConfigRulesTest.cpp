//===- tests/analyzers/ConfigRulesTest.cpp - The lambda and iam rule harness ===//
//
// Every case under fixtures/<category>/<slug>/ (categories lambda and iam) is
// a configuration or policy file (or a folder of them, with code) in one of
// the formats fnlint reads. Its expectations are written where the finding
// must point:
//   - a comment `fnlint-expect: <category>/<slug>` on the line (YAML, Python, JS);
//   - for JSON, which has no comments, a sidecar `<file>.expect.yaml`:
//       expect: [{rule: iam/<slug>, line: 12}]
//   - a comment `fnlint-options: --assume-async` adds scan options.
// C/C++ cases (<category>/<slug>/{fires,clean}-cpp-*) run through the fnlint-cpp
// helper of this build; they are skipped when it was not built
// (-DFNLINT_BUILD_CPP_MODULE=OFF).
// Cases named fires-* must produce exactly the expected findings of the
// folder's rule (file and line); clean-* cases must produce none. Other rules
// are ignored: each has its own folder. The date is fixed (--now 2026-11-30)
// and the folder's rule is enabled even when it ships disabled.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "cli/Pipeline.h"
#include "scanner/Scanner.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

struct RuleCase {
  std::string name; ///< "lambda/missing-dlq/fires-sam-s3-event.yaml"
  std::string rule; ///< "lambda/missing-dlq"
  fs::path source;  ///< the file or folder
  bool fires = false;
};

constexpr const char *Categories[] = {"lambda", "iam", "handler", "permissions"};

std::vector<RuleCase> findCases() {
  std::vector<RuleCase> Out;
  for (const char *Category : Categories) {
    fs::path Root = fs::path(FNLINT_SOURCE_DIR) / "fixtures" / Category;
    if (!fs::exists(Root))
      continue;
    for (const auto &Rule : fs::directory_iterator(Root)) {
      if (!Rule.is_directory())
        continue;
      for (const auto &Case : fs::directory_iterator(Rule.path())) {
        std::string File = Case.path().filename().string();
        if (File.size() > 12 && File.substr(File.size() - 12) == ".expect.yaml")
          continue;
        bool Fires = File.rfind("fires", 0) == 0;
        if (!Fires && File.rfind("clean", 0) != 0)
          continue;
        std::string Id = std::string(Category) + "/" + Rule.path().filename().string();
        Out.push_back({Id + "/" + File, Id, Case.path(), Fires});
      }
    }
  }
  std::sort(Out.begin(), Out.end(), [](const RuleCase &A, const RuleCase &B) { return A.name < B.name; });
  return Out;
}

/// "path:line" of each expectation in the case's files, relative to the case root.
struct Labels {
  std::multiset<std::string> expected;
  bool assumeAsync = false;
};

void readLabels(const fs::path &File, const std::string &Rel, const std::string &Rule, Labels &Out) {
  std::string Name = File.filename().string();
  if (Name.size() > 12 && Name.substr(Name.size() - 12) == ".expect.yaml") {
    YAML::Node Doc = YAML::LoadFile(File.string());
    std::string Target = Rel.substr(0, Rel.size() - 12);
    for (const auto &E : Doc["expect"])
      if (E["rule"].as<std::string>() == Rule)
        Out.expected.insert(Target + ":" + E["line"].as<std::string>());
    return;
  }
  std::istringstream In(readFile(File.string()));
  std::string Line;
  for (int N = 1; std::getline(In, Line); ++N) {
    for (std::size_t At = Line.find("fnlint-expect: "); At != std::string::npos;
         At = Line.find("fnlint-expect: ", At + 1)) {
      std::size_t Start = At + 15, End = Line.find_first_of(" \t,\"", Start);
      if (Line.substr(Start, End == std::string::npos ? End : End - Start) == Rule)
        Out.expected.insert(Rel + ":" + std::to_string(N));
    }
    if (Line.find("fnlint-options:") != std::string::npos && Line.find("--assume-async") != std::string::npos)
      Out.assumeAsync = true;
  }
}

class ConfigRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(ConfigRule, ReportsExactlyTheLabelledLines) {
  const RuleCase &C = GetParam();
  TempDir Tmp;
  fs::path Root = Tmp.path();
  Labels L;
  if (fs::is_directory(C.source)) {
    fs::copy(C.source, Root, fs::copy_options::recursive);
    for (const auto &E : fs::recursive_directory_iterator(Root))
      if (E.is_regular_file())
        readLabels(E.path(), fs::relative(E.path(), Root).generic_string(), C.rule, L);
  } else {
    fs::copy(C.source, Root / C.source.filename());
    fs::path Sidecar = C.source.string() + ".expect.yaml";
    if (fs::exists(Sidecar))
      fs::copy(Sidecar, Root / Sidecar.filename());
    for (const auto &E : fs::directory_iterator(Root))
      readLabels(E.path(), E.path().filename().string(), C.rule, L);
  }
  if (C.fires)
    ASSERT_FALSE(L.expected.empty()) << C.name << ": a fires case needs an fnlint-expect label";
  const std::string CppHelper = FNLINT_BINARY_DIR "/cli/fnlint-cpp";
  const bool IsCppCase = C.name.find("/fires-cpp-") != std::string::npos ||
                         C.name.find("/clean-cpp-") != std::string::npos;
  if (IsCppCase && !fs::exists(CppHelper))
    GTEST_SKIP() << "fnlint-cpp is not built (-DFNLINT_BUILD_CPP_MODULE=OFF)";

  ScanOptions S;
  S.root = Root.string();
  S.paths = {Root.string()};
  AnalysisOptions A;
  A.lambda.now = "2026-11-30";
  A.lambda.assumeAsync = L.assumeAsync;
  A.lambda.enabled.insert(C.rule);
  if (fs::exists(CppHelper))
    A.cpp.helperPath = CppHelper;
  ScanReport R = cli::runPipeline(S, A);

  std::multiset<std::string> Got;
  std::string All;
  for (const Finding &F : R.findings) {
    if (F.ruleId != C.rule)
      continue;
    Got.insert(F.location.path + ":" + std::to_string(F.location.region.startLine));
    All += "  " + F.location.path + ":" + std::to_string(F.location.region.startLine) + ": " + F.message + "\n";
  }
  for (const InputProblem &P : R.problems)
    All += "  problem: " + P.location.path + ": " + P.message + "\n";
  EXPECT_EQ(Got, L.expected) << C.name << "; findings of " << C.rule << ":\n" << (All.empty() ? "  (none)\n" : All);
}

std::string caseName(const ::testing::TestParamInfo<RuleCase> &Info) {
  std::string N = Info.param.name;
  for (char &Ch : N)
    if (!std::isalnum(static_cast<unsigned char>(Ch)))
      Ch = '_';
  return N;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ConfigRule, ::testing::ValuesIn(findCases()), caseName);

TEST(ConfigRuleCatalogue, EveryRuleHasAFiringAndACleanCase) {
  std::map<std::string, std::pair<int, int>> PerRule;
  for (const RuleCase &C : findCases())
    (C.fires ? PerRule[C.rule].first : PerRule[C.rule].second)++;
  for (const char *Category : Categories)
    for (const auto &E : fs::directory_iterator(fs::path(FNLINT_SOURCE_DIR) / "rules" / Category)) {
      std::string Rule = std::string(Category) + "/" + E.path().stem().string();
      EXPECT_GE(PerRule[Rule].first, 1) << Rule << " has no fires-* fixture";
      EXPECT_GE(PerRule[Rule].second, 1) << Rule << " has no clean-* fixture";
    }
}

} // namespace
