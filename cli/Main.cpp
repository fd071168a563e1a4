//===- cli/Main.cpp - fnlint's entry point ----------------------------------===//
#include "cli/Commands.h"
#include "cli/LimitOptions.h"

#include "core/IamActions.h"
#include "core/RuleInfo.h"
#include "scanner/Shard.h"
#include "scanner/UserRules.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <exception>
#include <iostream>

using namespace fnlint::cli;

namespace {

/// `--iam-data`: loads the table now, so a bad one stops fnlint before any work.
bool loadIamData(const std::string &Path) {
  std::string Error;
  if (fnlint::setIamDataDirectory(Path, Error))
    return true;
  std::fprintf(stderr, "fnlint: error: --iam-data: %s\n", Error.c_str());
  return false;
}

/// The options of `scan`, shared by `baseline create` and `baseline prune`,
/// which scan the same way.
void addScanOptions(CLI::App *Cmd, ScanArgs &Scan, std::string &IamData, const char *IamDataHelp) {
  Cmd->add_option("paths", Scan.paths, "Files and folders to scan");
  Cmd->add_option("--format", Scan.formats,
                  "Report format: text (default), json, sarif, junit, github or html; FORMAT:FILE writes it to FILE "
                  "(repeatable: --format sarif:fnlint.sarif --format text)")
      ->type_name("FORMAT[:FILE]")
      ->allow_extra_args(false)
      ->check([](const std::string &V) {
        std::string Name = V.substr(0, V.find(':'));
        for (const char *Known : {"text", "json", "sarif", "junit", "github", "html"})
          if (Name == Known)
            return std::string();
        return "unknown format '" + Name + "' (formats: text, json, sarif, junit, github, html)";
      });
  Cmd->add_flag("--exit-zero", Scan.exitZero, "Exit 0 even when findings remain (2 still means an error)");
  Cmd->add_option("-o,--output", Scan.output, "Write the report to FILE instead of stdout");
  Cmd->add_option("--fail-on", Scan.failOn, "Exit 1 when findings at or above this level exist")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->capture_default_str();
  Cmd->add_option("-j,--jobs", Scan.jobs, "Worker threads (default: all cores)")
      ->check(CLI::Range(1u, 1024u));
  Cmd->add_option("--color", Scan.color, "Colour the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  Cmd->add_flag("-q,--quiet", Scan.quiet, "Print findings only: no summary, no progress line");
  Cmd->add_option("--root", Scan.root,
                      "Folder reported paths are relative to (default: the current directory; "
                      "use the repository root for GitHub code scanning)");
  Cmd->add_option("--max-archive-depth", Scan.maxArchiveDepth,
                      "Open archives nested at most this deep")
      ->check(CLI::Range(0u, 32u))
      ->capture_default_str();
  Cmd->add_option("--near-limit-ratio", Scan.nearLimitRatio,
                      "package/near-size-limit fires above this fraction of a size limit")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  Cmd->add_option("--max-declared-size", Scan.maxDeclaredBytes,
                      "Archives declaring more uncompressed bytes are zip bombs (e.g. 4GB, 500MB)")
      ->transform(CLI::AsSizeValue(false))
      ->default_str("4GB");
  Cmd->add_option("--limit", Scan.limits,
                  "Set a resource cap, e.g. --limit file-seconds=30 (repeatable; keys and defaults in "
                  "docs/limits.md: " + limitKeyList() + ")")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false)
      ->check([](const std::string &V) {
        fnlint::ResourceLimits Scratch;
        std::string Error;
        return applyLimitOption(Scratch, V, Error) ? std::string() : Error;
      });
  Cmd->add_option("--dependency-secrets", Scan.dependencySecrets,
                      "Secret rules reported in dependency folders (node_modules, site-packages, ...)")
      ->check(CLI::IsMember({"high-confidence", "all"}))
      ->capture_default_str();
  Cmd->add_option("--now", Scan.now, "Judge runtime deprecation as of this date (YYYY-MM-DD; default: today)")
      ->check([](const std::string &V) {
        bool Ok = V.size() == 10 && V[4] == '-' && V[7] == '-';
        for (std::size_t I = 0; Ok && I < V.size(); ++I)
          Ok = I == 4 || I == 7 || std::isdigit(static_cast<unsigned char>(V[I]));
        return Ok ? std::string() : "expected a date YYYY-MM-DD, got '" + V + "'";
      });
  Cmd->add_option("--timeout-threshold", Scan.timeoutThreshold,
                      "lambda/timeout-excessive fires at or above this many seconds")
      ->check(CLI::Range(1, 900))
      ->capture_default_str();
  Cmd->add_flag("--assume-async", Scan.assumeAsync,
                    "lambda/missing-dlq: judge functions with no known invoker as invoked asynchronously");
  Cmd->add_option("--enable", Scan.enable, "Enable a rule that ships disabled (repeatable), e.g. lambda/tracing-disabled")
      ->allow_extra_args(false);
  Cmd->add_flag("--explain-invocations", Scan.explainInvocations,
                    "Before the report, list what invokes each function (synchronous, asynchronous, polled) and why");
  Cmd->add_option("--iam-data", IamData, IamDataHelp)->type_name("DIR");
  Cmd->add_option("--cpp-helper", Scan.cppHelper, "Path of the fnlint-cpp helper")->group("");
  Cmd->add_option("-p,--compile-commands", Scan.compileCommandsDir,
                  "C/C++: the directory of compile_commands.json (default: found beside the sources or in "
                  "their build/; else default flags and fnlint's SDK declaration headers)")
      ->type_name("DIR")
      ->check(CLI::Validator(CLI::ExistingDirectory).description(""));
  Cmd->add_option("--config", Scan.config,
                      "Read this configuration file instead of the .fnlint.yaml found above the scan path")
      ->type_name("FILE");
  Cmd->add_flag("--no-config", Scan.noConfig, "Read no configuration file");
  Cmd->add_flag("--show-suppressed", Scan.showSuppressed,
                    "List suppressed findings too, with their reasons (text and JSON)");
  Cmd->add_flag("--sarif-include-suppressed", Scan.sarifIncludeSuppressed,
                    "Write suppressed findings to SARIF, marked with their suppression");
  Cmd->add_option("--shard", Scan.shard,
                  "Scan only part K of N (1-based, e.g. 2/4) of the configuration units; see docs/fleet-scans.md")
      ->type_name("K/N")
      ->check([](const std::string &V) {
        fnlint::ShardSpec S;
        std::string Error;
        return fnlint::parseShard(V, S, Error) ? std::string() : Error;
      });
}

} // namespace

int main(int argc, char **argv) {
  // libzip converts every entry's DOS time with mktime(), and glibc re-checks
  // /etc/localtime on each call when TZ is unset: one stat per archive entry.
  // fnlint never prints local times, so a fixed zone costs nothing.
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  // The version answer must be instant (it is the health check of CI images
  // and pre-commit set-ups), so it skips argument parsing altogether.
  if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0)) {
    std::fputs(versionText().c_str(), stdout);
    return ExitClean;
  }
  // CLI11 would answer "A subcommand is required" without naming the word.
  if (argc > 1 && argv[1][0] != '-' && std::strcmp(argv[1], "scan") != 0 && std::strcmp(argv[1], "rules") != 0 &&
      std::strcmp(argv[1], "explain") != 0 && std::strcmp(argv[1], "init") != 0 &&
      std::strcmp(argv[1], "baseline") != 0 && std::strcmp(argv[1], "merge") != 0) {
    std::fprintf(stderr,
                 "fnlint: error: unknown command '%s' (commands: scan, baseline, merge, rules, explain, init; see fnlint "
                 "--help)\n",
                 argv[1]);
    return ExitError;
  }
  try {
    CLI::App App{"fnlint: a static analyzer and policy linter for AWS Lambda functions, their code "
                 "packages, configuration and IAM policies."};
    App.require_subcommand(1);
    App.set_version_flag("-V,--version", versionText());
    // The IAM action table: before the command (`fnlint --iam-data DIR --version`)
    // or on scan, which is where it changes the findings.
    std::string IamData;
    const char *IamDataHelp = "Use the IAM action table DIR/iam-actions.tsv (made by scripts/gen-iam-data.sh) "
                              "instead of the built-in one";
    CLI::Option *IamDataOpt = App.add_option("--iam-data", IamData, IamDataHelp)->type_name("DIR");

    ScanArgs Scan;
    CLI::App *ScanCmd = App.add_subcommand("scan", "Scan files and folders (default: .)");
    addScanOptions(ScanCmd, Scan, IamData, IamDataHelp);
    ScanCmd->add_option("--baseline", Scan.baseline, "Report only findings that are not in this baseline file")
        ->type_name("FILE");
    ScanCmd->add_option("--diff-base", Scan.diffBase,
                        "Report only findings in files changed since this git ref (its merge base with the "
                        "work tree, uncommitted and untracked files included)")
        ->type_name("REF");
    ScanCmd->add_flag("--changed", Scan.changed,
                      "The paths are changed files (pre-commit): scan the functions and templates they belong to, "
                      "report the findings in those files and their functions' (docs/pre-commit.md)");

    // `baseline create` and `baseline prune` scan exactly as `scan` does.
    CLI::App *BaselineCmd = App.add_subcommand("baseline", "Record today's findings, or prune a baseline");
    BaselineCmd->require_subcommand(1);
    CLI::App *CreateCmd = BaselineCmd->add_subcommand(
        "create", "Scan and write the findings to a baseline file (-o, default .fnlint-baseline.json)");
    addScanOptions(CreateCmd, Scan, IamData, IamDataHelp);
    CLI::App *PruneCmd =
        BaselineCmd->add_subcommand("prune", "Scan and drop the baseline entries that no longer match a finding");
    addScanOptions(PruneCmd, Scan, IamData, IamDataHelp);
    PruneCmd->add_option("--baseline", Scan.baseline, "The baseline file to prune")
        ->type_name("FILE")
        ->capture_default_str();

    // User rules (docs/rule-language.md): they join the catalogue for every command.
    std::vector<std::string> RuleDirs;
    ScanCmd->add_option("--rules", RuleDirs, "Add the declarative rules (*.yaml) of this directory (repeatable)")
        ->type_name("DIR")
        ->allow_extra_args(false);

    std::string RulesFormat = "text";
    CLI::App *RulesCmd = App.add_subcommand("rules", "List every rule");
    RulesCmd->add_option("--format", RulesFormat, "Output format")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();

    std::string ExplainId, ExplainFormat = "markdown";
    CLI::App *ExplainCmd = App.add_subcommand("explain", "Explain a rule: why it matters, what to do, an example");
    ExplainCmd->add_option("rule", ExplainId, "Rule id, e.g. package/too-large-unzipped")->required();
    ExplainCmd->add_option("--format", ExplainFormat, "Output format")
        ->check(CLI::IsMember({"markdown", "json"}))
        ->capture_default_str();
    std::string InitDir = ".";
    bool InitForce = false;
    CLI::App *InitCmd = App.add_subcommand("init", "Write a commented starter .fnlint.yaml");
    InitCmd->add_option("dir", InitDir, "Folder to write it in")->capture_default_str();
    InitCmd->add_flag("--force", InitForce, "Overwrite an existing .fnlint.yaml");

    std::vector<std::string> MergeInputs;
    std::string MergeOutput;
    CLI::App *MergeCmd = App.add_subcommand("merge", "Merge the SARIF logs of several fnlint runs (shards) into one");
    MergeCmd->add_option("inputs", MergeInputs, "SARIF files written by fnlint")->required();
    MergeCmd->add_option("-o,--output", MergeOutput, "Write the merged SARIF to FILE instead of stdout");

    for (CLI::App *Cmd : {RulesCmd, ExplainCmd})
      Cmd->add_option("--rules", RuleDirs, "Add the declarative rules (*.yaml) of this directory (repeatable)")
          ->type_name("DIR")
          ->allow_extra_args(false);

    try {
      App.parse(argc, argv);
    } catch (const CLI::CallForHelp &E) {
      return App.exit(E);
    } catch (const CLI::CallForAllHelp &E) {
      return App.exit(E);
    } catch (const CLI::CallForVersion &) {
      // The version flag stops parsing before options are stored: read --iam-data's text.
      if (IamDataOpt->count() && !loadIamData(IamDataOpt->results().back()))
        return ExitError;
      std::fputs(versionText().c_str(), stdout);
      return ExitClean;
    } catch (const CLI::ParseError &E) {
      std::string What = E.what();
      if (What.empty())
        What = E.get_name();
      std::fprintf(stderr, "fnlint: error: %s (see fnlint --help)\n", What.c_str());
      return ExitError;
    }

    for (const std::string &Dir : RuleDirs) {
      std::vector<fnlint::RuntimeRule> Rules;
      std::string Error;
      if (!fnlint::loadRuleDirectory(Dir, Rules, Error) || !fnlint::addRuntimeRules(std::move(Rules), Error)) {
        std::fprintf(stderr, "fnlint: error: --rules: %s\n", Error.c_str());
        return ExitError;
      }
    }
    if (!IamData.empty() && !loadIamData(IamData))
      return ExitError;
    for (CLI::App *Cmd : {ScanCmd, CreateCmd, PruneCmd}) {
      if (!*Cmd)
        continue;
      for (const CLI::Option *O : Cmd->get_options())
        if (O->count() && !O->get_lnames().empty())
          Scan.given.insert("--" + O->get_lnames().front());
      Scan.mode = Cmd == ScanCmd ? ScanMode::Report : Cmd == CreateCmd ? ScanMode::CreateBaseline : ScanMode::PruneBaseline;
      return runScan(Scan);
    }
    if (*MergeCmd)
      return runMerge(MergeInputs, MergeOutput);
    if (*InitCmd)
      return runInit(InitDir, InitForce);
    if (*RulesCmd)
      return runRules(RulesFormat);
    if (*ExplainCmd)
      return runExplain(ExplainId, ExplainFormat);
    return ExitError;
  } catch (const std::exception &E) {
    std::fprintf(stderr, "fnlint: internal error: %s\n", E.what());
    return ExitError;
  }
}
