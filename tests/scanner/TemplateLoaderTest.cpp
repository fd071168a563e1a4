//===- tests/scanner/TemplateLoaderTest.cpp - CloudFormation/SAM loading ---===//
//
// Templates as people write them: SAM with short-form intrinsics and Globals,
// plain CloudFormation with string and S3 Code, layers, JSON. Regions are
// checked to the column, since SARIF points GitHub at them.
//
//===----------------------------------------------------------------------===//
#include "scanner/TemplateLoader.h"
#include "support/Loads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace fnlint;
using fnlint::test::find;
using fnlint::test::ids;
using ::testing::HasSubstr;

namespace {

/// A region on one line, 1-based, end column exclusive.
void expectRegion(const Region &R, std::uint32_t Line, std::uint32_t Col, std::uint32_t EndCol) {
  EXPECT_EQ(R.startLine, Line);
  EXPECT_EQ(R.startColumn, Col);
  EXPECT_EQ(R.endLine, Line);
  EXPECT_EQ(R.endColumn, EndCol);
}

// Line numbers are referred to in the tests below; keep them in step.
const std::string OrdersSam = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders service - API, worker and shared layer

Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, prod]
  NodeRuntime:
    Type: String
    Default: nodejs20.x

Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    Timeout: 10
    MemorySize: 512
    CodeUri: src/common/
    Layers:
      - !Ref SharedLayer
    Environment:
      Variables:
        LOG_LEVEL: INFO
        STAGE: !Ref Stage
        POWERTOOLS_SERVICE_NAME: orders
        DEBUG_MODE: "false"

Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/../src/orders/
      Layers:
        - {Ref: DepsLayer}
        - arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:59
        - !Sub arn:aws:lambda:${AWS::Region}:123456789012:layer:extensions:3
      Environment:
        Variables:
          TABLE_NAME: !Ref OrdersTable
          QUEUE_URL: !GetAtt OrdersQueue.QueueUrl
          MAX_ITEMS: 50
          LOG_LEVEL: DEBUG
          DEBUG_MODE: !If [IsDev, "true", "false"]
          BUCKET: !Sub "${AWS::StackName}-exports"
      Events:
        CreateOrder:
          Type: Api
          Properties:
            Path: /orders
            Method: post
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable

  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: "src/worker"
      Handler: worker.main
      Runtime: !Ref NodeRuntime
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn

  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.11

  ArchiveFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://orders-artifacts-123456789012/archive/v42.zip

  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri:
        Bucket: orders-artifacts-123456789012
        Key: export/v7.zip

  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: !Sub orders-shared-${Stage}
      ContentUri: layers/shared/
      CompatibleRuntimes: [python3.12]

  DepsLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: build/deps-layer.zip

  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST

  OrdersQueue:
    Type: AWS::SQS::Queue

Outputs:
  ApiUrl:
    Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/"
)";

//===----------------------------------------------------------------------===//
// SAM
//===----------------------------------------------------------------------===//

TEST(TemplateLoader, ShortFormTagsDoNotBreakParsing) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  // Functions and layers only, in document order; the table and queue are not code.
  EXPECT_EQ(ids(L), (std::vector<std::string>{"OrdersFunction", "WorkerFunction", "ReportsFunction",
                                              "ArchiveFunction", "ExportFunction", "SharedLayer", "DepsLayer"}));
}

TEST(TemplateLoader, ServerlessFunctionWithAFolderCodeUri) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *D = find(L, "OrdersFunction");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->kind, Deployable::Kind::Function);
  EXPECT_EQ(D->resourceType, "AWS::Serverless::Function");
  EXPECT_EQ(D->package, nullptr) << "linking is the scanner's job";
  ASSERT_TRUE(D->code.has_value());
  EXPECT_EQ(D->code->path, "src/orders") << "resolved, normalised, no trailing '/'";

  // Line 33: "      CodeUri: ./src/../src/orders/"
  const Location &C = D->code->location;
  EXPECT_EQ(C.path, "template.yaml");
  EXPECT_TRUE(C.members.empty());
  expectRegion(C.region, 33, 16, 36);
  EXPECT_EQ(C.logical.name, "OrdersFunction");
  EXPECT_EQ(C.logical.fullyQualifiedName, "Resources.OrdersFunction.Properties.CodeUri");
  EXPECT_EQ(C.logical.kind, "property");

  // Line 30: "  OrdersFunction:"
  EXPECT_EQ(D->location.path, "template.yaml");
  expectRegion(D->location.region, 30, 3, 17);
  EXPECT_EQ(D->location.logical, (LogicalLocation{"OrdersFunction", "Resources.OrdersFunction", "resource"}));
}

TEST(TemplateLoader, QuotedCodeUriRegionIncludesTheQuotes) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *D = find(L, "WorkerFunction");
  ASSERT_TRUE(D && D->code);
  EXPECT_EQ(D->code->path, "src/worker");
  // Line 59: '      CodeUri: "src/worker"'
  expectRegion(D->code->location.region, 59, 16, 28);
  expectRegion(D->location.region, 56, 3, 17);
}

TEST(TemplateLoader, SingleQuotedValueWithAnEscapedQuote) {
  const std::string T = "Resources:\n"
                        "  BriefFunction:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: 'src/o''brien/fn'   # the whole quoted value\n"
                        "  DoubleFunction:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: \"src/o'brien/\\\"fn\\\"\"   # an apostrophe and escaped quotes\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  const Deployable *D = find(L, "BriefFunction");
  ASSERT_TRUE(D && D->code);
  EXPECT_EQ(D->code->path, "src/o'brien/fn");
  expectRegion(D->code->location.region, 5, 16, 33);
  const Deployable *Double = find(L, "DoubleFunction");
  ASSERT_TRUE(Double && Double->code);
  EXPECT_EQ(Double->code->path, "src/o'brien/\"fn\"");
  expectRegion(Double->code->location.region, 9, 16, 36);
}

TEST(TemplateLoader, GlobalsAreMergedIntoEveryServerlessFunction) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);

  const Deployable *Orders = find(L, "OrdersFunction");
  ASSERT_NE(Orders, nullptr);
  EXPECT_EQ(Orders->runtime, "python3.12") << "from Globals";
  EXPECT_EQ(Orders->handler, "app.handler") << "from Globals";
  // SAM appends the resource's layers to the Globals list; ARNs and !Sub are not local layers.
  EXPECT_EQ(Orders->layers, (std::vector<std::string>{"SharedLayer", "DepsLayer"}));
  // Literal values only; the resource overrides Globals per variable.
  EXPECT_EQ(Orders->environment, (std::map<std::string, std::string>{{"LOG_LEVEL", "DEBUG"},
                                                                     {"MAX_ITEMS", "50"},
                                                                     {"POWERTOOLS_SERVICE_NAME", "orders"}}));

  const Deployable *Reports = find(L, "ReportsFunction");
  ASSERT_NE(Reports, nullptr);
  ASSERT_TRUE(Reports->code.has_value());
  EXPECT_EQ(Reports->code->path, "src/common") << "CodeUri from Globals";
  expectRegion(Reports->code->location.region, 19, 14, 25); // Globals.Function.CodeUri
  EXPECT_EQ(Reports->runtime, "python3.11") << "the resource overrides Globals";
  EXPECT_EQ(Reports->handler, "app.handler");
  EXPECT_EQ(Reports->layers, std::vector<std::string>{"SharedLayer"});
  EXPECT_EQ(Reports->environment, (std::map<std::string, std::string>{{"DEBUG_MODE", "false"},
                                                                      {"LOG_LEVEL", "INFO"},
                                                                      {"POWERTOOLS_SERVICE_NAME", "orders"}}));
}

TEST(TemplateLoader, EnvironmentOverrideWithAnIntrinsicHidesTheGlobalLiteral) {
  // Globals say DEBUG_MODE: "false"; OrdersFunction sets it with !If. The
  // deployed value is not "false", so it must not be reported as such.
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Orders = find(L, "OrdersFunction");
  ASSERT_NE(Orders, nullptr);
  EXPECT_EQ(Orders->environment.count("DEBUG_MODE"), 0u);
  EXPECT_EQ(Orders->environment.count("STAGE"), 0u);
}

TEST(TemplateLoader, IntrinsicRuntimeStaysUnknownEvenWithAGlobalLiteral) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Worker = find(L, "WorkerFunction");
  ASSERT_NE(Worker, nullptr);
  EXPECT_FALSE(Worker->runtime.has_value()) << "!Ref NodeRuntime is not python3.12 from Globals";
  EXPECT_EQ(Worker->handler, "worker.main");
  EXPECT_EQ(Worker->environment, (std::map<std::string, std::string>{{"DEBUG_MODE", "false"},
                                                                     {"LOG_LEVEL", "INFO"},
                                                                     {"POWERTOOLS_SERVICE_NAME", "orders"}}));
}

TEST(TemplateLoader, S3CodeIsNotLocal) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Archive = find(L, "ArchiveFunction");
  const Deployable *Export = find(L, "ExportFunction");
  ASSERT_TRUE(Archive && Export);
  EXPECT_FALSE(Archive->code.has_value()) << "s3:// URI";
  EXPECT_FALSE(Export->code.has_value()) << "{Bucket, Key}";
  EXPECT_EQ(Archive->runtime, "python3.12");
}

TEST(TemplateLoader, LayerVersionsWithContentUriAndContent) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Shared = find(L, "SharedLayer");
  const Deployable *Deps = find(L, "DepsLayer");
  ASSERT_TRUE(Shared && Deps);
  EXPECT_EQ(Shared->kind, Deployable::Kind::Layer);
  EXPECT_EQ(Shared->resourceType, "AWS::Serverless::LayerVersion");
  ASSERT_TRUE(Shared->code.has_value());
  EXPECT_EQ(Shared->code->path, "layers/shared");
  EXPECT_EQ(Shared->code->location.logical.fullyQualifiedName, "Resources.SharedLayer.Properties.ContentUri");
  expectRegion(Shared->code->location.region, 89, 19, 33);
  EXPECT_FALSE(Shared->runtime.has_value()) << "Globals.Function does not apply to layers";
  EXPECT_FALSE(Shared->handler.has_value());
  EXPECT_TRUE(Shared->layers.empty());
  EXPECT_TRUE(Shared->environment.empty());

  EXPECT_EQ(Deps->kind, Deployable::Kind::Layer);
  EXPECT_EQ(Deps->resourceType, "AWS::Lambda::LayerVersion");
  ASSERT_TRUE(Deps->code.has_value());
  EXPECT_EQ(Deps->code->path, "build/deps-layer.zip");
  EXPECT_EQ(Deps->code->location.logical.fullyQualifiedName, "Resources.DepsLayer.Properties.Content");
  expectRegion(Deps->code->location.region, 95, 16, 36);
}

//===----------------------------------------------------------------------===//
// Plain CloudFormation
//===----------------------------------------------------------------------===//

const std::string ThumbnailCfn = R"(AWSTemplateFormatVersion: "2010-09-09"
Description: Thumbnails, packaged with `aws cloudformation package`
Globals:
  Function:
    Runtime: python3.12
Resources:
  ThumbnailFunction:
    Type: AWS::Lambda::Function
    Properties:
      Code: ./dist/fn.zip
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt ThumbnailRole.Arn
      Layers:
        - !Ref SharpLayer
  ResizeFunction:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        S3Bucket: !Sub "artifacts-${AWS::AccountId}"
        S3Key: resize/v3.zip
      Handler: resize.handler
  InlineFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Code:
        ZipFile: |
          exports.handler = async () => "ok";
  SharpLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content:
        S3Bucket: layers-bucket
        S3Key: sharp.zip
)";

TEST(TemplateLoader, LambdaFunctionCodeAsAStringIsLocal) {
  TemplateLoad L = loadTemplate("template.yaml", ThumbnailCfn);
  EXPECT_TRUE(L.problems.empty());
  const Deployable *D = find(L, "ThumbnailFunction");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->resourceType, "AWS::Lambda::Function");
  ASSERT_TRUE(D->code.has_value());
  EXPECT_EQ(D->code->path, "dist/fn.zip");
  EXPECT_EQ(D->code->location.logical.fullyQualifiedName, "Resources.ThumbnailFunction.Properties.Code");
  expectRegion(D->code->location.region, 10, 13, 26);
  EXPECT_EQ(D->runtime, "nodejs20.x");
  EXPECT_EQ(D->handler, "index.handler");
  EXPECT_EQ(D->layers, std::vector<std::string>{"SharpLayer"});
}

TEST(TemplateLoader, LambdaFunctionCodeInS3OrInlineIsNotLocal) {
  TemplateLoad L = loadTemplate("template.yaml", ThumbnailCfn);
  const Deployable *Resize = find(L, "ResizeFunction");
  const Deployable *Inline = find(L, "InlineFunction");
  const Deployable *Sharp = find(L, "SharpLayer");
  ASSERT_TRUE(Resize && Inline && Sharp);
  EXPECT_FALSE(Resize->code.has_value());
  EXPECT_FALSE(Inline->code.has_value());
  EXPECT_FALSE(Sharp->code.has_value());
  EXPECT_FALSE(Resize->runtime.has_value()) << "SAM Globals do not apply to AWS::Lambda::Function";
}

//===----------------------------------------------------------------------===//
// Paths
//===----------------------------------------------------------------------===//

TEST(TemplateLoader, CodePathsAreResolvedFromTheTemplatesFolder) {
  const std::string T = "Transform: AWS::Serverless-2016-10-31\n"
                        "Resources:\n"
                        "  Api:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: ../../src/api/, Handler: main, Runtime: provided.al2023}\n"
                        "  Here:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: .}\n"
                        "  Sibling:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: handlers//sibling/./}\n"
                        "  Escaping:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: ../../../outside}\n"
                        "  Absolute:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: /opt/build/fn.zip}\n"
                        "  Web:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties: {CodeUri: 'https://example.com/fn.zip'}\n";
  TemplateLoad L = loadTemplate("services/orders/template.yaml", T);
  ASSERT_EQ(L.deployables.size(), 6u);
  EXPECT_EQ(find(L, "Api")->code->path, "src/api");
  EXPECT_EQ(find(L, "Here")->code->path, "services/orders");
  EXPECT_EQ(find(L, "Sibling")->code->path, "services/orders/handlers/sibling");
  EXPECT_EQ(find(L, "Escaping")->code->path, "../outside");
  EXPECT_EQ(find(L, "Absolute")->code->path, "/opt/build/fn.zip");
  EXPECT_FALSE(find(L, "Web")->code.has_value());
  // Flow-style values have regions too: line 5, "CodeUri: ../../src/api/" inside braces.
  expectRegion(find(L, "Api")->code->location.region, 5, 27, 41);
  EXPECT_EQ(find(L, "Api")->code->location.path, "services/orders/template.yaml");

  TemplateLoad Root = loadTemplate("template.yaml", T);
  EXPECT_EQ(find(Root, "Here")->code->path, ".");
  EXPECT_EQ(find(Root, "Sibling")->code->path, "handlers/sibling");
}

TEST(TemplateLoader, LayersByRefInBothForms) {
  const std::string T = "Resources:\n"
                        "  Fn:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: src/fn\n"
                        "      Layers:\n"
                        "        - !Ref PowertoolsLayer\n"
                        "        - Ref: DepsLayer\n"
                        "        - {Ref: VendorLayer}\n"
                        "        - !GetAtt SomeLayer.Arn\n"
                        "        - {Fn::ImportValue: shared-layer-arn}\n"
                        "        - arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  const Deployable *D = find(L, "Fn");
  ASSERT_NE(D, nullptr);
  EXPECT_EQ(D->layers, (std::vector<std::string>{"PowertoolsLayer", "DepsLayer", "VendorLayer"}));
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

const std::string ThumbnailJson = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "ThumbnailFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Code": "build/thumbnail.zip",
        "Handler": "index.handler",
        "Runtime": "nodejs20.x",
        "Role": {"Fn::GetAtt": ["ThumbnailRole", "Arn"]},
        "Layers": [{"Ref": "SharpLayer"}],
        "Environment": {"Variables": {"BUCKET": {"Ref": "Bucket"}, "WIDTH": "320", "RETRIES": 3}}
      }
    },
    "SharpLayer": {
      "Type": "AWS::Serverless::LayerVersion",
      "Properties": {"ContentUri": "layers/sharp"}
    }
  }
}
)";

TEST(TemplateLoader, JsonTemplateWithPositions) {
  TemplateLoad L = loadTemplate("infra/thumbnails.json", ThumbnailJson);
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  ASSERT_EQ(ids(L), (std::vector<std::string>{"ThumbnailFunction", "SharpLayer"}));
  const Deployable &F = L.deployables[0];
  ASSERT_TRUE(F.code.has_value());
  EXPECT_EQ(F.code->path, "infra/build/thumbnail.zip");
  expectRegion(F.code->location.region, 7, 17, 38);
  expectRegion(F.location.region, 4, 5, 24);
  EXPECT_EQ(F.runtime, "nodejs20.x");
  EXPECT_EQ(F.handler, "index.handler");
  EXPECT_EQ(F.layers, std::vector<std::string>{"SharpLayer"});
  EXPECT_EQ(F.environment, (std::map<std::string, std::string>{{"RETRIES", "3"}, {"WIDTH", "320"}}));
  const Deployable &Layer = L.deployables[1];
  ASSERT_TRUE(Layer.code.has_value());
  EXPECT_EQ(Layer.code->path, "infra/layers/sharp");
  expectRegion(Layer.code->location.region, 17, 36, 50);
}

//===----------------------------------------------------------------------===//
// Environment variables, every one with its position
//===----------------------------------------------------------------------===//

const EnvironmentVariable *variable(const Deployable &D, std::string_view Name) {
  for (const EnvironmentVariable &V : D.environmentVariables)
    if (V.name == Name)
      return &V;
  ADD_FAILURE() << D.logicalId << " has no variable " << Name;
  return nullptr;
}

std::vector<std::string> variableNames(const Deployable &D) {
  std::vector<std::string> Out;
  for (const EnvironmentVariable &V : D.environmentVariables)
    Out.push_back(V.name);
  return Out;
}

TEST(TemplateLoader, EveryEnvironmentVariableWithItsValuesRegion) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Orders = find(L, "OrdersFunction");
  ASSERT_NE(Orders, nullptr);
  // Globals merged, the resource winning per name, sorted by name.
  EXPECT_EQ(variableNames(*Orders), (std::vector<std::string>{"BUCKET", "DEBUG_MODE", "LOG_LEVEL", "MAX_ITEMS",
                                                               "POWERTOOLS_SERVICE_NAME", "QUEUE_URL", "STAGE",
                                                               "TABLE_NAME"}));
  struct Expected {
    const char *Name;
    bool Literal;
    const char *Value;
    std::uint32_t Line, Col, EndCol;
    const char *Qualified;
  };
  const Expected All[] = {
      {"BUCKET", false, "", 45, 19, 51, "Resources.OrdersFunction.Properties.Environment.Variables.BUCKET"},
      {"DEBUG_MODE", false, "", 44, 23, 51, "Resources.OrdersFunction.Properties.Environment.Variables.DEBUG_MODE"},
      {"LOG_LEVEL", true, "DEBUG", 43, 22, 27, "Resources.OrdersFunction.Properties.Environment.Variables.LOG_LEVEL"},
      {"MAX_ITEMS", true, "50", 42, 22, 24, "Resources.OrdersFunction.Properties.Environment.Variables.MAX_ITEMS"},
      {"POWERTOOLS_SERVICE_NAME", true, "orders", 26, 34, 40,
       "Globals.Function.Environment.Variables.POWERTOOLS_SERVICE_NAME"},
      {"QUEUE_URL", false, "", 41, 22, 50, "Resources.OrdersFunction.Properties.Environment.Variables.QUEUE_URL"},
      {"STAGE", false, "", 25, 16, 26, "Globals.Function.Environment.Variables.STAGE"},
      {"TABLE_NAME", false, "", 40, 23, 39, "Resources.OrdersFunction.Properties.Environment.Variables.TABLE_NAME"},
  };
  for (const Expected &E : All) {
    SCOPED_TRACE(E.Name);
    const EnvironmentVariable *V = variable(*Orders, E.Name);
    ASSERT_NE(V, nullptr);
    EXPECT_EQ(V->literal, E.Literal);
    EXPECT_EQ(V->value, E.Value);
    EXPECT_EQ(V->location.path, "template.yaml");
    expectRegion(V->location.region, E.Line, E.Col, E.EndCol); // tags and quotes included
    EXPECT_EQ(V->location.logical, (LogicalLocation{"OrdersFunction", E.Qualified, "property"}));
  }
  // A reference to a resource is not a parameter reference.
  EXPECT_EQ(variable(*Orders, "TABLE_NAME")->reference, "");
  // The map of literals is what it always was.
  EXPECT_EQ(Orders->environment, (std::map<std::string, std::string>{{"LOG_LEVEL", "DEBUG"},
                                                                     {"MAX_ITEMS", "50"},
                                                                     {"POWERTOOLS_SERVICE_NAME", "orders"}}));
}

TEST(TemplateLoader, RefToAParameterWithoutDefaultNamesIt) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Reports = find(L, "ReportsFunction");
  ASSERT_NE(Reports, nullptr);
  const EnvironmentVariable *Stage = variable(*Reports, "STAGE");
  ASSERT_NE(Stage, nullptr);
  EXPECT_FALSE(Stage->literal);
  EXPECT_EQ(Stage->reference, "Stage");
  EXPECT_FALSE(Stage->noEcho);
  EXPECT_FALSE(Stage->parameterDefault.has_value());
  // No Default: the parameter's name, line 6 "  Stage:".
  expectRegion(Stage->parameterLocation.region, 6, 3, 8);
  EXPECT_EQ(Stage->parameterLocation.logical, (LogicalLocation{"Stage", "Parameters.Stage", "parameter"}));
  EXPECT_EQ(variableNames(*Reports),
            (std::vector<std::string>{"DEBUG_MODE", "LOG_LEVEL", "POWERTOOLS_SERVICE_NAME", "STAGE"}));
}

TEST(TemplateLoader, LayersHaveNoEnvironment) {
  TemplateLoad L = loadTemplate("template.yaml", OrdersSam);
  const Deployable *Shared = find(L, "SharedLayer");
  ASSERT_NE(Shared, nullptr);
  EXPECT_TRUE(Shared->environmentVariables.empty());
}

// Line numbers are referred to in the tests below; keep them in step.
const std::string PaymentsSam = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Payments service

Parameters:
  DbPassword:
    Type: String
    NoEcho: true
  ApiToken:
    Type: String
    Default: tok-4f9a8b7c6d5e4f3a2b1c
  SigningSecret:
    Type: String
    NoEcho: 'TRUE'
    Default: changeme-7Hq2
  Stage:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]

Globals:
  Function:
    Runtime: python3.12
    Environment:
      Variables:
        STAGE: !Ref Stage
        DB_SECRET: '{{resolve:secretsmanager:payments/db:SecretString:password}}'
        LOG_LEVEL: INFO

Resources:
  PaymentsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/payments/
      Environment:
        Variables:
          DB_PASSWORD: !Ref DbPassword
          API_TOKEN: {Ref: ApiToken}
          SIGNING_SECRET:
            Ref: SigningSecret
          TABLE: !Ref PaymentsTable
          REGION: !Ref AWS::Region
          LOG_LEVEL: DEBUG
          RETRIES: 3
          VERBOSE: false
          WEBHOOK_KEY: "{{resolve:ssm-secure:/payments/webhook-key:3}}"
          EMPTY:
          API_URL: !Sub "https://${PaymentsApi}.execute-api.${AWS::Region}.amazonaws.com/prod"

  LegacyFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs18.x
      Code: legacy/
      Environment:
        Variables:
          API_TOKEN: !Ref ApiToken

  PaymentsTable:
    Type: AWS::DynamoDB::Table
)";

TEST(TemplateLoader, NoEchoParameterReferenceIsNotALiteral) {
  TemplateLoad L = loadTemplate("payments/template.yaml", PaymentsSam);
  ASSERT_TRUE(L.problems.empty());
  const Deployable *Payments = find(L, "PaymentsFunction");
  ASSERT_NE(Payments, nullptr);
  const EnvironmentVariable *Db = variable(*Payments, "DB_PASSWORD");
  ASSERT_NE(Db, nullptr);
  EXPECT_FALSE(Db->literal);
  EXPECT_EQ(Db->value, "");
  EXPECT_EQ(Db->reference, "DbPassword");
  EXPECT_TRUE(Db->noEcho);
  EXPECT_FALSE(Db->parameterDefault.has_value());
  expectRegion(Db->location.region, 38, 24, 39); // "!Ref DbPassword"
  expectRegion(Db->parameterLocation.region, 6, 3, 13);
  EXPECT_EQ(Db->parameterLocation.path, "payments/template.yaml");
}

TEST(TemplateLoader, ParameterDefaultWithoutNoEchoIsExposed) {
  // The secret rule flags a literal secret given as a parameter's Default
  // when the parameter is not NoEcho; it needs the Default and where it is.
  TemplateLoad L = loadTemplate("payments/template.yaml", PaymentsSam);
  const Deployable *Payments = find(L, "PaymentsFunction");
  ASSERT_NE(Payments, nullptr);
  const EnvironmentVariable *Token = variable(*Payments, "API_TOKEN"); // {Ref: ApiToken}
  ASSERT_NE(Token, nullptr);
  EXPECT_FALSE(Token->literal);
  EXPECT_EQ(Token->reference, "ApiToken");
  EXPECT_FALSE(Token->noEcho);
  EXPECT_EQ(Token->parameterDefault, "tok-4f9a8b7c6d5e4f3a2b1c");
  expectRegion(Token->location.region, 39, 22, 37); // "{Ref: ApiToken}"
  expectRegion(Token->parameterLocation.region, 11, 14, 38);
  EXPECT_EQ(Token->parameterLocation.logical,
            (LogicalLocation{"ApiToken", "Parameters.ApiToken.Default", "property"}));

  // NoEcho written as a string, in any case, with a Default; the Ref as a block map.
  const EnvironmentVariable *Signing = variable(*Payments, "SIGNING_SECRET");
  ASSERT_NE(Signing, nullptr);
  EXPECT_EQ(Signing->reference, "SigningSecret");
  EXPECT_TRUE(Signing->noEcho);
  EXPECT_EQ(Signing->parameterDefault, "changeme-7Hq2");
  expectRegion(Signing->location.region, 41, 13, 31); // "Ref: SigningSecret", the map's first line
  expectRegion(Signing->parameterLocation.region, 15, 14, 27);

  // A plain CloudFormation function gets no Globals, but parameters all the same.
  const Deployable *Legacy = find(L, "LegacyFunction");
  ASSERT_NE(Legacy, nullptr);
  EXPECT_EQ(variableNames(*Legacy), std::vector<std::string>{"API_TOKEN"});
  EXPECT_EQ(Legacy->environmentVariables[0].parameterDefault, "tok-4f9a8b7c6d5e4f3a2b1c");
  expectRegion(Legacy->environmentVariables[0].location.region, 59, 22, 35);
}

TEST(TemplateLoader, DynamicReferencesAreLiteralStrings) {
  // {{resolve:...}} is what the file says; the secret rule decides that it
  // is a dynamic reference and not a secret.
  TemplateLoad L = loadTemplate("payments/template.yaml", PaymentsSam);
  const Deployable *Payments = find(L, "PaymentsFunction");
  ASSERT_NE(Payments, nullptr);
  const EnvironmentVariable *Webhook = variable(*Payments, "WEBHOOK_KEY");
  const EnvironmentVariable *DbSecret = variable(*Payments, "DB_SECRET");
  ASSERT_TRUE(Webhook && DbSecret);
  EXPECT_TRUE(Webhook->literal);
  EXPECT_EQ(Webhook->value, "{{resolve:ssm-secure:/payments/webhook-key:3}}");
  expectRegion(Webhook->location.region, 47, 24, 72);
  EXPECT_TRUE(DbSecret->literal) << "from Globals";
  EXPECT_EQ(DbSecret->value, "{{resolve:secretsmanager:payments/db:SecretString:password}}");
  expectRegion(DbSecret->location.region, 27, 20, 82);
  EXPECT_EQ(DbSecret->location.logical.fullyQualifiedName, "Globals.Function.Environment.Variables.DB_SECRET");
  EXPECT_EQ(DbSecret->reference, "");
}

TEST(TemplateLoader, ScalarsIntrinsicsAndEmptyValues) {
  TemplateLoad L = loadTemplate("payments/template.yaml", PaymentsSam);
  const Deployable *Payments = find(L, "PaymentsFunction");
  ASSERT_NE(Payments, nullptr);
  EXPECT_EQ(variableNames(*Payments),
            (std::vector<std::string>{"API_TOKEN", "API_URL", "DB_PASSWORD", "DB_SECRET", "EMPTY", "LOG_LEVEL",
                                      "REGION", "RETRIES", "SIGNING_SECRET", "STAGE", "TABLE", "VERBOSE",
                                      "WEBHOOK_KEY"}));
  const EnvironmentVariable *Retries = variable(*Payments, "RETRIES");
  const EnvironmentVariable *Verbose = variable(*Payments, "VERBOSE");
  const EnvironmentVariable *Empty = variable(*Payments, "EMPTY");
  const EnvironmentVariable *Url = variable(*Payments, "API_URL");
  const EnvironmentVariable *Region = variable(*Payments, "REGION");
  const EnvironmentVariable *Table = variable(*Payments, "TABLE");
  ASSERT_TRUE(Retries && Verbose && Empty && Url && Region && Table);
  EXPECT_TRUE(Retries->literal);
  EXPECT_EQ(Retries->value, "3");
  expectRegion(Retries->location.region, 45, 20, 21);
  EXPECT_TRUE(Verbose->literal);
  EXPECT_EQ(Verbose->value, "false");
  expectRegion(Verbose->location.region, 46, 20, 25);
  // Nothing written: not a literal, and the name's position.
  EXPECT_FALSE(Empty->literal);
  EXPECT_EQ(Empty->value, "");
  expectRegion(Empty->location.region, 48, 11, 16);
  EXPECT_FALSE(Url->literal);
  expectRegion(Url->location.region, 49, 20, 95);
  // References to pseudo parameters and resources name no parameter.
  EXPECT_FALSE(Region->literal);
  EXPECT_EQ(Region->reference, "");
  EXPECT_EQ(Table->reference, "");
  EXPECT_FALSE(Table->noEcho);
  EXPECT_EQ(Payments->environment, (std::map<std::string, std::string>{
                                       {"DB_SECRET", "{{resolve:secretsmanager:payments/db:SecretString:password}}"},
                                       {"LOG_LEVEL", "DEBUG"},
                                       {"RETRIES", "3"},
                                       {"VERBOSE", "false"},
                                       {"WEBHOOK_KEY", "{{resolve:ssm-secure:/payments/webhook-key:3}}"}}));
}

TEST(TemplateLoader, JsonEnvironmentRegions) {
  TemplateLoad L = loadTemplate("infra/thumbnails.json", ThumbnailJson);
  ASSERT_FALSE(L.deployables.empty());
  const Deployable &F = L.deployables[0];
  EXPECT_EQ(variableNames(F), (std::vector<std::string>{"BUCKET", "RETRIES", "WIDTH"}));
  const EnvironmentVariable *Bucket = variable(F, "BUCKET");
  const EnvironmentVariable *Width = variable(F, "WIDTH");
  const EnvironmentVariable *Retries = variable(F, "RETRIES");
  ASSERT_TRUE(Bucket && Width && Retries);
  EXPECT_FALSE(Bucket->literal);
  expectRegion(Bucket->location.region, 12, 49, 66); // {"Ref": "Bucket"}
  EXPECT_TRUE(Width->literal);
  expectRegion(Width->location.region, 12, 77, 82); // "320", quotes included
  EXPECT_EQ(Retries->value, "3");
  expectRegion(Retries->location.region, 12, 95, 96);
}

//===----------------------------------------------------------------------===//
// Not templates, broken templates
//===----------------------------------------------------------------------===//

TEST(TemplateLoader, InvalidYamlIsOneErrorOnTheRightLine) {
  const std::string T = "AWSTemplateFormatVersion: '2010-09-09'\n"
                        "Resources:\n"
                        "  OrdersFunction:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: src/orders/\n"
                        "      Handler: [app.handler\n"
                        "      Runtime: python3.12\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  EXPECT_TRUE(L.deployables.empty());
  ASSERT_EQ(L.problems.size(), 1u);
  const InputProblem &P = L.problems[0];
  EXPECT_EQ(P.level, Level::Error);
  EXPECT_EQ(P.location.path, "template.yaml");
  EXPECT_THAT(P.message, HasSubstr("cannot parse template"));
  EXPECT_GE(P.location.region.startLine, 7u) << "the error is at or after the unclosed '['";
  EXPECT_LE(P.location.region.startLine, 9u);
}

TEST(TemplateLoader, UnquotedColonIsReportedAtItsLineAndColumn) {
  const std::string T = "Resources:\n"
                        "  OrdersFunction:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      Handler: app: handler\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  ASSERT_EQ(L.problems.size(), 1u);
  const InputProblem &P = L.problems[0];
  EXPECT_EQ(P.level, Level::Error);
  EXPECT_EQ(P.location.region.startLine, 5u);
  EXPECT_EQ(P.location.region.startColumn, 19u) << "at the second ':'";
  EXPECT_THAT(P.message, HasSubstr("illegal map value"));
}

TEST(TemplateLoader, BadIndentationIsReportedOnItsLine) {
  const std::string T = "AWSTemplateFormatVersion: '2010-09-09'\n"
                        "Resources:\n"
                        "  OrdersFunction:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: src/orders/\n"
                        "      Handler: app.handler\n"
                        "     Runtime: python3.12\n"
                        "      Timeout: 30\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Error);
  EXPECT_EQ(L.problems[0].location.region.startLine, 8u);
  EXPECT_FALSE(L.isTemplate);
}

TEST(TemplateLoader, TabIndentationIsAnErrorNotACrash) {
  const std::string T = "Resources:\n"
                        "  Fn:\n"
                        "\tType: AWS::Serverless::Function\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Error);
  EXPECT_EQ(L.problems[0].location.region.startLine, 3u);
}

TEST(TemplateLoader, HostileNestingIsAnErrorNotACrash) {
  std::string T = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ";
  T += std::string(100000, '[');
  TemplateLoad L = loadTemplate("template.yaml", T);
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Error);
}

TEST(TemplateLoader, YamlThatIsNotATemplateIsQuietlySkipped) {
  const std::string Workflow = "name: deploy\n"
                               "on:\n"
                               "  push:\n"
                               "    branches: [main]\n"
                               "jobs:\n"
                               "  deploy:\n"
                               "    runs-on: ubuntu-latest\n"
                               "    steps:\n"
                               "      - uses: actions/checkout@v4\n"
                               "      - run: sam deploy --no-confirm-changeset\n";
  for (const std::string &Text : {Workflow, std::string("{\"name\": \"orders\", \"version\": \"1.0.0\"}\n"),
                                  std::string("- a\n- b\n"), std::string(""), std::string("# only a comment\n"),
                                  std::string("Resources: []\n")}) {
    TemplateLoad L = loadTemplate("x.yaml", Text);
    EXPECT_FALSE(L.isTemplate) << Text;
    EXPECT_TRUE(L.problems.empty()) << Text;
    EXPECT_TRUE(L.deployables.empty()) << Text;
  }
}

TEST(TemplateLoader, TemplateWithoutFunctionsIsStillATemplate) {
  const std::string T = "AWSTemplateFormatVersion: '2010-09-09'\n"
                        "Resources:\n"
                        "  Bucket:\n"
                        "    Type: AWS::S3::Bucket\n"
                        "  Weird:\n"
                        "    Type: !Ref TypeParam\n"
                        "  NoType:\n"
                        "    Properties: {}\n"
                        "  Scalar: hello\n";
  TemplateLoad L = loadTemplate("template.yaml", T);
  EXPECT_TRUE(L.isTemplate);
  EXPECT_TRUE(L.deployables.empty());
  EXPECT_TRUE(L.problems.empty());
}

TEST(TemplateLoader, LooksLikeTemplate) {
  EXPECT_TRUE(looksLikeTemplate(OrdersSam));
  EXPECT_TRUE(looksLikeTemplate(ThumbnailJson));
  EXPECT_TRUE(looksLikeTemplate("AWSTemplateFormatVersion: '2010-09-09'\n"));
  EXPECT_TRUE(looksLikeTemplate("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n"));
  EXPECT_FALSE(looksLikeTemplate("{\"name\": \"orders\", \"dependencies\": {\"aws-sdk\": \"^2\"}}\n"));
  EXPECT_FALSE(looksLikeTemplate("services:\n  web:\n    image: nginx\n    deploy:\n      resources: {}\n"));
  EXPECT_FALSE(looksLikeTemplate("Resources:\n  Fn:\n    Type: Custom::Thing\n"));
  EXPECT_FALSE(looksLikeTemplate(""));
}

} // namespace

namespace {

TEST(TemplateLoaderBom, AByteOrderMarkDoesNotShiftRegions) {
  const std::string T = "AWSTemplateFormatVersion: '2010-09-09'\n"
                        "Resources:\n"
                        "  Fn:\n"
                        "    Type: AWS::Serverless::Function\n"
                        "    Properties:\n"
                        "      CodeUri: src/fn/\n";
  fnlint::TemplateLoad Plain = fnlint::loadTemplate("template.yaml", T);
  fnlint::TemplateLoad Bom = fnlint::loadTemplate("template.yaml", "\xEF\xBB\xBF" + T);
  ASSERT_EQ(Plain.deployables.size(), 1u);
  ASSERT_EQ(Bom.deployables.size(), 1u);
  EXPECT_EQ(Bom.deployables[0].code->location.region.startLine, 6u);
  EXPECT_EQ(Bom.deployables[0].code->location.region.startColumn, Plain.deployables[0].code->location.region.startColumn);
  EXPECT_EQ(Bom.deployables[0].location.region.startColumn, 3u) << "the resource key on its own line";
}

} // namespace

namespace {

TEST(TemplateCycles, ResourcesThatDependOnEachOtherAreOneProblemAtTheFirstReference) {
  TemplateLoad L = loadTemplate("template.yaml", "Resources:\n"
                                                 "  Fn:\n"
                                                 "    Type: AWS::Lambda::Function\n"
                                                 "    Properties:\n"
                                                 "      Role: !GetAtt Role.Arn\n"
                                                 "      Environment: {Variables: {Q: {Ref: Queue}}}\n"
                                                 "  Role:\n"
                                                 "    Type: AWS::IAM::Role\n"
                                                 "    DependsOn: [Queue]\n"
                                                 "  Queue:\n"
                                                 "    Type: AWS::SQS::Queue\n"
                                                 "    Properties:\n"
                                                 "      QueueName: {'Fn::Sub': '${Fn.Arn}-q'}\n"
                                                 "  Self:\n"
                                                 "    Type: AWS::SQS::Queue\n"
                                                 "    Properties: {QueueName: !Ref Self}\n");
  ASSERT_EQ(L.problems.size(), 2u);
  EXPECT_EQ(L.problems[0].location.region.startLine, 5u);
  EXPECT_THAT(L.problems[0].message, HasSubstr("circular dependency between resources: Fn, Queue, Role ("));
  EXPECT_EQ(L.problems[1].location.region.startLine, 16u);
  EXPECT_THAT(L.problems[1].message, HasSubstr("circular dependency between resources: Self ("));
  EXPECT_TRUE(L.isTemplate) << "the functions are still checked";
}

TEST(TemplateCycles, OrderedReferencesAndSamExpansionsAreNotCircles) {
  TemplateLoad L = loadTemplate("template.yaml", "Transform: AWS::Serverless-2016-10-31\n"
                                                 "Resources:\n"
                                                 "  Api:\n"
                                                 "    Type: AWS::Serverless::Api\n"
                                                 "    Properties:\n"
                                                 "      DefinitionBody: {uri: !Sub '${Fn.Arn}/invocations'}\n"
                                                 "  Fn:\n"
                                                 "    Type: AWS::Serverless::Function\n"
                                                 "    Properties:\n"
                                                 "      Handler: app.handler\n"
                                                 "      Runtime: python3.12\n"
                                                 "      CodeUri: s3://bucket/fn.zip\n"
                                                 "      Environment:\n"
                                                 "        Variables:\n"
                                                 "          A: !Sub '${!Fn} ${Fn2}'\n"
                                                 "          B: !Sub ['${Fn}', {Fn: literal}]\n"
                                                 "      Events: {Get: {Type: Api, Properties: {RestApiId: !Ref Api}}}\n"
                                                 "  Fn2:\n"
                                                 "    Type: AWS::SQS::Queue\n");
  EXPECT_TRUE(L.problems.empty()) << L.problems[0].message;
}

} // namespace
