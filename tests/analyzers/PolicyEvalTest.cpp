//===- tests/analyzers/PolicyEvalTest.cpp - IAM evaluation semantics --------===//
//
// Wildcards in odd places (iam:Pass*Role, IAM:PASSROLE, iam:*), ARNs matched
// segment by segment, NotAction and NotResource, explicit Deny, conditional
// Allow and Deny, actions that only accept "*", unknown values, and policy
// variables under both versions.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/PolicyEval.h"

#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

using namespace fnlint;
using namespace fnlint::iam;

namespace {

struct Policies {
  std::vector<std::string> texts;
  std::vector<Policy> policies;
  std::vector<const Policy *> all() const {
    std::vector<const Policy *> Out;
    for (const Policy &P : policies)
      Out.push_back(&P);
    return Out;
  }
};

Policies read(std::initializer_list<const char *> Documents) {
  Policies Out;
  Out.texts.assign(Documents.begin(), Documents.end());
  for (const std::string &T : Out.texts) {
    YamlSource Src("policy.json", T);
    Out.policies.push_back(readPolicy(Src, YAML::Load(T), Policy::Kind::Identity, "p", "standalone"));
  }
  return Out;
}

TEST(PolicyEval, ActionWildcardsAreCaseInsensitiveGlobs) {
  EXPECT_TRUE(actionMatches("iam:Pass*Role", "iam:PassRole"));
  EXPECT_TRUE(actionMatches("IAM:PASSROLE", "iam:PassRole"));
  EXPECT_TRUE(actionMatches("iam:*", "iam:PassRole"));
  EXPECT_TRUE(actionMatches("*", "s3:GetObject"));
  EXPECT_TRUE(actionMatches("**", "s3:GetObject"));
  EXPECT_TRUE(actionMatches("s3:Get*Acl", "s3:GetObjectAcl"));
  EXPECT_FALSE(actionMatches("s3:Get*Acl", "s3:GetObject"));
  EXPECT_TRUE(actionMatches("s3:GetObjec?", "s3:GetObject"));
  EXPECT_FALSE(actionMatches("s3:GetObjec?", "s3:GetObjects"));
  EXPECT_FALSE(actionMatches("iam:Pass*Role", "iam:PassRoles"));
  EXPECT_TRUE(actionMatches("*:Get*", "s3:GetObject"));
  // Many stars never backtrack exponentially.
  EXPECT_FALSE(actionMatches("a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST(PolicyEval, ArnsMatchSegmentBySegment) {
  EXPECT_TRUE(resourceMatches("*", "arn:aws:s3:::orders/a.csv"));
  EXPECT_TRUE(resourceMatches("arn:aws:s3:::orders/*", "arn:aws:s3:::orders/2026/11/a.csv"));
  EXPECT_FALSE(resourceMatches("arn:aws:s3:::Orders/*", "arn:aws:s3:::orders/a.csv")) << "resource part is case-sensitive";
  EXPECT_TRUE(resourceMatches("ARN:AWS:S3:::orders/*", "arn:aws:s3:::orders/a.csv"));
  EXPECT_TRUE(resourceMatches("arn:aws:lambda:*:123456789012:function:*",
                              "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"))
      << "* in the resource part spans colons";
  EXPECT_FALSE(resourceMatches("arn:aws:lambda:*:123456789012:function:*",
                               "arn:aws:lambda:eu-west-1:210987654321:function:orders"));
  EXPECT_FALSE(resourceMatches("arn:aws:s3:::*", "*")) << "actions that only accept * need a literal *";
  EXPECT_TRUE(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/notes.txt"));
  EXPECT_FALSE(resourceMatches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/notes.txt",
                               /*VariablesAreWildcards=*/false));
}

TEST(PolicyEval, ExplicitDenyWinsUnlessItIsConditional) {
  Policies P = read({R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})"});
  EXPECT_EQ(evaluate(P.all(), "s3:DeleteBucket", "arn:aws:s3:::orders").decision, Decision::Deny);
  Verdict Put = evaluate(P.all(), "s3:PutObject", "arn:aws:s3:::orders/a");
  EXPECT_EQ(Put.decision, Decision::Allow) << "a conditional Deny never removes an Allow";
  EXPECT_FALSE(Put.conditional);
  EXPECT_EQ(evaluate(P.all(), "s3:GetObject", "arn:aws:s3:::orders/a").decision, Decision::Allow);
  EXPECT_EQ(evaluate(P.all(), "dynamodb:GetItem", "*").decision, Decision::NotAllowed);
}

TEST(PolicyEval, ConditionalAllowStillAllows) {
  Policies P = read({R"({"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
      "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}})"});
  Verdict V = evaluate(P.all(), "iam:PassRole", "arn:aws:iam::123456789012:role/worker");
  EXPECT_EQ(V.decision, Decision::Allow);
  EXPECT_TRUE(V.conditional);
  ASSERT_EQ(V.statements.size(), 1u);
}

TEST(PolicyEval, NotActionAndNotResourceAreComplements) {
  Policies P = read({R"({"Statement": [
      {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"},
      {"Effect": "Allow", "Action": "iam:GetRole", "NotResource": "arn:aws:iam::*:role/admin*"}]})"});
  EXPECT_EQ(evaluate(P.all(), "s3:GetObject", "arn:aws:s3:::x/y").decision, Decision::Allow);
  EXPECT_EQ(evaluate(P.all(), "IAM:PassRole", "*").decision, Decision::NotAllowed);
  EXPECT_EQ(evaluate(P.all(), "iam:GetRole", "arn:aws:iam::123456789012:role/worker").decision, Decision::Allow);
  EXPECT_EQ(evaluate(P.all(), "iam:GetRole", "arn:aws:iam::123456789012:role/admin-ops").decision,
            Decision::NotAllowed);
}

TEST(PolicyEval, DenyAcrossPoliciesOfThePrincipal) {
  Policies P = read({R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})",
                     R"({"Statement": {"Effect": "Deny", "Action": "iam:Pass*", "Resource": "*"}})"});
  Verdict V = evaluate(P.all(), "iam:PassRole", "arn:aws:iam::123456789012:role/x");
  EXPECT_EQ(V.decision, Decision::Deny);
  EXPECT_EQ(evaluate(P.all(), "lambda:InvokeFunction", "*").decision, Decision::Allow);
}

TEST(PolicyEval, EveryResourceMeansStarOrAPatternCoveringTheType) {
  const IamDatabase &Db = iamDatabase();
  const IamAction *PassRole = Db.findAction("iam:PassRole");
  const IamAction *ListBuckets = Db.findAction("s3:ListAllMyBuckets");
  ASSERT_TRUE(PassRole && ListBuckets);
  Policies P = read({R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/*"},
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/jobs-*"},
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/${aws:username}"},
      {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"},
      {"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::*:role/admin"}]})"});
  const auto &S = P.policies[0].statements;
  EXPECT_EQ(statementCoversEveryResource(S[0], PassRole), true);
  EXPECT_EQ(statementCoversEveryResource(S[1], PassRole), true) << "every role of the policy's account";
  EXPECT_EQ(statementCoversEveryResource(S[2], PassRole), false);
  EXPECT_EQ(statementCoversEveryResource(S[3], PassRole), false) << "a variable is one name, not any";
  EXPECT_EQ(statementCoversEveryResource(S[4], ListBuckets), false) << "only \"*\" grants a *-only action";
  EXPECT_EQ(statementCoversEveryResource(S[5], PassRole), true);
}

TEST(PolicyEval, GrantsAcrossStatementsAndDenies) {
  Policies P = read({R"({"Statement": [
      {"Sid": "Deploy", "Effect": "Allow", "Action": ["lambda:*"], "Resource": "*"},
      {"Effect": "Allow", "Action": "iam:Pass*Role", "Resource": "*",
       "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]})",
                     R"({"Statement": [
      {"Effect": "Deny", "Action": "lambda:UpdateFunctionCode", "Resource": "*"},
      {"Effect": "Deny", "Action": "lambda:CreateFunction", "Resource": "arn:aws:lambda:*:*:function:prod-*"},
      {"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})"});
  const IamDatabase &Db = iamDatabase();
  auto Grant = [&](const char *A, ResourceScope Scope = ResourceScope::Every) {
    return findGrant(P.all(), A, Db.findAction(A), Scope);
  };
  std::optional<iam::Grant> Pass = Grant("iam:PassRole");
  ASSERT_TRUE(Pass);
  EXPECT_TRUE(Pass->conditional);
  EXPECT_EQ(Pass->index, 2u);
  EXPECT_FALSE(Grant("lambda:UpdateFunctionCode")) << "an unconditional Deny on every resource removes it";
  EXPECT_TRUE(Grant("lambda:CreateFunction")) << "a Deny on some functions leaves the Allow of every function";
  std::optional<iam::Grant> Invoke = Grant("lambda:InvokeFunction");
  ASSERT_TRUE(Invoke) << "a conditional Deny never removes an Allow";
  EXPECT_EQ(Invoke->policy, &P.policies[0]);
  EXPECT_FALSE(Invoke->conditional);
  EXPECT_FALSE(Grant("s3:GetObject", ResourceScope::Some));
}

TEST(PolicyEval, UnknownValuesMakeTheAnswerUncertain) {
  const std::string T = "Statement:\n  - Effect: Allow\n    Action: !Ref ActionParam\n    Resource: '*'\n";
  YamlSource Src("t.yaml", T);
  Policy Pol = readPolicy(Src, YAML::Load(T), Policy::Kind::Identity, "p", "inline");
  Verdict V = evaluate({&Pol}, "s3:GetObject", "*");
  EXPECT_EQ(V.decision, Decision::NotAllowed);
  EXPECT_TRUE(V.uncertain);
  EXPECT_FALSE(findGrant({&Pol}, "s3:GetObject", nullptr, ResourceScope::Every)) << "never granted on an unknown value";
}

TEST(PolicyEval, VariablesAreLiteralUnderTheOldVersion) {
  Policies P = read({R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::home/${aws:username}/*"}})"});
  EXPECT_EQ(evaluate(P.all(), "s3:GetObject", "arn:aws:s3:::home/alice/a").decision, Decision::NotAllowed);
  EXPECT_EQ(evaluate(P.all(), "s3:GetObject", "arn:aws:s3:::home/${aws:username}/a").decision, Decision::Allow);
}

} // namespace

namespace {

TEST(PolicyReader, ASubWithAVariablesMapIsOneUnknownValueNotAList) {
  const std::string T = "Statement:\n  Effect: Allow\n  Action: execute-api:ManageConnections\n  Resource: !Sub\n"
                  "    - arn:aws:execute-api:${region}:${accountId}:*/@connections/*\n"
                  "    - region: !Ref AWS::Region\n      accountId: !Ref AWS::AccountId\n";
  fnlint::YamlSource Src("t.yaml", T);
  fnlint::Policy P = fnlint::readPolicy(Src, YAML::Load(T), fnlint::Policy::Kind::Identity, "p", "inline");
  ASSERT_EQ(P.statements.size(), 1u);
  ASSERT_EQ(P.statements[0].resources.size(), 1u);
  EXPECT_FALSE(P.statements[0].resources[0].known);
}

} // namespace
