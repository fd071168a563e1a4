//===- tests/scanner/ConfigLoadersTest.cpp - Terraform, Lambda API, serverless.yml ===//
//
// Functions and their environment variables from the configuration formats
// other than CloudFormation: a `terraform show -json` plan with modules (a
// fixture under fixtures/config/terraform, as jq prints it, and a one-line
// one, as Terraform prints it), `aws lambda get-function` and friends, and a
// serverless.yml with provider and function environments. Regions are
// checked to the column: the secret rule's findings point at them.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Loads.h"

#include "scanner/Scanner.h"
#include "scanner/YamlSource.h"
#include "support/Fixture.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace {

std::string fixture(const std::string &Rel) {
  return readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/" + Rel);
}

/// A region on one line, 1-based, end column exclusive.
void expectRegion(const Region &R, std::uint32_t Line, std::uint32_t Col, std::uint32_t EndCol) {
  EXPECT_EQ(R.startLine, Line);
  EXPECT_EQ(R.startColumn, Col);
  EXPECT_EQ(R.endLine, Line);
  EXPECT_EQ(R.endColumn, EndCol);
}

std::vector<std::string> names(const Deployable &D) {
  std::vector<std::string> Out;
  for (const EnvironmentVariable &V : D.environmentVariables)
    Out.push_back(V.name);
  return Out;
}

const EnvironmentVariable *variable(const Deployable &D, std::string_view Name) {
  for (const EnvironmentVariable &V : D.environmentVariables)
    if (V.name == Name)
      return &V;
  ADD_FAILURE() << D.logicalId << " has no variable " << Name;
  return nullptr;
}

/// A literal variable's value and region.
void expectLiteral(const Deployable &D, std::string_view Name, std::string_view Value, std::uint32_t Line,
                   std::uint32_t Col, std::uint32_t EndCol) {
  SCOPED_TRACE(std::string(Name));
  const EnvironmentVariable *V = variable(D, Name);
  ASSERT_NE(V, nullptr);
  EXPECT_TRUE(V->literal);
  EXPECT_EQ(V->value, Value);
  expectRegion(V->location.region, Line, Col, EndCol);
  EXPECT_EQ(V->reference, "");
}

/// A computed variable: no value, and where it is written.
void expectComputed(const Deployable &D, std::string_view Name, std::uint32_t Line, std::uint32_t Col,
                    std::uint32_t EndCol) {
  SCOPED_TRACE(std::string(Name));
  const EnvironmentVariable *V = variable(D, Name);
  ASSERT_NE(V, nullptr);
  EXPECT_FALSE(V->literal);
  EXPECT_EQ(V->value, "");
  expectRegion(V->location.region, Line, Col, EndCol);
}

//===----------------------------------------------------------------------===//
// Terraform JSON
//===----------------------------------------------------------------------===//

class TerraformConfig : public ::testing::Test {
protected:
  const std::string Text = fixture("terraform/plan.json");
  TemplateLoad L = loadConfig("infra/plan.json", Text);
};

TEST_F(TerraformConfig, FunctionsOfTheRootModuleAndOfNestedModules) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::TerraformJson);
  // Document order: the root module, then child modules depth first. The
  // queue is not a function; data.aws_lambda_function.authorizer is read,
  // not declared.
  EXPECT_EQ(ids(L), (std::vector<std::string>{"aws_lambda_function.api",
                                              "module.workers.aws_lambda_function.worker[\"resize\"]",
                                              "module.workers.aws_lambda_function.worker[\"thumbnail\"]",
                                              "module.workers.module.edge.aws_lambda_function.this"}));
  for (const Deployable &D : L.deployables) {
    EXPECT_EQ(D.kind, Deployable::Kind::Function);
    EXPECT_EQ(D.resourceType, "aws_lambda_function");
    EXPECT_EQ(D.location.path, "infra/plan.json");
    EXPECT_EQ(D.location.logical, (LogicalLocation{D.logicalId, D.logicalId, "resource"}));
  }
  // The resource object's opening brace in planned_values.
  expectRegion(L.deployables[0].location.region, 15, 9, 10);
  expectRegion(L.deployables[1].location.region, 141, 13, 14);
  expectRegion(L.deployables[2].location.region, 223, 13, 14);
  expectRegion(L.deployables[3].location.region, 303, 17, 18);
}

TEST_F(TerraformConfig, RuntimeHandlerAndLocalCode) {
  const Deployable *Api = find(L, "aws_lambda_function.api");
  const Deployable *Resize = find(L, "module.workers.aws_lambda_function.worker[\"resize\"]");
  const Deployable *Edge = find(L, "module.workers.module.edge.aws_lambda_function.this");
  ASSERT_TRUE(Api && Resize && Edge);
  EXPECT_EQ(Api->runtime, "python3.12");
  EXPECT_EQ(Api->handler, "app.handler");
  ASSERT_TRUE(Api->code.has_value());
  EXPECT_EQ(Api->code->path, "infra/build/api.zip") << "relative to the plan's folder";
  expectRegion(Api->code->location.region, 45, 25, 40);
  EXPECT_EQ(Api->code->location.logical.fullyQualifiedName, "aws_lambda_function.api.filename");
  EXPECT_EQ(Resize->runtime, "nodejs20.x");
  EXPECT_FALSE(Resize->code.has_value()) << "s3_bucket/s3_key, filename null";
  ASSERT_TRUE(Edge->code.has_value());
  EXPECT_EQ(Edge->code->path, "infra/modules/edge/dist/edge.zip");
  expectRegion(Edge->code->location.region, 324, 33, 61);
}

TEST_F(TerraformConfig, KnownValuesAreLiteralsAtTheirValue) {
  const Deployable *Api = find(L, "aws_lambda_function.api");
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(names(*Api),
            (std::vector<std::string>{"DB_PASSWORD", "LOG_LEVEL", "PAYMENTS_API_KEY", "QUEUE_URL", "STAGE"}));
  // Sensitive in Terraform, yet written in clear in the plan and deployed in clear.
  expectLiteral(*Api, "DB_PASSWORD", "Pr0d-Passw0rd!x7Kq", 32, 34, 54);
  expectLiteral(*Api, "LOG_LEVEL", "INFO", 33, 32, 38);
  expectLiteral(*Api, "PAYMENTS_API_KEY", "{{resolve:ssm-secure:/orders/payments-key}}", 34, 39, 84);
  expectLiteral(*Api, "STAGE", "prod", 35, 28, 34);
  EXPECT_EQ(variable(*Api, "DB_PASSWORD")->location.logical,
            (LogicalLocation{"aws_lambda_function.api", "aws_lambda_function.api.environment[0].variables.DB_PASSWORD",
                             "property"}));
  EXPECT_EQ(Api->environment, (std::map<std::string, std::string>{
                                  {"DB_PASSWORD", "Pr0d-Passw0rd!x7Kq"},
                                  {"LOG_LEVEL", "INFO"},
                                  {"PAYMENTS_API_KEY", "{{resolve:ssm-secure:/orders/payments-key}}"},
                                  {"STAGE", "prod"}}));

  const Deployable *Resize = find(L, "module.workers.aws_lambda_function.worker[\"resize\"]");
  ASSERT_NE(Resize, nullptr);
  EXPECT_EQ(names(*Resize), (std::vector<std::string>{"MAX_WIDTH", "SENTRY_DSN"}));
  expectLiteral(*Resize, "MAX_WIDTH", "2048", 159, 36, 42);
  expectLiteral(*Resize, "SENTRY_DSN", "https://5f1e0b7c9a2d4e6f8a0b1c2d3e4f5a6b@o450123.ingest.sentry.io/5512345", 160,
                37, 112);
}

TEST_F(TerraformConfig, ValuesUnknownUntilApplyAreComputedAtTheirNameInAfterUnknown) {
  // QUEUE_URL = aws_sqs_queue.jobs.url: absent from planned_values, marked
  // true in resource_changes[].change.after_unknown.
  const Deployable *Api = find(L, "aws_lambda_function.api");
  ASSERT_NE(Api, nullptr);
  expectComputed(*Api, "QUEUE_URL", 454, 17, 28);
  EXPECT_EQ(Api->environment.count("QUEUE_URL"), 0u);
}

TEST_F(TerraformConfig, WhollyUnknownOrAbsentEnvironmentHasNoVariables) {
  const Deployable *Thumbnail = find(L, "module.workers.aws_lambda_function.worker[\"thumbnail\"]");
  const Deployable *Edge = find(L, "module.workers.module.edge.aws_lambda_function.this");
  ASSERT_TRUE(Thumbnail && Edge);
  EXPECT_TRUE(Thumbnail->environmentVariables.empty()) << "after_unknown says variables: true; no names are known";
  EXPECT_TRUE(Edge->environmentVariables.empty()) << "environment: []";
}

// One line, as `terraform show -json` prints it, with multi-byte characters
// before the values: byte columns for the text report, UTF-16 ones for SARIF.
const std::string OneLinePlan =
    R"({"format_version":"1.2","terraform_version":"1.7.5","planned_values":{"root_module":{"resources":[)"
    R"({"address":"aws_lambda_function.fn","mode":"managed","type":"aws_lambda_function","name":"fn",)"
    R"("provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":{"description":)"
    R"("Bestellungen – API","environment":[{"variables":{"API_KEY":"k-5e4f3a2b1c","GREETING":"Grüß Gott"}}],)"
    R"("function_name":"orders-fn","handler":"main.handler","runtime":"python3.12"},"sensitive_values":)"
    R"({"environment":[{"variables":{}}]}}]}},"resource_changes":[{"address":"aws_lambda_function.fn",)"
    R"("mode":"managed","type":"aws_lambda_function","name":"fn","provider_name":)"
    R"("registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{},)"
    R"("after_unknown":{"arn":true,"environment":[{"variables":{"TOPIC_ARN":true}}]},)"
    R"("before_sensitive":false,"after_sensitive":{}}}]})";

TEST(TerraformConfigOneLine, ColumnsInBytesAndUtf16) {
  TemplateLoad L = loadConfig("plan.json", OneLinePlan);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.deployables.size(), 1u);
  const Deployable &D = L.deployables[0];
  expectRegion(D.location.region, 1, 99, 100);
  EXPECT_EQ(names(D), (std::vector<std::string>{"API_KEY", "GREETING", "TOPIC_ARN"}));
  expectLiteral(D, "API_KEY", "k-5e4f3a2b1c", 1, 352, 366);
  const Region &Key = variable(D, "API_KEY")->location.region;
  EXPECT_EQ(Key.startColumnUtf16, 350u) << "the en dash is 3 bytes, 1 UTF-16 unit";
  EXPECT_EQ(Key.endColumnUtf16, 364u);
  expectLiteral(D, "GREETING", "Grüß Gott", 1, 378, 391);
  const Region &Greeting = variable(D, "GREETING")->location.region;
  EXPECT_EQ(Greeting.startColumnUtf16, 376u);
  EXPECT_EQ(Greeting.endColumnUtf16, 387u);
  expectComputed(D, "TOPIC_ARN", 1, 811, 822);
  EXPECT_EQ(variable(D, "TOPIC_ARN")->location.region.startColumnUtf16, 807u);
}

TEST(TerraformConfigState, ShowJsonOfAStateHasValuesInsteadOfPlannedValues) {
  const std::string State =
      "{\"format_version\":\"1.0\",\"terraform_version\":\"1.7.5\",\"values\":{\"root_module\":{\"resources\":["
      "{\"address\":\"aws_lambda_function.fn\",\"mode\":\"managed\",\"type\":\"aws_lambda_function\",\"name\":\"fn\","
      "\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"schema_version\":0,\"values\":{\"environment\":"
      "[{\"variables\":{\"TOKEN\":\"t-9a8b7c\"}}],\"function_name\":\"fn\",\"handler\":\"bootstrap\","
      "\"runtime\":\"provided.al2023\"},\"sensitive_values\":{}}]}}}\n";
  TemplateLoad L = loadConfig("state.json", State);
  EXPECT_TRUE(L.isTemplate);
  ASSERT_EQ(ids(L), std::vector<std::string>{"aws_lambda_function.fn"});
  EXPECT_EQ(L.deployables[0].runtime, "provided.al2023");
  ASSERT_EQ(L.deployables[0].environmentVariables.size(), 1u);
  EXPECT_EQ(L.deployables[0].environmentVariables[0].value, "t-9a8b7c");
}

TEST(TerraformConfigInvalid, BrokenJsonIsOneErrorOnItsLine) {
  const std::string Broken = "{\n"
                             "  \"format_version\": \"1.2\",\n"
                             "  \"terraform_version\": \"1.7.5\",\n"
                             "  \"planned_values\": {\n"
                             "    \"root_module\": {\n"
                             "      \"resources\": [\n"
                             "        {\"address\": \"aws_lambda_function.api\", \"values\": {\"handler\": \"app.handler\"]\n"
                             "      ]\n"
                             "    }\n"
                             "  }\n"
                             "}\n";
  TemplateLoad L = loadConfig("infra/plan.json", Broken);
  EXPECT_FALSE(L.isTemplate);
  EXPECT_TRUE(L.deployables.empty());
  ASSERT_EQ(L.problems.size(), 1u);
  const InputProblem &P = L.problems[0];
  EXPECT_EQ(P.level, Level::Error);
  EXPECT_EQ(P.location.path, "infra/plan.json");
  EXPECT_THAT(P.message, HasSubstr("cannot parse Terraform JSON"));
  EXPECT_EQ(P.location.region.startLine, 7u) << "the ']' that closes nothing";
}

TEST(TerraformConfigInvalid, OtherJsonIsNotTerraform) {
  TemplateLoad L = loadTerraformJson("package.json", "{\"name\": \"orders\", \"version\": \"1.4.0\"}\n");
  EXPECT_FALSE(L.isTemplate);
  EXPECT_TRUE(L.problems.empty());
}

//===----------------------------------------------------------------------===//
// Lambda API JSON
//===----------------------------------------------------------------------===//

TEST(LambdaApiConfig, GetFunctionOutput) {
  TemplateLoad L = loadConfig("ops/orders-api.json", fixture("lambda-api/get-function.json"));
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::LambdaApi);
  ASSERT_EQ(ids(L), std::vector<std::string>{"orders-api"});
  const Deployable &D = L.deployables[0];
  EXPECT_EQ(D.resourceType, "AWS::Lambda::Function (API)");
  EXPECT_EQ(D.kind, Deployable::Kind::Function);
  expectRegion(D.location.region, 2, 22, 23); // "Configuration": {
  EXPECT_EQ(D.runtime, "python3.12");
  EXPECT_EQ(D.handler, "app.handler");
  EXPECT_FALSE(D.code.has_value()) << "Code.Location is a presigned URL";
  EXPECT_EQ(names(D),
            (std::vector<std::string>{"DB_PASSWORD", "LOG_LEVEL", "PAYMENTS_API_KEY", "QUEUE_URL", "STAGE"}));
  expectLiteral(D, "DB_PASSWORD", "Pr0d-Passw0rd!x7Kq", 17, 32, 52);
  expectLiteral(D, "LOG_LEVEL", "INFO", 18, 30, 36);
  expectLiteral(D, "PAYMENTS_API_KEY", "{{resolve:ssm-secure:/orders/payments-key}}", 19, 37, 82);
  expectLiteral(D, "QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-jobs", 20, 30, 92);
  expectLiteral(D, "STAGE", "prod", 21, 26, 32);
  EXPECT_EQ(variable(D, "STAGE")->location.logical,
            (LogicalLocation{"orders-api", "Configuration.Environment.Variables.STAGE", "property"}));
}

TEST(LambdaApiConfig, GetFunctionConfigurationOutput) {
  const std::string Text = R"({
    "FunctionName": "orders-worker",
    "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-worker:7",
    "Runtime": "nodejs20.x",
    "Role": "arn:aws:iam::123456789012:role/orders-worker",
    "Handler": "index.handler",
    "CodeSize": 1204,
    "Timeout": 120,
    "MemorySize": 1024,
    "Version": "7",
    "Environment": {
        "Variables": {
            "BATCH_SIZE": "25",
            "SLACK_WEBHOOK": "https://hooks.example.com/services/T00000000/B00000000/abcdefghijklmnop"
        }
    },
    "PackageType": "Zip"
}
)";
  TemplateLoad L = loadConfig("ops/worker.json", Text);
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(ids(L), std::vector<std::string>{"orders-worker:7"}) << "a published version is its own function";
  const Deployable &D = L.deployables[0];
  expectRegion(D.location.region, 1, 1, 2);
  EXPECT_EQ(D.handler, "index.handler");
  expectLiteral(D, "BATCH_SIZE", "25", 13, 27, 31);
  expectLiteral(D, "SLACK_WEBHOOK", "https://hooks.example.com/services/T00000000/B00000000/abcdefghijklmnop", 14, 30,
                103);
  EXPECT_EQ(variable(D, "BATCH_SIZE")->location.logical.fullyQualifiedName, "Environment.Variables.BATCH_SIZE");
}

TEST(LambdaApiConfig, ListFunctionsOutput) {
  const std::string Text = R"({
    "Functions": [
        {
            "FunctionName": "orders-api",
            "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-api",
            "Runtime": "python3.12",
            "Handler": "app.handler",
            "Version": "$LATEST",
            "Environment": {
                "Variables": {
                    "STAGE": "prod"
                }
            }
        },
        {
            "FunctionName": "orders-resize",
            "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-resize",
            "Version": "$LATEST",
            "PackageType": "Image"
        }
    ],
    "NextMarker": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="
}
)";
  TemplateLoad L = loadConfig("ops/functions.json", Text);
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(ids(L), (std::vector<std::string>{"orders-api", "orders-resize"}));
  expectRegion(L.deployables[0].location.region, 3, 9, 10);
  expectLiteral(L.deployables[0], "STAGE", "prod", 11, 30, 36);
  EXPECT_EQ(variable(L.deployables[0], "STAGE")->location.logical.fullyQualifiedName,
            "Functions[0].Environment.Variables.STAGE");
  EXPECT_FALSE(L.deployables[1].runtime.has_value()) << "a container image";
  EXPECT_TRUE(L.deployables[1].environmentVariables.empty());
}

TEST(LambdaApiConfig, OtherLambdaApiOutputsNameAFunctionWithoutDeclaringIt) {
  // list-event-source-mappings names functions by ARN only: an attachment
  // (LambdaApiModelTest.cpp), not a function.
  const std::string Mappings = R"({"EventSourceMappings": [{"UUID": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",)"
                               R"( "BatchSize": 10, "EventSourceArn": "arn:aws:sqs:eu-west-1:123456789012:jobs",)"
                               R"( "FunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:orders-worker"}]})";
  EXPECT_EQ(sniffConfig("ops/mappings.json", Mappings), ConfigFormat::LambdaApi);
  TemplateLoad L = loadLambdaApiJson("ops/mappings.json", Mappings);
  EXPECT_TRUE(L.isTemplate);
  EXPECT_TRUE(L.deployables.empty());
  EXPECT_EQ(L.attachments.size(), 1u);
  EXPECT_TRUE(L.problems.empty());
  // A test event that happens to name a function is not an API output.
  TemplateLoad Event = loadConfig("events/invoke.json", R"({"FunctionName": "orders-api", "Payload": "{}"})");
  EXPECT_FALSE(Event.isTemplate);
  EXPECT_TRUE(Event.problems.empty());
}

//===----------------------------------------------------------------------===//
// serverless.yml
//===----------------------------------------------------------------------===//

class ServerlessConfig : public ::testing::Test {
protected:
  const std::string Text = fixture("serverless/serverless.yml");
  TemplateLoad L = loadConfig("serverless.yml", Text);
};

TEST_F(ServerlessConfig, FunctionsInDocumentOrder) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::Serverless);
  ASSERT_EQ(ids(L), (std::vector<std::string>{"createOrder", "listOrders", "resizeImage"}));
  const Deployable &Create = L.deployables[0];
  EXPECT_EQ(Create.resourceType, "serverless:function");
  expectRegion(Create.location.region, 30, 3, 14);
  EXPECT_EQ(Create.location.logical, (LogicalLocation{"createOrder", "functions.createOrder", "resource"}));
  EXPECT_EQ(Create.handler, "src/orders/create.handler");
  EXPECT_EQ(Create.runtime, "python3.12") << "from provider";
  EXPECT_FALSE(Create.code.has_value()) << "packaged by the Framework from the service folder";
  EXPECT_EQ(L.deployables[1].runtime, "nodejs20.x") << "the function's own";
  EXPECT_FALSE(L.deployables[2].runtime.has_value()) << "a container image";
  EXPECT_FALSE(L.deployables[2].handler.has_value());
}

TEST_F(ServerlessConfig, ProviderEnvironmentIsMergedTheFunctionWinning) {
  const Deployable *Create = find(L, "createOrder");
  ASSERT_NE(Create, nullptr);
  EXPECT_EQ(names(*Create),
            (std::vector<std::string>{"DB_PASSWORD", "DRY_RUN", "LOG_LEVEL", "MAX_ITEMS", "PAYMENTS_API_KEY",
                                      "QUEUE_URL", "SENTRY_DSN", "STAGE", "TABLE_NAME", "TOPIC_ARN"}));
  expectLiteral(*Create, "LOG_LEVEL", "DEBUG", 33, 18, 23); // not provider's INFO on line 22
  EXPECT_EQ(variable(*Create, "LOG_LEVEL")->location.logical,
            (LogicalLocation{"createOrder", "functions.createOrder.environment.LOG_LEVEL", "property"}));
  expectLiteral(*Create, "SENTRY_DSN", "https://5f1e0b7c9a2d4e6f8a0b1c2d3e4f5a6b@o450123.ingest.sentry.io/5512345", 21,
                17, 90);
  EXPECT_EQ(variable(*Create, "SENTRY_DSN")->location.logical.fullyQualifiedName, "provider.environment.SENTRY_DSN");
  expectLiteral(*Create, "PAYMENTS_API_KEY", "pk-orders-9f8e7d6c5b4a3928", 34, 25, 53);
  expectLiteral(*Create, "MAX_ITEMS", "50", 38, 18, 20);
  expectLiteral(*Create, "DRY_RUN", "false", 39, 16, 21);

  const Deployable *Resize = find(L, "resizeImage");
  ASSERT_NE(Resize, nullptr);
  EXPECT_EQ(names(*Resize),
            (std::vector<std::string>{"DB_PASSWORD", "LOG_LEVEL", "SENTRY_DSN", "STAGE", "TABLE_NAME"}));
  expectLiteral(*Resize, "LOG_LEVEL", "INFO", 22, 16, 20);
}

TEST_F(ServerlessConfig, FrameworkVariablesAreLiteralStringsIntrinsicsAreNot) {
  const Deployable *Create = find(L, "createOrder");
  ASSERT_NE(Create, nullptr);
  // ${ssm:...}, ${sls:...}, ${self:...} are what the file says; the secret
  // rule decides that they are references.
  expectLiteral(*Create, "DB_PASSWORD", "${ssm:/orders/${sls:stage}/db-password}", 20, 18, 57);
  expectLiteral(*Create, "STAGE", "${sls:stage}", 18, 12, 24);
  expectLiteral(*Create, "TABLE_NAME", "${self:service}-orders-${sls:stage}", 19, 17, 52);
  // CloudFormation intrinsics, long and short form.
  expectComputed(*Create, "QUEUE_URL", 36, 9, 23); // "Ref: JobsQueue", the map's first line
  expectComputed(*Create, "TOPIC_ARN", 37, 18, 34); // "!Ref OrdersTopic"
  EXPECT_EQ(Create->environment.count("QUEUE_URL"), 0u);
  EXPECT_EQ(Create->environment.at("DB_PASSWORD"), "${ssm:/orders/${sls:stage}/db-password}");
}

TEST_F(ServerlessConfig, MergeKeysBringTheAnchoredVariables) {
  const Deployable *List = find(L, "listOrders");
  ASSERT_NE(List, nullptr);
  EXPECT_EQ(names(*List), (std::vector<std::string>{"DB_PASSWORD", "LOG_LEVEL", "POWERTOOLS_LOG_LEVEL",
                                                     "POWERTOOLS_SERVICE_NAME", "SENTRY_DSN", "STAGE", "TABLE_NAME"}));
  // Where the values are written: under custom.powertools.
  expectLiteral(*List, "POWERTOOLS_SERVICE_NAME", "orders", 7, 30, 36);
  expectLiteral(*List, "POWERTOOLS_LOG_LEVEL", "INFO", 8, 27, 31);
  expectLiteral(*List, "TABLE_NAME", "orders-readonly", 50, 19, 34);
}

TEST_F(ServerlessConfig, PackageArtifactIsTheCode) {
  const Deployable *List = find(L, "listOrders");
  ASSERT_NE(List, nullptr);
  ASSERT_TRUE(List->code.has_value());
  EXPECT_EQ(List->code->path, "dist/list-orders.zip");
  expectRegion(List->code->location.region, 47, 17, 37);
  EXPECT_EQ(List->code->location.logical.fullyQualifiedName, "functions.listOrders.package.artifact");
}

TEST(ServerlessConfigShapes, ServiceArtifactAndOtherNames) {
  const std::string Text = "service: billing\n"
                           "provider:\n"
                           "  name: aws\n"
                           "  runtime: java21\n"
                           "package:\n"
                           "  artifact: target/billing-1.0.jar\n"
                           "functions:\n"
                           "  - invoice:\n"
                           "      handler: com.example.Invoice::handleRequest\n"
                           "  - refund:\n"
                           "      handler: com.example.Refund::handleRequest\n"
                           "      environment:\n"
                           "        STRIPE_KEY:\n";
  // Not named serverless.yml: recognised by its service and aws provider.
  EXPECT_EQ(sniffConfig("deploy/serverless.prod.yml", Text), ConfigFormat::Serverless);
  TemplateLoad L = loadConfig("deploy/serverless.prod.yml", Text);
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(ids(L), (std::vector<std::string>{"invoice", "refund"})) << "functions as a list of maps";
  ASSERT_TRUE(L.deployables[0].code.has_value());
  EXPECT_EQ(L.deployables[0].code->path, "deploy/target/billing-1.0.jar");
  EXPECT_EQ(L.deployables[0].code->location.logical.fullyQualifiedName, "package.artifact");
  EXPECT_EQ(L.deployables[1].runtime, "java21");
  // An empty value: computed, at its name.
  ASSERT_EQ(L.deployables[1].environmentVariables.size(), 1u);
  EXPECT_FALSE(L.deployables[1].environmentVariables[0].literal);
  expectRegion(L.deployables[1].environmentVariables[0].location.region, 13, 9, 19);
}

TEST(ServerlessConfigShapes, OtherProvidersAndLookalikesAreNotLambda) {
  const std::string Azure = "service: orders\nprovider:\n  name: azure\n  runtime: nodejs18\nfunctions:\n"
                            "  hello:\n    handler: src/hello.handler\n";
  TemplateLoad L = loadConfig("serverless.yml", Azure);
  EXPECT_FALSE(L.isTemplate);
  EXPECT_TRUE(L.problems.empty());
  const std::string Compose = "services:\n  web:\n    image: nginx\n    environment:\n      PASSWORD: x\n";
  EXPECT_EQ(sniffConfig("docker-compose.yml", Compose), ConfigFormat::None);
  const std::string Helm = "service:\n  type: ClusterIP\n  port: 80\nprovider: none\n";
  TemplateLoad H = loadConfig("chart/values.yaml", Helm);
  EXPECT_FALSE(H.isTemplate) << "service: and provider: but no aws provider";
  EXPECT_TRUE(H.problems.empty());
}

TEST(ServerlessConfigShapes, InvalidServerlessYmlIsOneErrorOnItsLine) {
  const std::string Text = "service: orders\n"
                           "provider:\n"
                           "  name: aws\n"
                           "  environment:\n"
                           "    TOKEN: ${ssm:/orders/token}\n"
                           "   STAGE: dev\n";
  TemplateLoad L = loadConfig("api/serverless.yml", Text);
  EXPECT_FALSE(L.isTemplate);
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Error);
  EXPECT_EQ(L.problems[0].location.path, "api/serverless.yml");
  EXPECT_THAT(L.problems[0].message, HasSubstr("cannot parse serverless.yml"));
  EXPECT_EQ(L.problems[0].location.region.startLine, 6u);
}

TEST(ServerlessConfigShapes, AliasBombsAreCheap) {
  // Each level merges the previous one ten times: 10^8 entries if expanded
  // naively. Every map is merged once.
  std::string Text = "service: bomb\nprovider: {name: aws}\ncustom:\n  l0: &l0 {A: '1', B: '2'}\n";
  for (int I = 1; I <= 8; ++I) {
    Text += "  l" + std::to_string(I) + ": &l" + std::to_string(I) + " {<<: [";
    for (int K = 0; K < 10; ++K)
      Text += (K ? ", *l" : "*l") + std::to_string(I - 1);
    Text += "], L" + std::to_string(I) + ": x}\n";
  }
  Text += "functions:\n  f:\n    handler: h.h\n    environment:\n      <<: *l8\n";
  TemplateLoad Refused = loadConfig("serverless.yml", Text);
  ASSERT_EQ(Refused.problems.size(), 1u) << "by default, limits.yaml-aliases refuses it";
  EXPECT_THAT(Refused.problems[0].message, HasSubstr("limits.yaml-aliases = 100000"));
  ResourceLimits Raised; // a user who trusts the file raises the cap, and the loader still merges each map once
  Raised.maxYamlAliasNodes = UINT64_MAX;
  TemplateLoad L = loadConfig("serverless.yml", Text, Raised);
  ASSERT_TRUE(L.problems.empty()) << L.problems[0].message;
  ASSERT_EQ(L.deployables.size(), 1u);
  EXPECT_EQ(names(L.deployables[0]),
            (std::vector<std::string>{"A", "B", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8"}));

  // The same with Terraform modules written in YAML: each module once.
  std::string Plan = "\"format_version\": '1.2'\nm0: &m0 {resources: [{address: aws_lambda_function.f, "
                     "type: aws_lambda_function, values: {}}]}\n";
  for (int I = 1; I <= 8; ++I) {
    Plan += "m" + std::to_string(I) + ": &m" + std::to_string(I) + " {child_modules: [";
    for (int K = 0; K < 10; ++K)
      Plan += (K ? ", *m" : "*m") + std::to_string(I - 1);
    Plan += "]}\n";
  }
  Plan += "planned_values: {\"root_module\": *m8}\n";
  TemplateLoad T = loadConfig("plan.yaml", Plan, Raised);
  ASSERT_TRUE(T.problems.empty()) << T.problems[0].message;
  EXPECT_EQ(T.format, ConfigFormat::TerraformJson);
  EXPECT_EQ(ids(T), std::vector<std::string>{"aws_lambda_function.f"});
}

//===----------------------------------------------------------------------===//
// Sniffing: cheap, and no data file parsed
//===----------------------------------------------------------------------===//

TEST(ConfigSniff, EachFormatByItsNameOrMarkers) {
  EXPECT_EQ(sniffConfig("infra/plan.json", fixture("terraform/plan.json")), ConfigFormat::TerraformJson);
  EXPECT_EQ(sniffConfig("ops/orders-api.json", fixture("lambda-api/get-function.json")), ConfigFormat::LambdaApi);
  EXPECT_EQ(sniffConfig("serverless.yml", fixture("serverless/serverless.yml")), ConfigFormat::Serverless);
  EXPECT_EQ(sniffConfig("a/Serverless.YAML", "anything"), ConfigFormat::Serverless);
  EXPECT_EQ(sniffConfig("template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"), ConfigFormat::CloudFormation);
  // A template with an output named FunctionArn is still a template.
  EXPECT_EQ(sniffConfig("t.json", R"({"Resources": {"Fn": {"Type": "AWS::Lambda::Function"}},)"
                                  R"( "Outputs": {"FunctionArn": {"Value": {"FunctionName": 1}}}})"),
            ConfigFormat::CloudFormation);
  EXPECT_TRUE(isServerlessFileName("serverless.json"));
  EXPECT_FALSE(isServerlessFileName("serverless-compose.yml"));
  EXPECT_FALSE(isServerlessFileName("not-serverless.yml"));
}

TEST(ConfigSniff, DataFilesAreNeverParsed) {
  // Truncated JSON: parsing it would be an error; not parsing it is silence.
  const std::string Lock = "{\n  \"name\": \"orders\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
                           "    \"node_modules/@aws-sdk/client-lambda\": {\n      \"version\": \"3.540.0\",\n"
                           "      \"integrity\": \"sha512-Zm9vYmFy\"\n";
  EXPECT_EQ(sniffConfig("package-lock.json", Lock), ConfigFormat::None);
  TemplateLoad L = loadConfig("package-lock.json", Lock);
  EXPECT_FALSE(L.isTemplate);
  EXPECT_TRUE(L.problems.empty());
  for (const char *Other : {"{\"compilerOptions\": {\"strict\": true}}", "name: ci\non: push\n", ""})
    EXPECT_EQ(sniffConfig("x.json", Other), ConfigFormat::None) << Other;
}

TEST(ConfigSniff, LargeFileHeads) {
  EXPECT_TRUE(looksLikeTerraformJsonHead(R"({"format_version":"1.2","terraform_version":"1.7.5","planned_values":)"));
  EXPECT_FALSE(looksLikeTerraformJsonHead(R"({"name": "orders", "lockfileVersion": 3})"));
}

//===----------------------------------------------------------------------===//
// scanProject: every format, next to each other
//===----------------------------------------------------------------------===//

class ConfigScan : public ::testing::Test {
protected:
  TempDir Tmp;

  void write(const std::string &Rel, const std::string &Bytes) { writeFile(Tmp.path() + "/" + Rel, Bytes); }

  Project scan(std::uint64_t MaxTemplateBytes = 16u << 20) {
    ScanOptions O;
    O.root = Tmp.path();
    O.paths = {Tmp.path()};
    O.jobs = 2;
    O.limits.maxTemplateBytes = MaxTemplateBytes;
    return scanProject(O);
  }
};

TEST_F(ConfigScan, EveryFormatIsLoadedAndLinked) {
  write("infra/plan.json", fixture("terraform/plan.json"));
  write("infra/build/api.zip", buildZip(YAML::Load("[{path: app.py, text: \"def handler(e, c):\\n  return 1\\n\"}]")));
  write("ops/orders-api.json", fixture("lambda-api/get-function.json"));
  write("serverless.yml", fixture("serverless/serverless.yml"));
  write("dist/list-orders.zip", buildZip(YAML::Load("[{path: src/orders/list.js, text: \"exports.handler = 1;\\n\"}]")));
  write("package-lock.json", "{\n  \"name\": \"orders\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
  write("events/invoke.json", "{\"FunctionName\": \"orders-api\", \"Payload\": \"{}\"}\n");
  write("broken/plan.json", "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [}}\n");

  Project P = scan();
  EXPECT_EQ(P.templates, (std::vector<std::string>{"infra/plan.json", "ops/orders-api.json", "serverless.yml"}));
  for (const std::string &T : P.templates)
    EXPECT_EQ(P.texts.count(T), 1u) << T << " is kept for fingerprints";
  EXPECT_EQ(P.texts.count("package-lock.json"), 0u);

  std::vector<std::string> Ids;
  for (const Deployable &D : P.deployables)
    Ids.push_back(D.location.path + " " + D.logicalId);
  EXPECT_EQ(Ids, (std::vector<std::string>{
                     "infra/plan.json aws_lambda_function.api",
                     "infra/plan.json module.workers.aws_lambda_function.worker[\"resize\"]",
                     "infra/plan.json module.workers.aws_lambda_function.worker[\"thumbnail\"]",
                     "infra/plan.json module.workers.module.edge.aws_lambda_function.this",
                     "ops/orders-api.json orders-api",
                     "serverless.yml createOrder",
                     "serverless.yml listOrders",
                     "serverless.yml resizeImage",
                 }));

  const Deployable *Api = P.findDeployable("infra/plan.json", "aws_lambda_function.api");
  ASSERT_TRUE(Api && Api->package);
  EXPECT_EQ(Api->package->location.path, "infra/build/api.zip");
  EXPECT_EQ(Api->package->deployedBy, std::vector<std::string>{"aws_lambda_function.api"});
  EXPECT_EQ(Api->environmentVariables.size(), 5u);
  const Deployable *List = P.findDeployable("serverless.yml", "listOrders");
  ASSERT_TRUE(List && List->package);
  EXPECT_EQ(List->package->location.path, "dist/list-orders.zip");

  // The broken plan is one error; the edge function's zip was never built (a note).
  std::vector<std::string> Problems;
  for (const InputProblem &Pr : P.problems)
    Problems.push_back(Pr.location.path + ":" + std::to_string(Pr.location.region.startLine) + " " +
                       std::string(Pr.level == Level::Error ? "error" : Pr.level == Level::Note ? "note" : "warning"));
  EXPECT_EQ(Problems, (std::vector<std::string>{"broken/plan.json:1 error", "infra/plan.json:324 note"}));
  EXPECT_THAT(P.problems[0].message, HasSubstr("cannot parse Terraform JSON"));
}

TEST_F(ConfigScan, TerraformJsonTooLargeToReadIsSaid) {
  std::string Plan = fixture("terraform/plan.json");
  write("infra/plan.json", Plan);
  write("data/big.json", "{\"rows\": [" + std::string(Plan.size(), ' ') + "]}\n");
  Project P = scan(Plan.size() - 1);
  EXPECT_TRUE(P.templates.empty());
  ASSERT_EQ(P.problems.size(), 1u) << "a large data file is skipped without a word";
  EXPECT_EQ(P.problems[0].location.path, "infra/plan.json");
  EXPECT_EQ(P.problems[0].level, Level::Warning);
  EXPECT_THAT(P.problems[0].message, HasSubstr("this Terraform JSON was not read: "));
  EXPECT_THAT(P.problems[0].message, HasSubstr("more than limits.template-bytes = " + std::to_string(Plan.size() - 1)));
}

TEST_F(ConfigScan, YamlAliasBombIsRefusedNamingTheCap) {
  std::string Bomb = "AWSTemplateFormatVersion: '2010-09-09'\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int I = 1; I < 10; ++I) {
    std::string Prev = "*l" + std::to_string(I - 1);
    Bomb += "lol" + std::to_string(I) + ": &l" + std::to_string(I) + " [" + Prev;
    for (int J = 1; J < 10; ++J)
      Bomb += ", " + Prev;
    Bomb += "]\n";
  }
  Bomb += "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 900\n      Tags: *l9\n";
  write("template.yaml", Bomb);
  // Anchors used as intended: a shared block of settings, well under the cap.
  write("sls/serverless.yml", "service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\n"
                              "custom:\n  common: &common\n    timeout: 30\n    memorySize: 256\n"
                              "functions:\n  a:\n    handler: a.handler\n    <<: *common\n"
                              "  b:\n    handler: b.handler\n    <<: *common\n");
  Project P = scan();
  ASSERT_EQ(P.problems.size(), 1u) << P.problems[1].message;
  EXPECT_EQ(P.problems[0].location.path, "template.yaml");
  EXPECT_THAT(P.problems[0].message, HasSubstr("this template was not read: its YAML aliases expand it by more than "
                                               "100000 nodes (limits.yaml-aliases = 100000"));
  EXPECT_EQ(P.deployables.size(), 2u) << "the serverless.yml with ordinary anchors is read";
}

TEST(YamlAliases, ExpansionCountsEachExtraUseOfAnAnchoredSubtree) {
  EXPECT_EQ(aliasExpansion(YAML::Load("a: &x [1, 2]\nb: *x\nc: *x\n")), 6u) << "two more uses of 3 nodes";
  EXPECT_EQ(aliasExpansion(YAML::Load("a: [1, 2]\nb: [1, 2]\n")), 0u);
  std::string Bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int I = 1; I < 10; ++I)
    Bomb += "a" + std::to_string(I) + ": &a" + std::to_string(I) + " [*a" + std::to_string(I - 1) + ", *a" +
            std::to_string(I - 1) + "]\n";
  // Level i holds 12 * 2^i - 1 nodes expanded: 12,277 with the root map and
  // its keys, of which 31 are distinct.
  EXPECT_EQ(aliasExpansion(YAML::Load(Bomb)), 12246u);
}


TEST_F(ConfigScan, PolicyOrTemplateTooLargeToReadIsSaid) {
  // A 50 MB policy used to be skipped like a data file: silently.
  std::string Filler(4096, ' ');
  write("iam/huge-policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": [" + Filler + "]}\n");
  write("stacks/huge.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + Filler + "\n");
  write("data/big.json", "{\"rows\": [" + Filler + "]}\n");
  Project P = scan(4000);
  ASSERT_EQ(P.problems.size(), 2u) << "the data file is still skipped without a word";
  EXPECT_EQ(P.problems[0].location.path, "iam/huge-policy.json");
  EXPECT_THAT(P.problems[0].message, HasSubstr("this IAM policy was not read: "));
  EXPECT_THAT(P.problems[0].message, HasSubstr(", more than limits.template-bytes = 4000 bytes"));
  EXPECT_EQ(P.problems[1].location.path, "stacks/huge.yaml");
  EXPECT_THAT(P.problems[1].message, HasSubstr("this template was not read: "));
}

} // namespace

namespace {

TEST(DuplicateKeys, EachRepeatedKeyIsAWarningAtItsSecondOccurrence) {
  // JSON and YAML alike: yaml-cpp keeps both pairs, so the loader sees them.
  TemplateLoad L = loadConfig("policy.json", "{\n"
                                             "  \"Version\": \"2012-10-17\",\n"
                                             "  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\",\n"
                                             "    \"Resource\": \"*\", \"Effect\": \"Deny\"}]\n"
                                             "}\n");
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Warning);
  EXPECT_EQ(L.problems[0].location.path, "policy.json");
  EXPECT_EQ(L.problems[0].location.region.startLine, 4u);
  EXPECT_EQ(L.problems[0].location.region.startColumn, 22u);
  EXPECT_THAT(L.problems[0].message, HasSubstr("duplicate key 'Effect' in this IAM policy (first on line 3)"));
  EXPECT_TRUE(L.isTemplate) << "the rest of the document is still checked";
}

TEST(DuplicateKeys, AliasesAndMergeKeysAreNotDuplicates) {
  // The same map reached through many aliases is one map, visited once.
  TemplateLoad L = loadConfig("template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                                               "Metadata:\n"
                                               "  a: &a {x: 1, y: 2}\n"
                                               "  b: &b [*a, *a, *a]\n"
                                               "  c: [*b, *b, *b]\n"
                                               "  d: {<<: *a, <<: {z: 3}, w: 4}\n"
                                               "Resources: {}\n");
  EXPECT_TRUE(L.problems.empty()) << L.problems[0].message;
}

} // namespace
