//===- cli/ChangedFiles.cpp - Scanning and reporting a change ---------------===//
#include "cli/ChangedFiles.h"

#include "scanner/ConfigLoaders.h"
#include "scanner/Discovery.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

namespace fnlint::cli {

namespace {

namespace fs = std::filesystem;

/// \p Path (absolute, or relative to the current directory or, for code
/// references, already to the root) as a root-relative '/' path without a
/// trailing slash; "." for the root itself, absolute when outside it.
std::string underRoot(const std::string &Root, const fs::path &Path) {
  std::error_code EC;
  fs::path Abs = Path.is_absolute() ? Path : fs::absolute(Path, EC);
  std::string Normal = Abs.lexically_normal().generic_string();
  while (Normal.size() > 1 && Normal.back() == '/')
    Normal.pop_back();
  if (Normal == Root)
    return ".";
  return relativeToRoot(Root, Normal);
}

/// Whether \p File is \p Folder or inside it (root-relative paths; "." holds everything).
bool within(std::string_view File, std::string_view Folder) {
  if (Folder == "." || File == Folder)
    return true;
  return File.size() > Folder.size() && File.compare(0, Folder.size(), Folder) == 0 && File[Folder.size()] == '/';
}

bool readText(const std::string &Path, std::string &Out) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  std::ostringstream S;
  S << In.rdbuf();
  Out = S.str();
  return true;
}

/// Rules that judge a function as a whole, from its code and its role: a
/// change to the code is answerable for them wherever they point.
bool isFunctionLevelRule(std::string_view Rule) {
  return Rule.rfind("package/", 0) == 0 || Rule.rfind("permissions/", 0) == 0 || Rule == "lambda/handler-not-found";
}

std::string propertyText(const Finding &F, const char *Name) {
  auto It = F.properties.find(Name);
  return It != F.properties.end() && It->is_string() ? It->get<std::string>() : std::string();
}

} // namespace

ChangeScope expandChangedFiles(const std::string &Root, const std::vector<std::string> &Changed,
                               const std::vector<std::string> &Excludes) {
  ChangeScope Scope;
  // One walk of the root answers both questions: which changed files the
  // scan reads at all (.fnlintignore, excludes, node_modules/), and which
  // configuration files there are to ask about code.
  Discovery Found = discoverFiles(Root, {Root}, Excludes);
  std::set<std::string, std::less<>> Readable;
  for (const DiscoveredFile &F : Found.files)
    Readable.insert(F.path);
  std::set<std::string, std::less<>> Named; // every changed file, read or not: a vendored file can change a package
  for (const std::string &C : Changed) {
    std::string Rel = underRoot(Root, C);
    Named.insert(Rel);
    if (Readable.count(Rel)) {
      Scope.files.insert(Rel);
      continue;
    }
    // A folder stands for the files under it.
    for (auto It = Readable.lower_bound(Rel == "." ? "" : Rel + "/"); It != Readable.end() && within(*It, Rel); ++It)
      Scope.files.insert(*It);
  }
  Named.insert(Scope.files.begin(), Scope.files.end());

  std::set<std::string> Paths(Scope.files.begin(), Scope.files.end());
  for (const DiscoveredFile &F : Found.files) {
    if (F.kind != FileKind::TemplateCandidate)
      continue;
    std::string Text;
    // Larger files are data, not configuration (the scanner's own cap).
    if (F.size > (16u << 20) || !readText(Root + "/" + F.path, Text))
      continue;
    TemplateLoad Load = loadConfig(F.path, Text);
    if (!Load.isTemplate)
      continue;
    for (const Deployable &D : Load.deployables) {
      if (!D.code)
        continue;
      std::string Code = underRoot(Root, fs::path(Root) / D.code->path);
      if (!Code.empty() && Code.front() == '/')
        continue; // outside the root: the scan will say so
      auto Inside = [&](const std::string &File) { return within(File, Code); };
      if (std::none_of(Named.begin(), Named.end(), Inside))
        continue;
      // The scanner reads the code of every function a configuration file
      // declares, so the file alone brings in the whole function (a changed
      // template is scanned anyway, with all of its code).
      Paths.insert(F.path);
      Scope.functions.push_back({F.path, D.logicalId, D.config.rolePrincipal, Code});
    }
  }
  // A folder to scan already holds the files and folders below it.
  if (Paths.count("."))
    Paths = {"."};
  for (const std::string &P : Paths) {
    bool Covered = false;
    for (std::size_t Slash = P.find('/'); !Covered && Slash != std::string::npos; Slash = P.find('/', Slash + 1))
      Covered = Paths.count(P.substr(0, Slash)) != 0;
    if (!Covered)
      Scope.scanPaths.push_back(P);
  }
  return Scope;
}

bool belongsToChange(const Finding &F, const ChangeScope &Scope) {
  const std::string &Path = F.location.path;
  if (Scope.files.count(Path))
    return true;
  if (!isFunctionLevelRule(F.ruleId))
    return false;
  std::string Function = propertyText(F, "function");
  std::string Role = propertyText(F, "role");
  for (const TouchedFunction &T : Scope.functions) {
    // A package finding on the code itself (a folder with no template line to point at).
    if (Path == T.code)
      return true;
    if (Path != T.declaredIn)
      continue;
    if (F.location.logical.name == T.logicalId || Function == T.logicalId)
      return true;
    if (!T.rolePrincipal.empty() && Role == T.rolePrincipal && Function.empty())
      return true;
  }
  return false;
}

void keepChangeFindings(ScanReport &Report, const ChangeScope &Scope) {
  for (std::vector<Finding> *List : {&Report.findings, &Report.suppressed}) {
    std::vector<Finding> Kept;
    for (Finding &F : *List)
      if (belongsToChange(F, Scope))
        Kept.push_back(std::move(F));
    *List = std::move(Kept);
  }
}

} // namespace fnlint::cli
