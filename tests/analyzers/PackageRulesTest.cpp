//===- tests/analyzers/PackageRulesTest.cpp - The package rule harness ------===//
//
// Runs every fixture under fixtures/package/ through the whole pipeline and
// checks that the findings are exactly those the fixture expects: the rule
// under test fires in fires* cases, stays silent in clean* cases, and no
// other rule adds noise.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "cli/Pipeline.h"
#include "core/RuleInfo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace fnlint;
using namespace fnlint::test;

namespace {

class PackageFixture : public ::testing::TestWithParam<Fixture> {};

std::string describe(const std::vector<Finding> &Findings) {
  std::string S;
  for (const Finding &F : Findings)
    S += "  " + F.ruleId + " at " + F.location.displayPath() + ": " + F.message + "\n";
  return S.empty() ? "  (none)\n" : S;
}

TEST_P(PackageFixture, ProducesExactlyTheExpectedFindings) {
  const Fixture &F = GetParam();
  ASSERT_FALSE(F.description.empty()) << F.name << ": fixture.yaml needs a description";
  TempDir Tmp;
  materialize(F, Tmp.path());
  ScanOptions S;
  S.root = Tmp.path();
  S.paths = {Tmp.path()};
  S.jobs = 2;
  S.limits = F.limits;
  AnalysisOptions A;
  A.jobs = 2;
  ScanReport R = cli::runPipeline(S, A);
  // Configuration, handler code and permissions rules have their own fixtures (ConfigRulesTest.cpp).
  std::erase_if(R.findings, [](const Finding &Fi) {
    return Fi.ruleId.rfind("lambda/", 0) == 0 || Fi.ruleId.rfind("handler/", 0) == 0 ||
           Fi.ruleId.rfind("permissions/", 0) == 0;
  });

  bool RuleSeen = std::any_of(R.findings.begin(), R.findings.end(),
                              [&](const Finding &Fi) { return Fi.ruleId == F.rule; });
  if (F.fires)
    EXPECT_TRUE(RuleSeen) << F.name << " must make " << F.rule << " fire; findings:\n" << describe(R.findings);
  else
    EXPECT_FALSE(RuleSeen) << F.name << " must not make " << F.rule << " fire; findings:\n" << describe(R.findings);

  // Every expectation matches one finding, and every finding is expected.
  std::vector<bool> Used(R.findings.size(), false);
  for (const Expectation &E : F.expect) {
    bool Found = false;
    for (std::size_t I = 0; I < R.findings.size() && !Found; ++I) {
      if (Used[I] || R.findings[I].ruleId != E.rule)
        continue;
      if (!E.at.empty() && R.findings[I].location.displayPath() != E.at)
        continue;
      Used[I] = Found = true;
    }
    EXPECT_TRUE(Found) << F.name << ": expected " << E.rule << (E.at.empty() ? "" : " at " + E.at)
                       << "; findings:\n" << describe(R.findings);
  }
  for (std::size_t I = 0; I < R.findings.size(); ++I)
    EXPECT_TRUE(Used[I]) << F.name << ": unexpected " << R.findings[I].ruleId << " at "
                         << R.findings[I].location.displayPath() << ": " << R.findings[I].message;
}

std::string testName(const ::testing::TestParamInfo<Fixture> &Info) {
  std::string N = Info.param.name.substr(Info.param.name.find('/') + 1);
  for (char &C : N)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return N;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PackageFixture, ::testing::ValuesIn(findFixtures("package")), testName);

TEST(PackageFixtures, EveryPackageRuleHasAFiringAndACleanFixture) {
  auto All = findFixtures("package");
  for (const RuleInfo &R : ruleCatalogue()) {
    if (R.category != "package")
      continue;
    bool Fires = false, Clean = false;
    for (const Fixture &F : All)
      if (F.rule == R.id)
        (F.fires ? Fires : Clean) = true;
    EXPECT_TRUE(Fires) << R.id << " has no fixtures/" << R.id << "/fires*/fixture.yaml";
    EXPECT_TRUE(Clean) << R.id << " has no fixtures/" << R.id << "/clean*/fixture.yaml";
  }
}

TEST(PackageFixtures, EveryFixtureFolderNamesARule) {
  for (const Fixture &F : findFixtures("package"))
    EXPECT_NE(findRule(F.rule), nullptr) << F.name << " is filed under an unknown rule";
}

} // namespace
