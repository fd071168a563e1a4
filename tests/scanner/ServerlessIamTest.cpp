//===- tests/scanner/ServerlessIamTest.cpp - IAM in serverless.yml ----------===//
//
// The role the Framework creates for the service (IamRoleLambdaExecution)
// with `provider.iam.role.statements` and `managedPolicies`, or the older
// `provider.iamRoleStatements`; an existing role named by `provider.iam.role`
// or `provider.role`; a function's own `role`. Statements keep their lines;
// values the Framework resolves at deploy (`${...}`, intrinsics) are unknown.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Loads.h"

#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

const char *Service = R"(service: orders
provider:
  name: aws
  runtime: python3.12
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - dynamodb:GetItem
            - dynamodb:PutItem
          Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
        - Effect: Allow
          Action: s3:GetObject
          Resource: ${self:custom.bucketArn}/*
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: !GetAtt Jobs.Arn
      managedPolicies:
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
        - ${param:boundaryPolicy}
functions:
  api:
    handler: api.handler
  worker:
    handler: worker.handler
  legacy:
    handler: legacy.handler
    role: arn:aws:iam::123456789012:role/legacy
  custom:
    handler: custom.handler
    role: !GetAtt CustomRole.Arn
resources:
  Resources:
    Jobs: {Type: AWS::SQS::Queue}
)";

TEST(ServerlessIam, SharedRoleHoldsTheProviderStatements) {
  TemplateLoad L = loadServerlessConfig("serverless.yml", Service);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 1u);
  const IamPrincipal &Role = L.principals[0];
  EXPECT_EQ(Role.id, "IamRoleLambdaExecution");
  EXPECT_EQ(Role.kind, IamPrincipal::Kind::Role);
  EXPECT_EQ(Role.location.region.startLine, 6u) << "provider.iam.role";
  ASSERT_EQ(Role.policies.size(), 1u);
  const Policy &P = L.policies[Role.policies[0]];
  EXPECT_EQ(P.name, "provider.iam.role.statements");
  EXPECT_EQ(P.kind, Policy::Kind::Identity);
  EXPECT_EQ(P.source, "inline");
  EXPECT_FALSE(P.invalid);
  ASSERT_TRUE(P.version);
  EXPECT_EQ(P.version->value, "2012-10-17") << "what the Framework writes";
  EXPECT_EQ(P.characters, 0u) << "a !GetAtt: the size is known only at deploy";
  ASSERT_EQ(P.statements.size(), 3u);
  EXPECT_EQ(P.statements[0].location.region.startLine, 8u);
  ASSERT_EQ(P.statements[0].actions.size(), 2u);
  EXPECT_EQ(P.statements[0].actions[1].value, "dynamodb:PutItem");
  EXPECT_EQ(P.statements[0].actions[1].location.region.startLine, 11u);
  EXPECT_EQ(P.statements[0].actions[1].location.region.startColumn, 15u);
  EXPECT_TRUE(P.statements[0].resources[0].known);
  // Resolved at deploy time: unknown, never the variable's text.
  ASSERT_EQ(P.statements[1].resources.size(), 1u);
  EXPECT_FALSE(P.statements[1].resources[0].known);
  EXPECT_EQ(P.statements[1].resources[0].location.region.startLine, 15u);
  EXPECT_FALSE(P.statements[2].resources[0].known) << "!GetAtt";
  ASSERT_EQ(Role.managedPolicyArns.size(), 2u);
  EXPECT_EQ(Role.managedPolicyArns[0].value, "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess");
  EXPECT_TRUE(Role.managedPolicyArns[0].known);
  EXPECT_EQ(Role.managedPolicyArns[0].location.region.startLine, 20u);
  EXPECT_FALSE(Role.managedPolicyArns[1].known);
}

TEST(ServerlessIam, FunctionsWithoutARoleUseTheSharedOne) {
  TemplateLoad L = loadServerlessConfig("serverless.yml", Service);
  for (const char *Name : {"api", "worker"}) {
    const Deployable *D = find(L, Name);
    ASSERT_NE(D, nullptr);
    EXPECT_EQ(D->config.rolePrincipal, "IamRoleLambdaExecution") << Name;
    ASSERT_TRUE(D->config.role.known()) << Name;
    EXPECT_EQ(D->config.role.value, "IamRoleLambdaExecution");
    EXPECT_EQ(D->config.role.location.region.startLine, 6u);
  }
  const Deployable *Legacy = find(L, "legacy");
  ASSERT_NE(Legacy, nullptr);
  EXPECT_EQ(Legacy->config.rolePrincipal, "");
  ASSERT_TRUE(Legacy->config.role.known());
  EXPECT_EQ(Legacy->config.role.value, "arn:aws:iam::123456789012:role/legacy");
  EXPECT_EQ(Legacy->config.role.location.region.startLine, 29u);
  const Deployable *Custom = find(L, "custom");
  ASSERT_NE(Custom, nullptr);
  EXPECT_TRUE(Custom->config.role.unknown());
  EXPECT_EQ(Custom->config.rolePrincipal, "");
}

TEST(ServerlessIam, OlderIamRoleStatements) {
  const char *Text = R"(service: legacy
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: ["s3:*"]
      Resource: "*"
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AmazonSQSFullAccess
functions:
  main:
    handler: main.handler
)";
  TemplateLoad L = loadServerlessConfig("serverless.yml", Text);
  ASSERT_EQ(L.principals.size(), 1u);
  const IamPrincipal &Role = L.principals[0];
  EXPECT_EQ(Role.location.region.startLine, 2u) << "no provider.iam.role: the provider";
  ASSERT_EQ(Role.policies.size(), 1u);
  const Policy &P = L.policies[Role.policies[0]];
  EXPECT_EQ(P.name, "provider.iamRoleStatements");
  // {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"*"}]}
  EXPECT_EQ(P.characters, 90u);
  ASSERT_EQ(P.statements.size(), 1u);
  EXPECT_EQ(P.statements[0].actions[0].value, "s3:*");
  EXPECT_EQ(P.statements[0].location.region.startLine, 5u);
  ASSERT_EQ(Role.managedPolicyArns.size(), 1u);
  EXPECT_EQ(Role.managedPolicyArns[0].value, "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
}

TEST(ServerlessIam, ExistingProviderRoleMeansNoPolicies) {
  struct Case {
    const char *text;
    std::uint32_t line;
  };
  for (Case C : {Case{"service: s\nprovider:\n  name: aws\n  iam:\n    role: arn:aws:iam::123456789012:role/shared\n"
                      "functions:\n  f:\n    handler: f.handler\n",
                      5},
                 Case{"service: s\nprovider:\n  name: aws\n  role: arn:aws:iam::123456789012:role/shared\n"
                      "functions:\n  f:\n    handler: f.handler\n",
                      4}}) {
    const char *Text = C.text;
    TemplateLoad L = loadServerlessConfig("serverless.yml", Text);
    ASSERT_TRUE(L.problems.empty());
    EXPECT_TRUE(L.principals.empty());
    EXPECT_TRUE(L.policies.empty());
    const Deployable *F = find(L, "f");
    ASSERT_NE(F, nullptr);
    ASSERT_TRUE(F->config.role.known());
    EXPECT_EQ(F->config.role.value, "arn:aws:iam::123456789012:role/shared");
    EXPECT_EQ(F->config.role.location.region.startLine, C.line);
    EXPECT_EQ(F->config.rolePrincipal, "");
  }
}

TEST(ServerlessIam, NoSharedRoleWhenEveryFunctionHasItsOwn) {
  const char *Text = R"(service: s
provider:
  name: aws
  iam:
    role:
      statements: [{Effect: Allow, Action: "s3:*", Resource: "*"}]
functions:
  f:
    handler: f.handler
    role: FRole
)";
  TemplateLoad L = loadServerlessConfig("serverless.yml", Text);
  EXPECT_TRUE(L.principals.empty()) << "the Framework creates its role only for functions that use it";
  const Deployable *F = find(L, "f");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->config.role.value, "FRole");
}

TEST(ServerlessIam, StatementsFromAVariableAreUnknown) {
  const char *Text = R"(service: s
provider:
  name: aws
  iam:
    role:
      statements: ${file(iam/statements.yml)}
functions:
  f:
    handler: f.handler
)";
  TemplateLoad L = loadServerlessConfig("serverless.yml", Text);
  ASSERT_EQ(L.principals.size(), 1u);
  ASSERT_EQ(L.principals[0].policies.size(), 1u);
  const Policy &P = L.policies[L.principals[0].policies[0]];
  ASSERT_TRUE(P.invalid);
  EXPECT_EQ(*P.invalid, "unknown until deploy");
  EXPECT_EQ(P.location.region.startLine, 6u);
}

} // namespace
