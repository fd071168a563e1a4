//===- cli/ScanCommand.cpp - fnlint scan ------------------------------------===//
#include "cli/Commands.h"
#include "cli/Pipeline.h"
#include "cli/Progress.h"

#include "analyzers/Analyzers.h"
#include "core/Fingerprint.h"
#include "core/RuleInfo.h"
#include "core/ThreadPool.h"
#include "reporters/Reporters.h"
#include "scanner/Scanner.h"

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

} // namespace

int runScan(const ScanArgs &Args) {
  namespace fs = std::filesystem;
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

  ScanOptions Scan;
  Scan.root = Root;
  Scan.paths = Paths;
  Scan.jobs = Args.jobs ? Args.jobs : hardwareJobs();
  Scan.limits.maxDepth = Args.maxArchiveDepth;
  Scan.limits.maxDeclaredBytes = Args.maxDeclaredBytes;
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
    AO.cpp.compileCommandsDir = Args.compileCommandsDir;
    AO.package.nearLimitRatio = Args.nearLimitRatio;
    AO.secrets.allRulesInDependencies = Args.dependencySecrets == "all";
    AO.lambda.now = Args.now;
    AO.lambda.timeoutThreshold = Args.timeoutThreshold;
    AO.lambda.assumeAsync = Args.assumeAsync;
    AO.lambda.enabled.insert(Args.enable.begin(), Args.enable.end());
    Report = runPipeline(Scan, AO);
  }

  std::ostringstream Out;
  // JSON and SARIF stay parseable: there the explanation goes to stderr (and
  // the JSON inventory lists each function's invokers anyway).
  if (Args.explainInvocations) {
    if (Args.format == "text")
      Out << explainInvocations(Report);
    else
      std::fputs(explainInvocations(Report).c_str(), stderr);
  }
  bool ToFile = !Args.output.empty() && Args.output != "-";
  if (Args.format == "json") {
    writeJson(Report, Out);
  } else if (Args.format == "sarif") {
    writeSarif(Report, Out);
  } else {
    TextOptions TO;
    TO.color = useColor(Args.color, ToFile);
    TO.summary = !Args.quiet;
    writeText(Report, Out, TO);
  }
  if (Args.format == "text")
    printProblems(Report.problems);
  if (ToFile) {
    std::ofstream File(Args.output, std::ios::binary | std::ios::trunc);
    File << Out.str();
    File.close();
    if (!File) {
      std::fprintf(stderr, "fnlint: error: cannot write '%s': %s\n", Args.output.c_str(), std::strerror(errno));
      return ExitError;
    }
  } else {
    const std::string Text = Out.str();
    bool Written = std::fwrite(Text.data(), 1, Text.size(), stdout) == Text.size();
    if (std::fflush(stdout) != 0 || !Written) {
      std::fprintf(stderr, "fnlint: error: cannot write the report to standard output: %s\n", std::strerror(errno));
      return ExitError;
    }
  }

  if (Args.failOn == "none")
    return ExitClean;
  Level Threshold = parseLevel(Args.failOn).value_or(Level::Warning);
  for (const Finding &F : Report.findings)
    if (F.level >= Threshold)
      return ExitFindings;
  return ExitClean;
}

} // namespace fnlint::cli
