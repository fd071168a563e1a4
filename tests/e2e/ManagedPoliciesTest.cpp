//===- tests/e2e/ManagedPoliciesTest.cpp - AWS's own policies, all of them ---===//
//
// ../shared/corpus/aws-managed-policies holds every AWS managed policy (1,390
// files of `aws iam get-policy-version` output; two of the snapshot are empty).
// fnlint must read each one as a policy and judge it: no input problem, no
// invalid JSON, no crash. What it reports on four policies every Lambda user
// meets is reviewed by hand and kept in managed-policy-findings.txt; the
// unknown actions it reports are exactly the reviewed list of
// tests/core/iam-unknown-managed-policy-actions.txt.
//
// A new rule that fires on the four policies fails ReviewedFindings with the
// difference: review it, then rewrite the file with
//   FNLINT_UPDATE_GOLDEN=1 build/tests/fnlint_tests --gtest_filter='ManagedPolicies.*'
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"
#include "support/ReviewedList.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const std::string Corpus = std::string(FNLINT_SOURCE_DIR) + "/../shared/corpus";
const std::string Folder = "aws-managed-policies";
const std::string Reviewed = std::string(FNLINT_SOURCE_DIR) + "/tests/e2e/managed-policy-findings.txt";
const std::string UnknownList = std::string(FNLINT_SOURCE_DIR) + "/tests/core/iam-unknown-managed-policy-actions.txt";

/// The entries of a reviewed list file (check only: tests/core owns this one).
std::set<std::string> listed(const std::string &Path) {
  std::set<std::string> Out;
  std::istringstream In(readFile(Path));
  for (std::string Line; std::getline(In, Line);)
    if (!Line.empty() && Line[0] != '#')
      Out.insert(Line);
  return Out;
}

/// The text a finding's region covers, on its first line, without quotes.
std::string regionText(const nlohmann::json &Location) {
  std::istringstream In(readFile(Corpus + "/" + Location["path"].get<std::string>()));
  const auto &R = Location["region"];
  std::string Line;
  for (int I = R["startLine"].get<int>(); I > 0 && std::getline(In, Line);)
    --I;
  std::size_t Begin = R["startColumn"].get<std::size_t>() - 1, End = R["endColumn"].get<std::size_t>() - 1;
  std::string Text = Line.substr(Begin, End - Begin);
  if (Text.size() >= 2 && Text.front() == '"' && Text.back() == '"')
    Text = Text.substr(1, Text.size() - 2);
  return Text;
}

TEST(ManagedPolicies, EveryPolicyIsReadAndJudged) {
  if (!fs::is_directory(Corpus + "/" + Folder))
    GTEST_SKIP() << "corpus not found at " << Corpus << " (CI has it; see ../shared/corpus/README.md)";
  std::set<std::string> Policies, Empty;
  for (const auto &E : fs::directory_iterator(Corpus + "/" + Folder))
    (fs::file_size(E.path()) == 0 ? Empty : Policies).insert(Folder + "/" + E.path().filename().string());
  EXPECT_EQ(Policies.size(), 1388u) << "the February 2025 snapshot: 1,390 files";
  EXPECT_EQ(Empty.size(), 2u) << "AWSCodePipelineFullAccess and AWSECRPullThroughCacheServiceRolePolicy are empty";

  ProcessResult R = runFnlint({"scan", Folder, "--format", "json"}, Corpus);
  ASSERT_EQ(R.signal, 0) << R.err;
  ASSERT_EQ(R.exitCode, 1) << "findings, not an error exit\n" << R.err;
  auto J = nlohmann::json::parse(R.out);

  // Every non-empty file was read as configuration (the only kind these
  // files sniff as is an IAM policy), with no problem at all.
  std::set<std::string> Read(J["inventory"]["templates"].begin(), J["inventory"]["templates"].end());
  EXPECT_EQ(Read, Policies);
  EXPECT_EQ(J["problems"].size(), 0u) << J["problems"].dump(1);
  EXPECT_EQ(J["summary"]["filesScanned"], Policies.size() + Empty.size());

  // Unknown actions and services are the reviewed ones, each reported.
  std::set<std::string> Unknown;
  for (const auto &F : J["findings"]) {
    std::string Rule = F["ruleId"];
    EXPECT_NE(Rule, "iam/invalid-json") << F.dump();
    if (Rule == "iam/unknown-action" || Rule == "iam/unknown-service" || Rule == "iam/action-matches-nothing")
      Unknown.insert(regionText(F["location"]));
  }
  std::set<std::string> Expected = listed(UnknownList);
  for (const std::string &A : Unknown)
    EXPECT_TRUE(Expected.count(A)) << "reported as unknown, not in " << UnknownList << ": " << A;
  for (const std::string &A : Expected)
    EXPECT_TRUE(Unknown.count(A)) << "listed in " << UnknownList << " but not reported: " << A;
}

TEST(ManagedPolicies, ReviewedFindings) {
  if (!fs::is_directory(Corpus + "/" + Folder))
    GTEST_SKIP() << "corpus not found at " << Corpus << " (CI has it; see ../shared/corpus/README.md)";
  std::vector<std::string> Args = {"scan", "--format", "json"};
  for (const char *Name :
       {"AdministratorAccess", "PowerUserAccess", "AWSLambda_FullAccess", "AWSLambdaBasicExecutionRole"})
    Args.push_back(Folder + "/" + Name);
  ProcessResult R = runFnlint(Args, Corpus);
  ASSERT_EQ(R.signal, 0) << R.err;
  ASSERT_TRUE(R.exitCode == 0 || R.exitCode == 1) << R.err;

  // POLICY:LINE RULE, sorted: the same finding stays on the same line
  // whatever else changes, and a new one shows as one added line.
  std::map<std::string, int> Count;
  const auto J = nlohmann::json::parse(R.out);
  for (const auto &F : J["findings"]) {
    std::string Path = F["location"]["path"];
    ++Count[Path.substr(Folder.size() + 1) + ":" +
            std::to_string(F["location"]["region"]["startLine"].get<int>()) + " " + F["ruleId"].get<std::string>()];
  }
  std::vector<std::string> Found;
  for (const auto &[Entry, N] : Count)
    Found.push_back(N == 1 ? Entry : Entry + " (" + std::to_string(N) + " findings)");
  if (updateOrCheckReviewedList(Reviewed, Found, [](const std::string &E) {
        return "fnlint now reports " + E + " on an AWS managed policy; review it";
      }))
    GTEST_SKIP() << "rewrote " << Reviewed;
}

} // namespace
