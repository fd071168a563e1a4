//===- tests/e2e/ExportAccountTest.cpp - scripts/export-account, end to end ---===//
//
// Runs scripts/export-account against a fake `aws` that replays recorded CLI
// outputs of a made-up account (fixtures/export-account), checks the folder
// it writes and the calls it made, then scans the folder and checks that each
// expected finding is there and attributed to the function it is about.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const std::string Source = FNLINT_SOURCE_DIR;
const std::string FakeAws = Source + "/fixtures/export-account/bin/aws";
const char *const Functions[] = {"orders-api", "stream-processor", "thumbnail-public"};

/// python3 as an absolute path (run() does not search PATH); empty when missing.
std::string findPython() {
  for (const char *Candidate : {"/usr/bin/python3", "/usr/local/bin/python3"})
    if (::access(Candidate, X_OK) == 0)
      return Candidate;
  return "";
}

std::set<std::string> filesUnder(const std::string &Root) {
  std::set<std::string> Out;
  for (const auto &E : fs::recursive_directory_iterator(Root))
    if (E.is_regular_file())
      Out.insert(fs::relative(E.path(), Root).generic_string());
  return Out;
}

std::vector<nlohmann::json> callLog(const std::string &Path) {
  std::vector<nlohmann::json> Calls;
  std::istringstream In(readFile(Path));
  for (std::string Line; std::getline(In, Line);)
    Calls.push_back(nlohmann::json::parse(Line));
  return Calls;
}

class ExportAccount : public ::testing::Test {
protected:
  void SetUp() override {
    Python = findPython();
    if (Python.empty()) {
      if (::geteuid() == 0)
        FAIL() << "python3 is missing: scripts/ensure-deps.sh --test installs it";
      GTEST_SKIP() << "python3 is not installed (scripts/ensure-deps.sh --test installs it as root)";
    }
  }

  /// Exports the recorded account into Tmp/export; \p Deny: FAKE_AWS_DENY.
  ProcessResult exportAccount(const std::string &Deny = "") {
    return run({Python, Source + "/scripts/export-account", "-o", out(), "--region", "us-east-1", "--profile",
                "audit", "--aws", FakeAws},
               Tmp.path(),
               {"FAKE_AWS_STATE=" + Tmp.path() + "/s3", "FAKE_AWS_LOG=" + Tmp.path() + "/calls.log",
                "FAKE_AWS_DENY=" + Deny});
  }

  std::string out() const { return Tmp.path() + "/export"; }

  /// fnlint's JSON report of the export.
  nlohmann::json scan() {
    ProcessResult R = runFnlint({"scan", ".", "--no-config", "--now", "2026-11-30", "--format", "json",
                                 "--fail-on", "none", "--quiet"},
                                out());
    EXPECT_EQ(R.exitCode, 0) << R.err;
    return nlohmann::json::parse(R.out);
  }

  std::string Python;
  TempDir Tmp;
};

TEST_F(ExportAccount, WritesEveryFunctionsFilesAndGoesOnAfterAFailedCall) {
  ProcessResult R = exportAccount();
  EXPECT_EQ(R.exitCode, 1) << "one call failed: the export is incomplete\n" << R.err;
  EXPECT_NE(R.err.find("us-east-1/stream-processor: lambda get-policy: AccessDeniedException"), std::string::npos)
      << R.err;

  EXPECT_EQ(filesUnder(out()), (std::set<std::string>{
                                   "export.log",
                                   "iam/authorization-details.json",
                                   "us-east-1/layers/common-utils-4.zip",
                                   "us-east-1/orders-api/code.zip",
                                   "us-east-1/orders-api/function.json",
                                   "us-east-1/stream-processor/code.zip",
                                   "us-east-1/stream-processor/event-source-mappings.json",
                                   "us-east-1/stream-processor/function.json",
                                   "us-east-1/thumbnail-public/code.zip",
                                   "us-east-1/thumbnail-public/function.json",
                                   "us-east-1/thumbnail-public/policy.json",
                               }))
      << "no policy.json where there is none (orders-api) or it was denied (stream-processor); "
         "no empty trigger lists";
  std::string Log = readFile(out() + "/export.log");
  EXPECT_NE(Log.find("3 functions from us-east-1"), std::string::npos) << Log;
  EXPECT_NE(Log.find("stream-processor: lambda get-policy: AccessDeniedException"), std::string::npos) << Log;

  for (const char *Name : Functions) {
    auto F = nlohmann::json::parse(readFile(out() + "/us-east-1/" + Name + "/function.json"));
    EXPECT_EQ(F["Configuration"]["FunctionName"], Name);
    EXPECT_FALSE(F["Code"].contains("Location")) << Name << ": the presigned URL is not kept";
  }
  auto Iam = nlohmann::json::parse(readFile(out() + "/iam/authorization-details.json"));
  std::set<std::string> Roles, Policies;
  for (const auto &Role : Iam["RoleDetailList"])
    Roles.insert(Role["RoleName"].get<std::string>());
  for (const auto &Policy : Iam["Policies"])
    Policies.insert(Policy["PolicyName"].get<std::string>());
  EXPECT_EQ(Roles, (std::set<std::string>{"orders-api-role", "stream-processor-role", "thumbnail-role"}))
      << "the functions' roles only";
  EXPECT_EQ(Policies, std::set<std::string>{"orders-exports-bucket"}) << "the customer managed policies they use";

  std::vector<nlohmann::json> Calls = callLog(Tmp.path() + "/calls.log");
  int Pages = 0;
  for (const auto &Call : Calls) {
    EXPECT_NE(Call["exit"], 255) << "a call nothing was recorded for: " << Call.dump();
    EXPECT_EQ(Call["profile"], "audit") << Call.dump();
    if (Call["args"][0] == "lambda")
      EXPECT_EQ(Call["region"], "us-east-1") << Call.dump();
    Pages += Call["args"][1] == "list-functions";
  }
  EXPECT_EQ(Pages, 2) << "list-functions follows NextToken to the second page";
}

TEST_F(ExportAccount, FnlintFindsEachFunctionsProblemsInItsOwnFiles) {
  ASSERT_EQ(exportAccount().exitCode, 1);
  nlohmann::json Report = scan();

  // The folder of a finding's file names the function it is about, and the
  // message (when it names a function) names that one.
  std::multimap<std::string, std::string> ByRule; // rule -> function the finding is attributed to
  for (const auto &F : Report["findings"]) {
    std::string Path = F["location"]["path"], Rule = F["ruleId"], Message = F["message"];
    std::string Function;
    for (const char *Name : Functions)
      if (Path.rfind(std::string("us-east-1/") + Name + "/", 0) == 0 ||
          Message.find(std::string("function ") + Name) != std::string::npos)
        Function = Name;
    for (const char *Other : Functions)
      if (Other != Function)
        EXPECT_EQ(Message.find(std::string("function ") + Other), std::string::npos)
            << Rule << " at " << Path << " names another function: " << Message;
    ByRule.emplace(Rule, Function.empty() ? Path : Function);
  }
  auto Has = [&](const std::string &Rule, const std::string &Function) {
    auto [Begin, End] = ByRule.equal_range(Rule);
    for (auto It = Begin; It != End; ++It)
      if (It->second == Function)
        return true;
    return false;
  };
  EXPECT_TRUE(Has("secret/aws-access-key", "orders-api")) << "the key pair in its code zip";
  EXPECT_TRUE(Has("lambda/permission-any-principal", "thumbnail-public")) << "Principal * in its get-policy";
  EXPECT_TRUE(Has("lambda/stream-missing-failure-destination", "stream-processor")) << "its Kinesis mapping";
  EXPECT_TRUE(Has("iam/wildcard-action", "iam/authorization-details.json")) << "s3:* of orders-exports-bucket";
  EXPECT_TRUE(Has("permissions/unused-grant", "orders-api"))
      << "its role, found by the ARN in function.json, grants s3:* the code never calls";
  EXPECT_EQ(ByRule.count("iam/lambda-role-trust"), 0u) << "the roles trust lambda.amazonaws.com";

  std::map<std::string, nlohmann::json> Packages;
  for (const auto &P : Report["inventory"]["packages"])
    Packages[P["path"]] = P["deployedBy"];
  for (const char *Name : Functions)
    EXPECT_EQ(Packages[std::string("us-east-1/") + Name + "/code.zip"], nlohmann::json::array({Name}))
        << "function.json is linked to the code.zip beside it";
}

TEST_F(ExportAccount, ReadsEachRoleWhenAuthorizationDetailsAreDenied) {
  ASSERT_EQ(exportAccount().exitCode, 1);
  std::string Whole = readFile(out() + "/iam/authorization-details.json");
  std::set<std::string> Before;
  nlohmann::json First = scan(); // a range-for over scan()["findings"] would outlive the document
  for (const auto &F : First["findings"])
    Before.insert(F["ruleId"].get<std::string>() + " " + F["message"].get<std::string>());

  fs::remove_all(out());
  fs::remove(Tmp.path() + "/calls.log");
  ProcessResult R = exportAccount("iam get-account-authorization-details");
  EXPECT_EQ(R.exitCode, 1) << "still only the one get-policy failure\n" << R.err;
  EXPECT_NE(R.err.find("reading each role instead"), std::string::npos) << R.err;
  std::set<std::string> After;
  nlohmann::json Second = scan();
  for (const auto &F : Second["findings"])
    After.insert(F["ruleId"].get<std::string>() + " " + F["message"].get<std::string>());
  EXPECT_EQ(After, Before) << "the per-role calls give fnlint the same roles and policies";
  for (const auto &Call : callLog(Tmp.path() + "/calls.log"))
    EXPECT_NE(Call["exit"], 255) << "a call nothing was recorded for: " << Call.dump();
}

} // namespace
