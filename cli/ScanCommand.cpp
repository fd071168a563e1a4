//===- cli/ScanCommand.cpp - fnlint scan ------------------------------------===//
#include "cli/Commands.h"
#include "cli/Progress.h"

#include "analyzers/Analyzers.h"
#include "core/Fingerprint.h"
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

const char *packageKind(const Package &P) {
  switch (P.origin) {
  case Package::Origin::DiskArchive:
    return "zip";
  case Package::Origin::NestedArchive:
    return "nested-zip";
  case Package::Origin::Folder:
    return "folder";
  }
  return "zip";
}

const char *packageRole(const Package &P) {
  switch (P.role) {
  case Package::Role::Deployed:
    return "deployed";
  case Package::Role::LambdaLike:
    return "lambda-like";
  case Package::Role::Other:
    return "other";
  }
  return "other";
}

Inventory buildInventory(const Project &P, const Analysis &A) {
  Inventory Inv;
  Inv.templates = P.templates;
  for (const Deployable &D : P.deployables) {
    Inventory::FunctionInfo F;
    F.location = D.location;
    F.logicalId = D.logicalId;
    F.kind = D.kind == Deployable::Kind::Function ? "function" : "layer";
    F.resourceType = D.resourceType;
    F.runtime = D.runtime.value_or("");
    F.handler = D.handler.value_or("");
    F.code = D.code ? D.code->path : "";
    Inv.functions.push_back(std::move(F));
  }
  for (const auto &Pkg : P.packages) {
    Inventory::PackageInfo I;
    I.location = Pkg->location;
    I.location.region = {};
    I.location.logical = {};
    I.kind = packageKind(*Pkg);
    I.role = packageRole(*Pkg);
    I.archiveBytes = Pkg->archiveBytes;
    I.unpackedBytes = Pkg->unpackedBytes();
    I.entries = Pkg->entries.size();
    I.deployedBy = Pkg->deployedBy;
    I.runtimes = Pkg->runtimes;
    Inv.packages.push_back(std::move(I));
  }
  for (const cpp::HandlerInfo &H : A.cppHandlers)
    Inv.cppHandlers.push_back({H.function, H.location});
  return Inv;
}

/// Texts for GitHub's line hashes: what the scanner already read, else small
/// text files read from disk once. Binary files (a NUL in the first 8 KB) and
/// large ones get no GitHub hash; fnlint's own stands in.
class TextCache {
public:
  TextCache(const Project &P) : P(P) {}
  const std::string *operator()(std::string_view Path) {
    std::string Key(Path);
    if (auto It = P.texts.find(Key); It != P.texts.end())
      return &It->second;
    auto [It, New] = Read.try_emplace(Key);
    if (New)
      It->second = load(Key);
    return It->second ? &*It->second : nullptr;
  }

private:
  const Project &P;
  std::map<std::string, std::optional<std::string>> Read;

  std::optional<std::string> load(const std::string &Path) const {
    std::string Abs = !Path.empty() && Path.front() == '/' ? Path : P.root + "/" + Path;
    std::ifstream In(Abs, std::ios::binary);
    if (!In)
      return std::nullopt;
    In.seekg(0, std::ios::end);
    std::streamoff Size = In.tellg();
    if (Size < 0 || Size > (8 << 20))
      return std::nullopt;
    In.seekg(0);
    std::string Text(static_cast<std::size_t>(Size), '\0');
    In.read(Text.data(), Size);
    if (Text.substr(0, 8192).find('\0') != std::string::npos)
      return std::nullopt;
    return Text;
  }
};

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
    std::fprintf(stderr, "fnlint: %s: %s: %s\n", Where.c_str(), std::string(levelName(P.level)).c_str(),
                 P.message.c_str());
  }
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

  ScanOptions Scan;
  Scan.root = Root;
  Scan.paths = Paths;
  Scan.jobs = Args.jobs ? Args.jobs : hardwareJobs();
  Scan.limits.maxDepth = Args.maxArchiveDepth;
  ScanProgress Counters;
  Scan.progress = &Counters;

  Project P;
  Analysis A;
  {
    std::unique_ptr<ProgressLine> Progress;
    if (!Args.quiet && ProgressLine::wanted())
      Progress = std::make_unique<ProgressLine>(Counters);
    P = scanProject(Scan);
    AnalysisOptions AO;
    AO.jobs = Scan.jobs;
    AO.cpp.helperPath = Args.cppHelper;
    A = analyzeProject(P, AO);
  }

  ScanReport Report;
  Report.rootUri = "file://" + encodeUriPath(Root) + "/";
  Report.findings = std::move(A.findings);
  Report.problems = std::move(P.problems);
  for (InputProblem &Pr : A.problems)
    Report.problems.push_back(std::move(Pr));
  sortProblems(Report.problems);
  sortFindings(Report.findings);
  TextCache Texts(P);
  fingerprintFindings(Report.findings, [&](std::string_view Path) { return Texts(Path); });
  Report.inventory = buildInventory(P, A);
  Report.filesSeen = P.filesSeen;

  std::ostringstream Out;
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
    std::fwrite(Out.str().data(), 1, Out.str().size(), stdout);
    std::fflush(stdout);
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
