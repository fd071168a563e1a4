//===- tests/scanner/ServerlessModelTest.cpp - serverless.yml fills FunctionConfig ===//
//
// fixtures/config/serverless/events/serverless.yml: provider values every
// function inherits unless it writes its own, the Framework's defaults
// (6 s, 1,024 MB), `${...}` variables and intrinsics left unknown, every
// event type the Framework knows as an invoker at its line, SQS queues
// declared under resources.Resources, stream settings, function URLs.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Fixture.h"
#include "support/Loads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

std::string fixture(const std::string &Rel) {
  return readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/serverless/" + Rel);
}

template <class T> void expectUnknown(const Setting<T> &S, std::uint32_t Line, std::uint32_t Column) {
  EXPECT_TRUE(S.unknown());
  expectAt(S.location, Line, Column);
}

std::vector<std::string> sources(const FunctionConfig &C) {
  std::vector<std::string> Out;
  for (const Invoker &I : C.invokers)
    Out.push_back(I.source);
  return Out;
}

class ServerlessModel : public ::testing::Test {
protected:
  const std::string Text = fixture("events/serverless.yml");
  TemplateLoad L = loadServerlessConfig("orders/serverless.yml", Text);

  const FunctionConfig &config(std::string_view Name) {
    const Deployable *D = find(L, Name);
    static const FunctionConfig None;
    return D ? D->config : None;
  }
};

TEST_F(ServerlessModel, Functions) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_EQ(L.format, ConfigFormat::Serverless);
  EXPECT_EQ(ids(L), (std::vector<std::string>{"api", "notifier", "worker", "projector", "site", "preview"}));
  EXPECT_TRUE(L.attachments.empty());
  for (const Deployable &D : L.deployables) {
    EXPECT_EQ(D.config.defaultTimeout, 6) << D.logicalId;
    EXPECT_EQ(D.config.defaultMemory, 1024) << D.logicalId;
    EXPECT_TRUE(D.config.settingsKnown);
  }
}

TEST_F(ServerlessModel, ProviderValuesApplyWhenTheFunctionWritesNone) {
  const FunctionConfig &C = config("preview");
  expectKnown(C.runtime, "nodejs20.x", 10, 12);
  EXPECT_EQ(C.runtime.location.logical, (LogicalLocation{"preview", "provider.runtime", "property"}));
  expectKnown(C.handler, "src/preview.handler", 149, 14);
  expectKnown(C.timeout, 20, 12, 12);
  EXPECT_EQ(C.timeout.location.logical.fullyQualifiedName, "provider.timeout");
  EXPECT_EQ(C.timeout.location.path, "orders/serverless.yml");
  expectKnown(C.memorySize, 2048, 13, 15);
  expectKnown(C.ephemeralStorage, 1024, 14, 25);
  expectKnown(C.kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", 15, 14);
  expectKnown(C.tracingMode, "Active", 17, 13);
  EXPECT_FALSE(C.tracingMode.resolvedFrom.empty()) << "true, not a literal mode";
  expectKnown(C.layerCount, 1, 19, 5);
  expectKnown(C.subnetCount, 3, 24, 7);
  EXPECT_EQ(C.subnetCount.location.logical.fullyQualifiedName, "provider.vpc.subnetIds");
  EXPECT_TRUE(C.reservedConcurrency.absent()) << "function-level only";
  EXPECT_TRUE(C.deadLetterTarget.absent());
  EXPECT_TRUE(C.onFailureDestination.absent());
  EXPECT_TRUE(C.packageType.absent());
  EXPECT_TRUE(C.environmentBytes.absent());
}

TEST_F(ServerlessModel, TheFunctionsOwnValuesWin) {
  const FunctionConfig &C = config("api");
  expectKnown(C.timeout, 29, 31, 14);
  EXPECT_EQ(C.timeout.location.logical, (LogicalLocation{"api", "functions.api.timeout", "property"}));
  EXPECT_EQ(C.effectiveTimeout(), 29);
  expectKnown(C.memorySize, 2048, 13, 15);
  expectKnown(C.reservedConcurrency, 50, 32, 26);
  expectKnown(C.tracingMode, "PassThrough", 33, 14);
  EXPECT_TRUE(C.tracingMode.resolvedFrom.empty());
  expectKnown(config("projector").tracingMode, "PassThrough", 104, 14);
}

TEST_F(ServerlessModel, VariablesAndIntrinsicsAreUnknown) {
  const FunctionConfig &Notifier = config("notifier");
  expectUnknown(Notifier.kmsKeyArn, 57, 16);
  expectUnknown(Notifier.layerCount, 58, 13);
  EXPECT_TRUE(Notifier.subnetCount.absent()) << "its own vpc, with no subnets, replaces the provider's";
  expectUnknown(Notifier.onFailureDestination, 65, 11);
  EXPECT_EQ(Notifier.onFailureDestination.location.logical.fullyQualifiedName,
            "functions.notifier.destinations.onFailure.arn");
  EXPECT_TRUE(Notifier.onFailureDestination.written()) << "a destination is configured";

  const FunctionConfig &Worker = config("worker");
  expectUnknown(Worker.timeout, 86, 14);
  EXPECT_EQ(Worker.effectiveTimeout(), std::nullopt);
  expectKnown(Worker.memorySize, 512, 87, 17);
  expectKnown(Worker.deadLetterTarget, "arn:aws:sns:eu-west-1:123456789012:orders-worker-failures", 88, 14);
  EXPECT_EQ(Worker.deadLetterTarget.location.logical.fullyQualifiedName, "functions.worker.onError");
  expectUnknown(Worker.environmentBytes, 90, 7);

  const FunctionConfig &Projector = config("projector");
  expectKnown(Projector.onFailureDestination, "arn:aws:sqs:eu-west-1:123456789012:projector-failures", 106, 18);
  expectKnown(Projector.environmentBytes, 9, 108, 7); // STAGE=prod
}

TEST_F(ServerlessModel, SynchronousEventsAtTheirLines) {
  const FunctionConfig &C = config("api");
  EXPECT_EQ(sources(C), (std::vector<std::string>{"function-url", "api-rest", "api-http", "api-websocket", "alb",
                                                  "cognito", "alexa", "lambda-edge"}));
  const std::vector<std::uint32_t> Lines = {35, 37, 40, 41, 42, 47, 50, 51};
  for (std::size_t I = 0; I < C.invokers.size(); ++I) {
    const Invoker &Inv = C.invokers[I];
    SCOPED_TRACE(Inv.source);
    EXPECT_EQ(Inv.kind, InvocationKind::Synchronous);
    EXPECT_EQ(Inv.location.region.startLine, Lines[I]);
    ASSERT_TRUE(Inv.qualified.known());
    EXPECT_FALSE(Inv.qualified.value);
  }
  expectAt(C.invokers[1].location, 37, 9);
  EXPECT_EQ(C.invokers[1].location.logical, (LogicalLocation{"api", "functions.api.events[0].http", "property"}));
  EXPECT_THAT(C.invokers[1].evidence, ::testing::HasSubstr("http"));
  EXPECT_TRUE(C.invokers[1].integrationTimeoutMs.absent());
}

TEST_F(ServerlessModel, AsynchronousEvents) {
  const FunctionConfig &C = config("notifier");
  EXPECT_EQ(sources(C), (std::vector<std::string>{"s3", "sns", "schedule", "eventbridge", "eventbridge",
                                                  "cloudwatch-logs", "iot"}));
  const std::vector<std::uint32_t> Lines = {67, 70, 71, 72, 76, 80, 81};
  for (std::size_t I = 0; I < C.invokers.size(); ++I) {
    EXPECT_EQ(C.invokers[I].kind, InvocationKind::Asynchronous) << C.invokers[I].source;
    EXPECT_EQ(C.invokers[I].location.region.startLine, Lines[I]) << C.invokers[I].source;
  }
  EXPECT_FALSE(C.url.has_value());
}

TEST_F(ServerlessModel, SqsEventsAndTheQueuesTheyName) {
  const FunctionConfig &C = config("worker");
  ASSERT_EQ(sources(C), (std::vector<std::string>{"sqs", "sqs", "sqs"}));
  for (const Invoker &I : C.invokers)
    EXPECT_EQ(I.kind, InvocationKind::Polled);

  // Fn::GetAtt: [JobsQueue, Arn]
  const Invoker &Jobs = C.invokers[0];
  expectAt(Jobs.location, 93, 9);
  expectKnown(Jobs.batchingWindowSeconds, 10, 97, 34);
  ASSERT_TRUE(Jobs.queue.has_value());
  EXPECT_EQ(Jobs.queue->name, "JobsQueue");
  expectAt(Jobs.queue->location, 154, 5);
  EXPECT_EQ(Jobs.queue->location.logical, (LogicalLocation{"JobsQueue", "resources.Resources.JobsQueue", "resource"}));
  expectKnown(Jobs.queue->visibilityTimeout, 300, 157, 28);
  expectKnown(Jobs.queue->redrivePolicy, true, 159, 11);
  EXPECT_FALSE(Jobs.queue->fifo);

  // !GetAtt FifoJobsQueue.Arn
  const Invoker &Fifo = C.invokers[1];
  expectAt(Fifo.location, 99, 9);
  EXPECT_TRUE(Fifo.batchingWindowSeconds.absent());
  ASSERT_TRUE(Fifo.queue.has_value());
  EXPECT_EQ(Fifo.queue->name, "FifoJobsQueue");
  EXPECT_TRUE(Fifo.queue->fifo);
  expectUnknown(Fifo.queue->visibilityTimeout, 167, 28);
  EXPECT_TRUE(Fifo.queue->redrivePolicy.absent());

  // A literal ARN: a queue declared somewhere else.
  EXPECT_EQ(C.invokers[2].location.region.startLine, 100u);
  EXPECT_FALSE(C.invokers[2].queue.has_value());
}

TEST_F(ServerlessModel, StreamsAndOtherPolledEvents) {
  const FunctionConfig &C = config("projector");
  ASSERT_EQ(sources(C),
            (std::vector<std::string>{"kinesis", "dynamodb", "dynamodb", "kafka", "kafka", "mq", "mq"}));
  for (const Invoker &I : C.invokers) {
    EXPECT_EQ(I.kind, InvocationKind::Polled) << I.source;
    EXPECT_TRUE(I.qualified.known());
    EXPECT_FALSE(I.qualified.value);
  }
  const Invoker &Kinesis = C.invokers[0]; // type: kinesis
  expectAt(Kinesis.location, 110, 9);
  expectKnown(Kinesis.batchingWindowSeconds, 5, 114, 24);
  expectKnown(Kinesis.maximumRetryAttempts, 3, 115, 33);
  expectKnown(Kinesis.maximumRecordAgeSeconds, 3600, 116, 38);
  expectKnown(Kinesis.onFailureDestination, "arn:aws:sqs:eu-west-1:123456789012:projector-stream-dlq", 119, 20);
  EXPECT_FALSE(Kinesis.queue.has_value());

  const Invoker &Plain = C.invokers[1]; // a plain DynamoDB stream ARN
  expectAt(Plain.location, 121, 9);
  EXPECT_TRUE(Plain.onFailureDestination.absent());
  EXPECT_TRUE(Plain.maximumRetryAttempts.absent());
  EXPECT_TRUE(Plain.maximumRecordAgeSeconds.absent());

  EXPECT_EQ(C.invokers[2].location.region.startLine, 122u) << "!GetAtt OrdersTable.StreamArn: a DynamoDB table";
  expectKnown(C.invokers[3].batchingWindowSeconds, 2, 127, 34); // msk
  EXPECT_EQ(C.invokers[4].location.region.startLine, 128u);     // kafka
  EXPECT_EQ(C.invokers[5].location.region.startLine, 134u);     // activemq
  EXPECT_EQ(C.invokers[6].location.region.startLine, 138u);     // rabbitmq
}

TEST_F(ServerlessModel, FunctionUrls) {
  const FunctionConfig &Api = config("api");
  ASSERT_TRUE(Api.url.has_value());
  expectKnown(Api.url->authType, "AWS_IAM", 35, 19);
  EXPECT_FALSE(Api.url->corsAllowsAnyOrigin);

  const FunctionConfig &Preview = config("preview");
  ASSERT_TRUE(Preview.url.has_value()) << "url: true";
  expectAt(Preview.url->location, 150, 10);
  expectKnown(Preview.url->authType, "NONE", 150, 10);
  EXPECT_FALSE(Preview.url->authType.resolvedFrom.empty()) << "no authorizer: the Framework's NONE";
  EXPECT_FALSE(Preview.url->corsAllowsAnyOrigin);
  expectKnown(Preview.url->qualified, false, 150, 10);
  ASSERT_EQ(sources(Preview), std::vector<std::string>{"function-url"});
  EXPECT_EQ(Preview.invokers[0].kind, InvocationKind::Synchronous);

  const FunctionConfig &Site = config("site");
  expectKnown(Site.packageType, "Image", 144, 12);
  EXPECT_TRUE(Site.runtime.absent()) << "a container image";
  ASSERT_TRUE(Site.url.has_value());
  EXPECT_EQ(Site.url->authType.value, "NONE");
  EXPECT_TRUE(Site.url->corsAllowsAnyOrigin) << "cors: true";
  expectAt(Site.url->corsLocation, 146, 13);
}

TEST(ServerlessModelDefaults, NothingWrittenIsAbsentAndTheFrameworkDefaultsApply) {
  const std::string Text = "service: tiny\n"
                           "provider:\n"
                           "  name: aws\n"
                           "  runtime: python3.12\n"
                           "functions:\n"
                           "  hello:\n"
                           "    handler: app.handler\n"
                           "    url: false\n"
                           "  later:\n"
                           "    handler: app.later\n"
                           "    url: ${self:custom.wantUrl}\n"
                           "    events:\n"
                           "      - someFuturePluginEvent: {}\n";
  TemplateLoad L = loadServerlessConfig("serverless.yml", Text);
  ASSERT_EQ(ids(L), (std::vector<std::string>{"hello", "later"}));
  for (const Deployable &D : L.deployables) {
    const FunctionConfig &C = D.config;
    EXPECT_TRUE(C.timeout.absent());
    EXPECT_EQ(C.effectiveTimeout(), 6) << "the Framework's default, not Lambda's 3 s";
    EXPECT_TRUE(C.memorySize.absent());
    EXPECT_TRUE(C.tracingMode.absent());
    EXPECT_TRUE(C.layerCount.absent());
    EXPECT_TRUE(C.subnetCount.absent());
    EXPECT_TRUE(C.kmsKeyArn.absent());
    EXPECT_FALSE(C.url.has_value()) << "url: false, or a variable";
    EXPECT_TRUE(C.invokers.empty()) << "an event fnlint does not know is not guessed";
  }
}

TEST(ServerlessModelDefaults, TheFirstServiceFixture) {
  TemplateLoad L = loadServerlessConfig("serverless.yml", fixture("serverless.yml"));
  const Deployable *Create = find(L, "createOrder");
  const Deployable *Resize = find(L, "resizeImage");
  ASSERT_TRUE(Create && Resize);
  expectKnown(Create->config.timeout, 10, 16, 12);
  expectKnown(Create->config.memorySize, 512, 15, 15);
  EXPECT_EQ(sources(Create->config), std::vector<std::string>{"api-http"});
  expectAt(Create->config.invokers[0].location, 41, 9);
  expectKnown(Resize->config.timeout, 120, 54, 14);
  EXPECT_EQ(sources(Resize->config), std::vector<std::string>{"s3"});
  expectAt(Resize->config.invokers[0].location, 56, 9);
}

} // namespace
