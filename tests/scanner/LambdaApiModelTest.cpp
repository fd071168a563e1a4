//===- tests/scanner/LambdaApiModelTest.cpp - Lambda API JSON fills FunctionConfig ===//
//
// The AWS CLI's outputs as it prints them (fixtures/config/lambda-api/):
// get-function-configuration and get-function give a function's settings;
// get-policy, list-event-source-mappings, get-function-event-invoke-config
// and get-function-url-config name a function and become attachments,
// which scanProject() links to the function of that name.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "scanner/Scanner.h"
#include "support/Fixture.h"
#include "support/Loads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace {

std::string fixture(const std::string &Name) {
  return readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/lambda-api/" + Name);
}

const FunctionAttachment *attachmentWithSid(const TemplateLoad &L, std::string_view Sid) {
  for (const FunctionAttachment &A : L.attachments)
    if (A.permission && A.permission->id == Sid)
      return &A;
  ADD_FAILURE() << "no statement " << Sid;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

TEST(LambdaApiModel, GetFunctionConfigurationSettings) {
  TemplateLoad L = loadLambdaApiJson("ops/orders-worker.json", fixture("get-function-configuration.json"));
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(ids(L), std::vector<std::string>{"orders-worker"});
  const FunctionConfig &C = L.deployables[0].config;
  EXPECT_TRUE(C.settingsKnown);
  EXPECT_EQ(C.defaultTimeout, 3);
  EXPECT_EQ(C.defaultMemory, 128);
  expectKnown(C.runtime, "python3.12", 4, 16);
  expectKnown(C.handler, "worker.handler", 6, 16);
  expectKnown(C.timeout, 120, 9, 16);
  expectKnown(C.memorySize, 1769, 10, 19);
  expectKnown(C.subnetCount, 2, 15, 22);
  expectKnown(C.deadLetterTarget, "arn:aws:sqs:eu-west-1:123456789012:orders-worker-dlq", 26, 22);
  expectKnown(C.kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", 34, 18);
  expectKnown(C.tracingMode, "PassThrough", 36, 17);
  expectKnown(C.layerCount, 2, 39, 15);
  expectKnown(C.packageType, "Zip", 51, 20);
  expectKnown(C.ephemeralStorage, 2048, 56, 17);
  EXPECT_EQ(C.timeout.location.path, "ops/orders-worker.json");
  EXPECT_EQ(C.timeout.location.logical, (LogicalLocation{"orders-worker", "Timeout", "property"}));
  EXPECT_EQ(C.ephemeralStorage.location.logical.fullyQualifiedName, "EphemeralStorage.Size");
  EXPECT_EQ(C.effectiveTimeout(), 120);
  // QUEUE_URL=https://... and STAGE=prod, keys and values as Lambda counts them.
  std::int64_t Bytes = std::string("QUEUE_URL").size() +
                       std::string("https://sqs.eu-west-1.amazonaws.com/123456789012/orders-jobs").size() +
                       std::string("STAGE").size() + std::string("prod").size();
  expectKnown(C.environmentBytes, Bytes, 29, 22);
  // Not in this output: the API's defaults apply.
  EXPECT_TRUE(C.reservedConcurrency.absent());
  EXPECT_TRUE(C.onFailureDestination.absent());
  EXPECT_TRUE(C.autoPublishAlias.absent());
  EXPECT_TRUE(C.invokers.empty());
  EXPECT_TRUE(C.permissions.empty());
  EXPECT_TRUE(L.attachments.empty());
}

TEST(LambdaApiModel, GetFunctionHasReservedConcurrencyBesideConfiguration) {
  TemplateLoad L = loadLambdaApiJson("ops/orders-api.json", fixture("get-function.json"));
  ASSERT_EQ(ids(L), std::vector<std::string>{"orders-api"});
  const FunctionConfig &C = L.deployables[0].config;
  expectKnown(C.reservedConcurrency, 20, 58, 41);
  EXPECT_EQ(C.reservedConcurrency.location.logical.fullyQualifiedName, "Concurrency.ReservedConcurrentExecutions");
  expectKnown(C.timeout, 30, 10, 20);
  EXPECT_EQ(C.timeout.location.logical.fullyQualifiedName, "Configuration.Timeout");
  expectKnown(C.memorySize, 512, 11, 23);
  expectKnown(C.tracingMode, "Active", 25, 21);
  expectKnown(C.ephemeralStorage, 512, 35, 21);
  EXPECT_TRUE(C.deadLetterTarget.absent());
  EXPECT_TRUE(C.layerCount.absent());
  EXPECT_TRUE(C.subnetCount.absent());
  EXPECT_TRUE(C.kmsKeyArn.absent());
}

TEST(LambdaApiModel, AbsentKeysAndAnEmptyVpcConfigAreAbsent) {
  const std::string Text = R"({
    "Functions": [
        {
            "FunctionName": "orders-cron",
            "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-cron",
            "Runtime": "nodejs20.x",
            "Handler": "index.handler",
            "VpcConfig": {
                "SubnetIds": [],
                "SecurityGroupIds": [],
                "VpcId": ""
            },
            "Layers": [],
            "Version": "$LATEST"
        }
    ]
}
)";
  TemplateLoad L = loadLambdaApiJson("ops/functions.json", Text);
  ASSERT_EQ(ids(L), std::vector<std::string>{"orders-cron"});
  const FunctionConfig &C = L.deployables[0].config;
  EXPECT_TRUE(C.subnetCount.absent()) << "no subnets: not in a VPC";
  expectKnown(C.layerCount, 0, 13, 23);
  EXPECT_TRUE(C.timeout.absent());
  EXPECT_EQ(C.effectiveTimeout(), 3) << "the API's default";
  EXPECT_TRUE(C.memorySize.absent());
  EXPECT_TRUE(C.tracingMode.absent());
  EXPECT_TRUE(C.environmentBytes.absent());
  EXPECT_EQ(C.runtime.location.logical.fullyQualifiedName, "Functions[0].Runtime");
}

//===----------------------------------------------------------------------===//
// get-policy
//===----------------------------------------------------------------------===//

class LambdaApiPolicy : public ::testing::Test {
protected:
  TemplateLoad L = loadLambdaApiJson("ops/orders-worker-policy.json", fixture("get-policy.json"));
};

TEST_F(LambdaApiPolicy, EveryStatementIsAnAttachmentAtThePolicyString) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::LambdaApi);
  EXPECT_TRUE(L.deployables.empty());
  ASSERT_EQ(L.attachments.size(), 7u);
  std::vector<std::string> Sids;
  for (std::size_t I = 0; I < L.attachments.size(); ++I) {
    const FunctionAttachment &A = L.attachments[I];
    EXPECT_EQ(A.functionRef, "arn:aws:lambda:eu-west-1:123456789012:function:orders-worker");
    ASSERT_TRUE(A.permission.has_value());
    Sids.push_back(A.permission->id);
    // Positions inside the escaped policy are not mapped: the Policy value.
    const Location &Where = A.permission->location;
    EXPECT_EQ(Where.path, "ops/orders-worker-policy.json");
    EXPECT_EQ(Where.region.startLine, 2u);
    EXPECT_EQ(Where.region.startColumn, 15u);
    EXPECT_EQ(Where.region.endLine, 2u);
    EXPECT_EQ(Where.region.endColumn, 2196u);
    EXPECT_EQ(Where.logical,
              (LogicalLocation{"orders-worker", "Policy.Statement[" + std::to_string(I) + "]", "property"}));
    EXPECT_EQ(A.permission->principal.location, Where);
  }
  EXPECT_EQ(Sids, (std::vector<std::string>{"s3-uploads", "apigw-orders", "logs-subscription", "partner-invoke",
                                            "org-invoke", "FunctionURLAllowPublicAccess",
                                            "FunctionURLAllowInvokeAction"}));
}

TEST_F(LambdaApiPolicy, ServicePrincipalsAreInvokers) {
  const FunctionAttachment *S3 = attachmentWithSid(L, "s3-uploads");
  ASSERT_TRUE(S3 && S3->invoker);
  EXPECT_EQ(S3->invoker->source, "s3");
  EXPECT_EQ(S3->invoker->kind, InvocationKind::Asynchronous);
  EXPECT_THAT(S3->invoker->evidence, HasSubstr("s3-uploads"));
  EXPECT_EQ(S3->invoker->location.region.startLine, 2u);
  ASSERT_TRUE(S3->invoker->qualified.known());
  EXPECT_FALSE(S3->invoker->qualified.value);
  const PermissionGrant &G = *S3->permission;
  EXPECT_EQ(G.principal.value, "s3.amazonaws.com");
  EXPECT_EQ(G.action.value, "lambda:InvokeFunction");
  EXPECT_EQ(G.sourceAccount.value, "123456789012");
  EXPECT_TRUE(G.sourceAccount.known());
  EXPECT_EQ(G.sourceArn.value, "arn:aws:s3:::orders-uploads");
  EXPECT_TRUE(G.principalOrgId.absent());
  EXPECT_FALSE(G.otherCondition);

  const FunctionAttachment *Api = attachmentWithSid(L, "apigw-orders");
  ASSERT_TRUE(Api && Api->invoker);
  EXPECT_EQ(Api->invoker->source, "api-gateway");
  EXPECT_EQ(Api->invoker->kind, InvocationKind::Synchronous);
  EXPECT_EQ(Api->permission->sourceArn.value, "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/POST/orders");
  EXPECT_TRUE(Api->permission->sourceAccount.absent());

  const FunctionAttachment *Logs = attachmentWithSid(L, "logs-subscription");
  ASSERT_TRUE(Logs && Logs->invoker);
  EXPECT_EQ(Logs->invoker->source, "cloudwatch-logs") << "a regional principal";
  EXPECT_EQ(Logs->permission->principal.value, "logs.eu-west-1.amazonaws.com");
}

TEST_F(LambdaApiPolicy, AccountsAndAnyoneAreGrantsWithoutInvoker) {
  const FunctionAttachment *Partner = attachmentWithSid(L, "partner-invoke");
  ASSERT_NE(Partner, nullptr);
  EXPECT_FALSE(Partner->invoker.has_value());
  EXPECT_EQ(Partner->permission->principal.value, "arn:aws:iam::210987654321:root");
  EXPECT_TRUE(Partner->permission->sourceArn.absent());
  EXPECT_FALSE(Partner->permission->otherCondition);

  const FunctionAttachment *Org = attachmentWithSid(L, "org-invoke");
  ASSERT_NE(Org, nullptr);
  EXPECT_FALSE(Org->invoker.has_value());
  EXPECT_EQ(Org->permission->principal.value, "*");
  EXPECT_TRUE(Org->permission->principalOrgId.known());
  EXPECT_EQ(Org->permission->principalOrgId.value, "o-a1b2c3d4e5");
  EXPECT_FALSE(Org->permission->otherCondition);

  const FunctionAttachment *Public = attachmentWithSid(L, "FunctionURLAllowPublicAccess");
  ASSERT_NE(Public, nullptr);
  EXPECT_EQ(Public->permission->principal.value, "*");
  EXPECT_EQ(Public->permission->action.value, "lambda:InvokeFunctionUrl");
  EXPECT_TRUE(Public->permission->functionUrlAuthType.known());
  EXPECT_EQ(Public->permission->functionUrlAuthType.value, "NONE");
  EXPECT_FALSE(Public->permission->otherCondition);

  const FunctionAttachment *ViaUrl = attachmentWithSid(L, "FunctionURLAllowInvokeAction");
  ASSERT_NE(ViaUrl, nullptr);
  EXPECT_TRUE(ViaUrl->permission->otherCondition) << "Bool lambda:InvokedViaFunctionUrl";
  EXPECT_TRUE(ViaUrl->permission->functionUrlAuthType.absent());
}

TEST(LambdaApiModel, PolicyOfAnAliasAndConditionsOfSeveralValues) {
  // aws lambda get-policy --function-name orders-worker --qualifier live
  const std::string Text =
      "{\n"
      "    \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Id\\\":\\\"default\\\",\\\"Statement\\\":"
      "{\\\"Sid\\\":\\\"nightly\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":"
      "\\\"events.amazonaws.com\\\"},\\\"Action\\\":\\\"lambda:InvokeFunction\\\",\\\"Resource\\\":"
      "\\\"arn:aws:lambda:eu-west-1:123456789012:function:orders-worker:live\\\",\\\"Condition\\\":{\\\"ArnLike\\\":"
      "{\\\"AWS:SourceArn\\\":[\\\"arn:aws:events:eu-west-1:123456789012:rule/nightly\\\","
      "\\\"arn:aws:events:eu-west-1:123456789012:rule/hourly\\\"]}}}}\",\n"
      "    \"RevisionId\": \"3c2b1a09-8f7e-4d6c-b5a4-938271605f4e\"\n"
      "}\n";
  EXPECT_EQ(sniffConfig("ops/policy-live.json", Text), ConfigFormat::LambdaApi);
  TemplateLoad L = loadConfig("ops/policy-live.json", Text);
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(L.attachments.size(), 1u) << "a Statement written as one object";
  const FunctionAttachment &A = L.attachments[0];
  EXPECT_EQ(functionNameOf(A.functionRef), "orders-worker");
  ASSERT_TRUE(A.invoker.has_value());
  EXPECT_EQ(A.invoker->source, "eventbridge");
  ASSERT_TRUE(A.invoker->qualified.known());
  EXPECT_TRUE(A.invoker->qualified.value) << "bound to the alias live";
  EXPECT_TRUE(A.permission->sourceArn.unknown()) << "restricted, but to two rules";
  EXPECT_TRUE(A.permission->sourceArn.written());
}

TEST(LambdaApiModel, APolicyThatIsNotJsonIsAWarning) {
  const std::string Text = "{\n    \"Policy\": \"lambda:InvokeFunction for everyone\",\n"
                           "    \"RevisionId\": \"3c2b1a09-8f7e-4d6c-b5a4-938271605f4e\"\n}\n";
  TemplateLoad L = loadConfig("ops/odd.json", Text);
  EXPECT_TRUE(L.isTemplate);
  EXPECT_TRUE(L.attachments.empty());
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Warning);
  EXPECT_EQ(L.problems[0].location.region.startLine, 2u);
  EXPECT_THAT(L.problems[0].message, HasSubstr("not a JSON policy"));
}

//===----------------------------------------------------------------------===//
// Event source mappings, event invoke configs, function URLs
//===----------------------------------------------------------------------===//

TEST(LambdaApiModel, ListEventSourceMappings) {
  TemplateLoad L = loadConfig("ops/mappings.json", fixture("list-event-source-mappings.json"));
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_TRUE(L.deployables.empty());
  ASSERT_EQ(L.attachments.size(), 4u);
  for (const FunctionAttachment &A : L.attachments) {
    ASSERT_TRUE(A.invoker.has_value());
    EXPECT_EQ(A.invoker->kind, InvocationKind::Polled);
    EXPECT_FALSE(A.invoker->queue.has_value()) << "the API does not show the queue's attributes";
    EXPECT_FALSE(A.permission.has_value());
  }

  const Invoker &Sqs = *L.attachments[0].invoker;
  EXPECT_EQ(functionNameOf(L.attachments[0].functionRef), "orders-worker");
  EXPECT_EQ(Sqs.source, "sqs");
  expectAt(Sqs.location, 7, 31);
  EXPECT_EQ(Sqs.location.logical,
            (LogicalLocation{"orders-worker", "EventSourceMappings[0].EventSourceArn", "property"}));
  EXPECT_THAT(Sqs.evidence, HasSubstr("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE"));
  expectKnown(Sqs.qualified, false, 8, 28);
  expectKnown(Sqs.batchingWindowSeconds, 5, 6, 47);
  EXPECT_TRUE(Sqs.onFailureDestination.absent());
  EXPECT_TRUE(Sqs.maximumRetryAttempts.absent());

  const Invoker &Kinesis = *L.attachments[1].invoker;
  EXPECT_EQ(Kinesis.source, "kinesis");
  EXPECT_EQ(functionQualifierOf(L.attachments[1].functionRef), "live");
  expectKnown(Kinesis.qualified, true, 24, 28);
  expectKnown(Kinesis.onFailureDestination, "arn:aws:sqs:eu-west-1:123456789012:orders-events-dlq", 31, 36);
  expectKnown(Kinesis.maximumRecordAgeSeconds, 86400, 34, 42);
  expectKnown(Kinesis.maximumRetryAttempts, 3, 36, 37);
  expectKnown(Kinesis.batchingWindowSeconds, 0, 21, 47);

  const Invoker &Dynamo = *L.attachments[2].invoker;
  EXPECT_EQ(Dynamo.source, "dynamodb");
  EXPECT_TRUE(Dynamo.onFailureDestination.absent()) << "\"OnFailure\": {}";
  expectKnown(Dynamo.maximumRecordAgeSeconds, -1, 55, 42);
  expectKnown(Dynamo.maximumRetryAttempts, -1, 57, 37);

  const Invoker &Kafka = *L.attachments[3].invoker;
  EXPECT_EQ(Kafka.source, "kafka") << "self-managed: bootstrap servers, no ARN";
  expectAt(Kafka.location, 61, 9);
  expectKnown(Kafka.batchingWindowSeconds, 1, 65, 47);
}

TEST(LambdaApiModel, OneEventSourceMapping) {
  // aws lambda get-event-source-mapping --uuid ...
  const std::string Text = R"({
    "UUID": "e5f6a7b8-9012-34ef-0123-55555EXAMPLE",
    "BatchSize": 5,
    "MaximumBatchingWindowInSeconds": 30,
    "EventSourceArn": "arn:aws:sqs:eu-west-1:123456789012:orders-refunds.fifo",
    "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-refunds:7",
    "LastModified": "2024-03-18T11:02:19.071000+00:00",
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED"
}
)";
  EXPECT_EQ(sniffConfig("ops/mapping.json", Text), ConfigFormat::LambdaApi);
  TemplateLoad L = loadConfig("ops/mapping.json", Text);
  ASSERT_EQ(L.attachments.size(), 1u);
  const FunctionAttachment &A = L.attachments[0];
  EXPECT_EQ(functionNameOf(A.functionRef), "orders-refunds");
  ASSERT_TRUE(A.invoker.has_value());
  EXPECT_EQ(A.invoker->source, "sqs");
  expectAt(A.invoker->location, 5, 23);
  expectKnown(A.invoker->qualified, true, 6, 20) ;
  expectKnown(A.invoker->batchingWindowSeconds, 30, 4, 39);
  EXPECT_EQ(A.invoker->batchingWindowSeconds.location.logical.fullyQualifiedName, "MaximumBatchingWindowInSeconds");
}

TEST(LambdaApiModel, EventInvokeConfigGivesTheOnFailureDestination) {
  TemplateLoad L = loadConfig("ops/notifier-invoke.json", fixture("get-function-event-invoke-config.json"));
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  ASSERT_EQ(L.attachments.size(), 1u);
  const FunctionAttachment &A = L.attachments[0];
  EXPECT_EQ(functionNameOf(A.functionRef), "orders-notifier");
  EXPECT_FALSE(A.invoker.has_value());
  expectKnown(A.onFailureDestination, "arn:aws:sqs:eu-west-1:123456789012:orders-notifier-failures", 9, 28);
  EXPECT_EQ(A.onFailureDestination.location.logical,
            (LogicalLocation{"orders-notifier", "DestinationConfig.OnFailure.Destination", "property"}));
}

TEST(LambdaApiModel, FunctionUrlConfig) {
  TemplateLoad L = loadConfig("ops/webhook-url.json", fixture("get-function-url-config.json"));
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(L.attachments.size(), 1u);
  const FunctionAttachment &A = L.attachments[0];
  EXPECT_EQ(A.functionRef, "arn:aws:lambda:eu-west-1:123456789012:function:orders-webhook");
  ASSERT_TRUE(A.url.has_value());
  expectAt(A.url->location, 2, 20);
  expectKnown(A.url->authType, "NONE", 4, 17);
  EXPECT_TRUE(A.url->corsAllowsAnyOrigin);
  expectAt(A.url->corsLocation, 15, 13);
  expectKnown(A.url->qualified, false, 3, 20);
  ASSERT_TRUE(A.invoker.has_value());
  EXPECT_EQ(A.invoker->source, "function-url");
  EXPECT_EQ(A.invoker->kind, InvocationKind::Synchronous);
  EXPECT_EQ(A.invoker->location, A.url->location);
  EXPECT_TRUE(A.invoker->qualified.known());
  EXPECT_FALSE(A.invoker->qualified.value);
}

TEST(LambdaApiModel, SniffRecognisesEveryOutputAndNothingElse) {
  for (const char *Name : {"get-function.json", "get-function-configuration.json", "get-policy.json",
                           "list-event-source-mappings.json", "get-function-event-invoke-config.json",
                           "get-function-url-config.json"})
    EXPECT_EQ(sniffConfig(std::string("ops/") + Name, fixture(Name)), ConfigFormat::LambdaApi) << Name;
  EXPECT_EQ(sniffConfig("events/invoke.json", R"({"FunctionName": "orders-api", "Payload": "{}"})"),
            ConfigFormat::None);
  EXPECT_EQ(sniffConfig("package.json", R"({"name": "orders", "version": "1.4.0"})"), ConfigFormat::None);
  // An IAM policy document is not get-policy output (it is a policy of its own).
  EXPECT_EQ(sniffConfig("iam/policy.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",)"
                                           R"( "Action": "lambda:InvokeFunction", "Resource": "*"}]})"),
            ConfigFormat::IamPolicy);
}

//===----------------------------------------------------------------------===//
// scanProject: attachments land on their function
//===----------------------------------------------------------------------===//

class LambdaApiScan : public ::testing::Test {
protected:
  TempDir Tmp;

  void write(const std::string &Rel, const std::string &Bytes) { writeFile(Tmp.path() + "/" + Rel, Bytes); }

  Project scan() {
    ScanOptions O;
    O.root = Tmp.path();
    O.paths = {Tmp.path()};
    O.jobs = 2;
    return scanProject(O);
  }
};

TEST_F(LambdaApiScan, PolicyLandsOnTheFunctionOfTheSameName) {
  write("ops/orders-worker.json", fixture("get-function-configuration.json"));
  write("ops/orders-worker-policy.json", fixture("get-policy.json"));
  // Another function's policy, with no get-function beside it.
  write("ops/orders-reports-policy.json",
        "{\n    \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Id\\\":\\\"default\\\",\\\"Statement\\\":"
        "[{\\\"Sid\\\":\\\"public\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":"
        "\\\"lambda:InvokeFunction\\\",\\\"Resource\\\":"
        "\\\"arn:aws:lambda:eu-west-1:123456789012:function:orders-reports\\\"}]}\",\n"
        "    \"RevisionId\": \"1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5\"\n}\n");

  Project P = scan();
  EXPECT_TRUE(P.problems.empty());
  EXPECT_EQ(P.templates, (std::vector<std::string>{"ops/orders-reports-policy.json", "ops/orders-worker-policy.json",
                                                   "ops/orders-worker.json"}));
  ASSERT_EQ(P.deployables.size(), 2u);

  const Deployable *Worker = P.findDeployable("ops/orders-worker.json", "orders-worker");
  ASSERT_NE(Worker, nullptr);
  const FunctionConfig &C = Worker->config;
  EXPECT_TRUE(C.settingsKnown);
  EXPECT_EQ(C.timeout.value, 120);
  ASSERT_EQ(C.permissions.size(), 7u);
  EXPECT_EQ(C.permissions[0].id, "s3-uploads");
  EXPECT_EQ(C.permissions[0].location.path, "ops/orders-worker-policy.json");
  EXPECT_EQ(C.permissions[0].location.region.startLine, 2u);
  std::vector<std::string> Sources;
  for (const Invoker &I : C.invokers)
    Sources.push_back(I.source);
  EXPECT_EQ(Sources, (std::vector<std::string>{"s3", "api-gateway", "cloudwatch-logs"}));

  // Known only from its policy: no setting is known, not even by default.
  const Deployable *Reports = nullptr;
  for (const Deployable &D : P.deployables)
    if (D.logicalId == "orders-reports")
      Reports = &D;
  ASSERT_NE(Reports, nullptr);
  EXPECT_FALSE(Reports->config.settingsKnown);
  EXPECT_EQ(Reports->config.effectiveTimeout(), std::nullopt);
  EXPECT_EQ(Reports->location.path, "ops/orders-reports-policy.json");
  EXPECT_EQ(Reports->location.region.startLine, 2u);
  ASSERT_EQ(Reports->config.permissions.size(), 1u);
  EXPECT_EQ(Reports->config.permissions[0].principal.value, "*");
  EXPECT_FALSE(Reports->config.permissions[0].otherCondition);
  EXPECT_TRUE(Reports->config.invokers.empty());
}

} // namespace
