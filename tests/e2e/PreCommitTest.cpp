//===- tests/e2e/PreCommitTest.cpp - The pre-commit hook, for real ----------===//
//
// `.pre-commit-hooks.yaml` run by the pre-commit framework in a throw-away
// git repository: the hook repository is a git repository holding only that
// file (as users' `repo:` would be), fnlint is the build under test put on
// PATH (`language: system`), and HOME and PRE_COMMIT_HOME are temporary, so
// nothing of the machine's own configuration or cache is used and no network
// is needed. Also `scan --changed`, which the hook runs, on its own: what a
// change brings into the scan and which findings it is answerable for.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <unistd.h>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const char *const SecretKey = "t9Xq2LrV8mZ0pW4sB7nC1dF6gH3jK5lN0oP2qR4s";

const char *const Template = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Timeout: 10
)";

const char *const CleanHandler = R"(import json


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
)";

std::string handlerWithKey(const std::string &Comment) {
  return std::string("import json\n\n") + Comment + "AWS_SECRET_ACCESS_KEY = \"" + SecretKey +
         "\"\n\n\ndef handler(event, context):\n    return {\"statusCode\": 200}\n";
}

bool onPath(const std::string &Tool) { return run({"/bin/sh", "-c", "command -v " + Tool}).exitCode == 0; }

class PreCommitHook : public ::testing::Test {
protected:
  void SetUp() override {
    for (const char *Tool : {"git", "pre-commit"})
      if (!onPath(Tool)) {
        if (::geteuid() != 0)
          GTEST_SKIP() << Tool << " is not installed (scripts/ensure-deps.sh --test installs it as root)";
        FAIL() << Tool << " is not installed: run scripts/ensure-deps.sh --test";
      }
    fs::create_directories(Base.path() + "/bin");
    fs::create_symlink(FNLINT_BINARY_DIR "/cli/fnlint", Base.path() + "/bin/fnlint");
    Env = {"HOME=" + Base.path() + "/home", "XDG_CONFIG_HOME=" + Base.path() + "/home/.config",
           "PRE_COMMIT_HOME=" + Base.path() + "/pre-commit-cache", "PATH=" + Base.path() + "/bin:/usr/local/bin:/usr/bin:/bin",
           "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
           "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com", "NO_COLOR=1", "TERM=dumb"};
    fs::create_directories(Base.path() + "/home");

    // The hook repository, as users' `repo:` names it: .pre-commit-hooks.yaml at a commit.
    std::string Hooks = Base.path() + "/hooks";
    fs::create_directories(Hooks);
    fs::copy_file(FNLINT_SOURCE_DIR "/.pre-commit-hooks.yaml", Hooks + "/.pre-commit-hooks.yaml");
    ok(Hooks, {"git", "init", "-q"});
    ok(Hooks, {"git", "add", ".pre-commit-hooks.yaml"});
    ok(Hooks, {"git", "commit", "-q", "-m", "hooks"});
    std::string Rev = ok(Hooks, {"git", "rev-parse", "HEAD"});
    Rev.erase(Rev.find_last_not_of("\n") + 1);

    Repo = Base.path() + "/repo";
    fs::create_directories(Repo);
    ok(Repo, {"git", "init", "-q"});
    writeFile(Repo + "/.pre-commit-config.yaml",
              "repos:\n  - repo: " + Hooks + "\n    rev: " + Rev + "\n    hooks:\n      - id: fnlint\n");
    ok(Repo, {"pre-commit", "install"});
  }

  /// Runs a command that must succeed; returns its stdout.
  std::string ok(const std::string &Cwd, const std::vector<std::string> &Argv) {
    ProcessResult R = run(resolve(Argv), Cwd, Env);
    EXPECT_EQ(R.exitCode, 0) << Argv[0] << " " << Argv[1] << ":\n" << R.out << R.err;
    return R.out;
  }

  /// `git add -A && git commit`: the hook runs on what is staged.
  ProcessResult commit(const std::string &Message) {
    ok(Repo, {"git", "add", "-A"});
    return run(resolve({"git", "commit", "-m", Message}), Repo, Env);
  }

  int commits() { return std::stoi(ok(Repo, {"git", "rev-list", "--count", "HEAD"})); }

  /// run() takes a path, not a name to look up.
  static std::vector<std::string> resolve(std::vector<std::string> Argv) {
    for (const char *Dir : {"/usr/local/bin/", "/usr/bin/", "/bin/"})
      if (fs::exists(Dir + Argv[0])) {
        Argv[0] = Dir + Argv[0];
        break;
      }
    return Argv;
  }

  TempDir Base;
  std::string Repo;
  std::vector<std::string> Env;
};

TEST_F(PreCommitHook, RefusesAKeyInAHandlerAndPassesCleanAndSuppressedCommits) {
  writeFile(Repo + "/template.yaml", Template);
  writeFile(Repo + "/src/app.py", CleanHandler);
  ProcessResult Clean = commit("a clean function");
  ASSERT_EQ(Clean.exitCode, 0) << "a clean commit passes:\n" << Clean.out << Clean.err;
  EXPECT_NE((Clean.out + Clean.err).find("fnlint......"), std::string::npos) << "the hook ran:\n" << Clean.err;
  EXPECT_NE(Clean.err.find("Passed"), std::string::npos) << Clean.err;

  writeFile(Repo + "/src/app.py", handlerWithKey(""));
  ProcessResult Refused = commit("add a key");
  std::string Output = Refused.out + Refused.err;
  EXPECT_NE(Refused.exitCode, 0) << "the commit is refused:\n" << Output;
  EXPECT_EQ(commits(), 1);
  EXPECT_NE(Output.find("Failed"), std::string::npos) << Output;
  EXPECT_NE(Output.find("src/app.py:3:"), std::string::npos) << "names the file and line:\n" << Output;
  EXPECT_NE(Output.find("[secret/aws-secret-key]"), std::string::npos) << "names the rule:\n" << Output;
  EXPECT_EQ(Output.find(SecretKey), std::string::npos) << "never prints the key in full:\n" << Output;
  EXPECT_NE(Output.find("t9Xq"), std::string::npos) << "shows enough of it to find it:\n" << Output;

  writeFile(Repo + "/src/app.py",
            handlerWithKey("# fnlint:ignore[secret/aws-secret-key] revoked key the integration tests replay\n"));
  ProcessResult Suppressed = commit("a suppressed key");
  EXPECT_EQ(Suppressed.exitCode, 0) << "a suppressed finding passes:\n" << Suppressed.out << Suppressed.err;
  EXPECT_EQ(commits(), 2);
}

// --- scan --changed, which the hook runs --------------------------------------

/// The example SAM app in a temporary folder: OrdersFunction deploys
/// dist/orders.zip, ReportsFunction the folder src/reports/.
class ChangedFiles : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(FNLINT_SOURCE_DIR "/examples/sam-app", App.path(), fs::copy_options::recursive);
  }

  /// (rule, path) of every finding reported for these changed files.
  std::set<std::pair<std::string, std::string>> findings(const std::vector<std::string> &Changed, int Exit) {
    std::vector<std::string> Args = {"scan", "--changed", "--no-config", "--now", "2026-11-30", "--format", "json"};
    Args.insert(Args.end(), Changed.begin(), Changed.end());
    ProcessResult R = runFnlint(Args, App.path());
    EXPECT_EQ(R.exitCode, Exit) << R.out << R.err;
    std::set<std::pair<std::string, std::string>> Out;
    if (R.out.empty())
      return Out;
    nlohmann::json Report = nlohmann::json::parse(R.out);
    for (const auto &F : Report["findings"])
      Out.insert({F["ruleId"].get<std::string>(), F["location"]["path"].get<std::string>()});
    return Out;
  }

  TempDir App;
};

TEST_F(ChangedFiles, AHandlerChangeReportsItsFileAndItsFunctionsFindingsOnly) {
  std::string Handler = App.path() + "/src/reports/app.py";
  std::string Text = readFile(Handler);
  writeFile(Handler, "AWS_SECRET_ACCESS_KEY = \"" + std::string(SecretKey) + "\"\n" + Text);
  auto Found = findings({"src/reports/app.py"}, 1);
  std::set<std::pair<std::string, std::string>> Expected = {
      {"secret/aws-secret-key", "src/reports/app.py"},
      // ReportsFunction's own findings, though they point into the unchanged template:
      {"package/dev-artifacts", "template.yaml"},    // what its code folder ships
      {"permissions/unused-grant", "template.yaml"}, // what its code calls against its role
  };
  EXPECT_EQ(Found, Expected) << "not OrdersFunction's zip, not the template's own settings";

  // A handler that no longer has the function the template names.
  writeFile(Handler, CleanHandler);
  EXPECT_TRUE(findings({"src/reports/app.py"}, 1).count({"lambda/handler-not-found", "template.yaml"}));
}

TEST_F(ChangedFiles, ATemplateChangeReportsTheTemplate) {
  auto Found = findings({"template.yaml"}, 1);
  for (const auto &[Rule, Path] : Found)
    EXPECT_EQ(Path, "template.yaml") << Rule;
  EXPECT_TRUE(Found.count({"lambda/deprecated-runtime", "template.yaml"}));
  EXPECT_TRUE(Found.count({"secret/in-environment-variable", "template.yaml"}));
}

TEST_F(ChangedFiles, AnArchiveChangeReportsTheArchive) {
  auto Found = findings({"dist/orders.zip"}, 1);
  EXPECT_TRUE(Found.count({"package/unreadable-permissions", "dist/orders.zip"}));
  for (const auto &[Rule, Path] : Found)
    EXPECT_TRUE(Path == "dist/orders.zip" || Path == "template.yaml") << Rule << " " << Path;
  EXPECT_FALSE(Found.count({"lambda/deprecated-runtime", "template.yaml"})) << "the template's settings did not change";
}

TEST_F(ChangedFiles, IgnoredDeletedAndUnrelatedFilesScanNothing) {
  writeFile(App.path() + "/.fnlintignore", "fixtures/\n");
  writeFile(App.path() + "/fixtures/key.py", handlerWithKey(""));
  ProcessResult R = runFnlint({"scan", "--changed", "--no-config", "fixtures/key.py", "gone.py"}, App.path());
  EXPECT_EQ(R.exitCode, 0) << R.out << R.err;
  EXPECT_EQ(R.out, "") << "nothing to scan, nothing to say";

  writeFile(App.path() + "/notes/key.txt", handlerWithKey(""));
  EXPECT_EQ(findings({"notes/key.txt", "README.md"}, 1),
            (std::set<std::pair<std::string, std::string>>{{"secret/aws-secret-key", "notes/key.txt"}}))
      << "a file no function deploys is scanned on its own";
}

} // namespace
