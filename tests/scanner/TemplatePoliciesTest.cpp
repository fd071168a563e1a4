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
  EXPECT_TRUE(Generated->unexpandedTemplates.empty());
  EXPECT_EQ(policyNames(L, *Generated), (std::vector<std::string>{"Api/Policies/DynamoDBCrudPolicy", "Api/Policies[2]"}));
  const Policy &Crud = L.policies[Generated->policies[0]];
  EXPECT_EQ(Crud.source, "sam-template");
  expectAt(Crud.location, 66, 11);
  const Policy &Inline = L.policies[Generated->policies[1]];
  EXPECT_EQ(Inline.statements[0].actions[0].value, "kms:Decrypt");
}

// What SAM deploys for a function's policy templates: the template's
// statements, with literal parameters filled in and computed ones unknown.
const char *Templates = R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.13
      Policies:
        - DynamoDBCrudPolicy:
            TableName: orders
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Jobs.QueueName
        - SSMParameterReadPolicy:
            ParameterName: !Sub "${Env}/db-password"
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: !Ref DbSecret
        - EFSWriteAccessPolicy:
            FileSystem: fs-12345678
            AccessPoint: !Ref AccessPoint
        - VPCAccessPolicy: {}
        - S3ReadPolicy: {BucketName: uploads}
        - S3ReadPolicy: {BucketName: archive}
        - CloudWatchPutMetricPolicy:
        - DynamoDBCrudPolicyy: {TableName: orders}
        - KinesisStreamReadPolicy: {}
  Jobs: {Type: AWS::SQS::Queue}
  DbSecret: {Type: AWS::SecretsManager::Secret}
  AccessPoint: {Type: AWS::EFS::AccessPoint}
)";

TEST(TemplatePolicies, SamPolicyTemplatesBecomeTheirPolicies) {
  TemplateLoad L = loadTemplate("template.yaml", Templates);
  const IamPrincipal *Role = principal(L, "OrdersRole");
  ASSERT_NE(Role, nullptr);
  // Asserted: the policies looked up below are there.
  ASSERT_EQ(policyNames(L, *Role),
            (std::vector<std::string>{"Orders/Policies/DynamoDBCrudPolicy", "Orders/Policies/SQSSendMessagePolicy",
                                      "Orders/Policies/SSMParameterReadPolicy",
                                      "Orders/Policies/AWSSecretsManagerGetSecretValuePolicy",
                                      "Orders/Policies/EFSWriteAccessPolicy", "Orders/Policies/VPCAccessPolicy",
                                      "Orders/Policies[6]/S3ReadPolicy", "Orders/Policies[7]/S3ReadPolicy",
                                      "Orders/Policies/CloudWatchPutMetricPolicy"}));

  // A literal parameter: known ARNs, pointing at the value; the actions and
  // the statement at the template's key.
  const Policy &Crud = *policy(L, "Orders/Policies/DynamoDBCrudPolicy");
  EXPECT_EQ(Crud.kind, Policy::Kind::Identity);
  EXPECT_EQ(Crud.source, "sam-template");
  ASSERT_TRUE(Crud.version.has_value());
  EXPECT_EQ(Crud.version->value, "2012-10-17");
  EXPECT_EQ(Crud.location.logical.fullyQualifiedName, "Resources.Orders.Properties.Policies[0]");
  ASSERT_EQ(Crud.statements.size(), 1u);
  const PolicyStatement &CrudS = Crud.statements[0];
  expectAt(CrudS.location, 12, 11);
  EXPECT_EQ(CrudS.effect->value, "Allow");
  EXPECT_EQ(CrudS.actions.size(), 10u);
  EXPECT_EQ(CrudS.actions[2].value, "dynamodb:PutItem");
  expectAt(CrudS.actions[2].location, 12, 11);
  EXPECT_EQ(values(CrudS.resources),
            (std::vector<std::string>{"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders",
                                      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders/index/*"}));
  EXPECT_TRUE(CrudS.resources[0].known);
  expectAt(CrudS.resources[0].location, 13, 24);

  // A computed parameter: the resource is unknown, still at the value.
  const PolicyStatement &Send = policy(L, "Orders/Policies/SQSSendMessagePolicy")->statements.at(0);
  EXPECT_EQ(values(Send.actions), (std::vector<std::string>{"sqs:SendMessage*"}));
  ASSERT_EQ(Send.resources.size(), 1u);
  EXPECT_FALSE(Send.resources[0].known);
  expectAt(Send.resources[0].location, 15, 24);

  // A "*" of the template stays "*" whatever the parameter; a !Sub of known
  // parts resolves as everywhere in templates.
  const Policy &Ssm = *policy(L, "Orders/Policies/SSMParameterReadPolicy");
  ASSERT_EQ(Ssm.statements.size(), 2u);
  EXPECT_EQ(values(Ssm.statements[0].actions), (std::vector<std::string>{"ssm:DescribeParameters"}));
  EXPECT_EQ(values(Ssm.statements[0].resources), (std::vector<std::string>{"*"}));
  EXPECT_TRUE(Ssm.statements[0].resources[0].known);
  expectAt(Ssm.statements[0].resources[0].location, 16, 11);
  EXPECT_EQ(values(Ssm.statements[1].actions),
            (std::vector<std::string>{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"}));
  EXPECT_EQ(Ssm.statements[1].resources[0].value,
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/prod/db-password");
  EXPECT_TRUE(Ssm.statements[1].resources[0].known);

  const PolicyStatement &Secret = policy(L, "Orders/Policies/AWSSecretsManagerGetSecretValuePolicy")->statements.at(0);
  EXPECT_EQ(values(Secret.actions), (std::vector<std::string>{"secretsmanager:GetSecretValue"}));
  EXPECT_FALSE(Secret.resources.at(0).known);

  // Conditions come along, their values filled in like resources.
  const PolicyStatement &Efs = policy(L, "Orders/Policies/EFSWriteAccessPolicy")->statements.at(0);
  EXPECT_EQ(Efs.resources.at(0).value,
            "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/fs-12345678");
  ASSERT_EQ(Efs.conditions.size(), 1u);
  EXPECT_EQ(Efs.conditions[0].op, "StringEquals");
  EXPECT_EQ(Efs.conditions[0].key, "elasticfilesystem:AccessPointArn");
  ASSERT_EQ(Efs.conditions[0].values.size(), 1u);
  EXPECT_FALSE(Efs.conditions[0].values[0].known);
  expectAt(Efs.conditions[0].values[0].location, 22, 26);

  // Templates without parameters, written as {} or with no value at all.
  EXPECT_EQ(values(policy(L, "Orders/Policies/VPCAccessPolicy")->statements.at(0).resources),
            (std::vector<std::string>{"*"}));
  EXPECT_EQ(values(policy(L, "Orders/Policies/CloudWatchPutMetricPolicy")->statements.at(0).actions),
            (std::vector<std::string>{"cloudwatch:PutMetricData"}));
  EXPECT_EQ(policy(L, "Orders/Policies[7]/S3ReadPolicy")->statements.at(0).resources.at(0).value,
            "arn:${AWS::Partition}:s3:::archive");
}

TEST(TemplatePolicies, UnknownTemplatesAndMissingParametersAreSaidAndKeptByName) {
  TemplateLoad L = loadTemplate("template.yaml", Templates);
  const IamPrincipal *Role = principal(L, "OrdersRole");
  ASSERT_NE(Role, nullptr);
  ASSERT_EQ(Role->unexpandedTemplates.size(), 2u);
  EXPECT_EQ(Role->unexpandedTemplates[0].value, "DynamoDBCrudPolicyy");
  expectAt(Role->unexpandedTemplates[0].location, 27, 11);
  EXPECT_EQ(Role->unexpandedTemplates[1].value, "KinesisStreamReadPolicy");

  ASSERT_EQ(L.problems.size(), 2u);
  EXPECT_EQ(L.problems[0].level, Level::Note);
  EXPECT_NE(L.problems[0].message.find("'DynamoDBCrudPolicyy' is not a SAM policy template"), std::string::npos)
      << L.problems[0].message;
  expectAt(L.problems[0].location, 27, 11);
  EXPECT_EQ(L.problems[1].level, Level::Warning);
  EXPECT_NE(L.problems[1].message.find("KinesisStreamReadPolicy needs StreamName"), std::string::npos)
      << L.problems[1].message;
  expectAt(L.problems[1].location, 28, 11);
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
