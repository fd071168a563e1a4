//===- tests/e2e/LeastPrivilegeTest.cpp - Both permissions rules, end to end ===//
//
// fixtures/permissions/unused-grant/fires-least-privilege: a SAM function whose
// handler reads S3, queries and writes DynamoDB and sends to SQS, with a role
// that grants some of that and more. missing-grant must name exactly the two
// actions the role lacks, unused-grant exactly the grants no call needs, and
// the JSON inventory must list the calls as complete.
//
//===----------------------------------------------------------------------===//
#include "cli/Pipeline.h"
#include "reporters/Reporters.h"
#include "scanner/Scanner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include <unistd.h>

using namespace fnlint;

namespace {

TEST(LeastPrivilege, BothRulesFireOnExactlyTheRightActions) {
  std::string Root = std::string(FNLINT_SOURCE_DIR) + "/fixtures/permissions/unused-grant/fires-least-privilege";
  ScanOptions S;
  S.root = Root;
  S.paths = {Root};
  AnalysisOptions A;
  A.lambda.now = "2026-11-30";
  ScanReport R = cli::runPipeline(S, A);

  std::set<std::string> Missing, Unused;
  nlohmann::json Suggested;
  for (const Finding &F : R.findings) {
    if (F.ruleId == "permissions/missing-grant")
      Missing.insert(F.properties.at("action").get<std::string>());
    if (F.ruleId == "permissions/unused-grant") {
      for (const auto &A : F.properties.at("unusedActions"))
        Unused.insert(A.get<std::string>());
      Suggested = F.properties.at("suggestedStatements");
    }
  }
  EXPECT_EQ(Missing, (std::set<std::string>{"dynamodb:PutItem", "sqs:SendMessage"}));
  EXPECT_EQ(Unused, (std::set<std::string>{"s3:PutObject", "dynamodb:GetItem", "dynamodb:DeleteItem", "sns:Publish"}));
  // The used grants, each under the resources of the statement that gave it.
  ASSERT_EQ(Suggested.size(), 2u) << Suggested.dump();
  std::set<std::string> Kept;
  for (const auto &St : Suggested)
    for (const auto &A : St.at("Action"))
      Kept.insert(A.get<std::string>());
  EXPECT_EQ(Kept, (std::set<std::string>{"dynamodb:Query", "s3:GetObject"}));

  ASSERT_EQ(R.inventory.sdkCalls.size(), 1u);
  const Inventory::SdkCallsInfo &I = R.inventory.sdkCalls[0];
  EXPECT_EQ(I.function, "OrdersFunction");
  EXPECT_TRUE(I.partial.empty());
  std::vector<std::string> Calls;
  for (const auto &C : I.calls)
    Calls.push_back(C.service + "." + C.operation);
  EXPECT_EQ(Calls, (std::vector<std::string>{"s3.get_object", "dynamodb.query", "dynamodb.put_item", "sqs.send_message"}));

  std::ostringstream Json;
  writeJson(R, Json);
  nlohmann::json Doc = nlohmann::json::parse(Json.str());
  EXPECT_TRUE(Doc.at("inventory").at("sdkCalls").at(0).at("complete").get<bool>());
}

TEST(LeastPrivilege, JsonSaysWhyAnInventoryIsPartial) {
  std::string Root = std::string(FNLINT_SOURCE_DIR) + "/fixtures/permissions/unused-grant/clean-partial-inventory";
  ScanOptions S;
  S.root = Root;
  S.paths = {Root};
  ScanReport R = cli::runPipeline(S, AnalysisOptions{});
  ASSERT_EQ(R.inventory.sdkCalls.size(), 1u);
  ASSERT_FALSE(R.inventory.sdkCalls[0].partial.empty());
  EXPECT_NE(R.inventory.sdkCalls[0].partial[0].reason.find("run time"), std::string::npos)
      << R.inventory.sdkCalls[0].partial[0].reason;
}

} // namespace

namespace {

/// One function per language, each lacking one action its code calls and
/// granting one it never uses. The C++ case needs the fnlint-cpp helper.
TEST(LeastPrivilege, EveryLanguageInventoryReachesBothRules) {
  std::string Helper = FNLINT_BINARY_DIR "/cli/fnlint-cpp";
  if (::access(Helper.c_str(), X_OK) != 0)
    GTEST_SKIP() << "fnlint-cpp is not built";
  std::string Root = std::string(FNLINT_SOURCE_DIR) + "/fixtures/permissions/unused-grant/fires-cpp-three-languages";
  ScanOptions S;
  S.root = Root;
  S.paths = {Root};
  AnalysisOptions A;
  A.cpp.helperPath = Helper;
  ScanReport R = cli::runPipeline(S, A);

  std::set<std::string> Missing, Unused;
  for (const Finding &F : R.findings) {
    if (F.ruleId == "permissions/missing-grant")
      Missing.insert(F.location.path + " " + F.properties.at("action").get<std::string>());
    if (F.ruleId == "permissions/unused-grant")
      for (const auto &Action : F.properties.at("unusedActions"))
        Unused.insert(F.properties.at("role").get<std::string>() + " " + Action.get<std::string>());
  }
  EXPECT_EQ(Missing, (std::set<std::string>{"src/py/app.py dynamodb:PutItem", "src/node/index.mjs dynamodb:PutItem",
                                            "src/cpp/main.cpp sqs:SendMessage"}));
  EXPECT_EQ(Unused, (std::set<std::string>{"PythonFunctionRole s3:PutObjectAcl", "NodeFunctionRole s3:DeleteObject",
                                           "CppFunctionRole s3:GetObjectTagging"}));
}

} // namespace
