//===- tests/scanner/TerraformIamTest.cpp - IAM from `terraform show -json` ===//
//
// Roles, their trust, inline and managed policies, aws_iam_role_policy,
// aws_iam_policy and aws_iam_role_policy_attachment, and each function's
// role, from a plan (fixtures/config/terraform/iam-plan.json: documents from
// data.aws_iam_policy_document and jsonencode, references unknown until
// apply) and from a state, where every value is known and a role lists
// again what separate resources attach to it.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Fixture.h"
#include "support/Loads.h"

#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

TemplateLoad loadPlan() {
  std::string Text = readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/terraform/iam-plan.json");
  return loadConfig("infra/iam-plan.json", Text);
}

TEST(TerraformIam, PlanGroupsPoliciesByRole) {
  TemplateLoad L = loadPlan();
  ASSERT_TRUE(L.problems.empty());
  EXPECT_EQ(L.format, ConfigFormat::TerraformJson);
  ASSERT_EQ(L.principals.size(), 2u);
  const IamPrincipal *Worker = principal(L, "aws_iam_role.worker");
  ASSERT_NE(Worker, nullptr);
  EXPECT_EQ(Worker->kind, IamPrincipal::Kind::Role);
  EXPECT_EQ(Worker->location.region.startLine, 41u);
  EXPECT_EQ(policyNames(L, *Worker),
            (std::vector<std::string>{"aws_iam_role.worker trust policy", "aws_iam_role.worker/inline_policy/inline-logs",
                                      "aws_iam_policy.reports", "aws_iam_role_policy.queue",
                                      "aws_iam_role_policy.tables"}));
  EXPECT_TRUE(Worker->managedPolicyArns.empty()) << "the unknown ARN is explained by its reference";
}

TEST(TerraformIam, TrustPolicyFromThePlannedString) {
  TemplateLoad L = loadPlan();
  const Policy *Trust = policy(L, "aws_iam_role.worker trust policy");
  ASSERT_NE(Trust, nullptr);
  EXPECT_EQ(Trust->kind, Policy::Kind::Trust);
  EXPECT_EQ(Trust->source, "inline");
  EXPECT_FALSE(Trust->invalid);
  EXPECT_EQ(Trust->location.region.startLine, 49u);
  EXPECT_EQ(Trust->location.logical.fullyQualifiedName, "aws_iam_role.worker.assume_role_policy");
  ASSERT_EQ(Trust->statements.size(), 1u);
  const PolicyStatement &S = Trust->statements[0];
  EXPECT_EQ(S.location.region.startLine, 49u) << "elements of a string point at it";
  ASSERT_EQ(S.principals.size(), 1u);
  EXPECT_EQ(S.principals[0].type, "Service");
  EXPECT_EQ(S.principals[0].values[0].value, "lambda.amazonaws.com");
  EXPECT_EQ(S.actions[0].value, "sts:AssumeRole");
}

TEST(TerraformIam, DocumentOfAReferencedPolicyDocumentDataSource) {
  // aws_iam_role.api's trust policy is not in the planned values: the
  // data.aws_iam_policy_document it references was read, and gives it.
  TemplateLoad L = loadPlan();
  const IamPrincipal *Api = principal(L, "aws_iam_role.api");
  ASSERT_NE(Api, nullptr);
  ASSERT_EQ(Api->policies.size(), 1u) << "inline_policy and managed_policy_arns are not written";
  const Policy &Trust = L.policies[Api->policies[0]];
  EXPECT_EQ(Trust.kind, Policy::Kind::Trust);
  EXPECT_FALSE(Trust.invalid);
  EXPECT_EQ(Trust.location.region.startLine, 595u) << "the data source's json in prior_state";
  ASSERT_EQ(Trust.statements.size(), 1u);
  ASSERT_EQ(Trust.statements[0].principals.size(), 1u);
  EXPECT_EQ(Trust.statements[0].principals[0].values.size(), 2u);
  // aws_iam_role_policy_attachment.xray names an AWS managed policy.
  ASSERT_EQ(Api->managedPolicyArns.size(), 1u);
  EXPECT_TRUE(Api->managedPolicyArns[0].known);
  EXPECT_EQ(Api->managedPolicyArns[0].value, "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
  EXPECT_EQ(Api->managedPolicyArns[0].location.region.startLine, 113u);
}

TEST(TerraformIam, InlineBlocksRolePoliciesAndManagedPolicies) {
  TemplateLoad L = loadPlan();
  const Policy *Logs = policy(L, "aws_iam_role.worker/inline_policy/inline-logs");
  ASSERT_NE(Logs, nullptr);
  EXPECT_EQ(Logs->location.region.startLine, 55u);
  EXPECT_EQ(Logs->location.logical.fullyQualifiedName, "aws_iam_role.worker.inline_policy[0].policy");
  ASSERT_EQ(Logs->statements.size(), 1u);
  EXPECT_EQ(Logs->statements[0].actions.size(), 2u);

  const Policy *Tables = policy(L, "aws_iam_role_policy.tables");
  ASSERT_NE(Tables, nullptr);
  EXPECT_EQ(Tables->source, "inline");
  ASSERT_EQ(Tables->statements.size(), 1u);
  EXPECT_EQ(Tables->statements[0].sid->value, "Tables");
  EXPECT_EQ(Tables->location.region.startLine, 88u);

  const Policy *Reports = policy(L, "aws_iam_policy.reports");
  ASSERT_NE(Reports, nullptr);
  EXPECT_EQ(Reports->source, "managed");
  EXPECT_EQ(Reports->kind, Policy::Kind::Identity);
  EXPECT_EQ(Reports->statements.size(), 1u);
}

TEST(TerraformIam, PolicyKnownOnlyAfterApplyIsMarkedSo) {
  // aws_iam_role_policy.queue's document depends on a queue ARN not created yet.
  TemplateLoad L = loadPlan();
  const Policy *Queue = policy(L, "aws_iam_role_policy.queue");
  ASSERT_NE(Queue, nullptr);
  ASSERT_TRUE(Queue->invalid);
  EXPECT_EQ(*Queue->invalid, "unknown until apply");
  EXPECT_TRUE(Queue->statements.empty());
  EXPECT_EQ(Queue->location.region.startLine, 342u) << "its key in after_unknown";
}

TEST(TerraformIam, FunctionsKnowTheirRole) {
  TemplateLoad L = loadPlan();
  const Deployable *Worker = find(L, "aws_lambda_function.worker");
  ASSERT_NE(Worker, nullptr);
  EXPECT_TRUE(Worker->config.role.unknown()) << "the role's ARN is known after apply";
  EXPECT_EQ(Worker->config.role.location.region.startLine, 497u);
  EXPECT_EQ(Worker->config.rolePrincipal, "aws_iam_role.worker");
  const Deployable *Api = find(L, "aws_lambda_function.api");
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(Api->config.rolePrincipal, "aws_iam_role.api");
  const Deployable *Legacy = find(L, "aws_lambda_function.legacy");
  ASSERT_NE(Legacy, nullptr);
  ASSERT_TRUE(Legacy->config.role.known());
  EXPECT_EQ(Legacy->config.role.value, "arn:aws:iam::123456789012:role/legacy-role");
  EXPECT_EQ(Legacy->config.role.location.region.startLine, 151u);
  EXPECT_EQ(Legacy->config.rolePrincipal, "") << "a role the file does not declare";
}

/// A state: every value known. The provider reads the role's inline and
/// managed policies back, so the role lists again what aws_iam_role_policy
/// and aws_iam_role_policy_attachment attach.
const char *State = R"({
  "format_version": "1.0",
  "terraform_version": "1.9.5",
  "values": {"root_module": {"resources": [
    {"address": "aws_iam_policy.reports", "mode": "managed", "type": "aws_iam_policy", "name": "reports",
     "values": {"arn": "arn:aws:iam::123456789012:policy/orders-reports", "name": "orders-reports",
                "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}"}},
    {"address": "aws_iam_role.worker", "mode": "managed", "type": "aws_iam_role", "name": "worker",
     "values": {"arn": "arn:aws:iam::123456789012:role/orders-worker", "name": "orders-worker",
                "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
                "inline_policy": [{"name": "tables", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}]}"}],
                "managed_policy_arns": ["arn:aws:iam::123456789012:policy/orders-reports",
                                        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]}},
    {"address": "aws_iam_role_policy.tables", "mode": "managed", "type": "aws_iam_role_policy", "name": "tables",
     "values": {"name": "tables", "role": "orders-worker",
                "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}]}"}},
    {"address": "aws_iam_role_policy_attachment.basic", "mode": "managed", "type": "aws_iam_role_policy_attachment",
     "name": "basic", "values": {"role": "orders-worker",
                                 "policy_arn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}},
    {"address": "aws_lambda_function.worker", "mode": "managed", "type": "aws_lambda_function", "name": "worker",
     "values": {"function_name": "orders-worker", "role": "arn:aws:iam::123456789012:role/orders-worker",
                "runtime": "python3.12", "handler": "app.handler"}},
    {"address": "data.aws_iam_policy_document.unused", "mode": "data", "type": "aws_iam_policy_document",
     "name": "unused", "values": {"json": "{}"}}
  ]}}
}
)";

TEST(TerraformIam, StateCountsEachPolicyOnce) {
  TemplateLoad L = loadConfig("terraform.tfstate.json", State);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 1u);
  const IamPrincipal &Worker = L.principals[0];
  EXPECT_EQ(policyNames(L, Worker), (std::vector<std::string>{"aws_iam_role.worker trust policy",
                                                              "aws_iam_policy.reports", "aws_iam_role_policy.tables"}));
  ASSERT_EQ(Worker.managedPolicyArns.size(), 1u);
  EXPECT_EQ(Worker.managedPolicyArns[0].value, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  EXPECT_EQ(L.policies.size(), 3u) << "no document of the unused data source";
  const Deployable *Fn = find(L, "aws_lambda_function.worker");
  ASSERT_NE(Fn, nullptr);
  EXPECT_EQ(Fn->config.rolePrincipal, "aws_iam_role.worker") << "by the role's ARN";
}

TEST(TerraformIam, AmbiguousOrMissingRolesAttachNothing) {
  const char *Text = R"({"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "aws_iam_role.a", "mode": "managed", "type": "aws_iam_role", "name": "a",
     "values": {"name": "same", "assume_role_policy": "not json {"}},
    {"address": "aws_iam_role.b", "mode": "managed", "type": "aws_iam_role", "name": "b",
     "values": {"name": "same", "assume_role_policy": ""}},
    {"address": "aws_iam_role_policy.p", "mode": "managed", "type": "aws_iam_role_policy", "name": "p",
     "values": {"name": "p", "role": "same", "policy": "{\"Statement\": []}"}}
  ]}}})";
  TemplateLoad L = loadConfig("state.json", Text);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 2u);
  for (const IamPrincipal &P : L.principals) {
    ASSERT_EQ(P.policies.size(), 1u) << P.id << ": only its trust policy";
    EXPECT_TRUE(L.policies[P.policies[0]].invalid) << P.id;
  }
  const Policy *P = policy(L, "aws_iam_role_policy.p");
  ASSERT_NE(P, nullptr);
  EXPECT_FALSE(P->invalid);
}

} // namespace
