//===- tests/scanner/TerraformModelTest.cpp - FunctionConfig from Terraform JSON ===//
//
// The function model the lambda/* rules judge, filled from `terraform show
// -json` output: a plan of one root module with every kind of trigger
// (fixtures/config/terraform/triggers-plan.json), a plan whose functions and
// triggers sit in modules, one of them instanced with for_each
// (modules-plan.json), and a state (state.json). Values known only after
// apply are unknown, never absent and never guessed; links go through
// configuration references, module inputs and outputs and aliases, or
// literal names and ARNs; what names no function of the file either goes
// to the scanner as an attachment or is dropped, never attached to the
// wrong function.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "support/Fixture.h"
#include "support/Loads.h"

#include <gtest/gtest.h>

using namespace fnlint;
using namespace fnlint::test;

namespace {

std::string terraformFixture(const std::string &Name) {
  return readFile(std::string(FNLINT_SOURCE_DIR) + "/fixtures/config/terraform/" + Name);
}

/// A known setting's value, and the line and columns of its value.
template <class T, class U>
void expectKnown(const Setting<T> &S, const U &Value, std::uint32_t Line, std::uint32_t Col, std::uint32_t EndCol) {
  ASSERT_TRUE(S.known()) << "state " << static_cast<int>(S.state);
  EXPECT_EQ(S.value, T(Value));
  EXPECT_EQ(S.location.region.startLine, Line);
  EXPECT_EQ(S.location.region.startColumn, Col);
  EXPECT_EQ(S.location.region.endColumn, EndCol);
}

/// Written, but known only after apply: where after_unknown says so.
template <class T> void expectUnknown(const Setting<T> &S, std::uint32_t Line) {
  EXPECT_TRUE(S.unknown()) << "state " << static_cast<int>(S.state);
  EXPECT_TRUE(S.written());
  EXPECT_EQ(S.location.region.startLine, Line);
}

/// Not written (or written as the default): the default applies.
template <class T> void expectAbsent(const Setting<T> &S, std::uint32_t Line) {
  EXPECT_TRUE(S.absent()) << "state " << static_cast<int>(S.state);
  EXPECT_EQ(S.location.region.startLine, Line);
}

std::vector<std::string> evidence(const FunctionConfig &C) {
  std::vector<std::string> Out;
  for (const Invoker &I : C.invokers)
    Out.push_back(I.evidence);
  return Out;
}

const Invoker *invoker(const FunctionConfig &C, std::string_view Evidence) {
  for (const Invoker &I : C.invokers)
    if (I.evidence == Evidence)
      return &I;
  ADD_FAILURE() << "no invoker " << Evidence;
  return nullptr;
}

std::vector<std::string> permissionIds(const FunctionConfig &C) {
  std::vector<std::string> Out;
  for (const PermissionGrant &P : C.permissions)
    Out.push_back(P.id);
  return Out;
}

//===----------------------------------------------------------------------===//
// One root module, every trigger
//===----------------------------------------------------------------------===//

class TerraformModelPlan : public ::testing::Test {
protected:
  const std::string Text = terraformFixture("triggers-plan.json");
  TemplateLoad L = loadTerraformJson("infra/triggers-plan.json", Text);
  const Deployable *Api = find(L, "aws_lambda_function.api");
  const Deployable *Worker = find(L, "aws_lambda_function.worker");
  const Deployable *Report = find(L, "aws_lambda_function.report");
};

TEST_F(TerraformModelPlan, LoadsTheFunctionsAndNothingElseAsOne) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_EQ(ids(L), (std::vector<std::string>{"aws_lambda_function.api", "aws_lambda_function.report",
                                              "aws_lambda_function.worker"}));
}

TEST_F(TerraformModelPlan, SettingsAreKnownAtTheirValues) {
  ASSERT_TRUE(Api && Worker);
  const FunctionConfig &C = Api->config;
  EXPECT_TRUE(C.settingsKnown);
  expectKnown(C.runtime, "python3.12", 259, 24, 36);
  expectKnown(C.handler, "app.handler", 244, 24, 37);
  expectKnown(C.packageType, "Zip", 254, 29, 34);
  expectKnown(C.timeout, 29, 267, 24, 26);
  expectKnown(C.memorySize, 1024, 253, 28, 32);
  expectKnown(C.ephemeralStorage, 2048, 238, 25, 29);
  expectKnown(C.reservedConcurrency, 50, 258, 47, 49);
  expectKnown(C.layerCount, 2, 248, 23, 24);
  expectKnown(C.subnetCount, 2, 277, 31, 32);
  expectKnown(C.tracingMode, "Active", 271, 25, 33);
  EXPECT_EQ(C.runtime.location.logical,
            (LogicalLocation{"aws_lambda_function.api", "aws_lambda_function.api.runtime", "property"}));
  EXPECT_EQ(C.subnetCount.location.logical.fullyQualifiedName, "aws_lambda_function.api.vpc_config[0].subnet_ids");
  EXPECT_EQ(C.effectiveTimeout(), 29);
  // The Deployable's own fields are kept for the package rules.
  EXPECT_EQ(Api->runtime, "python3.12");
  EXPECT_EQ(Api->handler, "app.handler");

  expectKnown(Worker->config.kmsKeyArn, "arn:aws:kms:eu-west-1:123456789012:key/0f4c2b9e-7d1a-4e8b-9c3f-5a6b7c8d9e0f",
              424, 28, 105);
  expectKnown(Worker->config.tracingMode, "PassThrough", 444, 25, 38);
}

TEST_F(TerraformModelPlan, NullsEmptiesAndDefaultsAreAbsent) {
  ASSERT_TRUE(Api && Worker && Report);
  // kms_key_arn = "" and reserved_concurrent_executions = -1 mean the
  // default: absent, pointed at where they are written.
  expectAbsent(Api->config.kmsKeyArn, 247);
  expectAbsent(Worker->config.reservedConcurrency, 431);
  // runtime and handler null (an image), vpc_config [] and
  // dead_letter_config []: absent, at the resource.
  expectAbsent(Report->config.runtime, 320);
  expectAbsent(Report->config.handler, 320);
  EXPECT_FALSE(Report->runtime.has_value());
  expectAbsent(Report->config.subnetCount, 320);
  expectAbsent(Worker->config.deadLetterTarget, 398);
  expectAbsent(Report->config.layerCount, 355);
  EXPECT_EQ(Report->config.layerCount.location.logical.fullyQualifiedName, "aws_lambda_function.report.layers");
  // tracing_config is computed by the provider: after_unknown marks it, but
  // the configuration does not write it, so the default (PassThrough) applies.
  expectAbsent(Report->config.tracingMode, 320);
  expectKnown(Report->config.packageType, "Image", 358, 29, 36);
  expectKnown(Report->config.reservedConcurrency, 0, 362, 47, 48);
  expectKnown(Report->config.timeout, 900, 371, 24, 27);
  EXPECT_TRUE(Report->config.invokers.empty());
  EXPECT_TRUE(Report->config.permissions.empty());
  EXPECT_FALSE(Report->config.url.has_value());
  expectAbsent(Report->config.autoPublishAlias, 0);
}

TEST_F(TerraformModelPlan, ValuesKnownOnlyAfterApplyAreUnknownAtAfterUnknown) {
  ASSERT_TRUE(Api && Worker);
  // dead_letter_config[0].target_arn = aws_sqs_queue.dlq.arn.
  expectUnknown(Api->config.deadLetterTarget, 1181);
  EXPECT_EQ(Api->config.deadLetterTarget.location.logical.fullyQualifiedName,
            "aws_lambda_function.api.dead_letter_config[0].target_arn");
  // layers = [aws_lambda_layer_version.deps.arn]: how many is not known either.
  expectUnknown(Worker->config.layerCount, 1431);
  EXPECT_EQ(Worker->config.layerCount.value, 0);
}

TEST_F(TerraformModelPlan, EnvironmentSizeCountsKeysAndValues) {
  ASSERT_TRUE(Api && Worker);
  // LOG_LEVEL=INFO, TABLE_NAME=orders.
  expectKnown(Api->config.environmentBytes, 9 + 4 + 10 + 6, 230, 30, 31);
  expectAbsent(Worker->config.environmentBytes, 398);
}

TEST_F(TerraformModelPlan, EveryTriggerOfTheWorker) {
  ASSERT_NE(Worker, nullptr);
  EXPECT_EQ(evidence(Worker->config),
            (std::vector<std::string>{
                "aws_cloudwatch_event_target.nightly",
                "aws_lambda_event_source_mapping.clicks (kinesis)",
                "aws_lambda_event_source_mapping.jobs (sqs)",
                "aws_lambda_permission.s3 (s3.amazonaws.com)",
                "aws_lambda_permission.sns (sns.amazonaws.com)",
                "aws_s3_bucket_notification.uploads",
                "aws_sns_topic_subscription.alerts_worker",
            }));
  std::vector<std::string> Sources;
  for (const Invoker &I : Worker->config.invokers)
    Sources.push_back(I.source + "/" + std::string(invocationKindName(I.kind)));
  EXPECT_EQ(Sources,
            (std::vector<std::string>{"eventbridge/asynchronous", "kinesis/polled", "sqs/polled", "s3/asynchronous",
                                      "sns/asynchronous", "s3/asynchronous", "sns/asynchronous"}));
}

TEST_F(TerraformModelPlan, SqsMappingWithItsQueue) {
  ASSERT_NE(Worker, nullptr);
  const Invoker *Jobs =
      invoker(Worker->config, "aws_lambda_event_source_mapping.jobs (sqs)");
  ASSERT_NE(Jobs, nullptr);
  // event_source_arn is unknown until the queue exists: the reference to
  // aws_sqs_queue.jobs says it is SQS.
  EXPECT_EQ(Jobs->location.region.startLine, 166u);
  EXPECT_EQ(Jobs->location.logical, (LogicalLocation{"aws_lambda_event_source_mapping.jobs",
                                                     "aws_lambda_event_source_mapping.jobs", "resource"}));
  expectKnown(Jobs->qualified, false, 181, 30, 45);
  expectKnown(Jobs->batchingWindowSeconds, 5, 186, 51, 52);
  // Unknown in the plan, but not written in the configuration: absent.
  expectAbsent(Jobs->maximumRetryAttempts, 166);
  expectAbsent(Jobs->onFailureDestination, 166);
  ASSERT_TRUE(Jobs->queue.has_value());
  const QueueInfo &Q = *Jobs->queue;
  EXPECT_EQ(Q.name, "aws_sqs_queue.jobs");
  EXPECT_EQ(Q.location.region.startLine, 730u);
  expectKnown(Q.visibilityTimeout, 300, 744, 43, 46);
  // redrive_policy = jsonencode({deadLetterTargetArn = aws_sqs_queue.dlq.arn, ...}).
  expectUnknown(Q.redrivePolicy, 1936);
  EXPECT_FALSE(Q.fifo);
}

TEST_F(TerraformModelPlan, StreamMappingThroughAnAlias) {
  ASSERT_NE(Worker, nullptr);
  const Invoker *Clicks =
      invoker(Worker->config, "aws_lambda_event_source_mapping.clicks (kinesis)");
  ASSERT_NE(Clicks, nullptr);
  EXPECT_EQ(Clicks->kind, InvocationKind::Polled);
  // function_name = aws_lambda_alias.worker_live.arn: unknown, yet the
  // reference says which function, and that it is qualified.
  EXPECT_TRUE(Clicks->qualified.known());
  EXPECT_TRUE(Clicks->qualified.value);
  expectUnknown(Clicks->onFailureDestination, 980);
  expectKnown(Clicks->maximumRetryAttempts, 3, 137, 39, 40);
  expectKnown(Clicks->maximumRecordAgeSeconds, 3600, 136, 46, 50);
  expectAbsent(Clicks->batchingWindowSeconds, 113);
  EXPECT_FALSE(Clicks->queue.has_value());
}

TEST_F(TerraformModelPlan, AliasOfTheFunction) {
  ASSERT_TRUE(Worker && Api);
  expectKnown(Worker->config.autoPublishAlias, "live", 106, 21, 27);
  EXPECT_EQ(Worker->config.autoPublishAlias.location.logical.fullyQualifiedName, "aws_lambda_alias.worker_live.name");
  EXPECT_FALSE(Api->config.autoPublishAlias.written());
}

TEST_F(TerraformModelPlan, PermissionsAreGrantsAndServicePrincipalsInvokers) {
  ASSERT_TRUE(Worker && Api);
  EXPECT_EQ(permissionIds(Worker->config),
            (std::vector<std::string>{"aws_lambda_permission.s3", "aws_lambda_permission.sns"}));
  const PermissionGrant &S3 = Worker->config.permissions[0];
  EXPECT_EQ(S3.location.region.startLine, 569u);
  expectKnown(S3.principal, "s3.amazonaws.com", 581, 26, 44);
  expectKnown(S3.action, "lambda:InvokeFunction", 577, 23, 46);
  expectUnknown(S3.sourceArn, 1645); // aws_s3_bucket.uploads.arn
  expectKnown(S3.sourceAccount, "123456789012", 584, 31, 45);
  expectAbsent(S3.principalOrgId, 569);
  expectAbsent(S3.functionUrlAuthType, 569);
  const Invoker *S3Invoker =
      invoker(Worker->config, "aws_lambda_permission.s3 (s3.amazonaws.com)");
  ASSERT_NE(S3Invoker, nullptr);
  EXPECT_EQ(S3Invoker->kind, InvocationKind::Asynchronous);
  expectKnown(S3Invoker->qualified, true, 583, 26, 32); // qualifier = "live"

  // function_name = aws_lambda_function.worker.arn, unknown until apply.
  const Invoker *Sns = invoker(Worker->config, "aws_lambda_permission.sns (sns.amazonaws.com)");
  ASSERT_NE(Sns, nullptr);
  EXPECT_TRUE(Sns->qualified.known());
  EXPECT_FALSE(Sns->qualified.value);

  // "*" is no service: a grant, no invoker (the function URL is one).
  EXPECT_EQ(permissionIds(Api->config), std::vector<std::string>{"aws_lambda_permission.url_public"});
  const PermissionGrant &Public = Api->config.permissions[0];
  expectKnown(Public.principal, "*", 620, 26, 29);
  expectKnown(Public.action, "lambda:InvokeFunctionUrl", 616, 23, 49);
  expectKnown(Public.functionUrlAuthType, "NONE", 619, 39, 45);
  expectAbsent(Public.sourceArn, 608);
  EXPECT_FALSE(Public.otherCondition);
}

TEST_F(TerraformModelPlan, FunctionUrlAndItsInvoker) {
  ASSERT_NE(Api, nullptr);
  ASSERT_TRUE(Api->config.url.has_value());
  const FunctionUrl &U = *Api->config.url;
  EXPECT_EQ(U.location.region.startLine, 500u);
  expectKnown(U.authType, "NONE", 508, 35, 41);
  EXPECT_TRUE(U.corsAllowsAnyOrigin);
  EXPECT_EQ(U.corsLocation.region.startLine, 520u);
  expectKnown(U.qualified, false, 500, 9, 10); // qualifier null
  EXPECT_EQ(evidence(Api->config), std::vector<std::string>{"aws_lambda_function_url.api"});
  EXPECT_EQ(Api->config.invokers[0].source, "function-url");
  EXPECT_EQ(Api->config.invokers[0].kind, InvocationKind::Synchronous);
}

TEST_F(TerraformModelPlan, EventInvokeConfigOnFailureDestination) {
  ASSERT_TRUE(Api && Worker);
  // destination = aws_sqs_queue.dlq.arn: configured, known after apply.
  expectUnknown(Api->config.onFailureDestination, 1495);
  EXPECT_EQ(Api->config.onFailureDestination.location.logical.fullyQualifiedName,
            "aws_lambda_function_event_invoke_config.api.destination_config[0].on_failure[0].destination");
  EXPECT_FALSE(Worker->config.onFailureDestination.written());
}

TEST_F(TerraformModelPlan, NotificationSubscriptionAndEventTarget) {
  ASSERT_NE(Worker, nullptr);
  const Invoker *S3 = invoker(Worker->config, "aws_s3_bucket_notification.uploads");
  const Invoker *Sns = invoker(Worker->config, "aws_sns_topic_subscription.alerts_worker");
  const Invoker *Events = invoker(Worker->config, "aws_cloudwatch_event_target.nightly");
  ASSERT_TRUE(S3 && Sns && Events);
  // The lambda_function block of the notification; bound to the alias.
  EXPECT_EQ(S3->location.region.startLine, 654u);
  EXPECT_EQ(S3->location.logical.fullyQualifiedName, "aws_s3_bucket_notification.uploads.lambda_function[0]");
  EXPECT_TRUE(S3->qualified.known() && S3->qualified.value);
  EXPECT_EQ(Sns->source, "sns");
  EXPECT_EQ(Sns->location.region.startLine, 692u);
  EXPECT_TRUE(Sns->qualified.known() && !Sns->qualified.value);
  EXPECT_EQ(Events->source, "eventbridge");
  EXPECT_EQ(Events->kind, InvocationKind::Asynchronous);
  EXPECT_EQ(Events->location.region.startLine, 27u);
}

TEST_F(TerraformModelPlan, PermissionForAFunctionNotInThePlanGoesToTheScanner) {
  // aws_lambda_permission.authorizer names "shared-authorizer", a data
  // source: no function of this plan gets it.
  for (const Deployable &D : L.deployables)
    for (const PermissionGrant &P : D.config.permissions)
      EXPECT_NE(P.id, "aws_lambda_permission.authorizer") << D.logicalId;
  ASSERT_EQ(L.attachments.size(), 1u);
  const FunctionAttachment &A = L.attachments[0];
  EXPECT_EQ(A.functionRef, "shared-authorizer");
  ASSERT_TRUE(A.permission.has_value());
  EXPECT_EQ(A.permission->id, "aws_lambda_permission.authorizer");
  expectKnown(A.permission->sourceArn, "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/authorizers/*", 564, 27,
              96);
  ASSERT_TRUE(A.invoker.has_value());
  EXPECT_EQ(A.invoker->source, "api-gateway");
  EXPECT_EQ(A.invoker->kind, InvocationKind::Synchronous);
}

//===----------------------------------------------------------------------===//
// Modules
//===----------------------------------------------------------------------===//

class TerraformModelModules : public ::testing::Test {
protected:
  const std::string Text = terraformFixture("modules-plan.json");
  TemplateLoad L = loadTerraformJson("infra/modules-plan.json", Text);
  const Deployable *Api = find(L, "module.api.aws_lambda_function.this");
  const Deployable *Resize = find(L, "module.workers[\"resize\"].aws_lambda_function.this");
  const Deployable *Thumbnail = find(L, "module.workers[\"thumbnail\"].aws_lambda_function.this");
};

TEST_F(TerraformModelModules, FunctionsInModulesHaveTheirSettings) {
  EXPECT_TRUE(L.problems.empty());
  EXPECT_EQ(L.deployables.size(), 3u);
  ASSERT_TRUE(Api && Resize);
  expectKnown(Api->config.timeout, 10, 109, 28, 30);
  expectKnown(Api->config.tracingMode, "Active", 113, 29, 37);
  EXPECT_EQ(Api->config.timeout.location.logical.fullyQualifiedName, "module.api.aws_lambda_function.this.timeout");
  expectKnown(Resize->config.runtime, "nodejs22.x", 240, 28, 40);
}

TEST_F(TerraformModelModules, RootPermissionLinksThroughAModuleOutput) {
  ASSERT_NE(Api, nullptr);
  // function_name = module.api.arn -> output arn = aws_lambda_function.this.arn.
  EXPECT_EQ(permissionIds(Api->config), std::vector<std::string>{"aws_lambda_permission.apigw"});
  const Invoker *Apigw =
      invoker(Api->config, "aws_lambda_permission.apigw (apigateway.amazonaws.com)");
  ASSERT_NE(Apigw, nullptr);
  EXPECT_EQ(Apigw->source, "api-gateway");
  EXPECT_EQ(Apigw->location.region.startLine, 7u);
}

TEST_F(TerraformModelModules, MappingInAModuleLinksThroughItsInputToAnotherModulesOutput) {
  ASSERT_NE(Api, nullptr);
  // In module.queue_trigger: function_name = var.function_arn, which the
  // root writes as module.api.arn; the queue is the module's own.
  const Invoker *Mapping = invoker(
      Api->config, "module.queue_trigger.aws_lambda_event_source_mapping.this (sqs)");
  ASSERT_NE(Mapping, nullptr);
  EXPECT_EQ(Mapping->kind, InvocationKind::Polled);
  EXPECT_EQ(Mapping->location.region.startLine, 143u);
  ASSERT_TRUE(Mapping->queue.has_value());
  EXPECT_EQ(Mapping->queue->name, "module.queue_trigger.aws_sqs_queue.this");
  EXPECT_TRUE(Mapping->queue->fifo);
  expectKnown(Mapping->queue->visibilityTimeout, 20, 196, 47, 49);
  // Unknown in the plan (the provider computes it) but not configured.
  expectAbsent(Mapping->queue->redrivePolicy, 182);
}

TEST_F(TerraformModelModules, ReferencesInsideAModuleInstanceStayInThatInstance) {
  ASSERT_TRUE(Resize && Thumbnail);
  // aws_lambda_permission.sns and the subscription say aws_lambda_function.this
  // in both instances of module.workers: each gets its own.
  EXPECT_EQ(evidence(Resize->config),
            (std::vector<std::string>{
                "module.workers[\"resize\"].aws_lambda_permission.sns (sns.amazonaws.com)",
                "module.workers[\"resize\"].aws_sns_topic_subscription.this"}));
  EXPECT_EQ(evidence(Thumbnail->config),
            (std::vector<std::string>{
                "module.workers[\"thumbnail\"].aws_lambda_permission.sns (sns.amazonaws.com)",
                "module.workers[\"thumbnail\"].aws_sns_topic_subscription.this"}));
  EXPECT_EQ(permissionIds(Thumbnail->config),
            std::vector<std::string>{"module.workers[\"thumbnail\"].aws_lambda_permission.sns"});
  expectUnknown(Thumbnail->config.permissions[0].sourceArn, 996); // var.topic_arn
}

TEST_F(TerraformModelModules, UnresolvableReferenceLinksNothing) {
  // aws_lambda_permission.legacy: function_name = local.legacy_function_arn,
  // unknown until apply. No function gets it, and there is no name to hand on.
  for (const Deployable &D : L.deployables)
    for (const PermissionGrant &P : D.config.permissions)
      EXPECT_NE(P.id, "aws_lambda_permission.legacy") << D.logicalId;
  EXPECT_TRUE(L.attachments.empty());
}

//===----------------------------------------------------------------------===//
// State: literal names and ARNs
//===----------------------------------------------------------------------===//

class TerraformModelState : public ::testing::Test {
protected:
  const std::string Text = terraformFixture("state.json");
  TemplateLoad L = loadTerraformJson("infra/state.json", Text);
  const Deployable *Api = find(L, "aws_lambda_function.api");
};

TEST_F(TerraformModelState, SettingsOfADeployedFunction) {
  EXPECT_TRUE(L.isTemplate);
  ASSERT_NE(Api, nullptr);
  expectKnown(Api->config.runtime, "python3.9", 103, 24, 35);
  expectKnown(Api->config.timeout, 900, 112, 24, 27);
  expectKnown(Api->config.reservedConcurrency, 0, 101, 47, 48);
  expectKnown(Api->config.deadLetterTarget, "arn:aws:sqs:eu-west-1:123456789012:orders-dlq", 73, 31, 78);
  expectAbsent(Api->config.kmsKeyArn, 58);
  expectAbsent(Api->config.subnetCount, 58);
}

TEST_F(TerraformModelState, LiteralNamesAndArnsLink) {
  ASSERT_NE(Api, nullptr);
  const FunctionConfig &C = Api->config;
  // The alias names the function by ARN.
  expectKnown(C.autoPublishAlias, "live", 21, 21, 27);
  // The invoke config by name.
  expectKnown(C.onFailureDestination, "arn:aws:sqs:eu-west-1:123456789012:orders-dlq", 156, 36, 83);
  // The mapping by the alias's ARN: qualified; its queue by the name at the
  // end of event_source_arn.
  const Invoker *Jobs = invoker(C, "aws_lambda_event_source_mapping.jobs (sqs)");
  ASSERT_NE(Jobs, nullptr);
  expectKnown(Jobs->qualified, true, 44, 30, 94);
  ASSERT_TRUE(Jobs->queue.has_value());
  EXPECT_EQ(Jobs->queue->name, "aws_sqs_queue.jobs");
  expectKnown(Jobs->queue->visibilityTimeout, 60, 248, 43, 45);
  expectKnown(Jobs->queue->redrivePolicy, true, 246, 31, 130);
  // The permission by ARN, with no source condition.
  EXPECT_EQ(permissionIds(C), std::vector<std::string>{"aws_lambda_permission.s3"});
  expectAbsent(C.permissions[0].sourceArn, 182);
  expectAbsent(C.permissions[0].sourceAccount, 182);
  const Invoker *S3 = invoker(C, "aws_lambda_permission.s3 (s3.amazonaws.com)");
  ASSERT_NE(S3, nullptr);
  expectKnown(S3->qualified, false, 197, 26, 28); // qualifier ""
}

TEST_F(TerraformModelState, PermissionOnAnotherAccountsFunctionIsAnAttachment) {
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(permissionIds(Api->config), std::vector<std::string>{"aws_lambda_permission.s3"});
  ASSERT_EQ(L.attachments.size(), 1u);
  EXPECT_EQ(L.attachments[0].functionRef, "arn:aws:lambda:eu-west-1:210987654321:function:billing-sync");
  ASSERT_TRUE(L.attachments[0].permission.has_value());
  EXPECT_EQ(L.attachments[0].permission->id, "aws_lambda_permission.other_account");
  EXPECT_FALSE(L.attachments[0].invoker.has_value()) << "an account is no service";
}

//===----------------------------------------------------------------------===//
// Edge cases, inline
//===----------------------------------------------------------------------===//

/// A state of \p Resources (JSON objects, comma-separated).
std::string stateOf(const std::string &Resources) {
  return R"({"format_version":"1.0","terraform_version":"1.7.5","values":{"root_module":{"resources":[)" + Resources +
         "]}}}";
}

std::string resource(const std::string &Address, const std::string &Type, const std::string &Values) {
  std::string Name = Address.substr(Address.rfind('.') + 1);
  return R"({"address":")" + Address + R"(","mode":"managed","type":")" + Type + R"(","name":")" + Name +
         R"(","values":)" + Values + "}";
}

TEST(TerraformModelEdge, AmbiguousReferenceLinksNothing) {
  // Two instances of aws_lambda_function.f (count = 2); the permission's
  // reference names the resource, not an instance, and no literal says which.
  const std::string Plan =
      R"({"format_version":"1.2","terraform_version":"1.7.5","planned_values":{"root_module":{"resources":[)"
      R"({"address":"aws_lambda_function.f[0]","mode":"managed","type":"aws_lambda_function","name":"f","index":0,)"
      R"("values":{"function_name":"f-0","timeout":3}},)"
      R"({"address":"aws_lambda_function.f[1]","mode":"managed","type":"aws_lambda_function","name":"f","index":1,)"
      R"("values":{"function_name":"f-1","timeout":3}},)"
      R"({"address":"aws_lambda_permission.p","mode":"managed","type":"aws_lambda_permission","name":"p",)"
      R"("values":{"principal":"sns.amazonaws.com"}}]}},)"
      R"("resource_changes":[{"address":"aws_lambda_permission.p","change":{"after_unknown":{"function_name":true}}}],)"
      R"("configuration":{"root_module":{"resources":[{"address":"aws_lambda_permission.p","mode":"managed",)"
      R"("type":"aws_lambda_permission","name":"p","expressions":{"function_name":{"references":)"
      R"(["aws_lambda_function.f","local.pick"]}}}]}}})";
  TemplateLoad L = loadTerraformJson("plan.json", Plan);
  ASSERT_EQ(L.deployables.size(), 2u);
  for (const Deployable &D : L.deployables) {
    EXPECT_TRUE(D.config.permissions.empty()) << D.logicalId;
    EXPECT_TRUE(D.config.invokers.empty()) << D.logicalId;
  }
  EXPECT_TRUE(L.attachments.empty());
}

TEST(TerraformModelEdge, InstanceReferenceAndMatchingKeysPickTheInstance) {
  const std::string Plan =
      R"({"format_version":"1.2","terraform_version":"1.7.5","planned_values":{"root_module":{"resources":[)"
      R"({"address":"aws_lambda_function.f[\"a\"]","mode":"managed","type":"aws_lambda_function","name":"f",)"
      R"("index":"a","values":{"function_name":"f-a"}},)"
      R"({"address":"aws_lambda_function.f[\"b\"]","mode":"managed","type":"aws_lambda_function","name":"f",)"
      R"("index":"b","values":{"function_name":"f-b"}},)"
      R"({"address":"aws_lambda_permission.one","mode":"managed","type":"aws_lambda_permission","name":"one",)"
      R"("values":{"principal":"events.amazonaws.com"}},)"
      R"({"address":"aws_lambda_permission.each[\"b\"]","mode":"managed","type":"aws_lambda_permission",)"
      R"("name":"each","index":"b","values":{"principal":"sns.amazonaws.com"}}]}},)"
      R"("configuration":{"root_module":{"resources":[)"
      R"({"address":"aws_lambda_permission.one","mode":"managed","type":"aws_lambda_permission","name":"one",)"
      R"("expressions":{"function_name":{"references":["aws_lambda_function.f[\"a\"].arn",)"
      R"("aws_lambda_function.f[\"a\"]","aws_lambda_function.f"]}}},)"
      R"({"address":"aws_lambda_permission.each","mode":"managed","type":"aws_lambda_permission","name":"each",)"
      R"("expressions":{"function_name":{"references":["aws_lambda_function.f","each.key"]}}}]}}})";
  TemplateLoad L = loadTerraformJson("plan.json", Plan);
  const Deployable *A = find(L, "aws_lambda_function.f[\"a\"]");
  const Deployable *B = find(L, "aws_lambda_function.f[\"b\"]");
  ASSERT_TRUE(A && B);
  EXPECT_EQ(permissionIds(A->config), std::vector<std::string>{"aws_lambda_permission.one"});
  EXPECT_EQ(permissionIds(B->config), std::vector<std::string>{"aws_lambda_permission.each[\"b\"]"});
}

TEST(TerraformModelEdge, SeparateRedrivePolicyResourceGivesTheQueueOne) {
  const std::string Plan =
      R"({"format_version":"1.2","terraform_version":"1.7.5","planned_values":{"root_module":{"resources":[)"
      R"({"address":"aws_lambda_function.f","mode":"managed","type":"aws_lambda_function","name":"f",)"
      R"("values":{"function_name":"f","timeout":30}},)"
      R"({"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q",)"
      R"("values":{"name":"q","visibility_timeout_seconds":30,"fifo_queue":false}},)"
      R"({"address":"aws_sqs_queue_redrive_policy.q","mode":"managed","type":"aws_sqs_queue_redrive_policy",)"
      R"("name":"q","values":{}},)"
      R"({"address":"aws_lambda_event_source_mapping.m","mode":"managed","type":"aws_lambda_event_source_mapping",)"
      R"("name":"m","values":{"function_name":"f","batch_size":10}}]}},)"
      R"("resource_changes":[)"
      R"({"address":"aws_sqs_queue.q","change":{"after_unknown":{"arn":true,"redrive_policy":true}}},)"
      R"({"address":"aws_sqs_queue_redrive_policy.q","change":{"after_unknown":{"queue_url":true,)"
      R"("redrive_policy":true}}},)"
      R"({"address":"aws_lambda_event_source_mapping.m","change":{"after_unknown":{"event_source_arn":true}}}],)"
      R"("configuration":{"root_module":{"resources":[)"
      R"({"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","expressions":{}},)"
      R"({"address":"aws_sqs_queue_redrive_policy.q","mode":"managed","type":"aws_sqs_queue_redrive_policy",)"
      R"("name":"q","expressions":{"queue_url":{"references":["aws_sqs_queue.q.id","aws_sqs_queue.q"]},)"
      R"("redrive_policy":{"references":["aws_sqs_queue.dlq.arn","aws_sqs_queue.dlq"]}}},)"
      R"({"address":"aws_lambda_event_source_mapping.m","mode":"managed","type":"aws_lambda_event_source_mapping",)"
      R"("name":"m","expressions":{"event_source_arn":{"references":["aws_sqs_queue.q.arn","aws_sqs_queue.q"]},)"
      R"("function_name":{"constant_value":"f"}}}]}}})";
  TemplateLoad L = loadTerraformJson("plan.json", Plan);
  ASSERT_EQ(L.deployables.size(), 1u);
  ASSERT_EQ(L.deployables[0].config.invokers.size(), 1u);
  const Invoker &M = L.deployables[0].config.invokers[0];
  EXPECT_EQ(M.source, "sqs");
  ASSERT_TRUE(M.queue.has_value());
  EXPECT_TRUE(M.queue->redrivePolicy.written()) << "aws_sqs_queue_redrive_policy.q";
  EXPECT_TRUE(M.queue->redrivePolicy.unknown());
  expectKnown(M.qualified, false, 1, 655, 658); // function_name "f"
}

TEST(TerraformModelEdge, LiteralArnsInStateWithQualifiersAndOtherTargets) {
  const std::string Fn = "arn:aws:lambda:eu-west-1:123456789012:function:orders";
  const std::string State = stateOf(
      resource("aws_lambda_function.f", "aws_lambda_function", R"({"function_name":"orders","arn":")" + Fn + R"("})") +
      "," +
      resource("aws_sns_topic_subscription.s", "aws_sns_topic_subscription",
               R"({"protocol":"lambda","endpoint":")" + Fn + R"(:live"})") +
      "," +
      resource("aws_sns_topic_subscription.mail", "aws_sns_topic_subscription",
               R"({"protocol":"email","endpoint":"ops@example.com"})") +
      "," +
      resource("aws_cloudwatch_event_target.queue", "aws_cloudwatch_event_target",
               R"({"arn":"arn:aws:sqs:eu-west-1:123456789012:events"})") +
      "," +
      resource("aws_cloudwatch_event_target.other", "aws_cloudwatch_event_target",
               R"({"arn":"arn:aws:lambda:eu-west-1:123456789012:function:elsewhere"})") +
      "," +
      resource("aws_lambda_event_source_mapping.unknown_kind", "aws_lambda_event_source_mapping",
               R"({"function_name":"orders","event_source_arn":"arn:aws:example:eu-west-1:123456789012:thing"})"));
  TemplateLoad L = loadTerraformJson("state.json", State);
  ASSERT_EQ(L.deployables.size(), 1u);
  const FunctionConfig &C = L.deployables[0].config;
  EXPECT_EQ(evidence(C), std::vector<std::string>{"aws_sns_topic_subscription.s"});
  EXPECT_TRUE(C.invokers[0].qualified.known() && C.invokers[0].qualified.value);
  // Only the Lambda ARN of another function is handed on; the queue target is no function.
  ASSERT_EQ(L.attachments.size(), 1u);
  EXPECT_EQ(L.attachments[0].functionRef, "arn:aws:lambda:eu-west-1:123456789012:function:elsewhere");
  ASSERT_TRUE(L.attachments[0].invoker.has_value());
  EXPECT_EQ(L.attachments[0].invoker->source, "eventbridge");
}

TEST(TerraformModelEdge, OddShapesDoNotCrash) {
  // Configuration and values of the wrong shapes, a module call without a
  // module, references that are not strings, and a module input that
  // refers to the module's own output, which refers to the input.
  const std::string Plan =
      R"({"format_version":"1.2","planned_values":{"root_module":{"resources":[)"
      R"({"address":"module.m.aws_lambda_function.f","mode":"managed","type":"aws_lambda_function","name":"f",)"
      R"("values":{"timeout":"soon","memory_size":[1],"layers":"x","vpc_config":[{"subnet_ids":{}}],)"
      R"("environment":[{"variables":{"A":null}}]}},)"
      R"({"address":"aws_lambda_permission.p","mode":"managed","type":"aws_lambda_permission","name":"p",)"
      R"("values":{"principal":["s3.amazonaws.com"],"function_name":{"x":1}}},)"
      R"({"address":"aws_lambda_event_source_mapping.m","mode":"managed","type":"aws_lambda_event_source_mapping",)"
      R"("name":"m","values":null},)"
      R"({"address":"aws_s3_bucket_notification.n","mode":"managed","type":"aws_s3_bucket_notification",)"
      R"("name":"n","values":{"lambda_function":[null,{"lambda_function_arn":7}]}},)"
      R"({"address":"bogus","values":{}},{"values":{}},7]}},)"
      R"("resource_changes":[{"address":"module.m.aws_lambda_function.f","change":{"after_unknown":)"
      R"({"timeout":[true],"dead_letter_config":true}}},{"change":null},3],)"
      R"("configuration":{"root_module":{"module_calls":{"m":{"module":"oops"},)"
      R"("n":{"expressions":{"v":{"references":["module.n.x"]}},)"
      R"("module":{"outputs":{"x":{"expression":{"references":["var.v"]}}}}}},)"
      R"("outputs":{"o":{"expression":{"references":["module.m.o"]}}},)"
      R"("resources":[{"address":"aws_lambda_permission.p","mode":"managed","type":"aws_lambda_permission",)"
      R"("name":"p","expressions":{"function_name":{"references":[1,{"a":"b"},"module.m.o","module.n.x",)"
      R"("var.v","module","aws_lambda_function"]}}},)"
      R"({"address":"aws_s3_bucket_notification.n","mode":"managed","type":"aws_s3_bucket_notification",)"
      R"("name":"n","expressions":{"lambda_function":"no"}}]}}})";
  TemplateLoad L = loadTerraformJson("plan.json", Plan);
  EXPECT_TRUE(L.isTemplate);
  ASSERT_EQ(L.deployables.size(), 1u);
  const FunctionConfig &C = L.deployables[0].config;
  EXPECT_TRUE(C.timeout.unknown()) << "written, not a number";
  EXPECT_TRUE(C.memorySize.unknown());
  EXPECT_TRUE(C.layerCount.unknown());
  EXPECT_TRUE(C.subnetCount.unknown());
  EXPECT_TRUE(C.deadLetterTarget.unknown()) << "the whole block is unknown; no configuration says otherwise";
  EXPECT_TRUE(C.environmentBytes.unknown()) << "A is null: not a literal";
  EXPECT_TRUE(C.invokers.empty());
  EXPECT_TRUE(C.permissions.empty());
  EXPECT_TRUE(L.attachments.empty());
}

} // namespace
