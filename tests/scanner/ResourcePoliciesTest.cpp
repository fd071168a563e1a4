//===- tests/scanner/ResourcePoliciesTest.cpp - Lambda resource policies as policies ===//
//
// AWS::Lambda::Permission, aws_lambda_permission and `get-policy` output keep
// their PermissionGrants (the lambda rules read them) and also become the
// function's resource-based Policy, attached to a Function principal, so the
// iam rules judge them. Synthesized statements point at the properties they
// come from. Also: what tells a role's own account (get-role's Arn,
// Terraform's data.aws_caller_identity) and a get-function's Role.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Fixture.h"
#include "support/Loads.h"

#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

const char *Template = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Code: {ZipFile: "def handler(e, c): pass"}
      Role: arn:aws:iam::123456789012:role/orders-worker
  UploadsInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Worker
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceAccount: "123456789012"
      SourceArn: arn:aws:s3:::orders-uploads
  PartnerInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Worker.Arn
      Action: !Sub "lambda:${Verb}"
      Principal: "210987654321"
      PrincipalOrgID: o-a1b2c3d4e5
  PublicUrl:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Worker
      Action: lambda:InvokeFunctionUrl
      Principal: "*"
      FunctionUrlAuthType: NONE
)";

TEST(ResourcePolicies, EachPermissionIsAStatementOfTheFunctionsPolicy) {
  TemplateLoad L = loadConfig("template.yaml", Template);
  const Deployable *Worker = find(L, "Worker");
  ASSERT_TRUE(Worker);
  EXPECT_EQ(Worker->config.permissions.size(), 3u) << "the grants stay for the lambda rules";

  const IamPrincipal *Owner = principal(L, "Worker");
  ASSERT_TRUE(Owner);
  EXPECT_EQ(Owner->kind, IamPrincipal::Kind::Function);
  ASSERT_EQ(policyNames(L, *Owner), std::vector<std::string>{"Worker resource policy"});
  const Policy &P = L.policies.at(Owner->policies[0]);
  EXPECT_EQ(P.kind, Policy::Kind::Resource);
  EXPECT_EQ(P.characters, 0u) << "a synthesized document has no size of its own";
  ASSERT_EQ(P.statements.size(), 3u);

  const PolicyStatement &Uploads = P.statements[0];
  expectAt(Uploads.location, 10, 3);
  ASSERT_TRUE(Uploads.effect);
  EXPECT_EQ(Uploads.effect->value, "Allow");
  EXPECT_EQ(values(Uploads.actions), std::vector<std::string>{"lambda:InvokeFunction"});
  expectAt(Uploads.actions[0].location, 14, 15);
  ASSERT_EQ(Uploads.principals.size(), 1u);
  EXPECT_EQ(Uploads.principals[0].type, "Service");
  EXPECT_EQ(values(Uploads.principals[0].values), std::vector<std::string>{"s3.amazonaws.com"});
  expectAt(Uploads.principals[0].values[0].location, 15, 18);
  ASSERT_EQ(Uploads.conditions.size(), 2u);
  const PolicyCondition *Arn = condition(Uploads, "aws:SourceArn");
  ASSERT_TRUE(Arn);
  EXPECT_EQ(Arn->op, "ArnLike");
  expectAt(Arn->values[0].location, 17, 18);
  const PolicyCondition *Account = condition(Uploads, "aws:SourceAccount");
  ASSERT_TRUE(Account);
  EXPECT_EQ(Account->op, "StringEquals");
  EXPECT_EQ(values(Account->values), std::vector<std::string>{"123456789012"});
  expectAt(Account->location, 16, 22);
  ASSERT_EQ(Uploads.resources.size(), 1u);
  EXPECT_FALSE(Uploads.resources[0].known) << "the function's ARN is the service's to fill in";

  const PolicyStatement &Partner = P.statements[1];
  ASSERT_EQ(Partner.actions.size(), 1u);
  EXPECT_FALSE(Partner.actions[0].known) << "!Sub with a parameter the template does not have";
  EXPECT_EQ(Partner.principals[0].type, "AWS");
  const PolicyCondition *Org = condition(Partner, "aws:PrincipalOrgID");
  ASSERT_TRUE(Org);
  EXPECT_EQ(Org->op, "StringEquals");

  const PolicyStatement &Url = P.statements[2];
  EXPECT_EQ(Url.principals[0].type, "*");
  const PolicyCondition *Auth = condition(Url, "lambda:FunctionUrlAuthType");
  ASSERT_TRUE(Auth);
  EXPECT_EQ(values(Auth->values), std::vector<std::string>{"NONE"});
}

TEST(ResourcePolicies, AFunctionWithoutPermissionsHasNoResourcePolicy) {
  TemplateLoad L = loadConfig("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.13, Handler: index.handler, Code: {ZipFile: "x"}}
)");
  EXPECT_TRUE(L.policies.empty());
  EXPECT_TRUE(L.principals.empty());
}

TEST(ResourcePolicies, TerraformPermissionsOfAFunctionOfThePlan) {
  std::string Text = readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/terraform/modules-plan.json");
  TemplateLoad L = loadConfig("infra/modules-plan.json", Text);
  std::size_t Grants = 0, Statements = 0;
  for (const Deployable &D : L.deployables)
    Grants += D.config.permissions.size();
  for (const Policy &P : L.policies)
    if (P.kind == Policy::Kind::Resource)
      Statements += P.statements.size();
  EXPECT_GT(Grants, 0u);
  EXPECT_EQ(Statements, Grants) << "one statement per permission linked in the file";
  for (const IamPrincipal &Pr : L.principals) {
    if (Pr.kind != IamPrincipal::Kind::Function)
      continue;
    for (std::size_t I : Pr.policies)
      for (const PolicyStatement &S : L.policies.at(I).statements) {
        EXPECT_FALSE(S.location.path.empty());
      }
  }
}

TEST(ResourcePolicies, GetPolicyIsTheFunctionsPolicyWithItsSize) {
  std::string Text = readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/lambda-api/get-policy.json");
  TemplateLoad L = loadConfig("ops/orders-worker-policy.json", Text);
  EXPECT_FALSE(L.attachments.empty()) << "the grants stay";
  const IamPrincipal *Owner = principal(L, "orders-worker");
  ASSERT_TRUE(Owner);
  EXPECT_EQ(Owner->kind, IamPrincipal::Kind::Function);
  ASSERT_EQ(Owner->policies.size(), 1u);
  const Policy &P = L.policies.at(Owner->policies[0]);
  EXPECT_EQ(P.kind, Policy::Kind::Resource);
  EXPECT_EQ(P.name, "orders-worker resource policy");
  EXPECT_EQ(P.statements.size(), 7u);
  EXPECT_GT(P.characters, 1000u);
  expectAt(P.location, 2, 15);
  expectAt(P.statements[3].principals[0].values[0].location, 2, 15); // elements of a string point at it
}

TEST(ResourcePolicies, RolesKnowTheirAccount) {
  TemplateLoad Role = loadConfig("iam/get-role.json", R"({"Role": {"RoleName": "reporting",
    "Arn": "arn:aws:iam::123456789012:role/service-role/reporting",
    "AssumeRolePolicyDocument": {"Statement": []}}})");
  const IamPrincipal *R = principal(Role, "reporting");
  ASSERT_TRUE(R);
  EXPECT_EQ(R->account, "123456789012");

  std::string Plan = readFile(std::string(FNLINT_SOURCE_DIR) +
                              "/fixtures/iam/trust-cross-account-no-external-id/fires-terraform-plan.json");
  TemplateLoad Tf = loadConfig("infra/plan.json", Plan);
  const IamPrincipal *Reports = principal(Tf, "aws_iam_role.reports");
  ASSERT_TRUE(Reports);
  EXPECT_EQ(Reports->account, "123456789012") << "from data.aws_caller_identity";
}

TEST(ResourcePolicies, GetFunctionGivesTheRole) {
  std::string Text =
      readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/iam/lambda-role-trust/fires-api-outputs/get-function.json");
  TemplateLoad L = loadConfig("ops/get-function.json", Text);
  const Deployable *F = find(L, "orders-worker");
  ASSERT_TRUE(F);
  expectKnown(F->config.role, "arn:aws:iam::123456789012:role/service-role/orders-worker", 6, 13);
}

} // namespace
