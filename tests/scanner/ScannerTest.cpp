//===- tests/scanner/ScannerTest.cpp - scanProject end to end --------------===//
//
// A small but realistic repository: a SAM template with folder and zip code,
// unreferenced archives of several shapes, a missing CodeUri, C++ sources.
// scanProject must discover, load and link it, and give the same Project
// whatever the number of jobs.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "scanner/Scanner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

namespace {

// Line numbers are referred to in the tests below; keep them in step.
const std::string OrdersTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders service

Globals:
  Function:
    Timeout: 10
    Environment:
      Variables:
        TABLE_NAME: !Ref OrdersTable

Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/orders/
      Handler: app.handler
      Runtime: nodejs20.x
      Events:
        Create:
          Type: Api
          Properties: {Path: /orders, Method: post}

  OrdersAdminFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/orders
      Handler: admin.handler
      Runtime: nodejs18.x

  PaymentsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/payments.zip
      Handler: app.lambda_handler
      Runtime: python3.12

  RefundsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/refunds/
      Handler: app.handler
      Runtime: python3.12

  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
)";

const std::string AppJs = "const { DynamoDBClient, PutItemCommand } = require(\"@aws-sdk/client-dynamodb\");\n"
                          "const { randomUUID } = require(\"crypto\");\n"
                          "const db = new DynamoDBClient({});\n"
                          "exports.handler = async (event) => {\n"
                          "  const order = JSON.parse(event.body);\n"
                          "  const id = randomUUID();\n"
                          "  await db.send(new PutItemCommand({ TableName: process.env.TABLE_NAME,\n"
                          "    Item: { pk: { S: id }, total: { N: String(order.total) } } }));\n"
                          "  return { statusCode: 201, body: JSON.stringify({ id }) };\n"
                          "};\n";

const std::string PaymentsPy = "import json\n"
                               "import stripe\n"
                               "\n"
                               "def lambda_handler(event, context):\n"
                               "    intent = stripe.PaymentIntent.create(amount=event[\"amount\"], currency=\"eur\")\n"
                               "    return {\"statusCode\": 200, \"body\": json.dumps({\"id\": intent.id})}\n";

std::string zipOf(const char *Yaml) { return buildZip(YAML::Load(Yaml)); }

class ScannerTest : public ::testing::Test {
protected:
  TempDir Tmp;

  std::string abs(const std::string &Rel) const { return Tmp.path() + "/" + Rel; }
  void write(const std::string &Rel, const std::string &Bytes) { writeFile(abs(Rel), Bytes); }

  /// The repository every test starts from.
  void writeOrdersRepo() {
    write("template.yaml", OrdersTemplate);
    write("src/orders/app.js", AppJs);
    write("src/orders/admin.js", "exports.handler = async () => ({ statusCode: 200, body: \"admin\" });\n");
    write("src/orders/package.json", "{\n  \"name\": \"orders\",\n  \"version\": \"1.4.0\",\n  \"dependencies\": "
                                     "{\"@aws-sdk/client-dynamodb\": \"^3.478.0\"}\n}\n");
    write("src/orders/node_modules/uuid/package.json", "{\"name\": \"uuid\", \"version\": \"9.0.1\"}\n");
    write("dist/payments.zip", buildZip(paymentsEntries()));
    // Not referenced by any template:
    write("artifacts/legacy-billing.zip",
          zipOf("[{path: index.js, text: \"exports.handler = async () => 'billed';\\n\"},"
                " {path: package.json, text: \"{\\\"name\\\": \\\"billing\\\"}\\n\"}]"));
    write("layers/python-deps.zip",
          zipOf("[{path: python/, dir: true}, {path: python/requests/__init__.py, text: \"__version__ = '2.31.0'\\n\"}]"));
    write("data/seed-data.zip",
          zipOf("[{path: orders.csv, text: \"id,total\\no-1,12.50\\no-2,99.00\\n\"},"
                " {path: customers.csv, text: \"id,name\\nc-1,Ada\\n\"}]"));
    write("vendor/six-1.16.0-py2.py3-none-any.whl",
          zipOf("[{path: six.py, text: \"__version__ = '1.16.0'\\n\"},"
                " {path: six-1.16.0.dist-info/METADATA, text: \"Name: six\\nVersion: 1.16.0\\n\"}]"));
    write("cpp/handler.cpp", "#include <aws/lambda-runtime/runtime.h>\nint main() {}\n");
    write("events/create-order.json", "{\"body\": \"{\\\"total\\\": 12.5}\"}\n");
    write("README.md", "# Orders\n");
  }

  static YAML::Node paymentsEntries() {
    YAML::Node E = YAML::Load("[{path: requirements.txt, text: \"stripe==7.9.0\\n\"},"
                              " {path: lib/stripe-sdk.jar, zip: [{path: META-INF/MANIFEST.MF, text: \"Manifest-Version: 1.0\\n\"}]}]");
    YAML::Node App;
    App["path"] = "app.py";
    App["text"] = PaymentsPy;
    E.push_back(App);
    return E;
  }

  Project scan(unsigned Jobs = 1, std::vector<std::string> Paths = {"."}) {
    ScanOptions O;
    O.root = Tmp.path();
    for (const std::string &P : Paths)
      O.paths.push_back(P == "." ? Tmp.path() : abs(P));
    O.jobs = Jobs;
    return scanProject(O);
  }

  static const Package *package(const Project &P, std::string_view DisplayPath) {
    for (const auto &Pkg : P.packages)
      if (Pkg->location.displayPath() == DisplayPath)
        return Pkg.get();
    ADD_FAILURE() << "no package " << DisplayPath;
    return nullptr;
  }
  static const Deployable *deployable(const Project &P, std::string_view Id) {
    const Deployable *D = P.findDeployable("template.yaml", Id);
    if (!D)
      ADD_FAILURE() << "no deployable " << Id;
    return D;
  }
  static std::vector<std::string> packagePaths(const Project &P) {
    std::vector<std::string> Out;
    for (const auto &Pkg : P.packages)
      Out.push_back(Pkg->location.displayPath());
    return Out;
  }
};

TEST_F(ScannerTest, FindsTemplatesPackagesAndSources) {
  writeOrdersRepo();
  Project P = scan();
  EXPECT_EQ(P.root, Tmp.path());
  EXPECT_EQ(P.templates, std::vector<std::string>{"template.yaml"}) << "events/create-order.json is not one";
  EXPECT_EQ(P.texts.at("template.yaml"), OrdersTemplate);
  EXPECT_EQ(P.cppSources, std::vector<std::string>{"cpp/handler.cpp"});
  EXPECT_EQ(P.filesSeen, 12u) << "regular files outside node_modules/";

  std::vector<std::string> Ids;
  for (const Deployable &D : P.deployables)
    Ids.push_back(D.logicalId);
  EXPECT_EQ(Ids, (std::vector<std::string>{"OrdersAdminFunction", "OrdersFunction", "PaymentsFunction",
                                           "RefundsFunction"}))
      << "sorted by template, then logical id";

  EXPECT_EQ(packagePaths(P), (std::vector<std::string>{
                                 "artifacts/legacy-billing.zip", "data/seed-data.zip", "dist/payments.zip",
                                 "dist/payments.zip!/lib/stripe-sdk.jar", "layers/python-deps.zip", "src/orders",
                                 "vendor/six-1.16.0-py2.py3-none-any.whl"}))
      << "sorted by path then member chain; the referenced zip is loaded once";
}

TEST_F(ScannerTest, LinksAFunctionToItsFolder) {
  writeOrdersRepo();
  Project P = scan();
  const Package *Folder = package(P, "src/orders");
  const Deployable *Orders = deployable(P, "OrdersFunction");
  const Deployable *Admin = deployable(P, "OrdersAdminFunction");
  ASSERT_TRUE(Folder && Orders && Admin);

  EXPECT_TRUE(Folder->isFolder());
  EXPECT_EQ(Folder->role, Package::Role::Deployed);
  EXPECT_TRUE(Folder->isLambdaCode());
  EXPECT_EQ(Orders->package, Folder);
  EXPECT_EQ(Admin->package, Folder) << "'./src/orders' and 'src/orders/' are the same folder";
  EXPECT_EQ(Folder->deployedBy, (std::vector<std::string>{"OrdersAdminFunction", "OrdersFunction"}));
  EXPECT_EQ(Folder->runtimes, (std::vector<std::string>{"nodejs18.x", "nodejs20.x"}));

  // The anchor is the CodeUri value of the first function in sorted order:
  // line 27, "      CodeUri: ./src/orders".
  EXPECT_EQ(Folder->anchor, Admin->code->location);
  EXPECT_EQ(Folder->anchor.path, "template.yaml");
  EXPECT_EQ(Folder->anchor.region.startLine, 27u);
  EXPECT_EQ(Folder->anchor.region.startColumn, 16u);
  EXPECT_EQ(Folder->anchor.region.endColumn, 28u);
  EXPECT_EQ(Folder->anchor.logical.fullyQualifiedName, "Resources.OrdersAdminFunction.Properties.CodeUri");
  EXPECT_EQ(Orders->code->location.region.startLine, 16u);

  std::vector<std::string> Entries;
  for (const PackageEntry &E : Folder->entries)
    Entries.push_back(E.path);
  EXPECT_EQ(Entries, (std::vector<std::string>{"admin.js", "app.js", "package.json"}))
      << "sam build's npm builder packs the folder without its node_modules and installs the "
         "production dependencies afresh";
  std::string Error, Text;
  auto R = Folder->open(Folder->entries[1], Error);
  ASSERT_NE(R, nullptr) << Error;
  ASSERT_TRUE(R->readAll(Text, 1 << 20));
  EXPECT_EQ(Text, AppJs);
}

TEST_F(ScannerTest, LinksAFunctionToItsZip) {
  writeOrdersRepo();
  Project P = scan();
  const Package *Zip = package(P, "dist/payments.zip");
  const Deployable *Payments = deployable(P, "PaymentsFunction");
  ASSERT_TRUE(Zip && Payments);
  EXPECT_EQ(Payments->package, Zip);
  EXPECT_EQ(Zip->origin, Package::Origin::DiskArchive);
  EXPECT_EQ(Zip->role, Package::Role::Deployed);
  EXPECT_EQ(Zip->deployedBy, std::vector<std::string>{"PaymentsFunction"});
  EXPECT_EQ(Zip->runtimes, std::vector<std::string>{"python3.12"});
  EXPECT_EQ(Zip->anchor, (Location{"dist/payments.zip", {}, {}, {}})) << "an archive anchors findings on itself";
  EXPECT_EQ(Zip->entries.size(), 3u);

  const Package *Jar = package(P, "dist/payments.zip!/lib/stripe-sdk.jar");
  ASSERT_NE(Jar, nullptr);
  EXPECT_TRUE(Jar->isNested());
  EXPECT_TRUE(Jar->deployedBy.empty());
}

TEST_F(ScannerTest, LinksAGetFunctionExportToTheZipBesideIt) {
  // `aws lambda get-function` saved next to the code downloaded from Code.Location.
  const char *GetFunction = R"({"Configuration": {"FunctionName": "%s", "FunctionArn":
      "arn:aws:lambda:eu-west-1:123456789012:function:%s", "Runtime": "python3.12", "Handler": "app.handler"}})";
  auto Json = [&](const char *Name) {
    char Buf[512];
    std::snprintf(Buf, sizeof Buf, GetFunction, Name, Name);
    return std::string(Buf);
  };
  write("export/orders-api/get-function.json", Json("orders-api"));
  write("export/orders-api/code.zip", buildZip(paymentsEntries()));
  // Two zips, one named after the function.
  write("export/billing/get-function.json", Json("billing"));
  write("export/billing/billing.zip", buildZip(paymentsEntries()));
  write("export/billing/layer.zip", buildZip(paymentsEntries()));
  // Two zips, neither named after it: no guess.
  write("export/audit/get-function.json", Json("audit"));
  write("export/audit/a.zip", buildZip(paymentsEntries()));
  write("export/audit/b.zip", buildZip(paymentsEntries()));
  Project P = scan();
  auto Code = [&](const char *File, const char *Id) -> std::string {
    const Deployable *D = P.findDeployable(File, Id);
    if (!D) {
      ADD_FAILURE() << "no function " << Id;
      return "";
    }
    return D->package ? D->package->location.path : "(none)";
  };
  EXPECT_EQ(Code("export/orders-api/get-function.json", "orders-api"), "export/orders-api/code.zip");
  EXPECT_EQ(Code("export/billing/get-function.json", "billing"), "export/billing/billing.zip");
  EXPECT_EQ(Code("export/audit/get-function.json", "audit"), "(none)");
  EXPECT_EQ(package(P, "export/orders-api/code.zip")->role, Package::Role::Deployed);
}

TEST_F(ScannerTest, UnreferencedArchivesAreJudgedByTheirShape) {
  writeOrdersRepo();
  Project P = scan();
  EXPECT_EQ(package(P, "artifacts/legacy-billing.zip")->role, Package::Role::LambdaLike) << "index.js at the root";
  EXPECT_EQ(package(P, "layers/python-deps.zip")->role, Package::Role::LambdaLike) << "a python/ layer";
  EXPECT_EQ(package(P, "data/seed-data.zip")->role, Package::Role::Other) << "CSV files";
  EXPECT_EQ(package(P, "vendor/six-1.16.0-py2.py3-none-any.whl")->role, Package::Role::Other)
      << "a wheel is a library even with a .py at its root";
  for (const char *Path : {"artifacts/legacy-billing.zip", "layers/python-deps.zip", "data/seed-data.zip"}) {
    EXPECT_TRUE(package(P, Path)->deployedBy.empty()) << Path;
    EXPECT_TRUE(package(P, Path)->runtimes.empty()) << Path;
    EXPECT_EQ(package(P, Path)->anchor.path, Path);
  }
}

TEST_F(ScannerTest, UnreadableUnreferencedZipIsNotLambdaLike) {
  write("artifacts/broken.zip", "index.js\npackage.json\n(not an archive)\n");
  Project P = scan();
  ASSERT_EQ(P.packages.size(), 1u);
  EXPECT_TRUE(P.packages[0]->unreadable.has_value());
  EXPECT_EQ(P.packages[0]->role, Package::Role::Other);
}

TEST_F(ScannerTest, MissingCodeFolderIsANoteNamingTheFunction) {
  writeOrdersRepo();
  Project P = scan();
  const Deployable *Refunds = deployable(P, "RefundsFunction");
  ASSERT_NE(Refunds, nullptr);
  EXPECT_EQ(Refunds->package, nullptr);
  ASSERT_EQ(P.problems.size(), 1u);
  const InputProblem &Pr = P.problems[0];
  EXPECT_EQ(Pr.level, Level::Note) << "usually a build output not built yet";
  EXPECT_THAT(Pr.message, HasSubstr("RefundsFunction"));
  EXPECT_THAT(Pr.message, HasSubstr("src/refunds"));
  EXPECT_THAT(Pr.message, HasSubstr("does not exist"));
  EXPECT_EQ(Pr.location, Refunds->code->location) << "points at the CodeUri line";
  EXPECT_EQ(Pr.location.region.startLine, 41u);
}

TEST_F(ScannerTest, TemplateReferencingAZipOutsideTheScanPathsLoadsIt) {
  write("infra/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                               "Transform: AWS::Serverless-2016-10-31\n"
                               "Resources:\n"
                               "  PaymentsFunction:\n"
                               "    Type: AWS::Serverless::Function\n"
                               "    Properties:\n"
                               "      CodeUri: ../build/payments.zip\n"
                               "      Handler: app.lambda_handler\n"
                               "      Runtime: python3.12\n");
  write("build/payments.zip", buildZip(paymentsEntries()));
  write("build/other.zip", buildZip(paymentsEntries()));

  Project P = scan(2, {"infra"});
  EXPECT_EQ(packagePaths(P), (std::vector<std::string>{"build/payments.zip", "build/payments.zip!/lib/stripe-sdk.jar"}))
      << "only the referenced zip, with what is nested in it";
  const Package *Zip = package(P, "build/payments.zip");
  ASSERT_NE(Zip, nullptr);
  EXPECT_EQ(Zip->role, Package::Role::Deployed);
  EXPECT_EQ(Zip->deployedBy, std::vector<std::string>{"PaymentsFunction"});
  EXPECT_EQ(P.findDeployable("infra/template.yaml", "PaymentsFunction")->package, Zip);
  EXPECT_TRUE(P.problems.empty());
}

TEST_F(ScannerTest, TemplateReferencingAnIgnoredZipLoadsIt) {
  write(".fnlintignore", "build/\n");
  write("template.yaml", "Resources:\n"
                         "  Fn:\n"
                         "    Type: AWS::Lambda::Function\n"
                         "    Properties:\n"
                         "      Code: build/payments.zip\n"
                         "      Runtime: python3.12\n");
  write("build/payments.zip", buildZip(paymentsEntries()));
  write("build/unrelated.zip", buildZip(paymentsEntries()));
  Project P = scan();
  EXPECT_EQ(packagePaths(P), (std::vector<std::string>{"build/payments.zip", "build/payments.zip!/lib/stripe-sdk.jar"}));
  EXPECT_EQ(P.packages[0]->role, Package::Role::Deployed);
}

TEST_F(ScannerTest, BrokenTemplateIsAnErrorAndOtherFilesAreStillScanned) {
  write("template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                         "Resources:\n"
                         "  Fn:\n"
                         "    Type: AWS::Serverless::Function\n"
                         "    Properties:\n"
                         "      Handler: app: handler\n");
  write("dist/fn.zip", zipOf("[{path: index.js, text: \"exports.handler = async () => 1;\\n\"}]"));
  Project P = scan();
  ASSERT_EQ(P.problems.size(), 1u);
  EXPECT_EQ(P.problems[0].level, Level::Error);
  EXPECT_EQ(P.problems[0].location.path, "template.yaml");
  EXPECT_EQ(P.problems[0].location.region.startLine, 6u);
  EXPECT_TRUE(P.templates.empty());
  ASSERT_EQ(P.packages.size(), 1u);
  EXPECT_EQ(P.packages[0]->role, Package::Role::LambdaLike);
}

TEST_F(ScannerTest, ProgressCountersAreFilled) {
  writeOrdersRepo();
  ScanProgress Progress;
  ScanOptions O;
  O.root = Tmp.path();
  O.paths = {Tmp.path()};
  O.jobs = 2;
  O.progress = &Progress;
  Project P = scanProject(O);
  EXPECT_EQ(Progress.filesFound.load(), P.filesSeen);
  EXPECT_EQ(Progress.archivesTotal.load(), 5u);
  EXPECT_EQ(Progress.archivesDone.load(), 5u);
}

/// Everything observable about a project, as text.
std::string describe(const Project &P) {
  std::string S;
  for (const std::string &T : P.templates)
    S += "template " + T + "\n";
  for (const std::string &C : P.cppSources)
    S += "cpp " + C + "\n";
  for (const Deployable &D : P.deployables) {
    S += "deployable " + D.location.path + " " + D.logicalId + " -> " +
         (D.package ? D.package->location.displayPath() : std::string("(none)")) + " runtime " +
         D.runtime.value_or("?") + "\n";
    for (const std::string &L : D.layers)
      S += "  layer " + L + "\n";
  }
  for (const auto &Pkg : P.packages) {
    S += "package " + Pkg->location.displayPath() + " role " + std::to_string(static_cast<int>(Pkg->role)) +
         " anchor " + Pkg->anchor.displayPath() + ":" + std::to_string(Pkg->anchor.region.startLine) + "\n";
    for (const std::string &D : Pkg->deployedBy)
      S += "  by " + D + "\n";
    for (const std::string &R : Pkg->runtimes)
      S += "  runtime " + R + "\n";
    for (const PackageEntry &E : Pkg->entries)
      S += "  " + E.path + " " + std::to_string(E.size) + " " + std::to_string(E.crc32) + "\n";
    for (const LimitViolation &V : Pkg->violations)
      S += "  violation " + V.member + " " + V.detail + "\n";
  }
  for (const InputProblem &Pr : P.problems)
    S += "problem " + Pr.location.displayPath() + ":" + std::to_string(Pr.location.region.startLine) + " " +
         Pr.message + "\n";
  return S;
}

TEST_F(ScannerTest, SameProjectWithOneAndFourJobs) {
  writeOrdersRepo();
  // More templates and archives, so the threads really interleave.
  for (int I = 0; I < 8; ++I) {
    std::string N = std::to_string(I);
    write("services/svc" + N + "/template.yaml",
          "Resources:\n"
          "  Fn" + N + ":\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties: {CodeUri: ../../dist/svc" + N + ".zip, Runtime: nodejs20.x, Handler: index.handler}\n"
          "  Missing" + N + ":\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties: {CodeUri: src/gone}\n");
    write("dist/svc" + N + ".zip",
          zipOf(("[{path: index.js, text: \"exports.handler = async () => " + N +
                 ";\\n\"}, {path: lib/dep.jar, zip: [{path: a.txt, text: x}]}]").c_str()));
  }
  std::string One = describe(scan(1));
  EXPECT_THAT(One, HasSubstr("deployable services/svc7/template.yaml Fn7 -> dist/svc7.zip"));
  EXPECT_THAT(One, HasSubstr("problem services/svc3/template.yaml:7 Missing3"));
  for (int Round = 0; Round < 3; ++Round)
    EXPECT_EQ(describe(scan(4)), One) << "round " << Round;
}

} // namespace
