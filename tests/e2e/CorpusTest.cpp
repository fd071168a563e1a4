//===- tests/e2e/CorpusTest.cpp - Real-world input nobody here wrote --------===//
//
// ../shared/corpus/serverless-patterns holds 501 SAM/CloudFormation
// applications as their authors committed them: every kind of template
// oddity, code folders for seven languages, build outputs that were never
// committed. fnlint must read all of it without an error exit, understand the
// templates (only the genuinely invalid ones are problems), and judge only
// what ships: no Java/Go/esbuild sources, no single-file CodeUri, taken for a
// package.
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
#include <regex>
#include <sstream>

using namespace fnlint::test;

namespace {

const std::string Corpus = std::string(FNLINT_SOURCE_DIR) + "/../shared/corpus";

TEST(Corpus, ServerlessPatternsScanCleanly) {
  if (!std::filesystem::exists(Corpus + "/serverless-patterns"))
    GTEST_SKIP() << "corpus not found at " << Corpus << " (CI has it; see ../shared/corpus/README.md)";
  ProcessResult R = runFnlint({"scan", "serverless-patterns", "--format", "json", "--now", "2026-11-30"}, Corpus);
  ASSERT_EQ(R.signal, 0);
  ASSERT_TRUE(R.exitCode == 0 || R.exitCode == 1) << R.exitCode << "\n" << R.err;
  auto J = nlohmann::json::parse(R.out);

  EXPECT_GE(J["inventory"]["templates"].size(), 480u);
  EXPECT_GE(J["inventory"]["functions"].size(), 500u);
  std::map<std::string, int> Roles;
  for (const auto &P : J["inventory"]["packages"])
    ++Roles[P["role"].get<std::string>()];
  EXPECT_GE(Roles["deployed"], 250) << "code folders and zips the templates deploy";
  EXPECT_GE(Roles["source"], 60) << "Java, Go, .NET, esbuild and makefile folders are sources";

  // The input problems are the two templates that are not valid YAML, the
  // keys ten templates write twice (a pasted Outputs entry, mostly), one
  // template whose resources depend on each other in a circle, and notes about build outputs that were never committed; nothing else.
  int Invalid = 0, Duplicates = 0, Circular = 0;
  for (const auto &P : J["problems"]) {
    std::string Message = P["message"];
    if (Message.find("cannot parse template") != std::string::npos) {
      ++Invalid;
      continue;
    }
    if (Message.find("circular dependency between resources: BucketSource, ReplicationRole") != std::string::npos) {
      ++Circular; // the replication role's policy Subs the bucket that names the role: CloudFormation refuses it
      continue;
    }
    if (Message.find("duplicate key '") != std::string::npos) {
      ++Duplicates;
      EXPECT_EQ(P["level"], "warning") << P.dump();
      continue;
    }
    EXPECT_NE(Message.find("does not exist (not built yet?)"), std::string::npos) << P.dump();
    EXPECT_EQ(P["level"], "note") << P.dump();
  }
  EXPECT_EQ(Invalid, 2) << "apigw-custom-domain-edge and rds-sns-event-notification have YAML errors";
  EXPECT_EQ(Circular, 1) << "s3-s3-replication-sam";
  EXPECT_EQ(Duplicates, 13) << "vpc-lattice-lambda has four, apigw-ec2 and eight others one each";

  // What is reported is real: nothing about sources, no source file taken
  // for a broken zip.
  // Errors are only what was reviewed as real: runtimes Lambda no longer
  // accepts, and handlers the samples misname (checked by hand).
  const std::set<std::string> MisnamedHandlers = {
      "serverless-patterns/kinesis-lambda/template.yaml",      // exports handler, not lambdaHandler
      "serverless-patterns/kinesis-lambda-efo/template.yaml",  // the same
      "serverless-patterns/sns-lambda-slack-integration-SAM/template.yaml", // defines lambda_handler
  };
  int UnknownActions = 0, MissingGrants = 0;
  for (const auto &F : J["findings"]) {
    std::string Rule = F["ruleId"];
    EXPECT_NE(Rule, "package/unreadable") << F.dump();
    if (F["level"] != "error" || Rule == "lambda/deprecated-runtime")
      continue;
    if (Rule == "lambda/handler-not-found" && MisnamedHandlers.count(F["location"]["path"].get<std::string>()))
      continue;
    // Reviewed: actions that are not IAM actions (sqs:SendMessageBatch is
    // authorized by sqs:SendMessage, dynamodb:CreateItem does not exist,
    // bedrock-runtime is an endpoint, not a service prefix, ...).
    if (Rule == "iam/unknown-action" || Rule == "iam/unknown-service") {
      ++UnknownActions;
      continue;
    }
    // Reviewed, real AccessDenied errors in the samples:
    //  - lambda-s3-download (Python): S3CrudPolicy grants neither
    //    s3:GetObjectAttributes nor s3:AbortMultipartUpload, which the handler calls;
    //  - eventbridge-sfn-redrive (Node.js): the handler sends StartExecution,
    //    the role allows only states:RedriveExecution (on a Lambda ARN);
    //  - lambda-s3-sfn (Node.js, SDK v2): startSyncExecution under
    //    StepFunctionsExecutionPolicy, which grants states:StartExecution only
    //    (the template says to fix the role by hand after deploying).
    static const std::set<std::string> ReviewedMissing = {
        "serverless-patterns/lambda-s3-download/src/app.py",
        "serverless-patterns/eventbridge-sfn-redrive/src/app.js",
        "serverless-patterns/lambda-s3-sfn/src/functions/savePayloadAndStartStateMachine/app.js"};
    if (Rule == "permissions/missing-grant" && ReviewedMissing.count(F["location"]["path"].get<std::string>())) {
      ++MissingGrants;
      continue;
    }
    ADD_FAILURE() << "unreviewed error: " << F.dump();
  }
  EXPECT_EQ(MissingGrants, 4) << "the four reviewed permissions/missing-grant findings";
  EXPECT_EQ(UnknownActions, 29) << "the 29 reviewed unknown actions and services; review any change";

  // SAM policy templates are expanded (about 180 uses of 22 templates here;
  // the problem check above shows that fnlint knows every one). Reviewed:
  // only CloudWatchPutMetricPolicy is reported, cloudwatch:PutMetricData on
  // "*" (5 functions), as statements that grant it by hand are; every other
  // template scopes its writes to the resource its parameters name.
  int FromTemplates = 0;
  for (const auto &F : J["findings"]) {
    std::string Message = F["message"];
    // "Fn/Policies/S3ReadPolicy" or, for a second use, "Fn/Policies[3]/S3ReadPolicy";
    // an inline statement list is "Fn/Policies[1]".
    static const std::regex TemplatePolicy(R"(/Policies(\[\d+\])?/[A-Za-z])");
    if (!std::regex_search(Message, TemplatePolicy))
      continue;
    ++FromTemplates;
    EXPECT_EQ(F["ruleId"], "iam/wildcard-resource-write") << F.dump();
    EXPECT_NE(Message.find("/Policies/CloudWatchPutMetricPolicy"), std::string::npos) << F.dump();
  }
  EXPECT_EQ(FromTemplates, 5) << "the 5 reviewed findings through SAM policy templates; review any change";
}

/// The text a finding points at: line \p Line, columns [Begin, End), quotes dropped.
std::string textAt(const std::string &File, int Line, int Begin, int End) {
  std::istringstream In(readFile(File));
  std::string Text;
  for (int N = 1; std::getline(In, Text) && N < Line; ++N)
    ;
  std::string Value = Text.substr(Begin - 1, End > Begin ? End - Begin : std::string::npos);
  if (Value.size() >= 2 && Value.front() == '"' && Value.back() == '"')
    Value = Value.substr(1, Value.size() - 2);
  return Value;
}

// AWS's own managed policies (February 2025) against the validation rules:
// what they report is exactly iam-managed-policy-validation.txt, each entry
// reviewed (see its header). Rewrite it with
//   FNLINT_UPDATE_GOLDEN=1 build/tests/fnlint_tests --gtest_filter='Corpus.ManagedPolicies*'
// and review the diff.
TEST(Corpus, ManagedPoliciesValidateAsReviewed) {
  if (!std::filesystem::exists(Corpus + "/aws-managed-policies"))
    GTEST_SKIP() << "corpus not found at " << Corpus << " (CI has it; see ../shared/corpus/README.md)";
  ProcessResult R = runFnlint({"scan", "aws-managed-policies", "--format", "json"}, Corpus);
  ASSERT_EQ(R.signal, 0);
  ASSERT_TRUE(R.exitCode == 0 || R.exitCode == 1) << R.exitCode << "\n" << R.err;
  auto J = nlohmann::json::parse(R.out);
  const std::set<std::string> Rules = {"iam/invalid-arn", "iam/resource-mismatch", "iam/unknown-condition-operator",
                                       "iam/unknown-condition-key"};
  std::set<std::string> Got;
  for (const auto &F : J["findings"]) {
    std::string Rule = F["ruleId"];
    if (!Rules.count(Rule))
      continue;
    std::string Path = F["location"]["path"];
    const auto &Region = F["location"]["region"];
    int Line = Region["startLine"];
    Got.insert(Rule + " " + std::filesystem::path(Path).filename().string() + ":" + std::to_string(Line) + " " +
               textAt(Corpus + "/" + Path, Line, Region["startColumn"], Region["endColumn"]));
  }
  std::string ListFile = std::string(FNLINT_SOURCE_DIR) + "/tests/e2e/iam-managed-policy-validation.txt";
  if (updateOrCheckReviewedList(ListFile, std::vector<std::string>(Got.begin(), Got.end()),
                                [](const std::string &G) { return "unreviewed finding on an AWS managed policy: " + G; }))
    GTEST_SKIP() << "rewrote " << ListFile;
}

} // namespace
