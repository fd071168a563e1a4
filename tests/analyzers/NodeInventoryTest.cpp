//===- tests/analyzers/NodeInventoryTest.cpp - JS SDK call inventory ------===//
//
// The AWS SDK for JavaScript calls a Node.js handler makes, as written (v3
// commands and aggregated clients, v2 services and the DocumentClient), with
// what cannot be resolved marked partial; and, through a whole scan, that a
// configured handler's inventory names its function.
//
//===----------------------------------------------------------------------===//
#include "analyzers/Analyzers.h"
#include "analyzers/handler/node/NodeCheck.h"
#include "scanner/Scanner.h"
#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace fnlint;
using permissions::CallInventory;
using permissions::Sdk;

namespace {

CallInventory inventoryOf(std::string_view Code, std::string_view Export = "handler") {
  CallInventory Inv;
  FindingSink Sink;
  Location Where;
  Where.path = "src/app.mjs";
  EXPECT_TRUE(node::analyzeNodeText(Code, Export, Where, {}, Sink, &Inv)) << "no handler in:\n" << Code;
  return Inv;
}

/// "sdk service operation @line" of every call, in order.
std::vector<std::string> calls(const CallInventory &Inv) {
  std::vector<std::string> Out;
  for (const auto &C : Inv.calls) {
    const char *S = C.sdk == Sdk::JsV3 ? "v3" : C.sdk == Sdk::JsV2 ? "v2" : "other";
    Out.push_back(std::string(S) + " " + C.service + " " + C.operation + " @" +
                  std::to_string(C.location.region.startLine));
  }
  return Out;
}

using Calls = std::vector<std::string>;

TEST(NodeInventory, V3CommandsSentThroughClients) {
  CallInventory Inv = inventoryOf(R"(import { S3Client, GetObjectCommand, PutObjectCommand as Put } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const s3 = new S3Client({});
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const obj = await s3.send(new GetObjectCommand({ Bucket: "b", Key: event.key }));
  const cmd = new Put({ Bucket: "b", Key: "k", Body: "x" });
  await s3.send(cmd);
  const item = await ddb.send(new GetCommand({ TableName: "t", Key: { id: 1 } }));
  return [obj, item];
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 client-s3 GetObjectCommand @9", "v3 client-s3 PutObjectCommand @10",
                               "v3 lib-dynamodb GetCommand @12"}));
  EXPECT_TRUE(Inv.partial.empty());
  EXPECT_EQ(Inv.handler.region.startLine, 8u);
}

TEST(NodeInventory, AggregatedV3ClientsAndRequire) {
  CallInventory Inv = inventoryOf(R"(const { S3 } = require("@aws-sdk/client-s3");
const { SQSClient: Sqs, SendMessageCommand } = require("@aws-sdk/client-sqs");

const s3 = new S3({});
const sqs = new Sqs({});

exports.handler = async (event) => {
  await new S3({ region: "eu-west-1" }).getObject({ Bucket: "b", Key: "k" });
  await s3.putObject({ Bucket: "b", Key: "k", Body: "x" });
  await sqs.send(new SendMessageCommand({ QueueUrl: "q", MessageBody: "m" }));
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 client-s3 getObject @8", "v3 client-s3 putObject @9",
                               "v3 client-sqs SendMessageCommand @10"}));
}

TEST(NodeInventory, V2ServicesAndDocumentClient) {
  CallInventory Inv = inventoryOf(R"(const AWS = require("aws-sdk");
const S3 = require("aws-sdk/clients/s3");
const docClient = new AWS.DynamoDB.DocumentClient();
const uploads = new S3();

exports.handler = async function (event, context) {
  const head = await new AWS.S3().getObject({ Bucket: "b", Key: "k" }).promise();
  const s3 = new AWS.S3({ apiVersion: "2006-03-01" });
  await s3.putObject({ Bucket: "b", Key: "k", Body: "x" }).promise();
  await docClient.put({ TableName: "t", Item: {} }).promise();
  await uploads.deleteObject({ Bucket: "b", Key: "k" }).promise();
  const url = uploads.getSignedUrl("getObject", { Bucket: "b", Key: "k" });
  const creds = new AWS.Credentials("a", "b");
  return [head, url, creds];
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v2 S3 getObject @7", "v2 S3 putObject @9", "v2 DynamoDB.DocumentClient put @10",
                               "v2 S3 deleteObject @11", "v2 S3 getObject @12"}));
  EXPECT_TRUE(Inv.partial.empty());
}

TEST(NodeInventory, HelpersTheHandlerCallsAndModuleLevelCode) {
  CallInventory Inv = inventoryOf(R"(import { SSMClient, GetParameterCommand } from "@aws-sdk/client-ssm";
import { SNSClient, PublishCommand } from "@aws-sdk/client-sns";
import { S3Client, DeleteObjectCommand } from "@aws-sdk/client-s3";

const ssm = new SSMClient({});
const sns = new SNSClient({});
const config = await ssm.send(new GetParameterCommand({ Name: "/app/config" }));

async function notify(message) {
  return sns.send(new PublishCommand({ TopicArn: "t", Message: message }));
}

const unused = async () => new S3Client({}).send(new DeleteObjectCommand({ Bucket: "b", Key: "k" }));

async function loadSecret() {
  return ssm.send(new GetParameterCommand({ Name: "/app/secret", WithDecryption: true }));
}
const secret = loadSecret(); // module-level code calls it once per cold start

export const handler = async (event) => {
  await notify(JSON.stringify(config), await secret);
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 client-ssm GetParameterCommand @7", "v3 client-sns PublishCommand @10",
                               "v3 client-ssm GetParameterCommand @16"}));
}

TEST(NodeInventory, WhatCannotBeResolvedIsPartial) {
  CallInventory Inv = inventoryOf(R"(import { S3Client } from "@aws-sdk/client-s3";
import AWS from "aws-sdk";
import { ddb } from "./clients.js";
import { buildCommand } from "./commands.js";

const s3 = new S3Client({});
const legacy = new AWS.S3();

export const handler = async (event) => {
  await s3.send(buildCommand(event));
  await legacy[event.method]({ Bucket: "b" }).promise();
  await ddb.query({ TableName: "t" });
};
)");
  EXPECT_TRUE(Inv.calls.empty()) << calls(Inv).front();
  std::vector<std::string> Reasons;
  for (const auto &R : Inv.partial)
    Reasons.push_back(std::to_string(R.location.region.startLine) + ": " + R.reason);
  EXPECT_EQ(Reasons,
            (std::vector<std::string>{
                "10: command not known statically: s3.send(buildCommand(event))",
                "10: calls buildCommand of ./commands.js, another module of the project, whose AWS calls are not followed",
                "11: client method chosen at run time: legacy[event.method]",
                "12: calls ddb of ./clients.js, another module of the project, whose AWS calls are not followed"}));
}

TEST(NodeInventory, ClassFieldsAndTypeScript) {
  CallInventory Inv = inventoryOf(R"(import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, type PutCommandInput } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEvent } from "aws-lambda";

const client: DynamoDBDocumentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: APIGatewayProxyEvent): Promise<void> => {
  const input: PutCommandInput = { TableName: "t", Item: { id: event.path } };
  await client.send(new PutCommand(input));
  const res = { send: (x: unknown) => x };
  res.send("not an AWS call");
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 lib-dynamodb PutCommand @9"}));
  EXPECT_TRUE(Inv.partial.empty()) << Inv.partial.front().reason;
}

TEST(NodeInventory, CompiledTypeScriptClassesAndFunctionReferences) {
  // TypeScript's CommonJS output reaches v3 classes through a namespace; a
  // class-based handler's methods and a function passed by name are followed.
  CallInventory Inv = inventoryOf(R"("use strict";
exports.handler = void 0;
const client_scheduler_1 = require("@aws-sdk/client-scheduler");
const { SFNClient, StartExecutionCommand } = require("@aws-sdk/client-sfn");
const client = new client_scheduler_1.SchedulerClient({});
class Runner {
  constructor() { this.sfn = new SFNClient({}); }
  async start(input) { return this.sfn.send(new StartExecutionCommand({ input })); }
}
async function save(item) {
  return client.send(new client_scheduler_1.CreateScheduleCommand({ Name: item }));
}
const handler = async (event) => {
  await Promise.all(event.items.map(save));
  return new Runner().start(JSON.stringify(event));
};
exports.handler = handler;
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 client-sfn StartExecutionCommand @8", "v3 client-scheduler CreateScheduleCommand @11"}));
  EXPECT_TRUE(Inv.partial.empty()) << Inv.partial.front().reason;
}

TEST(NodeInventory, XRayWrappersPresignedCommandsAndManagedUploads) {
  CallInventory Inv = inventoryOf(R"(const AWSXRay = require("aws-xray-sdk-core");
const AWS = AWSXRay.captureAWS(require("aws-sdk"));
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
const { getSignedUrl } = require("@aws-sdk/s3-request-presigner");
const { Upload } = require("@aws-sdk/lib-storage");
const sqs = AWSXRay.captureAWSClient(new AWS.SQS());
const s3 = AWSXRay.captureAWSv3Client(new S3Client({}));

exports.handler = async (event) => {
  await sqs.sendMessage({ QueueUrl: "q", MessageBody: "m" }).promise();
  await new Upload({ client: s3, params: { Bucket: "b", Key: "k", Body: event.body } }).done();
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: "b", Key: event.key }), { expiresIn: 60 });
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v2 SQS sendMessage @10", "v3 lib-storage Upload @11", "v3 client-s3 GetObjectCommand @12"}));
  EXPECT_TRUE(Inv.partial.empty()) << Inv.partial.front().reason;
}

TEST(NodeInventory, ConfiguredHandlerNamesItsFunction) {
  test::TempDir Tmp;
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(Tmp.path()) / "src");
  std::ofstream(fs::path(Tmp.path()) / "template.yaml") << R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: orders.handler
      Runtime: nodejs20.x
)";
  std::ofstream(fs::path(Tmp.path()) / "src" / "orders.mjs")
      << "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\n"
         "const sqs = new SQSClient({});\n"
         "export const handler = async (e) => sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'm' }));\n";
  ScanOptions S;
  S.root = Tmp.path();
  S.paths = {Tmp.path()};
  Project P = scanProject(S);
  Analysis A = analyzeProject(P, AnalysisOptions{});
  ASSERT_EQ(A.inventories.size(), 1u);
  EXPECT_EQ(A.inventories[0].functionId, "OrdersFunction");
  EXPECT_EQ(A.inventories[0].handler.path, "src/orders.mjs");
  EXPECT_EQ(calls(A.inventories[0]), (Calls{"v3 client-sqs SendMessageCommand @3"}));
}

} // namespace

namespace {

/// Every rule and the inventory over every prefix of the fixtures' handlers:
/// cut-short code (unclosed brackets, a lone `.`, `=` at the start) never
/// reads outside the tokens.
TEST(NodeInventory, TruncatedModulesNeverCrash) {
  namespace fs = std::filesystem;
  auto Checks = node::makeNodeChecks();
  std::size_t Files = 0;
  for (const auto &E : fs::recursive_directory_iterator(fs::path(FNLINT_SOURCE_DIR) / "fixtures" / "handler")) {
    std::string Ext = E.path().extension().string();
    if (!E.is_regular_file() || (Ext != ".js" && Ext != ".mjs" && Ext != ".ts"))
      continue;
    ++Files;
    std::string Text = test::readFile(E.path().string());
    for (std::size_t N = 0; N <= Text.size(); N += 7) {
      for (std::string_view Piece : {std::string_view(Text).substr(0, N), std::string_view(Text).substr(N)}) {
        FindingSink Sink;
        CallInventory Inv;
        Location Where;
        Where.path = "cut.js";
        node::analyzeNodeText(Piece, "handler", Where, Checks, Sink, &Inv);
      }
    }
  }
  EXPECT_GE(Files, 12u);
}

} // namespace

namespace {

TEST(NodeInventory, ClientsWithTheirOwnCredentialsDoNotUseTheRole) {
  // A tenant-scoped client: credentials from the authorizer's assumed role.
  CallInventory Inv = inventoryOf(R"(import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
const s3 = new S3Client({});
export const handler = async (event) => {
  const credentials = event.requestContext.authorizer.credentials;
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ credentials }));
  await ddb.send(new PutCommand({ TableName: "t", Item: { id: 1 } }));
  return s3.send(new GetObjectCommand({ Bucket: "b", Key: "k" }));
};
)");
  EXPECT_EQ(calls(Inv), (Calls{"v3 client-s3 GetObjectCommand @9"}));
  ASSERT_EQ(Inv.partial.size(), 1u);
  EXPECT_NE(Inv.partial[0].reason.find("credentials of its own"), std::string::npos) << Inv.partial[0].reason;
}

TEST(NodeInventory, LibrariesThatCallAwsThemselvesMakeItPartial) {
  CallInventory Inv = inventoryOf(R"(const { withDurableExecution } = require('@aws/durable-execution-sdk-js');
exports.handler = withDurableExecution(async (event, context) => {
  return context.step("work", async () => 1);
});
)");
  ASSERT_EQ(Inv.partial.size(), 1u);
  EXPECT_NE(Inv.partial[0].reason.find("@aws/durable-execution-sdk-js"), std::string::npos) << Inv.partial[0].reason;
}

} // namespace

TEST(NodeInventory, AnEmptyArrowBodyAtModuleLevelEnds) {
  // `=> ;` has a concise body that ends where it starts; skipping it once
  // looped forever (fuzz/regressions/node/empty-arrow-body-at-module-level.js).
  CallInventory Inv = inventoryOf("exports.handler = async () => {};\nconst f = () => ;\nf();\n");
  EXPECT_TRUE(calls(Inv).empty());
}
