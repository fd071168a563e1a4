//===- tests/analyzers/RuleLanguageTest.cpp - match: blocks checked at build time ===//
//
// A declarative IAM rule with a typo in its match block must fail the build
// with a message naming the file and the key, not match nothing at run time
// (docs/rule-language.md).
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

/// Runs embed-rules on one rule file written under a fake source tree.
ProcessResult embed(const std::string &Match) {
  TempDir Tmp;
  fs::create_directories(Tmp.path() + "/rules/iam");
  fs::create_directories(Tmp.path() + "/analyzers/iam");
  writeFile(Tmp.path() + "/analyzers/iam/RuleEngine.cpp", "");
  writeFile(Tmp.path() + "/rules/iam/sample-rule.yaml", R"(id: iam/sample-rule
title: A sample
level: warning
precision: high
tags: [correctness]
description: A sample rule.
help: |
  ## Why
  Because.
  ## What to do
  Fix it.
  ## Example
  None.
implementation: analyzers/iam/RuleEngine.cpp
message: "{statement} of {policy}"
)" + Match);
  return run({FNLINT_EMBED_RULES, Tmp.path(), Tmp.path() + "/out.cpp", Tmp.path() + "/rules/iam/sample-rule.yaml",
              "--"},
             Tmp.path());
}

TEST(RuleLanguage, AValidMatchBlockEmbeds) {
  ProcessResult R = embed("match:\n  statement:\n    effect: Allow\n    actions: {any-of: [iam:PassRole]}\n"
                          "    resources: {star: true}\n    conditions: {without-keys: [iam:PassedToService]}\n");
  EXPECT_EQ(R.exitCode, 0) << R.err;
}

TEST(RuleLanguage, AnUnknownKeyFailsTheBuildNamingFileAndKey) {
  ProcessResult R = embed("match:\n  statement:\n    effect: Allow\n    action: {any-of: [iam:PassRole]}\n");
  EXPECT_NE(R.exitCode, 0);
  EXPECT_NE(R.err.find("rules/iam/sample-rule.yaml"), std::string::npos) << R.err;
  EXPECT_NE(R.err.find("match.statement.action"), std::string::npos) << R.err;
}

TEST(RuleLanguage, BadValuesFailTheBuild) {
  EXPECT_NE(embed("match:\n  statement:\n    effect: allow\n").exitCode, 0);
  EXPECT_NE(embed("match:\n  statement:\n    actions: {access-levels: [Writes]}\n").exitCode, 0);
  EXPECT_NE(embed("match:\n  statement:\n    actions: {any-of: [PassRole]}\n").exitCode, 0);
  EXPECT_NE(embed("match:\n  statement:\n    actions: {resource-level: true}\n").exitCode, 0);
}

TEST(RuleLanguage, PrincipalBlocksAreCheckedToo) {
  EXPECT_EQ(embed("match:\n  principal:\n    allows-all-of:\n      - {name: pass-and-create, description: d, "
                  "actions: [iam:PassRole, lambda:CreateFunction]}\n")
                .exitCode,
            0);
  EXPECT_EQ(embed("match:\n  principal:\n    resources: some\n    allows-any-of: {access-levels: [Write]}\n").exitCode,
            0);
  // Neither or both of the two forms.
  EXPECT_NE(embed("match:\n  principal:\n    resources: every\n").exitCode, 0);
  EXPECT_NE(embed("match:\n  principal:\n    allows-any-of: {actions: [s3:GetObject]}\n"
                  "    allows-all-of: [{name: a, description: d, actions: [s3:GetObject]}]\n")
                .exitCode,
            0);
  // Wildcards would make "allowed" ambiguous; names must be unique and kebab-case.
  EXPECT_NE(embed("match:\n  principal:\n    allows-any-of: {actions: [s3:Get*]}\n").exitCode, 0);
  EXPECT_NE(embed("match:\n  principal:\n    allows-all-of: [{name: A B, description: d, actions: [s3:GetObject]}]\n")
                .exitCode,
            0);
  EXPECT_NE(embed("match:\n  principal:\n    resources: all\n    allows-any-of: {actions: [s3:GetObject]}\n").exitCode,
            0);
  ProcessResult Both = embed("match:\n  statement: {effect: Allow}\n  principal:\n    allows-any-of: {actions: [s3:GetObject]}\n");
  EXPECT_NE(Both.exitCode, 0);
  EXPECT_NE(Both.err.find("not both"), std::string::npos) << Both.err;
}

} // namespace
