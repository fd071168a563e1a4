//===- cli/ScanCommand.cpp - fnlint scan ------------------------------------===//
#include "cli/Baseline.h"
#include "cli/ChangedFiles.h"
#include "cli/Commands.h"
#include "cli/LimitOptions.h"
#include "cli/Config.h"
#include "cli/DiffBase.h"
#include "cli/Pipeline.h"
#include "cli/Progress.h"

#include "analyzers/Analyzers.h"
#include "core/Fingerprint.h"
#include "core/RuleInfo.h"
#include "core/ThreadPool.h"
#include "reporters/Reporters.h"
#include "scanner/Discovery.h"
#include "scanner/Scanner.h"

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace fnlint::cli {

namespace {

namespace fs = std::filesystem;

bool useColor(const std::string &Mode, bool ToFile) {
  if (Mode == "always")
    return true;
  if (Mode == "never" || ToFile)
    return false;
  if (std::getenv("NO_COLOR"))
    return false;
  const char *Term = std::getenv("TERM");
  if (Term && std::strcmp(Term, "dumb") == 0)
    return false;
  return ::isatty(STDOUT_FILENO);
}

void printProblems(const std::vector<InputProblem> &Problems) {
  for (const InputProblem &P : Problems) {
    std::string Where = P.location.displayPath();
    if (P.location.region.known()) {
      Where += ":" + std::to_string(P.location.region.startLine);
      if (P.location.region.startColumn)
        Where += ":" + std::to_string(P.location.region.startColumn);
    }
    std::fprintf(stderr, "fnlint: %s: %s: %s\n", printable(Where).c_str(), std::string(levelName(P.level)).c_str(),
                 printable(P.message).c_str());
  }
}

/// What fnlint concluded about each function's invokers, with the evidence.
std::string explainInvocations(const ScanReport &R) {
  std::ostringstream O;
  for (const auto &F : R.inventory.functions) {
    if (F.kind != "function")
      continue;
    O << F.location.displayPath() << ":" << F.location.region.startLine << ": function " << printable(F.logicalId);
    if (F.invokers.empty()) {
      O << ": no known invoker\n";
      continue;
    }
    O << "\n";
    for (const auto &I : F.invokers)
      O << "  " << I.kind << ": " << I.source << " (" << printable(I.evidence) << ") at "
        << I.location.displayPath() << ":" << I.location.region.startLine << "\n";
  }
  O << "\n";
  return O.str();
}

/// Writes \p Text to \p Path, or to stdout when empty; says why it could not.
bool writeOutput(const std::string &Path, const std::string &Text) {
  if (!Path.empty()) {
    std::ofstream File(Path, std::ios::binary | std::ios::trunc);
    File << Text;
    File.close();
    if (!File) {
      std::fprintf(stderr, "fnlint: error: cannot write '%s': %s\n", Path.c_str(), std::strerror(errno));
      return false;
    }
    return true;
  }
  bool Written = std::fwrite(Text.data(), 1, Text.size(), stdout) == Text.size();
  if (std::fflush(stdout) != 0 || !Written) {
    std::fprintf(stderr, "fnlint: error: cannot write the report to standard output: %s\n", std::strerror(errno));
    return false;
  }
  return true;
}

/// One report to write: a format and where.
struct ReportOutput {
  std::string format;
  std::string path; ///< empty: stdout
};

/// The --format values with --output applied; an error message when two
/// reports would go to stdout.
std::vector<ReportOutput> reportOutputs(const ScanArgs &Args, std::string &Error) {
  std::vector<ReportOutput> Out;
  std::vector<std::string> Formats = Args.formats.empty() ? std::vector<std::string>{"text"} : Args.formats;
  std::string Output = Args.output == "-" ? std::string() : Args.output;
  bool OutputUsed = false;
  int OnStdout = 0;
  for (const std::string &F : Formats) {
    std::size_t Colon = F.find(':');
    ReportOutput O{F.substr(0, Colon), Colon == std::string::npos ? std::string() : F.substr(Colon + 1)};
    if (Colon != std::string::npos && O.path.empty()) {
      Error = "--format " + F + ": no file after ':'";
      return {};
    }
    if (Colon == std::string::npos && !Output.empty() && !OutputUsed) {
      O.path = Output; // --output takes the first format named without a file
      OutputUsed = true;
    }
    if (O.path.empty() && ++OnStdout > 1) {
      Error = "--format: only one report can go to standard output; give the others a file (FORMAT:FILE)";
      return {};
    }
    Out.push_back(std::move(O));
  }
  if (!Output.empty() && !OutputUsed) {
    Error = "--output " + Output + ": every --format names its own file; drop --output or a file";
    return {};
  }
  return Out;
}

/// `baseline create` and `baseline prune`: writes the baseline file.
int maintainBaseline(const ScanArgs &Args, const ScanReport &Report);

} // namespace

int runScan(const ScanArgs &Args) {
  std::error_code EC;
  std::string Root = Args.root.empty() ? fs::current_path(EC).string() : fs::absolute(Args.root, EC).string();
  Root = fs::path(Root).lexically_normal().generic_string();
  if (Root.size() > 1 && Root.back() == '/')
    Root.pop_back();
  if (!fs::is_directory(Root, EC)) {
    std::fprintf(stderr, "fnlint: error: root '%s' is not a directory\n", Root.c_str());
    return ExitError;
  }
  std::vector<std::string> Paths = Args.paths.empty() ? std::vector<std::string>{"."} : Args.paths;
  for (const std::string &P : Paths) {
    if (Args.changed)
      break; // a change may name files it deletes
    struct stat St;
    if (::lstat(P.c_str(), &St) != 0) {
      std::fprintf(stderr, "fnlint: error: path '%s' does not exist\n", P.c_str());
      return ExitError;
    }
  }

  for (const std::string &Id : Args.enable)
    if (!findRule(Id)) {
      std::fprintf(stderr, "fnlint: error: --enable: no rule '%s' (see fnlint rules)\n", Id.c_str());
      return ExitError;
    }

  std::string OutputError;
  std::vector<ReportOutput> Outputs = reportOutputs(Args, OutputError);
  if (Outputs.empty() && Args.mode == ScanMode::Report) {
    std::fprintf(stderr, "fnlint: error: %s\n", OutputError.c_str());
    return ExitError;
  }

  // The configuration: --config, else the .fnlint.yaml nearest above the
  // first scan path. Options given on the command line win over it.
  ProjectConfig Config;
  if (!Args.noConfig) {
    std::string File = Args.config;
    if (File.empty()) {
      fs::path First = fs::absolute(Paths.front(), EC);
      File = findConfigFile(fs::is_directory(First, EC) ? First.string() : First.parent_path().string());
    }
    std::string Error;
    if (!File.empty() && !loadConfig(File, Config, Error)) {
      std::fprintf(stderr, "fnlint: error: %s\n", Error.c_str());
      return ExitError;
    }
  }
  auto Given = [&](const char *Option) { return Args.given.count(Option) != 0; };
  std::string FailOn = Args.failOn;
  if (!Given("--fail-on") && Config.failOn)
    FailOn = *Config.failOn;

  // --changed: the paths are the files a change touches; scan what they belong to.
  std::optional<ChangeScope> Change;
  if (Args.changed) {
    Change = expandChangedFiles(Root, Paths, Config.exclude);
    if (Change->scanPaths.empty())
      return ExitClean; // nothing fnlint reads was changed
    Paths.clear();
    for (const std::string &P : Change->scanPaths)
      Paths.push_back(P == "." ? Root : Root + "/" + P);
  }

  // --diff-base: the whole scan, then only what the branch's change answers
  // for (the same filter as --changed). git is asked first, so a bad ref
  // fails before a long scan.
  std::optional<ChangeScope> DiffScope;
  if (!Args.diffBase.empty()) {
    std::vector<std::string> Changed;
    std::string Error;
    fs::path First = fs::absolute(Paths.front(), EC);
    std::string GitDir = fs::is_directory(First, EC) ? First.string() : First.parent_path().string();
    if (!changedFilesSince(Args.diffBase, GitDir, Root, Changed, Error)) {
      std::fprintf(stderr, "fnlint: error: --diff-base: %s\n", Error.c_str());
      return ExitError;
    }
    DiffScope = expandChangedFiles(Root, Changed, Config.exclude);
  }

  ScanOptions Scan;
  Scan.root = Root;
  Scan.paths = Paths;
  Scan.jobs = Args.jobs ? Args.jobs : hardwareJobs();
  // Caps: the defaults, then the configuration file, then the command line.
  for (const auto &[Key, Value] : Config.limits) {
    std::string Unused;
    setLimit(Scan.limits, *findLimit(Key), Value, Unused); // checked when the file was read
  }
  if (Given("--max-archive-depth"))
    Scan.limits.maxDepth = Args.maxArchiveDepth;
  if (Given("--max-declared-size"))
    Scan.limits.maxDeclaredBytes = Args.maxDeclaredBytes;
  for (const std::string &Setting : Args.limits) {
    std::string Unused;
    applyLimitOption(Scan.limits, Setting, Unused); // checked when the option was parsed
  }
  Scan.excludes = Config.exclude;
  if (std::string ShardError; !Args.shard.empty() && !parseShard(Args.shard, Scan.shard, ShardError)) {
    std::fprintf(stderr, "fnlint: error: --shard: %s\n", ShardError.c_str());
    return ExitError;
  }
  if (Args.mode == ScanMode::PruneBaseline && Scan.shard.active()) {
    // One shard sees a part of the findings: pruning would drop every other shard's entries.
    std::fprintf(stderr, "fnlint: error: --shard: baseline prune needs the whole scan\n");
    return ExitError;
  }
  ScanProgress Counters;
  Scan.progress = &Counters;

  ScanReport Report;
  {
    std::unique_ptr<ProgressLine> Progress;
    if (!Args.quiet && ProgressLine::wanted())
      Progress = std::make_unique<ProgressLine>(Counters);
    AnalysisOptions AO;
    AO.jobs = Scan.jobs;
    AO.cpp.helperPath = Args.cppHelper;
    AO.package.nearLimitRatio =
        !Given("--near-limit-ratio") && Config.nearLimitRatio ? *Config.nearLimitRatio : Args.nearLimitRatio;
    std::string DependencySecrets = !Given("--dependency-secrets") && Config.dependencySecrets
                                        ? *Config.dependencySecrets
                                        : Args.dependencySecrets;
    AO.secrets.allRulesInDependencies = DependencySecrets == "all";
    AO.secrets.thirdPartyFolders = Config.thirdPartyFolders;
    AO.secrets.minEntropy = Config.secretMinEntropy.value_or(0);
    AO.cpp.compileCommandsDir = Args.compileCommandsDir;
    AO.lambda.now = Args.now;
    AO.lambda.timeoutThreshold =
        !Given("--timeout-threshold") && Config.timeoutSeconds ? *Config.timeoutSeconds : Args.timeoutThreshold;
    AO.lambda.assumeAsync = Args.assumeAsync;
    AO.lambda.enabled.insert(Args.enable.begin(), Args.enable.end());
    AO.lambda.enabled.insert(Config.enable.begin(), Config.enable.end());
    ReportOptions RO;
    // A rule enabled on the command line wins over the file's disable list.
    for (const std::string &Id : Config.disable)
      if (std::find(Args.enable.begin(), Args.enable.end(), Id) == Args.enable.end())
        RO.disabled.insert(Id);
    RO.levels.insert(Config.levels.begin(), Config.levels.end());
    RO.suppressions.entries = Config.ignore;
    RO.suppressions.requireReason = Config.requireReason;
    RO.suppressions.configFile = Config.file.empty() ? std::string() : relativeToRoot(Root, fs::absolute(Config.file, EC).lexically_normal().string());
    Report = runPipeline(Scan, AO, RO);
  }

  if (Args.mode != ScanMode::Report)
    return maintainBaseline(Args, Report);
  if (DiffScope) {
    std::size_t Before = Report.findings.size();
    keepChangeFindings(Report, *DiffScope);
    Report.diffBase = Args.diffBase;
    Report.unchanged = Before - Report.findings.size();
  }
  if (!Args.baseline.empty()) {
    Baseline B;
    std::string Error;
    if (!loadBaseline(Args.baseline, B, Error)) {
      std::fprintf(stderr, "fnlint: error: --baseline: %s\n", Error.c_str());
      return ExitError;
    }
    BaselineMatch M = matchBaseline(B, Report.findings);
    std::vector<Finding> New;
    for (std::size_t I = 0; I < Report.findings.size(); ++I)
      if (!M.findingMatched[I])
        New.push_back(std::move(Report.findings[I]));
    Report.baselined = Report.findings.size() - New.size();
    Report.findings = std::move(New);
  }

  if (Change)
    keepChangeFindings(Report, *Change);

  // JSON, SARIF and the others stay parseable: the explanation goes to
  // stderr unless the text report is on stdout.
  bool TextOnStdout = false;
  for (const ReportOutput &O : Outputs)
    TextOnStdout |= O.format == "text" && O.path.empty();
  if (Args.explainInvocations && !TextOnStdout)
    std::fputs(explainInvocations(Report).c_str(), stderr);
  bool AnyText = false;
  for (const ReportOutput &O : Outputs) {
    std::ostringstream Out;
    if (O.format == "json") {
      JsonOptions JO;
      JO.showSuppressed = Args.showSuppressed;
      writeJson(Report, Out, JO);
    } else if (O.format == "sarif") {
      SarifOptions SO;
      SO.includeSuppressed = Args.sarifIncludeSuppressed;
      writeSarif(Report, Out, SO);
    } else if (O.format == "html") {
      HtmlOptions HO;
      HO.showSuppressed = Args.showSuppressed;
      writeHtml(Report, Out, HO);
    } else if (O.format == "junit") {
      writeJunit(Report, Out);
    } else if (O.format == "github") {
      writeGithub(Report, Out);
      if (const char *Summary = std::getenv("GITHUB_STEP_SUMMARY"); Summary && *Summary) {
        std::ofstream S(Summary, std::ios::binary | std::ios::app);
        writeGithubSummary(Report, S);
      }
    } else {
      AnyText = true;
      if (Args.explainInvocations && O.path.empty())
        Out << explainInvocations(Report);
      TextOptions TO;
      TO.color = useColor(Args.color, !O.path.empty());
      TO.summary = !Args.quiet;
      TO.showSuppressed = Args.showSuppressed;
      writeText(Report, Out, TO);
    }
    if (!writeOutput(O.path, Out.str()))
      return ExitError;
  }
  if (AnyText)
    printProblems(Report.problems);

  if (Args.exitZero)
    return ExitClean;
  if (FailOn == "none")
    return ExitClean;
  Level Threshold = parseLevel(FailOn).value_or(Level::Warning);
  for (const Finding &F : Report.findings)
    if (F.level >= Threshold)
      return ExitFindings;
  return ExitClean;
}

namespace {

int maintainBaseline(const ScanArgs &Args, const ScanReport &Report) {
  printProblems(Report.problems);
  std::string File = Args.mode == ScanMode::CreateBaseline
                         ? (Args.output.empty() || Args.output == "-" ? ".fnlint-baseline.json" : Args.output)
                         : (Args.baseline.empty() ? ".fnlint-baseline.json" : Args.baseline);
  Baseline B;
  std::size_t Dropped = 0;
  if (Args.mode == ScanMode::CreateBaseline) {
    B = makeBaseline(Report.findings);
  } else {
    Baseline Old;
    std::string Error;
    if (!loadBaseline(File, Old, Error)) {
      std::fprintf(stderr, "fnlint: error: %s\n", Error.c_str());
      return ExitError;
    }
    BaselineMatch M = matchBaseline(Old, Report.findings);
    for (std::size_t I = 0; I < Old.entries.size(); ++I)
      if (M.entryUsed[I])
        B.entries.push_back(std::move(Old.entries[I]));
    Dropped = Old.entries.size() - B.entries.size();
  }
  std::ofstream OutFile(File, std::ios::binary | std::ios::trunc);
  OutFile << baselineText(B);
  OutFile.close();
  if (!OutFile) {
    std::fprintf(stderr, "fnlint: error: cannot write '%s': %s\n", File.c_str(), std::strerror(errno));
    return ExitError;
  }
  if (Args.mode == ScanMode::CreateBaseline)
    std::fprintf(stderr, "fnlint: wrote %zu findings to %s\n", B.entries.size(), File.c_str());
  else
    std::fprintf(stderr, "fnlint: %s: kept %zu entries, dropped %zu that match no finding\n", File.c_str(),
                 B.entries.size(), Dropped);
  return ExitClean;
}

} // namespace

int runInit(const std::string &Dir, bool Force) {
  fs::path File = fs::path(Dir.empty() ? "." : Dir) / ".fnlint.yaml";
  std::error_code EC;
  if (fs::exists(File, EC) && !Force) {
    std::fprintf(stderr, "fnlint: error: %s exists; not overwritten (use --force)\n", File.string().c_str());
    return ExitError;
  }
  std::ofstream Out(File, std::ios::binary | std::ios::trunc);
  Out << starterConfig();
  Out.close();
  if (!Out) {
    std::fprintf(stderr, "fnlint: error: cannot write '%s': %s\n", File.string().c_str(), std::strerror(errno));
    return ExitError;
  }
  std::printf("fnlint: wrote %s\n", File.string().c_str());
  return ExitClean;
}

} // namespace fnlint::cli
