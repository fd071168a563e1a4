//===- tests/e2e/DiffBaseTest.cpp - fnlint scan --diff-base REF -------------===//
//
// A pull request gate reports what the branch changed, not the repository's
// history: findings in files changed since the merge base with REF, the
// committed, staged, unstaged and untracked changes alike.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

constexpr const char *OldHandler = "DB_PASSWORD = 'q8Xz!2mP#r7Lw4Tn'\n"
                                   "def lambda_handler(event, context):\n"
                                   "    return {}\n";
constexpr const char *NewHandler = "API_TOKEN = 'Zr9!xQ2#mL5pW8tK'\n"
                                   "def lambda_handler(event, context):\n"
                                   "    return {}\n";

void git(const std::string &Repo, std::vector<std::string> Args) {
  Args.insert(Args.begin(), {"/usr/bin/git", "-C", Repo, "-c", "user.name=t", "-c", "user.email=t@example.com"});
  ProcessResult R = run(Args);
  ASSERT_EQ(R.exitCode, 0) << R.err;
}

std::vector<std::string> findingPaths(const std::string &Json) {
  std::vector<std::string> Paths;
  nlohmann::json Doc = nlohmann::json::parse(Json);
  for (const auto &F : Doc["findings"])
    Paths.push_back(F["location"]["path"].get<std::string>());
  return Paths;
}

class DiffBase : public ::testing::Test {
protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/git"))
      GTEST_SKIP() << "git is not installed";
    git(Repo.path(), {"init", "-q", "-b", "main"});
    fs::create_directories(Repo.path() + "/old");
    writeFile(Repo.path() + "/old/app.py", OldHandler);
    writeFile(Repo.path() + "/old/tweaked.py", OldHandler);
    git(Repo.path(), {"add", "-A"});
    git(Repo.path(), {"commit", "-q", "-m", "base"});
    git(Repo.path(), {"checkout", "-q", "-b", "feature"});
  }
  TempDir Repo;
};

TEST_F(DiffBase, ReportsOnlyFilesTheBranchChanged) {
  fs::create_directories(Repo.path() + "/new");
  writeFile(Repo.path() + "/new/committed.py", NewHandler);
  git(Repo.path(), {"add", "-A"});
  git(Repo.path(), {"commit", "-q", "-m", "feature"});
  // A commit on main after the fork point is not the branch's change.
  git(Repo.path(), {"checkout", "-q", "main"});
  writeFile(Repo.path() + "/old/app.py", std::string("# main moved on\n") + OldHandler);
  git(Repo.path(), {"commit", "-q", "-am", "main"});
  git(Repo.path(), {"checkout", "-q", "feature"});
  writeFile(Repo.path() + "/new/untracked.py", NewHandler);
  writeFile(Repo.path() + "/old/tweaked.py", std::string("# touched\n") + OldHandler); // unstaged

  ProcessResult All = runFnlint({"scan", "--no-config", ".", "--format", "json"}, Repo.path());
  ASSERT_EQ(All.exitCode, 1) << All.err;
  EXPECT_EQ(findingPaths(All.out).size(), 4u) << All.out;

  ProcessResult Diff = runFnlint({"scan", "--no-config", ".", "--diff-base", "main", "--format", "json"}, Repo.path());
  ASSERT_EQ(Diff.exitCode, 1) << Diff.err;
  EXPECT_EQ(findingPaths(Diff.out),
            (std::vector<std::string>{"new/committed.py", "new/untracked.py", "old/tweaked.py"}));
  auto Summary = nlohmann::json::parse(Diff.out)["summary"]["unchangedSince"];
  EXPECT_EQ(Summary["ref"], "main");
  EXPECT_EQ(Summary["findings"], 1);

  ProcessResult Text = runFnlint({"scan", "--no-config", ".", "--diff-base", "main"}, Repo.path());
  EXPECT_NE(Text.out.find("1 outside the change since main"), std::string::npos) << Text.out;
}

TEST_F(DiffBase, NothingChangedPassesTheGate) {
  ProcessResult R = runFnlint({"scan", "--no-config", ".", "--diff-base", "main"}, Repo.path());
  EXPECT_EQ(R.exitCode, 0) << R.out << R.err;
  EXPECT_NE(R.out.find("no findings"), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("2 outside the change since main"), std::string::npos) << R.out;
}

TEST_F(DiffBase, ScanningASubfolderMatchesPathsFromTheRoot) {
  writeFile(Repo.path() + "/old/tweaked.py", std::string("# touched\n") + OldHandler);
  ProcessResult R = runFnlint({"scan", "--no-config", "old", "--diff-base", "main", "--format", "json"}, Repo.path());
  EXPECT_EQ(findingPaths(R.out), (std::vector<std::string>{"old/tweaked.py"})) << R.out << R.err;
  ProcessResult Inside =
      runFnlint({"scan", "--no-config", ".", "--diff-base", "main", "--format", "json"}, Repo.path() + "/old");
  EXPECT_EQ(findingPaths(Inside.out), (std::vector<std::string>{"tweaked.py"})) << Inside.out << Inside.err;
}

TEST_F(DiffBase, AChangedHandlerBringsItsFunctionsFindings) {
  // The example app: editing ReportsFunction's handler makes its least
  // privilege and package findings the change's, though they point into the
  // unchanged template; OrdersFunction's findings stay out.
  fs::copy(FNLINT_SOURCE_DIR "/examples/sam-app", Repo.path() + "/app", fs::copy_options::recursive);
  git(Repo.path(), {"add", "-A"});
  git(Repo.path(), {"commit", "-q", "-m", "app"});
  git(Repo.path(), {"checkout", "-q", "-b", "handler-change"});
  std::string Handler = readFile(Repo.path() + "/app/src/reports/app.py");
  writeFile(Repo.path() + "/app/src/reports/app.py", "# reworded\n" + Handler);
  ProcessResult R = runFnlint({"scan", "--no-config", "app", "--diff-base", "feature", "--format", "json",
                               "--now", "2026-11-30"},
                              Repo.path());
  nlohmann::json Doc = nlohmann::json::parse(R.out);
  std::set<std::string> Rules;
  for (const auto &F : Doc["findings"])
    Rules.insert(F["ruleId"].get<std::string>() + " " + F["location"]["path"].get<std::string>());
  EXPECT_EQ(Rules, (std::set<std::string>{"package/dev-artifacts app/template.yaml",
                                          "permissions/unused-grant app/template.yaml"}))
      << R.out;
}

TEST_F(DiffBase, BadRefOrNoRepositoryIsAUsageError) {
  ProcessResult Bad = runFnlint({"scan", "--no-config", ".", "--diff-base", "no-such-branch"}, Repo.path());
  EXPECT_EQ(Bad.exitCode, 2);
  EXPECT_NE(Bad.err.find("'no-such-branch' is not a commit"), std::string::npos) << Bad.err;
  ProcessResult Option = runFnlint({"scan", "--no-config", ".", "--diff-base=--output=x"}, Repo.path());
  EXPECT_EQ(Option.exitCode, 2);
  EXPECT_NE(Option.err.find("is not a git revision"), std::string::npos) << Option.err;
  TempDir NotGit;
  writeFile(NotGit.path() + "/app.py", OldHandler);
  ProcessResult None = runFnlint({"scan", "--no-config", ".", "--diff-base", "main"}, NotGit.path());
  EXPECT_EQ(None.exitCode, 2);
  EXPECT_NE(None.err.find("is not in a git work tree"), std::string::npos) << None.err;
}

} // namespace
