//===- tests/e2e/FleetTest.cpp - --shard K/N and fnlint merge ---------------===//
//
// A fleet scan must find exactly what one scan finds: the shards' findings
// together equal the unsharded scan's (by fingerprint), each in exactly one
// shard, and `fnlint merge` of the shards' SARIF logs is valid SARIF with the
// unsharded results.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include "cli/Pipeline.h"
#include "scanner/Discovery.h"
#include "scanner/Shard.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const std::string Source = FNLINT_SOURCE_DIR;

std::vector<std::string> fingerprints(const std::string &Root, const std::vector<std::string> &Paths,
                                      ShardSpec Shard = {}) {
  ScanOptions S;
  S.root = Root;
  S.paths = Paths;
  S.jobs = 2;
  S.shard = Shard;
  AnalysisOptions A;
  A.jobs = 2;
  A.lambda.now = "2026-01-01";
  ScanReport R = cli::runPipeline(S, A);
  std::vector<std::string> Out;
  for (const Finding &F : R.findings)
    Out.push_back(F.ruleId + " " + F.fingerprint);
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// Shards 1..N of the scan find, together, exactly the unsharded findings,
/// each in exactly one shard. Returns how many shards found something.
unsigned expectPartition(const std::string &Root, const std::vector<std::string> &Paths, unsigned N) {
  std::vector<std::string> Whole = fingerprints(Root, Paths);
  std::vector<std::string> Union;
  unsigned NonEmpty = 0;
  for (unsigned K = 1; K <= N; ++K) {
    std::vector<std::string> Part = fingerprints(Root, Paths, {K, N});
    NonEmpty += !Part.empty();
    Union.insert(Union.end(), Part.begin(), Part.end());
  }
  std::sort(Union.begin(), Union.end());
  // Equal multisets: nothing lost, and nothing found by two shards.
  EXPECT_EQ(Union, Whole) << "shards of " << N << " over " << Root;
  EXPECT_FALSE(Whole.empty());
  return NonEmpty;
}

void copyTree(const std::string &From, const std::string &To) {
  fs::create_directories(fs::path(To).parent_path());
  fs::copy(From, To, fs::copy_options::recursive);
}

/// A small fleet: three copies of the example app at different depths, loose
/// files, and the secret, package and IAM fixture folders. These hold the
/// cases that cross folders: a template whose CodeUri leaves its folder
/// (secrets/cloudformation -> ../python/orders) and `aws lambda get-policy`
/// output naming a function declared in another folder.
void makeFleet(const std::string &Dir) {
  copyTree(Source + "/examples/sam-app", Dir + "/team-a/orders");
  copyTree(Source + "/examples/sam-app", Dir + "/team-b/reports");
  copyTree(Source + "/examples/sam-app", Dir + "/team-b/legacy/app");
  copyTree(Source + "/fixtures/secrets", Dir + "/loose/secrets");
  copyTree(Source + "/fixtures/package", Dir + "/loose/package");
  copyTree(Source + "/fixtures/iam", Dir + "/policies");
}

nlohmann::json readJson(const std::string &Path) {
  std::ifstream In(Path);
  return nlohmann::json::parse(In);
}

std::string readText(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::vector<std::string> sarifFingerprints(const nlohmann::json &Log) {
  std::vector<std::string> Out;
  for (const auto &Run : Log["runs"])
    for (const auto &R : Run["results"])
      Out.push_back(R["ruleId"].get<std::string>() + " " + R["partialFingerprints"].dump());
  std::sort(Out.begin(), Out.end());
  return Out;
}

TEST(Shard, ParsesKOfN) {
  ShardSpec S;
  std::string Error;
  ASSERT_TRUE(parseShard("2/4", S, Error)) << Error;
  EXPECT_EQ(S.index, 2u);
  EXPECT_EQ(S.count, 4u);
  ASSERT_TRUE(parseShard("1/1", S, Error)) << Error;
  EXPECT_FALSE(S.active());
  for (const char *Bad : {"0/4", "5/4", "4", "1/0", "", "a/b", "-1/4", "1/4x", " 1/4", "1//4"}) {
    EXPECT_FALSE(parseShard(Bad, S, Error)) << Bad;
    EXPECT_NE(Error.find(Bad), std::string::npos) << Error;
  }
  parseShard("0/4", S, Error);
  EXPECT_NE(Error.find("1-based"), std::string::npos) << Error;
  EXPECT_NE(Error.find("JOB_COMPLETION_INDEX+1"), std::string::npos) << Error;
}

TEST(Shard, BadValuesExitTwoWithAMessage) {
  for (const char *Bad : {"0/4", "5/4", "x", "3"}) {
    ProcessResult R = runFnlint({"scan", "--shard", Bad, "examples"});
    EXPECT_EQ(R.exitCode, 2) << Bad << ": " << R.err;
    EXPECT_NE(R.err.find("--shard"), std::string::npos) << R.err;
    EXPECT_NE(R.err.find(Bad), std::string::npos) << R.err;
  }
  ProcessResult B = runFnlint({"baseline", "create", "--shard", "0/2", "examples", "-o", "/dev/null"});
  EXPECT_EQ(B.exitCode, 2) << B.err;
  TempDir Tmp;
  ProcessResult Ok = runFnlint({"baseline", "create", "--shard", "2/2", "examples", "-o", Tmp.path() + "/b.json"});
  EXPECT_EQ(Ok.exitCode, 0) << Ok.err;
  ProcessResult P = runFnlint({"baseline", "prune", "--shard", "1/2", "examples", "--baseline", Tmp.path() + "/b.json"});
  EXPECT_EQ(P.exitCode, 2) << P.err;
  EXPECT_NE(P.err.find("prune"), std::string::npos) << P.err;
}

TEST(Shard, UnitIsTheShallowestFolderWithAConfigurationFile) {
  auto File = [](std::string Path, FileKind Kind) {
    DiscoveredFile F;
    F.path = std::move(Path);
    F.kind = Kind;
    return F;
  };
  std::vector<DiscoveredFile> Files = {
      File("apps/a/dist/fn.zip", FileKind::Archive),
      File("apps/a/src/app.py", FileKind::Other),
      File("apps/a/src/fn/package.json", FileKind::TemplateCandidate), // below the unit: no unit of its own
      File("apps/a/template.yaml", FileKind::TemplateCandidate),
      File("apps/b/deep/serverless.yml", FileKind::TemplateCandidate),
      File("apps/b/deep/handler.js", FileKind::Other),
      File("apps/b/notes.txt", FileKind::Other),
      File("lib/layer.zip", FileKind::Archive),
      File("README.md", FileKind::Other),
      File("/outside/x.py", FileKind::Other),
  };
  std::vector<std::string> Expected = {"apps/a",   "apps/a",        "apps/a",    "apps/a",
                                       "apps/b/deep", "apps/b/deep", "apps/b/notes.txt", "lib/layer.zip",
                                       "README.md", "/outside/x.py"};
  EXPECT_EQ(shardUnits(Files), Expected);

  // A configuration file at the root makes the whole scan one unit.
  Files.push_back(File("template.yaml", FileKind::TemplateCandidate));
  for (const std::string &U : shardUnits(Files))
    EXPECT_TRUE(U.empty() || U.front() == '/') << U;

  // The shard of a unit is a function of its path alone.
  EXPECT_EQ(shardOfUnit("apps/a", 4), shardOfUnit(std::string("apps/") + "a", 4));
  unsigned Hits[4] = {};
  for (int I = 0; I < 400; ++I)
    ++Hits[shardOfUnit("app-" + std::to_string(I), 4) - 1];
  for (unsigned H : Hits)
    EXPECT_GT(H, 60u); // roughly even
}

TEST(Shard, LinkedUnitsLandInOneShard) {
  auto File = [](std::string Path, FileKind Kind = FileKind::Other) {
    DiscoveredFile F;
    F.path = std::move(Path);
    F.kind = Kind;
    return F;
  };
  // Sorted as discovery sorts: "lib/b-c" comes between "lib/b" and "lib/b/".
  std::vector<DiscoveredFile> Files = {File("apps/a/template.yaml", FileKind::TemplateCandidate),
                                       File("lib/b-c/z.py"), File("lib/b/x.py"), File("lib/b/y.py")};
  std::vector<ShardLink> Links = {{"apps/a/template.yaml", "lib/b"}};
  for (unsigned N = 2; N <= 16; ++N) {
    unsigned Owners = 0;
    for (unsigned K = 1; K <= N; ++K) {
      std::vector<bool> Keep = selectShard(Files, {K, N}, Links);
      EXPECT_EQ(Keep[0], Keep[2]) << K << "/" << N;
      EXPECT_EQ(Keep[0], Keep[3]) << K << "/" << N;
      Owners += Keep[0];
    }
    EXPECT_EQ(Owners, 1u) << N;
  }
  // Unlinked, the three loose files are units of their own and spread out.
  std::set<std::vector<bool>> Patterns;
  for (unsigned K = 1; K <= 8; ++K)
    Patterns.insert(selectShard(Files, {K, 8}));
  EXPECT_GT(Patterns.size(), 2u);
}

TEST(Shard, ShardsOfTheExampleAppFindWhatOneScanFinds) {
  // One unit (template.yaml at its top): one shard gets it all.
  EXPECT_EQ(expectPartition(Source, {Source + "/examples"}, 3), 1u);
}

TEST(Shard, ShardsOfAFleetFindWhatOneScanFinds) {
  TempDir Tmp;
  makeFleet(Tmp.path());
  for (unsigned N : {2u, 4u, 7u})
    EXPECT_GT(expectPartition(Tmp.path(), {Tmp.path()}, N), 1u) << N;
}

TEST(Shard, ShardsOfCorpusAppsFindWhatOneScanFinds) {
  std::string Corpus = Source + "/../shared/corpus/serverless-patterns";
  if (!fs::is_directory(Corpus))
    GTEST_SKIP() << "corpus not found at " << Corpus;
  Corpus = fs::canonical(Corpus).string();
  // The first 120 apps in name order: real layouts, a hundred-odd units.
  std::vector<std::string> Apps;
  for (const auto &E : fs::directory_iterator(Corpus))
    if (E.is_directory())
      Apps.push_back(E.path().filename().string());
  std::sort(Apps.begin(), Apps.end());
  Apps.resize(std::min<std::size_t>(Apps.size(), 120));
  std::vector<std::string> Paths;
  for (const std::string &A : Apps)
    Paths.push_back(Corpus + "/" + A);
  EXPECT_EQ(expectPartition(Corpus, Paths, 5), 5u);
}

class Merge : public ::testing::Test {
protected:
  TempDir Out;
  std::string path(const std::string &Name) const { return Out.path() + "/" + Name; }
  void write(const std::string &Name, const std::string &Text) const { std::ofstream(path(Name)) << Text; }
};

TEST_F(Merge, ShardLogsMergeIntoTheUnshardedResultsAndValidate) {
  TempDir Fleet;
  makeFleet(Fleet.path());
  const unsigned N = 3;
  ProcessResult Whole =
      runFnlint({"scan", ".", "--now", "2026-01-01", "--format", "sarif", "-o", path("whole.sarif")}, Fleet.path());
  ASSERT_EQ(Whole.exitCode, 1) << Whole.err;
  std::vector<std::string> Shards;
  for (unsigned K = 1; K <= N; ++K) {
    std::string Name = path("shard-" + std::to_string(K) + ".sarif");
    ProcessResult R = runFnlint({"scan", ".", "--now", "2026-01-01", "--shard", std::to_string(K) + "/" +
                                 std::to_string(N), "--format", "sarif", "-o", Name, "--fail-on", "none"},
                                Fleet.path());
    ASSERT_EQ(R.exitCode, 0) << R.err;
    Shards.push_back(Name);
  }
  std::vector<std::string> Args = {"merge"};
  Args.insert(Args.end(), Shards.rbegin(), Shards.rend()); // any order
  Args.insert(Args.end(), {"-o", path("all.sarif")});
  ProcessResult M = runFnlint(Args);
  ASSERT_EQ(M.exitCode, 0) << M.err;

  nlohmann::json All = readJson(path("all.sarif")), One = readJson(path("whole.sarif"));
  ASSERT_EQ(All["runs"].size(), 1u);
  EXPECT_EQ(sarifFingerprints(All), sarifFingerprints(One));
  // Rules once each, every ruleIndex pointing at its rule.
  const auto &Run = All["runs"][0];
  std::set<std::string> Ids;
  for (const auto &Rule : Run["tool"]["driver"]["rules"])
    EXPECT_TRUE(Ids.insert(Rule["id"].get<std::string>()).second) << Rule["id"];
  for (const auto &R : Run["results"])
    EXPECT_EQ(Run["tool"]["driver"]["rules"][R["ruleIndex"].get<std::size_t>()]["id"], R["ruleId"]);
  EXPECT_EQ(Run["tool"]["extensions"], One["runs"][0]["tool"]["extensions"]);
  EXPECT_EQ(Run["automationDetails"], One["runs"][0]["automationDetails"]);

  // Deterministic: the arguments' order does not matter.
  std::vector<std::string> Again = {"merge"};
  Again.insert(Again.end(), Shards.begin(), Shards.end());
  Again.insert(Again.end(), {"-o", path("again.sarif")});
  ASSERT_EQ(runFnlint(Again).exitCode, 0);
  EXPECT_EQ(readText(path("all.sarif")), readText(path("again.sarif")));

  ProcessResult V = run({Source + "/scripts/validate-sarif", path("all.sarif")}, Source,
                        {"FNLINT_SARIF_TOOLS=" FNLINT_BINARY_DIR "/sarif-tools"});
  EXPECT_EQ(V.exitCode, 0) << V.out << V.err;
}

TEST_F(Merge, RulesArtifactsAndNotificationsAreRePointed) {
  // Two hand-made logs: different rule lists and artifacts, two categories.
  write("a.sarif", R"({"version": "2.1.0", "runs": [{
    "tool": {"driver": {"name": "fnlint", "version": "1", "rules": [{"id": "r/one"}, {"id": "r/two"}]},
             "extensions": [{"name": "fnlint-data/limits", "version": "5"}]},
    "invocations": [{"executionSuccessful": true,
                     "toolExecutionNotifications": [{"message": {"text": "a"}}]}],
    "automationDetails": {"id": "fnlint/"},
    "artifacts": [{"location": {"uri": "a.zip"}}, {"location": {"uri": "x.py"}, "parentIndex": 0}],
    "results": [{"ruleId": "r/two", "ruleIndex": 1, "message": {"text": "m"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.zip", "index": 0}}}],
                 "properties": {"memberArtifactIndex": 1}}]}]})");
  write("b.sarif", R"({"version": "2.1.0", "runs": [{
    "tool": {"driver": {"name": "fnlint", "version": "1", "rules": [{"id": "r/three"}, {"id": "r/two"}]},
             "extensions": [{"name": "fnlint-data/limits", "version": "5"}, {"name": "fnlint-data/iam", "version": "2"}]},
    "invocations": [{"executionSuccessful": true,
                     "toolExecutionNotifications": [{"message": {"text": "b"}}]}],
    "automationDetails": {"id": "fnlint/"},
    "artifacts": [{"location": {"uri": "b.zip"}}, {"location": {"uri": "y.py"}, "parentIndex": 0}],
    "results": [{"ruleId": "r/two", "ruleIndex": 1, "message": {"text": "n"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "b.zip", "index": 0}}}],
                 "properties": {"memberArtifactIndex": 1}}]},
   {"tool": {"driver": {"name": "fnlint", "version": "1", "rules": [{"id": "r/one"}]}},
    "automationDetails": {"id": "fnlint/nightly/"},
    "results": [{"ruleId": "r/one", "ruleIndex": 0, "message": {"text": "o"}}]}]})");
  ASSERT_EQ(runFnlint({"merge", path("a.sarif"), path("b.sarif"), "-o", path("m.sarif")}).exitCode, 0);
  // Another run id of category "fnlint/" joins that run, which then carries the category only.
  write("c.sarif", R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "fnlint", "rules": []}},
    "automationDetails": {"id": "fnlint/shard-3"}, "results": [{"ruleId": "r/zero", "message": {"text": "z"}}]}]})");
  ASSERT_EQ(runFnlint({"merge", path("c.sarif"), path("a.sarif"), "-o", path("ac.sarif")}).exitCode, 0);
  nlohmann::json AC = readJson(path("ac.sarif"));
  ASSERT_EQ(AC["runs"].size(), 1u);
  EXPECT_EQ(AC["runs"][0]["automationDetails"]["id"], "fnlint/");
  EXPECT_EQ(AC["runs"][0]["results"].size(), 2u);

  nlohmann::json M = readJson(path("m.sarif"));
  ASSERT_EQ(M["runs"].size(), 2u);
  const auto &Run = M["runs"][0];
  EXPECT_EQ(Run["automationDetails"]["id"], "fnlint/");
  EXPECT_EQ(M["runs"][1]["automationDetails"]["id"], "fnlint/nightly/");
  EXPECT_EQ(Run["tool"]["driver"]["rules"], nlohmann::json::parse(R"([{"id": "r/one"}, {"id": "r/two"}, {"id": "r/three"}])"));
  EXPECT_EQ(Run["tool"]["extensions"].size(), 2u);
  EXPECT_EQ(Run["invocations"][0]["toolExecutionNotifications"].size(), 2u);
  ASSERT_EQ(Run["artifacts"].size(), 4u);
  EXPECT_EQ(Run["artifacts"][3]["parentIndex"], 2);
  ASSERT_EQ(Run["results"].size(), 2u);
  const auto &B = Run["results"][1];
  EXPECT_EQ(B["message"]["text"], "n");
  EXPECT_EQ(B["ruleIndex"], 1);
  EXPECT_EQ(B["locations"][0]["physicalLocation"]["artifactLocation"]["index"], 2);
  EXPECT_EQ(B["properties"]["memberArtifactIndex"], 3);

  // The same log twice adds nothing.
  ASSERT_EQ(runFnlint({"merge", path("a.sarif"), path("a.sarif"), "-o", path("aa.sarif")}).exitCode, 0);
  EXPECT_EQ(readJson(path("aa.sarif"))["runs"][0]["results"].size(), 1u);
}

TEST_F(Merge, InputsThatAreNotFnlintSarifExitTwoNamingTheFile) {
  write("broken.sarif", "{\"version\": \"2.1.0\", \"runs\": [");
  write("other.sarif", R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "eslint"}}, "results": []}]})");
  write("old.sarif", R"({"version": "2.0.0", "runs": []})");
  write("ok.sarif", R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "fnlint"}}, "results": []}]})");
  for (const char *Bad : {"broken.sarif", "other.sarif", "old.sarif", "missing.sarif"}) {
    ProcessResult R = runFnlint({"merge", path("ok.sarif"), path(Bad), "-o", path("m.sarif")});
    EXPECT_EQ(R.exitCode, 2) << Bad;
    EXPECT_NE(R.err.find(path(Bad)), std::string::npos) << R.err;
  }
  ProcessResult None = runFnlint({"merge"});
  EXPECT_EQ(None.exitCode, 2) << None.err;
}

} // namespace
