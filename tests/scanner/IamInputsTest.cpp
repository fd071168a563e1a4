//===- tests/scanner/IamInputsTest.cpp - Policy JSON and `aws iam` outputs ---===//
//
// The IAM policy format: a policy document alone (its kind from its
// Principal element), get-policy-version, get-role-policy, get-role and
// get-account-authorization-details, with documents as objects (elements
// keep their line and column) and as URL-encoded strings; invalid and
// truncated JSON gives an invalid policy, never a crash or a lost file; the
// AWS managed-policy corpus (../shared/corpus/aws-managed-policies), when
// present, loads whole through scanProject.
//
//===----------------------------------------------------------------------===//
#include "scanner/ConfigLoaders.h"
#include "scanner/Scanner.h"
#include "support/Fixture.h"

#include "support/Loads.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

using namespace fnlint;
using namespace fnlint::test;

namespace {

const std::string CorpusDir = std::string(FNLINT_SOURCE_DIR) + "/../shared/corpus/aws-managed-policies";

TEST(IamInputs, StandaloneIdentityPolicyKeepsPositions) {
  const std::string Text = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadOrders",
      "Effect": "Allow",
      "Action": ["dynamodb:GetItem", "dynamodb:Query"],
      "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
    },
    {"Effect": "Deny", "NotAction": "s3:*", "Resource": "*", "Condtion": {}}
  ]
}
)";
  EXPECT_EQ(sniffConfig("iam/orders-read.json", Text), ConfigFormat::IamPolicy);
  TemplateLoad L = loadConfig("iam/orders-read.json", Text);
  ASSERT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::IamPolicy);
  EXPECT_TRUE(L.principals.empty()) << "a policy alone attaches to nothing";
  EXPECT_TRUE(L.deployables.empty());
  ASSERT_EQ(L.policies.size(), 1u);
  const Policy &P = L.policies[0];
  EXPECT_EQ(P.kind, Policy::Kind::Identity);
  EXPECT_EQ(P.name, "orders-read");
  EXPECT_EQ(P.source, "standalone");
  EXPECT_FALSE(P.invalid);
  EXPECT_EQ(P.location.path, "iam/orders-read.json");
  EXPECT_EQ(P.location.region.startLine, 1u);
  ASSERT_TRUE(P.version);
  EXPECT_EQ(P.version->value, "2012-10-17");
  EXPECT_EQ(P.version->location.region.startLine, 2u);
  EXPECT_EQ(P.version->location.region.startColumn, 14u);
  EXPECT_GT(P.characters, 100u);
  ASSERT_EQ(P.statements.size(), 2u);
  const PolicyStatement &Read = P.statements[0];
  EXPECT_EQ(Read.location.region.startLine, 4u);
  EXPECT_EQ(Read.location.region.startColumn, 5u);
  ASSERT_TRUE(Read.sid);
  EXPECT_EQ(Read.sid->value, "ReadOrders");
  EXPECT_EQ(values(Read.actions), (std::vector<std::string>{"dynamodb:GetItem", "dynamodb:Query"}));
  EXPECT_EQ(Read.actions[1].location.region.startLine, 7u);
  EXPECT_EQ(Read.actions[1].location.region.startColumn, 38u);
  EXPECT_EQ(Read.resources[0].location.region.startLine, 8u);
  const PolicyStatement &Deny = P.statements[1];
  EXPECT_TRUE(Deny.notAction);
  EXPECT_EQ(Deny.location.region.startLine, 10u);
  ASSERT_EQ(Deny.unknownElements.size(), 1u);
  EXPECT_EQ(Deny.unknownElements[0].value, "Condtion");
  EXPECT_EQ(Deny.unknownElements[0].location.region.startLine, 10u);
}

TEST(IamInputs, CharactersCountTheDocumentWithoutWhitespace) {
  // Policy size limits count characters, whitespace excluded.
  const std::string Compact = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",)"
                              R"("s3:PutObject"],"Resource":"*"}]})";
  TemplateLoad L = loadConfig("p.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", "
                                        "\"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": \"*\"}\n  ]\n}\n");
  ASSERT_EQ(L.policies.size(), 1u);
  EXPECT_EQ(L.policies[0].characters, Compact.size());
}

TEST(IamInputs, StandaloneKindFollowsThePrincipalElement) {
  TemplateLoad Trust = loadConfig("trust.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]})");
  ASSERT_EQ(Trust.policies.size(), 1u);
  EXPECT_EQ(Trust.policies[0].kind, Policy::Kind::Trust);
  ASSERT_EQ(Trust.policies[0].statements[0].principals.size(), 1u);
  EXPECT_EQ(Trust.policies[0].statements[0].principals[0].type, "Service");

  TemplateLoad Web = loadConfig("oidc-trust.json", R"({"Statement": {"Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
    "Action": "STS:AssumeRoleWithWebIdentity"}})");
  ASSERT_EQ(Web.policies.size(), 1u);
  EXPECT_EQ(Web.policies[0].kind, Policy::Kind::Trust) << "actions are case-insensitive";

  TemplateLoad Resource = loadConfig("function-policy.json", R"({"Version": "2012-10-17", "Id": "default",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction",
    "Resource": "arn:aws:lambda:eu-west-1:123456789012:function:orders"}]})");
  ASSERT_EQ(Resource.policies.size(), 1u);
  EXPECT_EQ(Resource.policies[0].kind, Policy::Kind::Resource);
}

TEST(IamInputs, GetPolicyVersionIsAManagedPolicyNamedAfterItsFile) {
  const std::string Text = R"({
    "PolicyVersion": {
        "CreateDate": "2015-02-06T18:39:46Z",
        "VersionId": "v3",
        "Document": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "lambda:*",
                    "Resource": "*",
                    "Effect": "Allow"
                }
            ]
        },
        "IsDefaultVersion": true
    }
}
)";
  TemplateLoad L = loadConfig("policies/LambdaAll", Text);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.policies.size(), 1u);
  const Policy &P = L.policies[0];
  EXPECT_EQ(P.name, "LambdaAll");
  EXPECT_EQ(P.source, "managed");
  EXPECT_EQ(P.kind, Policy::Kind::Identity);
  EXPECT_EQ(P.location.logical.fullyQualifiedName, "PolicyVersion.Document");
  EXPECT_EQ(P.location.region.startLine, 5u);
  ASSERT_EQ(P.statements.size(), 1u);
  EXPECT_EQ(P.statements[0].location.region.startLine, 8u);
  EXPECT_EQ(P.statements[0].actions[0].value, "lambda:*");
  EXPECT_EQ(P.statements[0].actions[0].location.region.startLine, 9u);
  EXPECT_EQ(P.statements[0].actions[0].location.region.startColumn, 31u);
}

TEST(IamInputs, GetPolicyVersionWithAnUrlEncodedDocument) {
  // The raw API (and `--query` outputs of CLI v1) print the document URL-encoded.
  const std::string Text = R"({"PolicyVersion": {"VersionId": "v1", "IsDefaultVersion": true, "Document":
  "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Areports%2F%2A%22%7D%5D%7D"}}
)";
  TemplateLoad L = loadConfig("reports-read.json", Text);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.policies.size(), 1u);
  const Policy &P = L.policies[0];
  EXPECT_FALSE(P.invalid);
  ASSERT_EQ(P.statements.size(), 1u);
  EXPECT_EQ(values(P.statements[0].actions), std::vector<std::string>{"s3:GetObject"});
  EXPECT_EQ(values(P.statements[0].resources), std::vector<std::string>{"arn:aws:s3:::reports/*"});
  // Elements of a string point at the string.
  EXPECT_EQ(P.statements[0].actions[0].location.region.startLine, 2u);
  EXPECT_EQ(P.statements[0].actions[0].location.region.startColumn, 3u);
}

TEST(IamInputs, GetRolePolicyAttachesAnInlinePolicyToItsRole) {
  const std::string Text = R"({
    "RoleName": "orders-worker",
    "PolicyName": "queue-access",
    "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22sqs%3AReceiveMessage%22%2C%22sqs%3ADeleteMessage%22%5D%2C%22Resource%22%3A%22%2A%22%7D%7D"
}
)";
  EXPECT_EQ(sniffConfig("iam/get-role-policy.json", Text), ConfigFormat::IamPolicy);
  TemplateLoad L = loadConfig("iam/get-role-policy.json", Text);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 1u);
  const IamPrincipal &Role = L.principals[0];
  EXPECT_EQ(Role.kind, IamPrincipal::Kind::Role);
  EXPECT_EQ(Role.id, "orders-worker");
  EXPECT_EQ(Role.location.region.startLine, 2u);
  ASSERT_EQ(Role.policies.size(), 1u);
  const Policy &P = L.policies[Role.policies[0]];
  EXPECT_EQ(P.name, "orders-worker/queue-access");
  EXPECT_EQ(P.source, "inline");
  EXPECT_EQ(P.kind, Policy::Kind::Identity);
  ASSERT_EQ(P.statements.size(), 1u);
  EXPECT_EQ(values(P.statements[0].actions),
            (std::vector<std::string>{"sqs:ReceiveMessage", "sqs:DeleteMessage"}));
  EXPECT_EQ(P.statements[0].location.region.startLine, 4u);
}

TEST(IamInputs, GetUserPolicyAttachesToAUser) {
  TemplateLoad L = loadConfig("get-user-policy.json", R"({"UserName": "ci", "PolicyName": "deploy",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole",
    "Resource": "*"}]}})");
  ASSERT_EQ(L.principals.size(), 1u);
  EXPECT_EQ(L.principals[0].kind, IamPrincipal::Kind::User);
  EXPECT_EQ(policyNames(L, L.principals[0]), std::vector<std::string>{"ci/deploy"});
}

TEST(IamInputs, GetRoleGivesTheRoleAndItsTrustPolicy) {
  const std::string Text = R"({
    "Role": {
        "Path": "/service-role/",
        "RoleName": "orders-api-role",
        "RoleId": "AROAEXAMPLEID",
        "Arn": "arn:aws:iam::123456789012:role/service-role/orders-api-role",
        "CreateDate": "2024-05-01T10:00:00+00:00",
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                    "Action": "sts:AssumeRole"
                }
            ]
        },
        "MaxSessionDuration": 3600
    }
}
)";
  TemplateLoad L = loadConfig("iam/get-role.json", Text);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 1u);
  const IamPrincipal &Role = L.principals[0];
  EXPECT_EQ(Role.id, "orders-api-role");
  EXPECT_EQ(Role.location.region.startLine, 2u);
  ASSERT_EQ(Role.policies.size(), 1u);
  const Policy &Trust = L.policies[Role.policies[0]];
  EXPECT_EQ(Trust.kind, Policy::Kind::Trust);
  EXPECT_EQ(Trust.name, "orders-api-role trust policy");
  ASSERT_EQ(Trust.statements.size(), 1u);
  ASSERT_EQ(Trust.statements[0].principals.size(), 1u);
  EXPECT_EQ(Trust.statements[0].principals[0].type, "AWS");
  EXPECT_EQ(Trust.statements[0].principals[0].values[0].value, "arn:aws:iam::999999999999:root");
  EXPECT_EQ(Trust.statements[0].principals[0].values[0].location.region.startLine, 13u);
}

const char *AuthorizationDetails = R"({
  "UserDetailList": [
    {
      "UserName": "deployer",
      "Arn": "arn:aws:iam::123456789012:user/deployer",
      "GroupList": ["admins"],
      "UserPolicyList": [
        {"PolicyName": "passrole", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}
      ],
      "AttachedManagedPolicies": []
    }
  ],
  "GroupDetailList": [
    {
      "GroupName": "admins",
      "GroupPolicyList": [],
      "AttachedManagedPolicies": [
        {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}
      ]
    }
  ],
  "RoleDetailList": [
    {
      "RoleName": "orders-worker",
      "Arn": "arn:aws:iam::123456789012:role/orders-worker",
      "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
      "RolePolicyList": [
        {"PolicyName": "tables", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}},
        {"PolicyName": "broken", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B"}
      ],
      "AttachedManagedPolicies": [
        {"PolicyName": "orders-logs", "PolicyArn": "arn:aws:iam::123456789012:policy/orders-logs"},
        {"PolicyName": "AWSLambdaBasicExecutionRole",
         "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}
      ]
    }
  ],
  "Policies": [
    {
      "PolicyName": "orders-logs",
      "Arn": "arn:aws:iam::123456789012:policy/orders-logs",
      "DefaultVersionId": "v2",
      "PolicyVersionList": [
        {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*",
          "Resource": "*"}]}, "VersionId": "v2", "IsDefaultVersion": true},
        {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
          "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": false}
      ]
    }
  ]
}
)";

TEST(IamInputs, AccountAuthorizationDetailsGroupsPoliciesByPrincipal) {
  EXPECT_EQ(sniffConfig("account.json", AuthorizationDetails), ConfigFormat::IamPolicy);
  TemplateLoad L = loadConfig("account.json", AuthorizationDetails);
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.principals.size(), 3u);

  // Only the default version of a managed policy is what it grants.
  std::size_t Managed = 0;
  for (const Policy &P : L.policies)
    if (P.source == "managed")
      ++Managed;
  EXPECT_EQ(Managed, 1u);

  const IamPrincipal *Role = principal(L, "orders-worker");
  ASSERT_NE(Role, nullptr);
  EXPECT_EQ(Role->kind, IamPrincipal::Kind::Role);
  EXPECT_EQ(Role->location.region.startLine, 24u);
  EXPECT_EQ(policyNames(L, *Role), (std::vector<std::string>{"orders-worker trust policy", "orders-worker/tables",
                                                             "orders-worker/broken", "orders-logs"}));
  const Policy &Trust = L.policies[Role->policies[0]];
  EXPECT_EQ(Trust.kind, Policy::Kind::Trust);
  ASSERT_EQ(Trust.statements.size(), 1u);
  EXPECT_EQ(Trust.statements[0].principals[0].values[0].value, "lambda.amazonaws.com");
  const Policy &Tables = L.policies[Role->policies[1]];
  EXPECT_EQ(Tables.statements[0].actions[0].location.region.startLine, 30u);
  const Policy &Broken = L.policies[Role->policies[2]];
  ASSERT_TRUE(Broken.invalid);
  EXPECT_NE(Broken.invalid->find("not valid JSON"), std::string::npos) << *Broken.invalid;
  EXPECT_TRUE(Broken.statements.empty());
  const Policy &Logs = L.policies[Role->policies[3]];
  EXPECT_EQ(Logs.source, "managed");
  EXPECT_EQ(Logs.statements[0].actions[0].value, "logs:*") << "the default version, not v1";
  ASSERT_EQ(Role->managedPolicyArns.size(), 1u);
  EXPECT_EQ(Role->managedPolicyArns[0].value, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  EXPECT_EQ(Role->managedPolicyArns[0].location.region.startLine, 36u);

  const IamPrincipal *Group = principal(L, "admins");
  ASSERT_NE(Group, nullptr);
  EXPECT_EQ(Group->kind, IamPrincipal::Kind::Group);
  EXPECT_TRUE(Group->policies.empty());
  ASSERT_EQ(Group->managedPolicyArns.size(), 1u);

  // A user can do what its groups can.
  const IamPrincipal *User = principal(L, "deployer");
  ASSERT_NE(User, nullptr);
  EXPECT_EQ(User->kind, IamPrincipal::Kind::User);
  EXPECT_EQ(policyNames(L, *User), std::vector<std::string>{"deployer/passrole"});
  ASSERT_EQ(User->managedPolicyArns.size(), 1u);
  EXPECT_EQ(User->managedPolicyArns[0].value, "arn:aws:iam::aws:policy/AdministratorAccess");
}

TEST(IamInputs, TruncatedJsonIsAnInvalidPolicyNotAProblem) {
  const std::string Text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\n";
  EXPECT_EQ(sniffConfig("iam/cut.json", Text), ConfigFormat::IamPolicy);
  TemplateLoad L = loadConfig("iam/cut.json", Text);
  EXPECT_TRUE(L.problems.empty()) << L.problems[0].message;
  EXPECT_TRUE(L.isTemplate);
  EXPECT_EQ(L.format, ConfigFormat::IamPolicy);
  ASSERT_EQ(L.policies.size(), 1u);
  const Policy &P = L.policies[0];
  ASSERT_TRUE(P.invalid);
  EXPECT_EQ(P.invalid->rfind("the policy is not valid JSON: ", 0), 0u) << *P.invalid;
  EXPECT_EQ(P.name, "cut");
  EXPECT_EQ(P.location.path, "iam/cut.json");
  EXPECT_GE(P.location.region.startLine, 4u) << "at the syntax error";
  EXPECT_TRUE(P.statements.empty());

  // The same through the format's own entry point.
  TemplateLoad Direct = loadIamPolicyJson("iam/cut.json", Text);
  ASSERT_EQ(Direct.policies.size(), 1u);
  EXPECT_TRUE(Direct.policies[0].invalid);
}

TEST(IamInputs, DocumentsOfTheWrongShapeAreInvalid) {
  TemplateLoad Scalar = loadConfig("v.json", R"({"PolicyVersion": {"Document": "not a policy"}})");
  ASSERT_EQ(Scalar.policies.size(), 1u);
  EXPECT_TRUE(Scalar.policies[0].invalid);
  TemplateLoad List = loadConfig("v.json", R"({"PolicyVersion": {"Document": [1, 2]}})");
  ASSERT_EQ(List.policies.size(), 1u);
  EXPECT_TRUE(List.policies[0].invalid);
  // Garbage in a statement does not throw.
  TemplateLoad Odd = loadConfig("odd.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": ["Allow"],
    "Action": {"a": 1}, "Principal": [1], "Condition": "x"}, 7, "s"]})");
  ASSERT_TRUE(Odd.problems.empty());
  ASSERT_EQ(Odd.policies.size(), 1u);
  EXPECT_EQ(Odd.policies[0].statements.size(), 1u);
}

TEST(IamInputs, SniffTakesJsonPoliciesAndOutputsOnly) {
  EXPECT_EQ(sniffConfig("iam/p.json", R"({"Statement": [{"Effect": "Allow"}]})"), ConfigFormat::IamPolicy);
  EXPECT_EQ(sniffConfig("iam/r.json", R"({"Role": {"RoleName": "x", "AssumeRolePolicyDocument": "%7B"}})"),
            ConfigFormat::IamPolicy);
  EXPECT_EQ(sniffConfig("a.json", "\xEF\xBB\xBF  {\"PolicyVersion\": {}}"), ConfigFormat::IamPolicy);
  // YAML that mentions the words is not a JSON policy (and not parsed).
  EXPECT_EQ(sniffConfig("notes.yaml", "\"Statement\": x\n\"Version\": y\n"), ConfigFormat::None);
  EXPECT_EQ(sniffConfig("package.json", R"({"name": "orders", "version": "1.4.0"})"), ConfigFormat::None);
  EXPECT_EQ(sniffConfig("list.json", R"(["Statement", "Version"])"), ConfigFormat::None);
  // A JSON object that sniffs but has no policy shape is no configuration.
  TemplateLoad L = loadConfig("data.json", R"({"rows": [{"Statement": "x", "Version": 2}]})");
  EXPECT_FALSE(L.isTemplate);
  EXPECT_TRUE(L.problems.empty());
  EXPECT_TRUE(L.policies.empty());
}

TEST(IamInputs, ScannerMergesOneRoleAcrossCliOutputs) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/iam/get-role.json",
            R"({"Role": {"RoleName": "orders-worker", "Arn": "arn:aws:iam::123456789012:role/orders-worker",)"
            R"( "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",)"
            R"( "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}})");
  writeFile(Tmp.path() + "/iam/get-role-policy.json",
            R"({"RoleName": "orders-worker", "PolicyName": "tables", "PolicyDocument": {"Version": "2012-10-17",)"
            R"( "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}})");
  // Saved without an extension, as the corpus is: found by its opening brace.
  writeFile(Tmp.path() + "/iam/ReadOnly",
            R"({"PolicyVersion": {"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",)"
            R"( "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}})");
  writeFile(Tmp.path() + "/iam/bootstrap", "#!/bin/sh\n");
  ScanOptions O;
  O.root = Tmp.path();
  O.paths = {Tmp.path()};
  Project P = scanProject(O);
  EXPECT_TRUE(P.problems.empty());
  ASSERT_EQ(P.policies.size(), 3u);
  ASSERT_EQ(P.iamPrincipals.size(), 1u);
  const IamPrincipal &Role = P.iamPrincipals[0];
  EXPECT_EQ(Role.id, "orders-worker");
  ASSERT_EQ(Role.policies.size(), 2u);
  // Files in path order: get-role-policy.json, then get-role.json.
  EXPECT_EQ(P.policies[Role.policies[0]].name, "orders-worker/tables");
  EXPECT_EQ(P.policies[Role.policies[1]].name, "orders-worker trust policy");
  EXPECT_EQ(P.policies[Role.policies[0]].location.path, "iam/get-role-policy.json");
  EXPECT_EQ(P.policies[Role.policies[1]].location.path, "iam/get-role.json");
}

TEST(IamInputs, CorpusAdministratorAccessIsAllowEverything) {
  std::string Path = CorpusDir + "/AdministratorAccess";
  if (!std::filesystem::exists(Path))
    GTEST_SKIP() << "no managed-policy corpus at " << CorpusDir;
  TemplateLoad L = loadConfig("AdministratorAccess", readFile(Path));
  ASSERT_TRUE(L.problems.empty());
  ASSERT_EQ(L.policies.size(), 1u);
  const Policy &P = L.policies[0];
  EXPECT_EQ(P.name, "AdministratorAccess");
  EXPECT_EQ(P.source, "managed");
  EXPECT_FALSE(P.invalid);
  ASSERT_EQ(P.statements.size(), 1u);
  const PolicyStatement &S = P.statements[0];
  ASSERT_TRUE(S.effect);
  EXPECT_EQ(S.effect->value, "Allow");
  EXPECT_FALSE(S.notAction);
  EXPECT_FALSE(S.notResource);
  EXPECT_EQ(values(S.actions), std::vector<std::string>{"*"});
  EXPECT_EQ(values(S.resources), std::vector<std::string>{"*"});
}

TEST(IamInputs, ManagedPolicyCorpusLoadsWholeThroughTheScanner) {
  if (!std::filesystem::is_directory(CorpusDir))
    GTEST_SKIP() << "no managed-policy corpus at " << CorpusDir;
  // Two files of the corpus are empty (AWSCodePipelineFullAccess,
  // AWSECRPullThroughCacheServiceRolePolicy): no policy in them.
  std::size_t Files = 0, NonEmpty = 0;
  for (const auto &E : std::filesystem::directory_iterator(CorpusDir))
    if (E.is_regular_file()) {
      ++Files;
      NonEmpty += E.file_size() > 0;
    }
  ScanOptions O;
  O.root = std::filesystem::canonical(CorpusDir).string();
  O.paths = {O.root};
  O.jobs = 2;
  auto Start = std::chrono::steady_clock::now();
  Project P = scanProject(O);
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  EXPECT_TRUE(P.problems.empty()) << P.problems.size() << " problems, first: " << P.problems[0].message;
  EXPECT_GE(Files, 1390u);
  EXPECT_GE(P.policies.size(), NonEmpty);
  std::size_t Invalid = 0, Statements = 0;
  for (const Policy &Pol : P.policies) {
    Invalid += Pol.invalid.has_value();
    Statements += Pol.statements.size();
  }
  EXPECT_EQ(Invalid, 0u);
  std::printf("[ corpus   ] %zu files (%zu empty): %zu managed policies, %zu statements loaded in %.3f s wall "
              "(2 jobs)\n",
              Files, Files - NonEmpty, P.policies.size(), Statements, Seconds);
}

} // namespace
