//===- cli/Commands.h - Sub-commands ----------------------------*- C++ -*-===//
#pragma once

#include "core/Level.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fnlint::cli {

/// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, config
/// or internal error. A finding never exits with 2.
enum ExitCode : int { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

/// What a scan is for: the report, or maintaining a baseline file.
enum class ScanMode { Report, CreateBaseline, PruneBaseline };

struct ScanArgs {
  ScanMode mode = ScanMode::Report;
  std::vector<std::string> paths;
  /// Report formats, each "NAME" or "NAME:FILE" (text, json, sarif, junit,
  /// github); empty: text. A NAME alone goes to --output, else stdout.
  std::vector<std::string> formats;
  std::string output; ///< empty: stdout
  bool exitZero = false; ///< --exit-zero: exit 0 even with findings (2 still means an error)
  std::string failOn = "warning";
  unsigned jobs = 0;  ///< 0: all cores
  std::string color = "auto";
  bool quiet = false;
  std::string root;   ///< empty: the current directory
  unsigned maxArchiveDepth = 4;
  double nearLimitRatio = 0.8;               ///< package/near-size-limit threshold
  std::uint64_t maxDeclaredBytes = 4ull << 30; ///< zip-bomb cap on declared sizes
  std::vector<std::string> limits; ///< --limit KEY=VALUE, in order (core/Limits.h)
  std::string dependencySecrets = "high-confidence"; ///< or "all": every secret rule in node_modules & co.
  std::string now;                 ///< YYYY-MM-DD for lambda/deprecated-runtime; empty: today
  std::int64_t timeoutThreshold = 300; ///< lambda/timeout-excessive
  bool assumeAsync = false;        ///< lambda/missing-dlq on functions with no known invoker
  std::vector<std::string> enable; ///< rules shipped disabled, enabled by id
  bool explainInvocations = false; ///< print each function's invokers and the evidence
  std::string cppHelper; ///< hidden: path of fnlint-cpp
  std::string config;    ///< --config FILE; empty: .fnlint.yaml found by walking up
  bool noConfig = false; ///< --no-config: read no configuration file
  bool showSuppressed = false;         ///< list suppressed findings too (text, JSON)
  bool sarifIncludeSuppressed = false; ///< write suppressed findings to SARIF with `suppressions`
  /// Report: only findings not in this baseline. Prune: the file to prune.
  std::string baseline;
  /// Long names of the options given on the command line ("--fail-on"): those
  /// win over the configuration file.
  std::set<std::string> given;
  std::string compileCommandsDir; ///< -p: where compile_commands.json is; empty: look beside the sources
  std::string shard; ///< --shard K/N (validated by the parser); empty: the whole scan
  std::string diffBase; ///< --diff-base REF: only findings in files changed since REF
  /// --changed: paths are the files a change touches (the pre-commit hook);
  /// scan the units they belong to, report what the change is answerable for.
  bool changed = false;
};

int runScan(const ScanArgs &Args);
int runRules(const std::string &Format);
/// `fnlint init`: writes a commented .fnlint.yaml into \p Dir (never over an existing one).
int runInit(const std::string &Dir, bool Force);
int runExplain(const std::string &RuleId, const std::string &Format);
std::string versionText();
/// `fnlint merge`: one SARIF log from the SARIF logs of several fnlint runs (cli/MergeCommand.cpp).
int runMerge(const std::vector<std::string> &Inputs, const std::string &Output);

} // namespace fnlint::cli
