//===- tests/analyzers/PermissionsTest.cpp - SDK mapping and boto3 inventory ===//
#include "analyzers/handler/python/SdkCalls.h"
#include "analyzers/permissions/SdkMapping.h"
#include "core/RuleInfo.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace fnlint;
using namespace fnlint::permissions;

namespace {

std::vector<std::string> actionsOf(Sdk S, std::string Service, std::string Operation) {
  MappedCall M = mapCall({S, std::move(Service), std::move(Operation), {}}, iamDatabase());
  if (M.kind == MappedCall::Kind::Unmapped)
    return {"unmapped"};
  return M.actions;
}

using V = std::vector<std::string>;

TEST(SdkMapping, ServicePrefixesPerSdk) {
  const IamDatabase &Db = iamDatabase();
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "s3", Db), "s3");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "stepfunctions", Db), "states");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "sesv2", Db), "ses");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "apigatewaymanagementapi", Db), "execute-api");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "dynamodbstreams", Db), "dynamodb");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "iot-data", Db), "iot");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "bedrock-runtime", Db), "bedrock");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "cognito-idp", Db), "cognito-idp");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "client-sfn", Db), "states");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "client-secrets-manager", Db), "secretsmanager");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "client-cloudwatch-logs", Db), "logs");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "client-eventbridge", Db), "events");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "lib-dynamodb", Db), "dynamodb");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "client-s3", Db), "s3");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV3, "s3", Db), "") << "a v3 package is always client-* (or a listed lib-*)";
  EXPECT_EQ(iamPrefixFor(Sdk::JsV2, "StepFunctions", Db), "states");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV2, "CloudWatchLogs", Db), "logs");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV2, "DynamoDB.DocumentClient", Db), "dynamodb");
  EXPECT_EQ(iamPrefixFor(Sdk::JsV2, "SecretsManager", Db), "secretsmanager");
  EXPECT_EQ(iamPrefixFor(Sdk::Cpp, "S3", Db), "s3");
  EXPECT_EQ(iamPrefixFor(Sdk::Cpp, "DynamoDB", Db), "dynamodb");
  EXPECT_EQ(iamPrefixFor(Sdk::Cpp, "SFN", Db), "states");
  EXPECT_EQ(iamPrefixFor(Sdk::Boto3, "no-such-service", Db), "");
}

TEST(SdkMapping, OperationNames) {
  EXPECT_EQ(normalizeOperation("list_objects_v2"), "ListObjectsV2");
  EXPECT_EQ(normalizeOperation("listObjectsV2"), "ListObjectsV2");
  EXPECT_EQ(normalizeOperation("ListObjectsV2Command"), "ListObjectsV2");
  EXPECT_EQ(normalizeOperation("GetObject"), "GetObject");
}

TEST(SdkMapping, ActionsWhereTheApiNameIsNotTheAction) {
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "list_objects_v2"), V{"s3:ListBucket"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "head_object"), V{"s3:GetObject"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "upload_file"), V{"s3:PutObject"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "download_file"), V{"s3:GetObject"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "upload_fileobj"), V{"s3:PutObject"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "copy"), (V{"s3:GetObject", "s3:PutObject"}));
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "get_object"), V{"s3:GetObject"});
  EXPECT_EQ(actionsOf(Sdk::JsV2, "DynamoDB.DocumentClient", "get"), V{"dynamodb:GetItem"});
  EXPECT_EQ(actionsOf(Sdk::JsV2, "DynamoDB.DocumentClient", "batchWrite"), V{"dynamodb:BatchWriteItem"});
  EXPECT_EQ(actionsOf(Sdk::JsV3, "lib-dynamodb", "GetCommand"), V{"dynamodb:GetItem"});
  EXPECT_EQ(actionsOf(Sdk::JsV3, "lib-dynamodb", "QueryCommand"), V{"dynamodb:Query"});
  EXPECT_EQ(actionsOf(Sdk::JsV3, "client-s3", "ListObjectsV2Command"), V{"s3:ListBucket"});
  EXPECT_EQ(actionsOf(Sdk::JsV3, "client-sfn", "StartExecutionCommand"), V{"states:StartExecution"});
  EXPECT_EQ(actionsOf(Sdk::Cpp, "S3", "GetObject"), V{"s3:GetObject"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "lambda", "invoke"), V{"lambda:InvokeFunction"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "apigatewaymanagementapi", "post_to_connection"),
            V{"execute-api:ManageConnections"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "sqs", "send_message_batch"), V{"sqs:SendMessage"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "bedrock-runtime", "converse"), V{"bedrock:InvokeModel"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "secretsmanager", "get_secret_value"), V{"secretsmanager:GetSecretValue"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "apigateway", "get_rest_api"), V{"apigateway:GET"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "apigatewayv2", "update_stage"), V{"apigateway:PATCH"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "rds", "generate_db_auth_token"), V{"rds-db:connect"});
  MappedCall Sts = mapCall({Sdk::Boto3, "sts", "get_caller_identity", {}}, iamDatabase());
  EXPECT_EQ(Sts.kind, MappedCall::Kind::NoPermission);
  EXPECT_EQ(actionsOf(Sdk::Boto3, "s3", "no_such_operation"), V{"unmapped"});
  EXPECT_EQ(actionsOf(Sdk::Boto3, "dynamodb", "execute_statement"), V{"unmapped"}) << "PartiQL: depends on the statement";
}

TEST(SdkMapping, EveryTableActionExists) {
  auto J = nlohmann::json::parse(findDataTable("sdk-iam-map")->json);
  for (const auto &E : J.at("values")) {
    EXPECT_NE(iamDatabase().findService(E.at("prefix").get<std::string>()), nullptr) << E.at("prefix");
    if (E.contains("operations"))
      for (const auto &[Op, Actions] : E.at("operations").items())
        for (const auto &A : Actions)
          EXPECT_NE(iamDatabase().findAction(A.get<std::string>()), nullptr) << Op << " -> " << A;
  }
}

/// The Lambda managed policies of the table, against AWS's own copies when the corpus is there.
TEST(LambdaManagedPolicies, TableMatchesTheCorpus) {
  namespace fs = std::filesystem;
  fs::path Dir = fs::path(FNLINT_SOURCE_DIR) / ".." / "shared" / "corpus" / "aws-managed-policies";
  if (!fs::exists(Dir))
    GTEST_SKIP() << "corpus not found at " << Dir;
  auto J = nlohmann::json::parse(findDataTable("lambda-managed-policies")->json);
  for (const auto &P : J.at("values")) {
    std::string Name = P.at("name").get<std::string>();
    std::ifstream In(Dir / Name);
    ASSERT_TRUE(In) << Name << " is not in the corpus";
    nlohmann::json Doc = nlohmann::json::parse(In).at("PolicyVersion").at("Document");
    auto asSet = [](const nlohmann::json &V) {
      std::set<std::string> Out;
      if (V.is_string())
        Out.insert(V.get<std::string>());
      else
        for (const auto &X : V)
          Out.insert(X.get<std::string>());
      return Out;
    };
    std::set<std::pair<std::set<std::string>, std::set<std::string>>> Theirs, Ours;
    for (const auto &S : Doc.at("Statement")) {
      EXPECT_EQ(S.at("Effect"), "Allow") << Name;
      Theirs.insert({asSet(S.at("Action")), asSet(S.at("Resource"))});
    }
    for (const auto &S : P.at("statements"))
      Ours.insert({asSet(S.at("actions")), asSet(S.at("resources"))});
    EXPECT_EQ(Ours, Theirs) << Name;
  }
}

// ---- boto3 inventory

struct Listed {
  std::vector<std::string> calls; ///< "s3.get_object"
  std::vector<std::string> partial;
};

Listed inventory(std::string_view Code, std::string_view Handler = "handler",
                 std::map<std::string, std::string> Local = {}) {
  python::Source S(Code);
  python::HandlerFile H{S, S.topLevelFunction(Handler), Location{}, "Fn"};
  CallInventory Inv = python::sdkCalls(H, [&](std::string_view M) -> std::optional<python::LocalModule> {
    if (auto It = Local.find(std::string(M)); It != Local.end())
      return python::LocalModule{It->second, Location{}};
    return std::nullopt;
  });
  Listed Out;
  for (const SdkCall &C : Inv.calls)
    Out.calls.push_back(C.service + "." + C.operation);
  for (const PartialReason &P : Inv.partial)
    Out.partial.push_back(P.reason);
  return Out;
}

TEST(PythonSdkCalls, ClientsResourcesAndHelpers) {
  Listed L = inventory(R"(import boto3
from boto3 import resource
s3 = boto3.client("s3")
ddb = resource("dynamodb")
table = ddb.Table("orders")
sess = boto3.session.Session()
sfn = sess.client(service_name="stepfunctions")
alias = s3

def unused_other_handler(event, context):
    boto3.client("sns").publish(Message="x")

def helper(client, key):
    return client.head_object(Bucket="b", Key=key)

def handler(event, context):
    alias.get_object(Bucket="b", Key="k")
    helper(s3, "k")
    pages = s3.get_paginator("list_objects_v2")
    url = s3.generate_presigned_url("put_object", Params={})
    table.put_item(Item={})
    with table.batch_writer() as w:
        pass
    ddb.Table("other").query()
    boto3.resource("s3").Object("b", "k").get()
    sfn.start_execution(stateMachineArn="x")
    ddb.meta.client.describe_table(TableName="t")
)");
  EXPECT_EQ(L.calls, (std::vector<std::string>{"s3.head_object", "s3.get_object", "s3.list_objects_v2",
                                               "s3.put_object", "dynamodb.put_item", "dynamodb.batch_write_item",
                                               "dynamodb.query", "s3.get_object", "stepfunctions.start_execution",
                                               "dynamodb.describe_table"}));
  EXPECT_TRUE(L.partial.empty()) << L.partial.front();
}

TEST(PythonSdkCalls, WhatCannotBeFollowedMakesItPartial) {
  EXPECT_FALSE(inventory("import boto3\ndef handler(e, c):\n    x = boto3.client(e['svc'])\n    x.get_object()\n")
                   .partial.empty());
  EXPECT_FALSE(
      inventory("import boto3\ns3 = boto3.client('s3')\ndef handler(e, c):\n    getattr(s3, e['op'])()\n").partial.empty());
  EXPECT_FALSE(inventory("import boto3\ns3 = boto3.client('s3')\ndef handler(e, c):\n    s3.get_waiter('x').wait()\n")
                   .partial.empty());
  EXPECT_FALSE(inventory("import boto3\nimport lib\ns3 = boto3.client('s3')\ndef handler(e, c):\n    lib.go(s3)\n")
                   .partial.empty());
  // Local modules are followed one module deep: the functions used, and module-level code.
  Listed Local = inventory("from db import save\nimport store\ndef handler(e, c):\n    save(e)\n    store.put(e)\n",
                           "handler",
                           {{"db", "import boto3\nt = boto3.resource('dynamodb').Table('x')\ndef save(i):\n    "
                                   "t.put_item(Item=i)\ndef other():\n    pass\n"},
                            {"store", "import boto3\nfrom deeper import thing\ns3 = boto3.client('s3')\ndef put(b):\n    "
                                      "s3.put_object(Body=b)\n    thing()\n"},
                            {"deeper", ""}});
  EXPECT_EQ(Local.calls, (std::vector<std::string>{"dynamodb.put_item", "s3.put_object"}));
  ASSERT_EQ(Local.partial.size(), 1u) << "a second module deep is not followed";
  EXPECT_NE(Local.partial[0].find("module deeper"), std::string::npos) << Local.partial[0];
  EXPECT_TRUE(inventory("from json import dumps\ndef handler(e, c):\n    dumps(e)\n").partial.empty());
  EXPECT_FALSE(inventory("import awswrangler as wr\ndef handler(e, c):\n    wr.s3.read_csv('s3://b/k')\n").partial.empty());
  // Calls with an assumed role's credentials do not use the function's role.
  Listed Assumed = inventory("import boto3\ndef handler(e, c):\n    k = boto3.client('sts').assume_role(RoleArn='r', "
                             "RoleSessionName='s')['Credentials']\n    s3 = boto3.client('s3', aws_access_key_id=k['a'], "
                             "aws_secret_access_key=k['b'], aws_session_token=k['c'])\n    s3.get_object()\n");
  EXPECT_EQ(Assumed.calls, std::vector<std::string>{"sts.assume_role"});
  // A method of a class the handler uses is reached.
  Listed Cls = inventory("import boto3\nclass Repo:\n    def __init__(self):\n        self.t = "
                         "boto3.resource('dynamodb').Table('t')\n    def get(self, k):\n        return "
                         "self.t.get_item(Key=k)\ndef handler(e, c):\n    return Repo().get(e)\n");
  EXPECT_EQ(Cls.calls, std::vector<std::string>{"dynamodb.get_item"});
  EXPECT_TRUE(Cls.partial.empty());
}

} // namespace
