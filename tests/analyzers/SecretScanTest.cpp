//===- tests/analyzers/SecretScanTest.cpp - The secret scan end to end -----===//
//
// What the labelled corpus cannot show, because its matching goes by rule,
// path and line: dependency folders judged below the folder that was
// scanned.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "cli/Pipeline.h"

#include <gtest/gtest.h>

#include <set>

using namespace fnlint;
using namespace fnlint::test;

namespace {

std::vector<Finding> secretFindings(const std::string &Root, std::vector<std::string> Paths = {}) {
  ScanOptions S;
  S.root = Root;
  S.paths = Paths.empty() ? std::vector<std::string>{Root} : std::move(Paths);
  S.jobs = 2;
  AnalysisOptions A;
  A.jobs = 2;
  std::vector<Finding> Out;
  for (Finding &F : cli::runPipeline(S, A).findings)
    if (F.ruleId.rfind("secret/", 0) == 0)
      Out.push_back(std::move(F));
  return Out;
}

} // namespace

TEST(SecretScan, DependencyFoldersAreJudgedBelowTheScannedFolder) {
  // The same file, scanned by naming its folder, whatever lies above it.
  TempDir Root;
  std::string App = "db_password = \"OCU6gRqgphh3HJWrCnaW\"\n";
  writeFile(Root.path() + "/vendor/app/app.py", App);
  writeFile(Root.path() + "/payment-vendor/app.py", App);
  writeFile(Root.path() + "/shop/node_modules/lib/index.py", App);
  auto Generic = [](const std::vector<Finding> &Found) {
    std::set<std::string> Paths;
    for (const Finding &F : Found)
      if (F.ruleId == "secret/generic-high-entropy")
        Paths.insert(F.location.displayPath());
    return Paths;
  };
  EXPECT_EQ(Generic(secretFindings(Root.path())), (std::set<std::string>{"payment-vendor/app.py"}))
      << "vendor/ and node_modules/ below the scanned folder are dependencies; payment-vendor/ is not";
  EXPECT_EQ(Generic(secretFindings(Root.path(), {Root.path() + "/vendor/app"})), (std::set<std::string>{"vendor/app/app.py"}))
      << "vendor/ above the scanned folder does not make its files dependencies";
}
