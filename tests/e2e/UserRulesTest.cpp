//===- tests/e2e/UserRulesTest.cpp - fnlint scan --rules DIR ----------------===//
//
// A user's declarative rule joins the catalogue: it reports in every format,
// `fnlint rules` and `explain` know it, and SARIF describes it. A malformed
// rule stops fnlint before it scans (exit 2) with FILE:LINE:COLUMN and the
// problem, as the shipped rules are checked at build time.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace fnlint::test;

namespace {

constexpr const char *Fixture = "fixtures/iam/privilege-escalation/clean-deny-removes.yaml";

const char *const DeleteRule = R"(id: acme/no-function-deletes
title: Workload roles must not delete Lambda functions
level: error
tags: [security, acme]
security-severity: "6.0"
message: "{principal} can delete functions: {grants}"
match:
  principal:
    resources: some
    allows-any-of:
      actions: [lambda:DeleteFunction]
)";

const char *const StatementRule = R"(id: acme/lambda-star
title: No lambda:* in statements
level: note
message: "{statement} of {policy} uses {actions}"
match:
  statement:
    effect: Allow
    actions:
      wildcard-service: true
)";

TEST(UserRules, ReportInEveryFormatAndJoinTheCatalogue) {
  TempDir Rules;
  writeFile(Rules.path() + "/no-function-deletes.yaml", DeleteRule);
  writeFile(Rules.path() + "/lambda-star.yml", StatementRule);
  ProcessResult Text = runFnlint({"scan", "--rules", Rules.path(), Fixture, "--quiet"});
  EXPECT_EQ(Text.exitCode, 1) << Text.err;
  EXPECT_NE(Text.out.find("clean-deny-removes.yaml:19:17: error: role OperatorRole can delete functions: "
                          "lambda:DeleteFunction (statement 1 of policy OperatorRole/operate) [acme/no-function-deletes]"),
            std::string::npos)
      << Text.out;
  EXPECT_NE(Text.out.find("uses lambda:* [acme/lambda-star]"), std::string::npos) << Text.out;

  ProcessResult Sarif = runFnlint({"scan", "--rules", Rules.path(), "--format", "sarif", Fixture, "--quiet"});
  auto J = nlohmann::json::parse(Sarif.out);
  bool Described = false;
  for (const auto &R : J["runs"][0]["tool"]["driver"]["rules"])
    if (R["id"] == "acme/no-function-deletes") {
      Described = true;
      EXPECT_EQ(R["name"], "AcmeNoFunctionDeletes");
      EXPECT_EQ(R["properties"]["security-severity"], "6.0");
    }
  EXPECT_TRUE(Described);

  ProcessResult List = runFnlint({"rules", "--rules", Rules.path()});
  EXPECT_NE(List.out.find("acme/no-function-deletes"), std::string::npos);
  ProcessResult Explain = runFnlint({"explain", "acme/lambda-star", "--rules", Rules.path()});
  EXPECT_EQ(Explain.exitCode, 0) << Explain.err;
}

TEST(UserRules, AMalformedRuleIsAnErrorNamingFileLineAndProblem) {
  TempDir Rules;
  writeFile(Rules.path() + "/typo.yaml", "id: acme/typo\ntitle: A typo\nlevel: warning\nmessage: m\nmatch:\n"
                                         "  statement:\n    effect: Allow\n    action:\n      any-of: [iam:PassRole]\n");
  ProcessResult R = runFnlint({"scan", "--rules", Rules.path(), Fixture});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_TRUE(R.out.empty()) << "no scan starts with a rule fnlint cannot read";
  EXPECT_NE(R.err.find("typo.yaml:8:5: unknown key 'match.statement.action'"), std::string::npos) << R.err;
}

TEST(UserRules, EveryKindOfMistakeIsReported) {
  struct Case {
    const char *text, *expected;
  } Cases[] = {
      {"id: acme/x\ntitle: t\nlevel: fatal\nmessage: m\nmatch: {statement: {effect: Allow}}\n", ":3:8: level must be"},
      {"id: x\ntitle: t\nlevel: note\nmessage: m\nmatch: {statement: {effect: Allow}}\n", ":1:5: id 'x' must be"},
      {"id: acme/x\ntitle: t\nlevel: note\nmatch: {statement: {effect: Allow}}\n", "missing required key 'message'"},
      {"id: acme/x\ntitle: t\nlevel: note\nmessage: m\nmatch: {statement: {effect: allow}}\n",
       "match.statement.effect must be Allow or Deny"},
      {"id: acme/x\ntitle: t\nlevel: note\nmessage: m\nmatch:\n  principal:\n    allows-any-of: {actions: [s3:Get*]}\n",
       ":7:31: match.principal.allows-any-of.actions items are service:action names without wildcards"},
      {"id: iam/wildcard-action\ntitle: t\nlevel: note\nmessage: m\nmatch: {statement: {effect: Allow}}\n",
       "rule id iam/wildcard-action is already taken"},
      {"id: acme/x\ntitle: t\nlevel: note\nmessage: m\nmatch: [unclosed\n", "x.yaml:"},
  };
  for (const Case &C : Cases) {
    TempDir Rules;
    writeFile(Rules.path() + "/x.yaml", C.text);
    ProcessResult R = runFnlint({"scan", "--rules", Rules.path(), Fixture});
    EXPECT_EQ(R.exitCode, 2) << C.text;
    EXPECT_NE(R.err.find(C.expected), std::string::npos) << C.text << "\n" << R.err;
  }
  TempDir Empty;
  EXPECT_NE(runFnlint({"scan", "--rules", Empty.path(), Fixture}).err.find("no rule files"), std::string::npos);
  EXPECT_EQ(runFnlint({"scan", "--rules", "no/such/dir", Fixture}).exitCode, 2);
}

} // namespace
