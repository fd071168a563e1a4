//===- cli/Pipeline.cpp - The scan pipeline ---------------------------------===//
#include "cli/Pipeline.h"

#include "analyzers/permissions/SdkMapping.h"

#include "core/Fingerprint.h"
#include "core/FolderSizes.h"
#include "reporters/Reporters.h"

#include <fstream>
#include <map>
#include <optional>

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
  case Package::Role::Source:
    return "source";
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
    F.package = D.package ? D.package->location.displayPath() : "";
    F.layers = D.layers;
    for (const Invoker &I : D.config.invokers)
      F.invokers.push_back({I.source, std::string(invocationKindName(I.kind)), I.evidence, I.location});
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
    I.folders = folderSizes(Pkg->entries);
    Inv.packages.push_back(std::move(I));
  }
  for (const cpp::HandlerInfo &H : A.cppHandlers)
    Inv.cppHandlers.push_back({H.function, H.location});
  for (const permissions::CallInventory &I : A.inventories) {
    Inventory::SdkCallsInfo Info{I.functionId, I.handler, {}, {}};
    for (const permissions::SdkCall &C : I.calls) {
      permissions::MappedCall M = permissions::mapCall(C, iamDatabase());
      bool Mapped = M.kind != permissions::MappedCall::Kind::Unmapped;
      Info.calls.push_back({std::string(permissions::sdkName(C.sdk)), C.service, C.operation, M.actions, Mapped,
                            C.location});
      if (!Mapped)
        Info.partial.push_back({M.reason, C.location});
    }
    for (const permissions::PartialReason &R : I.partial)
      Info.partial.push_back({R.reason, R.location});
    Inv.sdkCalls.push_back(std::move(Info));
  }
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

} // namespace

ScanReport runPipeline(const ScanOptions &Scan, const AnalysisOptions &Options, const ReportOptions &ReportOpts) {
  Project P = scanProject(Scan);
  AnalysisOptions WithPaths = Options;
  WithPaths.secrets.scanPaths = Scan.paths;
  Analysis A = analyzeProject(P, WithPaths);
  ScanReport Report;
  Report.findings = std::move(A.findings);
  if (!ReportOpts.disabled.empty())
    std::erase_if(Report.findings, [&](const Finding &F) { return ReportOpts.disabled.count(F.ruleId) != 0; });
  for (Finding &F : Report.findings)
    if (auto It = ReportOpts.levels.find(F.ruleId); It != ReportOpts.levels.end())
      F.level = It->second;
  Report.problems = std::move(P.problems);
  for (InputProblem &Pr : A.problems)
    Report.problems.push_back(std::move(Pr));
  sortProblems(Report.problems);
  sortFindings(Report.findings);
  TextCache Texts(P);
  TextLookup Lookup = [&](std::string_view Path) { return Texts(Path); };
  fingerprintFindings(Report.findings, Lookup, Scan.jobs);
  applySuppressions(Report, ReportOpts.suppressions, Lookup, P.resourceSuppressions);
  Report.inventory = buildInventory(P, A);
  Report.filesSeen = P.filesSeen;
  return Report;
}

} // namespace fnlint::cli
