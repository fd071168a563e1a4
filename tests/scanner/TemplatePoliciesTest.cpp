//===- tests/scanner/TemplatePoliciesTest.cpp - IAM read from templates -----===//
//
// Roles with trust, inline and managed policies; stand-alone policies
// attached by reference; SAM functions' generated roles with inline
// statements, managed names and policy templates; a function's Role. Every
// element keeps its line.
//
//===----------------------------------------------------------------------===//
#include "scanner/TemplateLoader.h"
#include "support/Loads.h"

#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

const char *Template = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Ref SharedPolicy
      Policies:
        - PolicyName: queue
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: Consume
                Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage]
                Resource: !GetAtt Jobs.Arn
              - !If
                - IsProd
                - Effect: Allow
                  Action: s3:PutObject
                  Resource: !Sub "arn:aws:s3:::reports-${Stage}/*"
                - !Ref AWS::NoValue
  SharedPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement: {Effect: Allow, Action: "logs:*", Resource: "*"}
  ExtraPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref WorkerRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Actions: iam:PassRole
            Resource: "*"
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt WorkerRole.Arn
      Runtime: python3.13
      Handler: index.handler
      Code: {ZipFile: "def handler(e, c): pass"}
  Api:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.13
      Policies:
        - AmazonDynamoDBReadOnlyAccess
        - DynamoDBCrudPolicy: {TableName: !Ref Table}
        - Statement:
            - Effect: Allow
              Action: kms:Decrypt
              Resource: "*"
  Jobs: {Type: AWS::SQS::Queue}
  Table: {Type: AWS::DynamoDB::Table}
)";

TEST(TemplatePolicies, RoleWithTrustInlineAndManagedPolicies) {
  TemplateLoad L = loadTemplate("template.yaml", Template);
  ASSERT_TRUE(L.problems.empty());
  const IamPrincipal *Role = principal(L, "WorkerRole");
  ASSERT_NE(Role, nullptr);
  EXPECT_EQ(Role->location.region.startLine, 8u);
  ASSERT_EQ(Role->managedPolicyArns.size(), 1u);
  EXPECT_EQ(Role->managedPolicyArns[0].value, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  // trust, inline "queue", ExtraPolicy, SharedPolicy (by !Ref in ManagedPolicyArns)
  ASSERT_EQ(Role->policies.size(), 4u);
  const Policy &Trust = L.policies[Role->policies[0]];
  EXPECT_EQ(Trust.kind, Policy::Kind::Trust);
  ASSERT_EQ(Trust.statements.size(), 1u);
  ASSERT_EQ(Trust.statements[0].principals.size(), 1u);
  EXPECT_EQ(Trust.statements[0].principals[0].type, "Service");
  EXPECT_EQ(Trust.statements[0].principals[0].values[0].value, "lambda.amazonaws.com");

  const Policy &Queue = L.policies[Role->policies[1]];
  EXPECT_EQ(Queue.name, "WorkerRole/queue");
  ASSERT_EQ(Queue.statements.size(), 2u) << "the Fn::If statement holds for the default stage";
  EXPECT_EQ(Queue.statements[0].sid->value, "Consume");
  ASSERT_EQ(Queue.statements[0].actions.size(), 2u);
  EXPECT_EQ(Queue.statements[0].actions[1].value, "sqs:DeleteMessage");
  EXPECT_EQ(Queue.statements[0].actions[1].location.region.startLine, 27u);
  ASSERT_EQ(Queue.statements[0].resources.size(), 1u);
  EXPECT_FALSE(Queue.statements[0].resources[0].known) << "!GetAtt is known only at deploy time";
  EXPECT_EQ(Queue.statements[1].resources[0].value, "arn:aws:s3:::reports-prod/*");
  EXPECT_FALSE(Queue.statements[1].conditional);

  const Policy &Extra = L.policies[Role->policies[2]];
  EXPECT_EQ(Extra.name, "extra");
  ASSERT_EQ(Extra.statements.size(), 1u);
  ASSERT_EQ(Extra.statements[0].unknownElements.size(), 1u);
  EXPECT_EQ(Extra.statements[0].unknownElements[0].value, "Actions");
  EXPECT_FALSE(Extra.statements[0].hasAction);

  const Policy &Shared = L.policies[Role->policies[3]];
  EXPECT_EQ(Shared.source, "managed");
  ASSERT_EQ(Shared.statements.size(), 1u) << "a single statement object";
  EXPECT_EQ(Shared.statements[0].actions[0].value, "logs:*");
  EXPECT_GT(Shared.characters, 50u);
}

TEST(TemplatePolicies, FunctionsKnowTheirRole) {
  TemplateLoad L = loadTemplate("template.yaml", Template);
  const Deployable *Worker = find(L, "Worker");
  ASSERT_NE(Worker, nullptr);
  EXPECT_TRUE(Worker->config.role.unknown());
  EXPECT_EQ(Worker->config.rolePrincipal, "WorkerRole");

  const Deployable *Api = find(L, "Api");
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(Api->config.rolePrincipal, "ApiRole");
  const IamPrincipal *Generated = principal(L, "ApiRole");
  ASSERT_NE(Generated, nullptr);
  std::vector<std::string> Managed;
  for (const PolicyString &S : Generated->managedPolicyArns)
    Managed.push_back(S.value);
  EXPECT_EQ(Managed, (std::vector<std::string>{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                               "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"}));
  ASSERT_EQ(Generated->unexpandedTemplates.size(), 1u);
  EXPECT_EQ(Generated->unexpandedTemplates[0].value, "DynamoDBCrudPolicy");
  EXPECT_EQ(Generated->unexpandedTemplates[0].location.region.startLine, 66u);
  ASSERT_EQ(Generated->policies.size(), 1u);
  const Policy &Inline = L.policies[Generated->policies[0]];
  EXPECT_EQ(Inline.statements[0].actions[0].value, "kms:Decrypt");
}

TEST(TemplatePolicies, AStringDocumentIsParsedAndPointsAtTheString) {
  const char *T = R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
  "AssumeRolePolicyDocument": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}]}"}}}})";
  TemplateLoad L = loadTemplate("t.json", T);
  ASSERT_EQ(L.policies.size(), 1u);
  ASSERT_EQ(L.policies[0].statements.size(), 1u);
  EXPECT_EQ(L.policies[0].statements[0].principals[0].values[0].value, "*");
  EXPECT_EQ(L.policies[0].statements[0].principals[0].values[0].location.region.startLine, 2u);

  TemplateLoad Bad = loadTemplate("t.json", R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
  "AssumeRolePolicyDocument": "{\"Statement\": [ truncated"}}}})");
  ASSERT_EQ(Bad.policies.size(), 1u);
  ASSERT_TRUE(Bad.policies[0].invalid.has_value());
  EXPECT_NE(Bad.policies[0].invalid->find("not valid JSON"), std::string::npos);
}

} // namespace
