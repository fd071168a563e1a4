//===- tests/e2e/CliTest.cpp - fnlint as a user runs it ---------------------===//
//
// The CLI contract: exit codes (0 clean, 1 findings at or above --fail-on,
// 2 usage/config/internal error), one-line errors, bad input reported with
// the rest of the scan intact, and byte-identical output whatever --jobs is.
//
//===----------------------------------------------------------------------===//
#include "core/IamActions.h"
#include "support/Fixture.h"
#include "support/Process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <fstream>

using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

std::size_t lines(const std::string &S) { return static_cast<std::size_t>(std::count(S.begin(), S.end(), '\n')); }

/// Rule definitions in the source tree, per category: what the binary must embed.
std::map<std::string, std::size_t> ruleFiles() {
  std::map<std::string, std::size_t> Out;
  for (const auto &E : fs::recursive_directory_iterator(std::string(FNLINT_SOURCE_DIR) + "/rules"))
    if (E.path().extension() == ".yaml" && E.path().parent_path().filename() != "data")
      ++Out[E.path().parent_path().filename().string()];
  return Out;
}

std::size_t ruleCount() {
  std::size_t N = 0;
  for (const auto &[Category, Count] : ruleFiles())
    N += Count;
  return N;
}


TEST(Cli, VersionNamesToolAndDataTables) {
  ProcessResult R = runFnlint({"--version"});
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_NE(R.out.find("fnlint 0.1.0"), std::string::npos) << R.out;
  std::string Expected = "rules: " + std::to_string(ruleCount()) + " (";
  bool First = true;
  for (const auto &[Category, Count] : ruleFiles()) {
    Expected += (First ? "" : ", ") + Category + " " + std::to_string(Count);
    First = false;
  }
  EXPECT_NE(R.out.find(Expected + ")"), std::string::npos) << R.out << "\nexpected: " << Expected;
  EXPECT_NE(R.out.find("data: lambda-limits version 1 ("), std::string::npos) << R.out;
  // The IAM action database is named by the package version and date it was generated from.
  fnlint::IamDataInfo Iam = fnlint::iamDataInfo();
  EXPECT_NE(R.out.find("data: iam-actions version " + Iam.version + " (" + Iam.date + ")\n"), std::string::npos)
      << R.out;
  EXPECT_EQ(R.err, "");
}

TEST(Cli, UnknownFlagIsAOneLineUsageError) {
  ProcessResult R = runFnlint({"scan", "--no-such-flag", "examples"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_EQ(lines(R.err), 1u) << R.err;
  EXPECT_NE(R.err.find("--no-such-flag"), std::string::npos) << R.err;
  EXPECT_EQ(R.out, "");
}

TEST(Cli, BadFlagValueIsAOneLineUsageError) {
  ProcessResult R = runFnlint({"scan", "--format", "xml", "examples"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_EQ(lines(R.err), 1u) << R.err;
  EXPECT_NE(R.err.find("xml"), std::string::npos) << R.err;
}

TEST(Cli, MissingPathIsAOneLineErrorNamingIt) {
  ProcessResult R = runFnlint({"scan", "examples", "no/such/dir"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_EQ(lines(R.err), 1u) << R.err;
  EXPECT_NE(R.err.find("no/such/dir"), std::string::npos) << R.err;
  EXPECT_EQ(R.out, "");
}

TEST(Cli, MissingSubcommandIsAUsageError) {
  ProcessResult R = runFnlint({});
  EXPECT_EQ(R.exitCode, 2);
}

TEST(Cli, FailOnThresholdDecidesTheExitCode) {
  // The example app has an error (a secret in its template), a warning and
  // notes; the zip alone has a warning and notes; a source folder without its
  // template has none.
  EXPECT_EQ(runFnlint({"scan", "examples", "--quiet"}).exitCode, 1);
  EXPECT_EQ(runFnlint({"scan", "examples", "--quiet", "--fail-on", "error"}).exitCode, 1);
  EXPECT_EQ(runFnlint({"scan", "examples", "--quiet", "--fail-on", "none"}).exitCode, 0);
  EXPECT_EQ(runFnlint({"scan", "examples/sam-app/dist/orders.zip", "--quiet", "--fail-on", "error"}).exitCode, 0)
      << "a warning and notes, no error";
  EXPECT_EQ(runFnlint({"scan", "examples/sam-app/dist/orders.zip", "--quiet", "--fail-on", "warning"}).exitCode, 1);
  EXPECT_EQ(runFnlint({"scan", "examples/sam-app/src/reports", "--quiet", "--fail-on", "warning"}).exitCode, 0);
  EXPECT_EQ(runFnlint({"scan", "examples/sam-app/dist/orders.zip", "--quiet", "--fail-on", "note"}).exitCode, 1);
}

TEST(Cli, CleanFolderExitsZero) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/README.md", "# nothing to see\n");
  ProcessResult R = runFnlint({"scan", "."}, Tmp.path());
  EXPECT_EQ(R.exitCode, 0) << R.out << R.err;
  EXPECT_NE(R.out.find("no findings"), std::string::npos) << R.out;
}

TEST(Cli, NoProgressLineInPipes) {
  ProcessResult R = runFnlint({"scan", "examples"});
  EXPECT_EQ(R.err, "") << "stderr must stay clean when it is not a terminal";
}

TEST(Cli, OutputFileGetsTheReport) {
  TempDir Tmp;
  std::string Out = Tmp.path() + "/report.json";
  ProcessResult R = runFnlint({"scan", "examples", "--format", "json", "-o", Out, "--now", "2026-11-30"});
  EXPECT_EQ(R.exitCode, 1);
  EXPECT_EQ(R.out, "");
  auto J = nlohmann::json::parse(readFile(Out));
  // unreadable-permissions, deprecated-runtime, timeout-exceeds-caller, data-exfiltration
  EXPECT_EQ(J["summary"]["warning"], 4);
}

TEST(Cli, UnwritableOutputIsAnError) {
  ProcessResult R = runFnlint({"scan", "examples", "-o", "/nonexistent-dir/report.txt"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_NE(R.err.find("/nonexistent-dir/report.txt"), std::string::npos) << R.err;
}

TEST(Cli, BadInputIsReportedAndTheRestOfTheScanGoesOn) {
  TempDir Tmp;
  // A corrupt zip, a template that is not valid YAML, and a good package.
  writeFile(Tmp.path() + "/broken/function.zip", "PK\x03\x04 this is not really a zip");
  writeFile(Tmp.path() + "/broken/template.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: [unclosed\n");
  YAML::Node Entries = YAML::Load(R"(
- {path: index.mjs, text: "export const handler = async () => 1;\n"}
- {path: config.json, text: "{}", mode: "0600"})");
  writeFile(Tmp.path() + "/good/function.zip", buildZip(Entries));
  ProcessResult R = runFnlint({"scan", ".", "--format", "json"}, Tmp.path());
  EXPECT_EQ(R.exitCode, 1) << R.err;
  auto J = nlohmann::json::parse(R.out);
  std::set<std::string> Rules;
  for (const auto &F : J["findings"])
    Rules.insert(F["ruleId"].get<std::string>() + " " + F["location"]["display"].get<std::string>());
  EXPECT_TRUE(Rules.count("package/unreadable broken/function.zip")) << R.out;
  EXPECT_TRUE(Rules.count("package/unreadable-permissions good/function.zip")) << R.out;
  ASSERT_EQ(J["problems"].size(), 1u) << R.out;
  EXPECT_EQ(J["problems"][0]["location"]["path"], "broken/template.yaml");
  EXPECT_NE(J["problems"][0]["message"].get<std::string>().find("cannot parse template"), std::string::npos);
  EXPECT_EQ(J["problems"][0]["location"]["region"]["startLine"], 5); // where the unclosed flow ends

  // The text report names the problem on stderr, still exit 1 (not 2).
  ProcessResult T = runFnlint({"scan", "."}, Tmp.path());
  EXPECT_EQ(T.exitCode, 1);
  EXPECT_NE(T.err.find("broken/template.yaml:5:1: error: cannot parse template"), std::string::npos) << T.err;
}

TEST(Cli, DependencySecretsReportsEveryRuleOnlyWhenAskedTo) {
  TempDir Tmp;
  // A dependency's own config with a high-entropy password: by default only
  // high-confidence rules report in node_modules/, so this is silent.
  YAML::Node Entries = YAML::Load(R"(
- {path: index.mjs, text: "export const handler = async () => 1;\n"}
- {path: node_modules/legacy-db/config.js, text: "module.exports = { password: 'Qm7vT2xL9kR4pW8zN3cJ' };\n"})");
  writeFile(Tmp.path() + "/function.zip", buildZip(Entries));
  auto Rules = [&](std::vector<std::string> Args) {
    Args.insert(Args.begin(), {"scan", ".", "--format", "json"});
    ProcessResult R = runFnlint(Args, Tmp.path());
    std::set<std::string> Out;
    nlohmann::json J = nlohmann::json::parse(R.out); // the loop below must not range over a temporary
    for (const auto &F : J["findings"])
      Out.insert(F["ruleId"].get<std::string>());
    return Out;
  };
  EXPECT_FALSE(Rules({}).count("secret/generic-high-entropy"));
  EXPECT_TRUE(Rules({"--dependency-secrets", "all"}).count("secret/generic-high-entropy"));
  ProcessResult Bad = runFnlint({"scan", ".", "--dependency-secrets", "some"}, Tmp.path());
  EXPECT_EQ(Bad.exitCode, 2);
}

TEST(Cli, ExplainInvocationsShowsEachFunctionsInvokersAndKeepsJsonParseable) {
  ProcessResult T = runFnlint({"scan", "examples", "--explain-invocations", "--now", "2026-11-30"});
  EXPECT_NE(T.out.find("function OrdersFunction\n  synchronous: api-http (SAM event CreateOrder (HttpApi)) at "
                       "examples/sam-app/template.yaml:"),
            std::string::npos)
      << T.out;
  EXPECT_NE(T.out.find("  polled: sqs (SAM event OrderEvents (SQS))"), std::string::npos) << T.out;
  ProcessResult J = runFnlint({"scan", "examples", "--explain-invocations", "--format", "json"});
  auto Doc = nlohmann::json::parse(J.out); // throws if the explanation leaked into it
  EXPECT_NE(J.err.find("function ReportsFunction"), std::string::npos);
  bool Found = false;
  for (const auto &F : Doc["inventory"]["functions"])
    if (F["logicalId"] == "ReportsFunction") {
      ASSERT_EQ(F["invokers"].size(), 1u);
      EXPECT_EQ(F["invokers"][0]["kind"], "polled");
      EXPECT_EQ(F["invokers"][0]["source"], "sqs");
      Found = true;
    }
  EXPECT_TRUE(Found);
}

TEST(Cli, EnableTurnsOnADisabledRuleAndRejectsUnknownIds) {
  ProcessResult Off = runFnlint({"scan", "examples", "--format", "json", "--now", "2026-11-30"});
  ProcessResult On = runFnlint({"scan", "examples", "--format", "json", "--now", "2026-11-30", "--enable",
                                "lambda/no-reserved-concurrency"});
  auto Count = [](const std::string &Out) {
    int N = 0;
    nlohmann::json J = nlohmann::json::parse(Out);
    for (const auto &F : J["findings"])
      N += F["ruleId"] == "lambda/no-reserved-concurrency";
    return N;
  };
  EXPECT_EQ(Count(Off.out), 0);
  EXPECT_EQ(Count(On.out), 2);
  ProcessResult Bad = runFnlint({"scan", "examples", "--enable", "lambda/no-such-rule"});
  EXPECT_EQ(Bad.exitCode, 2);
  EXPECT_NE(Bad.err.find("no rule 'lambda/no-such-rule'"), std::string::npos) << Bad.err;
  ProcessResult BadDate = runFnlint({"scan", "examples", "--now", "30/11/2026"});
  EXPECT_EQ(BadDate.exitCode, 2);
}

TEST(Cli, OutputIsByteIdenticalWhateverJobsIs) {
  TempDir Tmp;
  // Several archives, nested ones and a template-deployed folder give the
  // threads something to race on.
  fs::copy(FNLINT_SOURCE_DIR "/examples", Tmp.path() + "/examples", fs::copy_options::recursive);
  for (int I = 0; I < 6; ++I) {
    YAML::Node Entries = YAML::Load(
        "- {path: index.js, text: \"exports.handler = async () => " + std::to_string(I) + ";\\n\"}\n"
        "- {path: lib/inner.jar, zip: [{path: a.class, random: 3000}, {path: nested.zip, zip: [{path: x.txt, text: hi}]}]}\n"
        "- {path: test/a.test.js, text: \"test\"}\n"
        "- {path: secret.json, text: \"{}\", mode: \"0600\"}\n");
    writeFile(Tmp.path() + "/dist/fn" + std::to_string(I) + ".zip", buildZip(Entries));
  }
  for (const char *Format : {"json", "sarif", "text", "html"}) {
    ProcessResult One = runFnlint({"scan", ".", "--format", Format, "--jobs", "1"}, Tmp.path());
    for (const char *Jobs : {"2", "8"}) {
      ProcessResult Many = runFnlint({"scan", ".", "--format", Format, "--jobs", Jobs}, Tmp.path());
      EXPECT_EQ(One.out, Many.out) << Format << " output differs between --jobs 1 and --jobs " << Jobs;
      EXPECT_EQ(One.exitCode, Many.exitCode);
    }
    ProcessResult Again = runFnlint({"scan", ".", "--format", Format, "--jobs", "1"}, Tmp.path());
    EXPECT_EQ(One.out, Again.out) << Format << " output differs between two identical runs";
  }
}

TEST(Cli, RulesListsTheCatalogueInEveryFormat) {
  ProcessResult Text = runFnlint({"rules"});
  EXPECT_EQ(Text.exitCode, 0);
  EXPECT_EQ(lines(Text.out), ruleCount()) << Text.out;
  EXPECT_NE(Text.out.find("package/too-large-unzipped"), std::string::npos);
  ProcessResult Json = runFnlint({"rules", "--format", "json"});
  auto J = nlohmann::json::parse(Json.out);
  ASSERT_EQ(J.size(), ruleCount());
  for (const auto &R : J) {
    EXPECT_FALSE(R["help"].get<std::string>().empty()) << R["id"];
    EXPECT_TRUE(fs::exists(std::string(FNLINT_SOURCE_DIR) + "/" + R["implementation"].get<std::string>())) << R["id"];
  }
  ProcessResult Md = runFnlint({"rules", "--format", "markdown"});
  EXPECT_NE(Md.out.find("| [package/unsafe-entry](package/unsafe-entry.md) | error |"), std::string::npos) << Md.out;
}

TEST(Cli, ExplainPrintsWhyWhatAndExample) {
  ProcessResult R = runFnlint({"explain", "package/bootstrap-not-executable"});
  EXPECT_EQ(R.exitCode, 0);
  for (const char *Part : {"# package/bootstrap-not-executable", "## Why", "## What to do", "## Example"})
    EXPECT_NE(R.out.find(Part), std::string::npos) << Part;
}

TEST(Cli, ExplainUnknownRuleSuggestsCloseOnes) {
  ProcessResult R = runFnlint({"explain", "too-large-zipped"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_EQ(lines(R.err), 1u) << R.err;
  EXPECT_NE(R.err.find("did you mean package/too-large-zipped"), std::string::npos) << R.err;
}

TEST(Cli, RuleDocsAreGeneratedFromTheCatalogue) {
  // docs/rules/<id>.md is exactly `fnlint explain <id>`; regenerate with
  // scripts/gen-rule-docs.sh after editing a rule.
  auto J = nlohmann::json::parse(runFnlint({"rules", "--format", "json"}).out);
  for (const auto &R : J) {
    std::string Id = R["id"];
    std::string Doc = readFile(std::string(FNLINT_SOURCE_DIR) + "/docs/rules/" + Id + ".md");
    EXPECT_EQ(Doc, runFnlint({"explain", Id}).out) << "docs/rules/" << Id << ".md is stale: run scripts/gen-rule-docs.sh";
  }
  EXPECT_EQ(readFile(FNLINT_SOURCE_DIR "/docs/rules/README.md"), runFnlint({"rules", "--format", "markdown"}).out)
      << "docs/rules/README.md is stale: run scripts/gen-rule-docs.sh";
}

} // namespace

namespace {

TEST(Cli, FingerprintsSurviveLineShifts) {
  // Inserting lines above a finding moves its line but must keep its
  // fnlint/v1 fingerprint, so baselines and GitHub alerts stay matched.
  TempDir Tmp;
  fs::copy(FNLINT_SOURCE_DIR "/examples/sam-app", Tmp.path() + "/app", fs::copy_options::recursive);
  auto Fingerprints = [&] {
    auto J = nlohmann::json::parse(runFnlint({"scan", ".", "--format", "json"}, Tmp.path()).out);
    std::map<std::string, std::pair<std::string, int>> Out; // rule@display -> (fingerprint, line)
    for (const auto &F : J["findings"]) {
      int Line = F["location"]["region"].is_null() ? 0 : F["location"]["region"]["startLine"].get<int>();
      Out[F["ruleId"].get<std::string>() + "@" + F["location"]["display"].get<std::string>()] = {
          F["fingerprint"].get<std::string>(), Line};
    }
    return Out;
  };
  auto Before = Fingerprints();
  std::string Template = readFile(Tmp.path() + "/app/template.yaml");
  std::ofstream(Tmp.path() + "/app/template.yaml", std::ios::binary)
      << "# Orders service\n# owned by the payments team\n\n" << Template;
  auto After = Fingerprints();
  ASSERT_EQ(Before.size(), After.size());
  bool SawShift = false;
  for (const auto &[Key, Value] : Before) {
    ASSERT_TRUE(After.count(Key)) << Key;
    EXPECT_EQ(Value.first, After[Key].first) << Key << " changed fingerprint after a line shift";
    if (Value.second)
      SawShift |= After[Key].second == Value.second + 3;
  }
  EXPECT_TRUE(SawShift) << "no finding moved: the test does not test anything";
}

} // namespace

namespace {

// The progress line appears only on a terminal, never in pipes or CI logs.
// `script` (util-linux, in every Debian) gives the scan a terminal; the delay
// is shortened so the quick example scan lives long enough to show it.
TEST(Cli, ProgressLineOnlyOnATerminal) {
  std::string Fnlint = FNLINT_EXE;
  auto OnTerminal = [&](const std::string &Env) {
    return run({"/usr/bin/script", "-qec", Env + " FNLINT_PROGRESS_AFTER_MS=0 " + Fnlint + " scan examples", "/dev/null"},
               FNLINT_SOURCE_DIR, {"TERM=xterm"});
  };
  // The scan may finish before the progress thread first runs: a few tries.
  ProcessResult Tty;
  for (int Try = 0; Try < 5 && Tty.out.find("fnlint: scanning: ") == std::string::npos; ++Try)
    Tty = OnTerminal("env -u CI -u GITHUB_ACTIONS");
  EXPECT_NE(Tty.out.find("fnlint: scanning: "), std::string::npos) << Tty.out;
  EXPECT_NE(Tty.out.find("\r\033[K"), std::string::npos) << "the line is erased at the end";

  ProcessResult Ci = OnTerminal("env CI=true");
  EXPECT_EQ(Ci.out.find("fnlint: scanning: "), std::string::npos) << Ci.out;

  ProcessResult Pipe = run({Fnlint, "scan", "examples"}, FNLINT_SOURCE_DIR, {"FNLINT_PROGRESS_AFTER_MS=0"});
  EXPECT_EQ(Pipe.err, "");
}

} // namespace

namespace {

// `--iam-data DIR` swaps the built-in IAM action table for DIR/iam-actions.tsv:
// here a copy that knows one more S3 action and has a version of its own.
class IamData : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Table = readFile(std::string(FNLINT_SOURCE_DIR) + "/rules/data/iam-actions.tsv");
    std::size_t Version = Table.find("\nversion\t");
    std::size_t S3 = Table.find("\nS\ts3\t");
    ASSERT_NE(Version, std::string::npos);
    ASSERT_NE(S3, std::string::npos);
    std::size_t S3End = Table.find('\n', S3 + 1);
    Table.insert(S3End + 1, "A\tGetObjects\tR\tobject*\t\n"); // the typo of the unknown-action fixture
    Table.replace(Version + 1, Table.find('\n', Version + 1) - Version - 1, "version\t9.9.9-cli-test");
    std::ofstream(Dir.path() + "/iam-actions.tsv", std::ios::binary) << Table;
  }

  TempDir Dir;
  const std::string Fixture = "fixtures/iam/unknown-action/fires-sam-typo-in-policies.yaml";
};

TEST_F(IamData, ReplacesTheBuiltInTable) {
  auto UnknownActions = [](const ProcessResult &R) {
    std::size_t N = 0;
    const auto J = nlohmann::json::parse(R.out);
    for (const auto &F : J["findings"])
      N += F["ruleId"] == "iam/unknown-action";
    return N;
  };
  ProcessResult BuiltIn = runFnlint({"scan", Fixture, "--format", "json"});
  EXPECT_EQ(UnknownActions(BuiltIn), 1u) << BuiltIn.out;
  ProcessResult Newer = runFnlint({"scan", Fixture, "--format", "json", "--iam-data", Dir.path()});
  EXPECT_EQ(Newer.err, "");
  EXPECT_EQ(UnknownActions(Newer), 0u) << "the copy knows s3:GetObjects\n" << Newer.out;
  // Before the command too, and the file itself instead of its folder.
  ProcessResult Global = runFnlint({"--iam-data", Dir.path() + "/iam-actions.tsv", "scan", Fixture, "--format", "json"});
  EXPECT_EQ(UnknownActions(Global), 0u) << Global.err;

  ProcessResult Version = runFnlint({"--iam-data", Dir.path(), "--version"});
  EXPECT_EQ(Version.exitCode, 0) << Version.err;
  EXPECT_NE(Version.out.find("data: iam-actions version 9.9.9-cli-test ("), std::string::npos) << Version.out;
  EXPECT_EQ(runFnlint({"--version"}).out.find("9.9.9-cli-test"), std::string::npos);

  ProcessResult Sarif = runFnlint({"scan", Fixture, "--format", "sarif", "--iam-data", Dir.path()});
  std::map<std::string, std::string> Extensions;
  const auto J = nlohmann::json::parse(Sarif.out);
  for (const auto &E : J["runs"][0]["tool"]["extensions"])
    Extensions[E["name"]] = E["version"];
  EXPECT_EQ(Extensions["fnlint-data/iam-actions"], "9.9.9-cli-test");
  EXPECT_EQ(Extensions["fnlint-data/lambda-limits"], "1") << "the other tables stay";
}

TEST_F(IamData, MissingDirectoryIsAOneLineError) {
  for (const std::vector<std::string> &Args :
       {std::vector<std::string>{"scan", Fixture, "--iam-data", Dir.path() + "/nowhere"},
        std::vector<std::string>{"--iam-data", Dir.path() + "/nowhere", "--version"}}) {
    ProcessResult R = runFnlint(Args);
    EXPECT_EQ(R.exitCode, 2);
    EXPECT_EQ(R.out, "");
    EXPECT_EQ(lines(R.err), 1u) << R.err;
    EXPECT_NE(R.err.find("--iam-data: " + Dir.path() + "/nowhere: no such directory"), std::string::npos) << R.err;
  }
  // A folder without the table names the file it looked for.
  fs::create_directory(Dir.path() + "/empty");
  ProcessResult R = runFnlint({"scan", Fixture, "--iam-data", Dir.path() + "/empty"});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_NE(R.err.find(Dir.path() + "/empty/iam-actions.tsv: cannot read"), std::string::npos) << R.err;
}

TEST_F(IamData, MalformedLineIsNamedByFileAndLine) {
  std::string Table = readFile(Dir.path() + "/iam-actions.tsv");
  std::size_t Line = 1 + static_cast<std::size_t>(std::count(Table.begin(), Table.end(), '\n'));
  std::ofstream(Dir.path() + "/iam-actions.tsv", std::ios::binary | std::ios::app) << "A\tBroken\tX\t\t\n";
  ProcessResult R = runFnlint({"scan", Fixture, "--iam-data", Dir.path()});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_EQ(R.out, "");
  EXPECT_EQ(R.err, "fnlint: error: --iam-data: " + Dir.path() + "/iam-actions.tsv:" + std::to_string(Line) +
                       ": unknown access level 'X'\n");
}

} // namespace
