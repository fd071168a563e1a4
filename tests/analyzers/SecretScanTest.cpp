//===- tests/analyzers/SecretScanTest.cpp - The secret scan end to end -----===//
//
// What the labelled corpus cannot show, because its matching goes by rule,
// path and line: several findings on one line, columns far into a large
// file, the time taken by many findings, and dependency folders judged below
// the folder that was scanned.
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

TEST(SecretScan, EveryEnvironmentVariableOfAOneLinePlan) {
  TempDir Root;
  writeFile(Root.path() + "/plan.json",
            R"({"format_version":"1.2","terraform_version":"1.7.0","planned_values":{"root_module":{"resources":[)"
            R"({"address":"aws_lambda_function.api","mode":"managed","type":"aws_lambda_function","name":"api","values":)"
            R"({"function_name":"api","runtime":"python3.12","handler":"app.handler","environment":[{"variables":)"
            R"({"DB_PASSWORD":"Xr9#mK2$vL8@pQ4!","GITHUB_TOKEN":"ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfe"}}]}},)"
            R"({"address":"aws_lambda_function.worker","mode":"managed","type":"aws_lambda_function","name":"worker",)"
            R"("values":{"function_name":"worker","runtime":"python3.12","handler":"app.handler","environment":[{"variables":)"
            R"({"AWS_SECRET_ACCESS_KEY":"2BqYzvTb796XmbsMCbtWhlv0CDkINQswBm+E2DWU","AWS_ACCESS_KEY_ID":"AKIAWE3QFC2EDKRVJCXH"}}]}}]}}})"
            "\n");
  std::set<std::string> Variables;
  for (const Finding &F : secretFindings(Root.path())) {
    EXPECT_EQ(F.ruleId, "secret/in-environment-variable")
        << "every secret here is an environment variable's, reported once as such: " << F.message;
    Variables.insert(F.properties.value("variable", std::string()));
  }
  EXPECT_EQ(Variables, (std::set<std::string>{"DB_PASSWORD", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"}));
}

TEST(SecretScan, ColumnsBeyondTheFirstWindow) {
  // Windows are 8 MB: a line that starts in one window and holds a secret in
  // a later one keeps counting its columns from its own start.
  TempDir Root;
  std::string Token = "ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfe";
  std::string Text = "// bundle\n" + std::string(9u << 20, 'a') + ";var t=\"" + Token + "\";\n";
  std::uint32_t Column = static_cast<std::uint32_t>(Text.find(Token) - Text.find('\n')); // 1-based
  writeFile(Root.path() + "/bundle.min.js", Text);
  std::vector<Finding> Found = secretFindings(Root.path());
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].location.region.startLine, 2u);
  EXPECT_EQ(Found[0].location.region.startColumn, Column);
  EXPECT_EQ(Found[0].location.region.startColumnUtf16, Column);
  EXPECT_EQ(Found[0].location.region.endColumn, Column + Token.size());
}

TEST(SecretScan, ManyFindingsInOneFileAreEachPlacedOnTheirLine) {
  // Thousands of findings in one file, each placed on its own line and column.
  // Their cost (once quadratic) is measured by bench/many-findings.sh, not here.
  TempDir Root;
  std::string Text = "[\n";
  const std::string_view Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uint64_t Random = 20240611;
  for (int I = 0; I < 5000; ++I) {
    std::string Token;
    for (int K = 0; K < 24; ++K) {
      Random = Random * 6364136223846793005ull + 1442695040888963407ull;
      Token += Alphabet[(Random >> 33) % Alphabet.size()];
    }
    Text += "  {\"user\": \"u" + std::to_string(I) + "\", \"api_token\": \"" + Token + "\"},\n";
  }
  Text += "  {}\n]\n";
  writeFile(Root.path() + "/data.json", Text);
  std::vector<Finding> Found = secretFindings(Root.path());
  EXPECT_GT(Found.size(), 4500u) << "a few random values are too regular to report";
  std::set<std::uint32_t> Lines;
  for (const Finding &F : Found) {
    std::uint32_t Entry = F.location.region.startLine - 2; // the first entry is on line 2
    EXPECT_EQ(F.location.region.startColumn, 31u + std::to_string(Entry).size());
    Lines.insert(F.location.region.startLine);
  }
  EXPECT_EQ(Lines.size(), Found.size()) << "one finding per line, each on its own";
  EXPECT_LE(*Lines.rbegin(), 5001u);
}

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
