#include "scanner/Scanner.h"

#include "core/ThreadPool.h"
#include "scanner/Discovery.h"
#include "scanner/FolderPackage.h"
#include "scanner/ConfigLoaders.h"
#include "scanner/ZipPackage.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sys/stat.h>

namespace fnlint {

namespace {

std::string_view folderOf(std::string_view Path) {
  std::size_t Slash = Path.rfind('/');
  return Slash == std::string_view::npos ? std::string_view() : Path.substr(0, Slash);
}

/// A `get-function` export: the JSON and the code downloaded from its
/// Code.Location side by side. The function's code is the zip named after it
/// (my-function.zip), else the only zip in that folder.
void linkExportedCode(std::vector<Deployable> &Functions, const std::map<std::string, Package *> &ByPath) {
  std::map<std::string, int> PerFile; // a list-functions output names many: no single zip is theirs
  for (const Deployable &D : Functions)
    ++PerFile[D.location.path];
  for (Deployable &D : Functions) {
    if (D.code || D.resourceType != "AWS::Lambda::Function (API)" || !D.config.settingsKnown)
      continue;
    std::string_view Folder = folderOf(D.location.path);
    std::string Named = (Folder.empty() ? "" : std::string(Folder) + "/") + functionNameOf(D.logicalId) + ".zip";
    const Package *Only = nullptr;
    int Zips = 0;
    for (const auto &[Path, Pkg] : ByPath)
      if (Pkg->origin == Package::Origin::DiskArchive && folderOf(Path) == Folder) {
        ++Zips;
        Only = Pkg;
      }
    std::string Code;
    if (ByPath.count(Named))
      Code = Named;
    else if (Zips == 1 && PerFile[D.location.path] == 1)
      Code = Only->location.path;
    if (!Code.empty())
      D.code = CodeReference{Code, D.location};
  }
}

/// Environment size as Lambda limits it: names and values of all variables.
/// A computed value counts nothing, so the total is a lower bound; it is
/// known when every value is literal, or when the lower bound already
/// exceeds the 4 KB quota.
void measureEnvironment(Deployable &D) {
  if (D.kind != Deployable::Kind::Function || !D.config.settingsKnown || D.environmentVariables.empty())
    return;
  std::int64_t Bytes = 0;
  bool AllLiteral = true;
  for (const EnvironmentVariable &V : D.environmentVariables) {
    Bytes += static_cast<std::int64_t>(V.name.size() + V.value.size());
    AllLiteral = AllLiteral && V.literal;
  }
  Location L = D.environmentVariables.front().location;
  L.region = {};
  if (L.path.empty())
    L = D.location;
  // Point at the first variable's line: where the block is.
  L.region = D.environmentVariables.front().location.region;
  if (AllLiteral || Bytes > 4096)
    D.config.environmentBytes.set(Bytes, L);
  else
    D.config.environmentBytes.setUnknown(L);
}

/// Links configuration that names a function (Lambda API outputs) to the
/// function of that name, whichever file declares it. A name no function has
/// gets a function of its own, known only through what refers to it: its
/// settings are unknown, so no rule judges them, but its resource policy and
/// URL are still judged.
void attachToFunctions(std::vector<Deployable> &Functions, std::vector<FunctionAttachment> Attachments) {
  std::map<std::string, std::size_t> ByName;
  for (std::size_t I = 0; I < Functions.size(); ++I)
    if (Functions[I].kind == Deployable::Kind::Function)
      ByName.emplace(functionNameOf(Functions[I].logicalId), I); // the first declaration wins
  for (FunctionAttachment &A : Attachments) {
    std::string Name = functionNameOf(A.functionRef);
    if (Name.empty())
      continue;
    auto [It, New] = ByName.emplace(Name, Functions.size());
    if (New) {
      Deployable D;
      D.logicalId = Name;
      D.resourceType = "AWS::Lambda::Function (API)";
      D.config.settingsKnown = false;
      if (A.permission)
        D.location = A.permission->location;
      else if (A.invoker)
        D.location = A.invoker->location;
      else if (A.url)
        D.location = A.url->location;
      else
        D.location = A.onFailureDestination.location;
      Functions.push_back(std::move(D));
    }
    FunctionConfig &C = Functions[It->second].config;
    if (A.invoker)
      C.invokers.push_back(std::move(*A.invoker));
    if (A.permission)
      C.permissions.push_back(std::move(*A.permission));
    if (A.url)
      C.url = std::move(*A.url);
    if (A.onFailureDestination.written())
      C.onFailureDestination = std::move(A.onFailureDestination);
  }
}

std::string absoluteOf(const std::string &Root, const std::string &Rel) {
  if (!Rel.empty() && Rel.front() == '/')
    return Rel;
  return Rel == "." ? Root : Root + "/" + Rel;
}

bool readFile(const std::string &Path, std::uint64_t Limit, std::string &Out, std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "cannot open file";
    return false;
  }
  In.seekg(0, std::ios::end);
  std::streamoff Size = In.tellg();
  if (Size < 0 || static_cast<std::uint64_t>(Size) > Limit) {
    Error = "file is larger than " + std::to_string(Limit) + " bytes; not read";
    return false;
  }
  In.seekg(0);
  Out.resize(static_cast<std::size_t>(Size));
  In.read(Out.data(), Size);
  return static_cast<bool>(In);
}

/// An unreferenced archive on disk is judged as Lambda code when it is shaped
/// like a function package (handler sources or a bootstrap at the root, or
/// node_modules/) or a layer (python/, nodejs/, java/lib/, ruby/, bin/ roots).
bool looksLikeLambdaPackage(const Package &P) {
  for (const PackageEntry &E : P.entries) {
    std::string_view Path = E.path;
    auto Slash = Path.find('/');
    std::string_view Top = Path.substr(0, Slash);
    if (Slash == std::string_view::npos && E.isFile()) {
      if (Top == "bootstrap")
        return true;
      for (std::string_view Ext : {".py", ".js", ".mjs", ".cjs", ".rb"})
        if (Top.size() > Ext.size() && Top.substr(Top.size() - Ext.size()) == Ext)
          return true;
    }
    if (Slash != std::string_view::npos || E.isDirectory())
      for (std::string_view Dir : {"node_modules", "python", "nodejs", "java", "ruby"})
        if (Top == Dir)
          return true;
  }
  return false;
}

/// How a template's code folder becomes what ships. `aws cloudformation
/// package` zips it as it is. `sam build` runs a builder first: compiling
/// ones (Java, .NET, Go, esbuild, makefile, cargo-lambda, and any layer with
/// a BuildMethod) turn the folder into something else, so it is source, not a
/// package; copying ones (Python, Node.js, Ruby) leave out fixed lists of
/// names (aws-lambda-builders' EXCLUDED_FILES and npm pack's defaults).
struct FolderPlan {
  bool source = false;
  std::vector<std::string> excluded;
};

FolderPlan folderPlan(const Deployable &D) {
  auto StartsWith = [](const std::string &S, std::string_view Prefix) { return S.rfind(Prefix, 0) == 0; };
  if (!StartsWith(D.resourceType, "AWS::Serverless::"))
    return {};
  if (D.kind == Deployable::Kind::Layer)
    return {D.buildMethod.has_value(), {}};
  if (D.buildMethod && !StartsWith(*D.buildMethod, "python") && !StartsWith(*D.buildMethod, "nodejs") &&
      !StartsWith(*D.buildMethod, "ruby"))
    return {true, {}};
  std::string Runtime = D.runtime.value_or("");
  for (std::string_view Compiled : {"java", "dotnet", "go1"})
    if (StartsWith(Runtime, Compiled))
      return {true, {}};
  if (StartsWith(Runtime, "python"))
    return {false,
            {".aws-sam", ".chalice", ".git", ".gitignore", "*.pyc", "__pycache__", "*.so", ".Python",
             "*.egg-info", "*.egg", "pip-log.txt", "pip-delete-this-directory.txt", "htmlcov", ".tox", ".nox",
             ".coverage", ".cache", ".pytest_cache", ".python-version", ".mypy_cache", ".dmypy.json", ".pyre",
             ".env", ".venv", "venv", "venv.bak", "env.bak", "ENV", "env", ".vscode", ".idea"}};
  if (StartsWith(Runtime, "nodejs"))
    return {false,
            {".aws-sam", ".git", ".svn", ".hg", "CVS", ".DS_Store", "._*", ".*.swp", "*.orig", ".npmrc",
             "npm-debug.log", "package-lock.json",
             // npm pack leaves the local node_modules out; the builder then
             // installs the production dependencies package.json names.
             "node_modules"}};
  return {false, {".aws-sam", ".git"}};
}

/// What --shard must keep together beyond folders: the joins scanProject
/// makes across files. A template and the code it deploys; CLI outputs
/// attaching to a function (by name, as attachToFunctions matches them) and
/// the first file declaring it; `aws iam` outputs of one principal.
std::vector<ShardLink> shardLinks(const std::string &Root, const std::vector<const DiscoveredFile *> &Templates,
                                  const std::vector<TemplateLoad> &Loads) {
  std::vector<ShardLink> Links;
  std::map<std::string, std::string> Declared; // function name -> first file declaring or attaching to it
  for (std::size_t I = 0; I < Templates.size(); ++I)
    for (const Deployable &D : Loads[I].deployables) {
      if (D.code) {
        std::string Code = relativeToRoot(Root, absoluteOf(Root, D.code->path));
        if (!Code.empty() && Code.front() != '/')
          Links.push_back({Templates[I]->path, std::move(Code)});
      }
      if (D.kind == Deployable::Kind::Function)
        Declared.emplace(functionNameOf(D.logicalId), Templates[I]->path);
    }
  // `aws iam` outputs of one principal (get-role, get-role-policy) are merged by name.
  std::map<std::pair<IamPrincipal::Kind, std::string>, std::string> Principals;
  for (std::size_t I = 0; I < Templates.size(); ++I) {
    for (const FunctionAttachment &A : Loads[I].attachments)
      if (std::string Name = functionNameOf(A.functionRef); !Name.empty())
        Links.push_back({Templates[I]->path, Declared.emplace(Name, Templates[I]->path).first->second});
    if (Loads[I].format == ConfigFormat::IamPolicy)
      for (const IamPrincipal &Pr : Loads[I].principals)
        Links.push_back({Templates[I]->path, Principals.emplace(std::make_pair(Pr.kind, Pr.id), Templates[I]->path).first->second});
  }
  return Links;
}

} // namespace

Project scanProject(const ScanOptions &Options) {
  Project P;
  P.root = Options.root;
  P.limits = Options.limits;
  unsigned Jobs = std::max(1u, Options.jobs);

  Discovery Found = discoverFiles(Options.root, Options.paths, Options.excludes);
  P.filesSeen = Found.filesSeen;
  P.problems = std::move(Found.problems);
  if (Options.progress)
    Options.progress->filesFound = Found.filesSeen;

  std::vector<const DiscoveredFile *> Templates;
  for (const DiscoveredFile &F : Found.files)
    if (F.kind == FileKind::TemplateCandidate)
      Templates.push_back(&F);

  // Configuration files (templates, Terraform JSON, Lambda API JSON,
  // serverless.yml), in parallel; results are gathered in discovery order.
  std::vector<TemplateLoad> Loads(Templates.size());
  std::vector<std::string> Texts(Templates.size());
  parallelFor(Templates.size(), Jobs, [&](std::size_t I) {
    const DiscoveredFile &F = *Templates[I];
    std::string Error;
    // A file over the cap is reported when its first bytes say it is a
    // configuration or a policy (CloudFormation itself accepts 1 MB, but a
    // plan or an account's authorization details can be large); a larger
    // data file (a lock file, a data set) is no configuration, so no word.
    std::string Abs = absoluteOf(Options.root, F.path);
    const std::uint64_t Cap = Options.limits.maxTemplateBytes;
    if (!readFile(Abs, Cap, Texts[I], Error)) {
      if (F.size <= Cap) {
        Loads[I].problems.push_back({Level::Warning, Location{F.path, {}, {}, {}}, Error});
      } else {
        std::string Head = readFileHead(Abs, 64u << 10);
        ConfigFormat Format =
            looksLikeTerraformJsonHead(Head) ? ConfigFormat::TerraformJson : sniffConfig(F.path, Head);
        if (Format != ConfigFormat::None)
          Loads[I].problems.push_back({Level::Warning, Location{F.path, {}, {}, {}},
                                       "this " + std::string(configFormatName(Format)) + " was not read: " +
                                           formatSize(F.size) + ", more than " +
                                           describeLimit(Options.limits, "template-bytes")});
      }
      std::string().swap(Texts[I]);
      return;
    }
    // Only files whose name or text sniff as a configuration format are
    // parsed (never package-lock.json and other data).
    Loads[I] = loadConfig(F.path, Texts[I], Options.limits);
    if (!Loads[I].isTemplate)
      std::string().swap(Texts[I]);
  });
  // --shard: every shard reads all configuration (it is small) to keep each
  // template with its code, then leaves other shards' files alone.
  std::vector<bool> Keep = selectShard(Found.files, Options.shard, shardLinks(Options.root, Templates, Loads));
  auto Kept = [&](const DiscoveredFile *F) { return Keep[static_cast<std::size_t>(F - Found.files.data())]; };
  if (Options.shard.active())
    P.filesSeen = static_cast<std::uint64_t>(std::count(Keep.begin(), Keep.end(), true));
  std::vector<const DiscoveredFile *> Archives;
  for (const DiscoveredFile &F : Found.files) {
    if (!Kept(&F))
      continue;
    if (F.kind == FileKind::Archive)
      Archives.push_back(&F);
    else if (F.kind == FileKind::CppSource)
      P.cppSources.push_back(F.path);
    if (F.kind != FileKind::Archive)
      P.files.push_back({F.path, F.size});
  }

  std::map<std::pair<IamPrincipal::Kind, std::string>, std::size_t> CliPrincipals;
  for (std::size_t I = 0; I < Templates.size(); ++I) {
    if (!Kept(Templates[I]))
      continue;
    for (InputProblem &Pr : Loads[I].problems)
      P.problems.push_back(std::move(Pr));
    if (!Loads[I].isTemplate)
      continue;
    P.templates.push_back(Templates[I]->path);
    P.texts[Templates[I]->path] = std::move(Texts[I]);
    for (Deployable &D : Loads[I].deployables)
      P.deployables.push_back(std::move(D));
    for (ResourceSuppression &S : Loads[I].suppressions)
      P.resourceSuppressions.push_back(std::move(S));
    // Files are in path order, so policies are too.
    std::size_t Base = P.policies.size();
    for (Policy &Pol : Loads[I].policies)
      P.policies.push_back(std::move(Pol));
    for (IamPrincipal &Pr : Loads[I].principals) {
      for (std::size_t &Index : Pr.policies)
        Index += Base;
      // `aws iam` outputs name principals by their names: get-role.json and
      // get-role-policy.json of one role describe the same role.
      if (Loads[I].format == ConfigFormat::IamPolicy) {
        auto [It, New] = CliPrincipals.emplace(std::make_pair(Pr.kind, Pr.id), P.iamPrincipals.size());
        if (!New) {
          IamPrincipal &Same = P.iamPrincipals[It->second];
          Same.policies.insert(Same.policies.end(), Pr.policies.begin(), Pr.policies.end());
          for (PolicyString &Arn : Pr.managedPolicyArns)
            Same.managedPolicyArns.push_back(std::move(Arn));
          continue;
        }
      }
      P.iamPrincipals.push_back(std::move(Pr));
    }
  }
  std::vector<FunctionAttachment> Attachments;
  for (std::size_t I = 0; I < Templates.size(); ++I)
    if (Kept(Templates[I]))
      for (FunctionAttachment &A : Loads[I].attachments)
        Attachments.push_back(std::move(A));
  attachToFunctions(P.deployables, std::move(Attachments));
  for (Deployable &D : P.deployables)
    measureEnvironment(D);

  // Archives on disk, each with everything nested in it. With one archive,
  // its nested archives get the threads; with many, the archives do.
  if (Options.progress)
    Options.progress->archivesTotal = Archives.size();
  std::vector<std::vector<std::unique_ptr<Package>>> Loaded(Archives.size());
  std::vector<std::vector<InputProblem>> ArchiveProblems(Archives.size());
  unsigned Inner = Archives.size() == 1 ? Jobs : 1;
  parallelFor(Archives.size(), Jobs, [&](std::size_t I) {
    const DiscoveredFile &F = *Archives[I];
    loadZipPackages(absoluteOf(Options.root, F.path), F.path, Options.limits, Inner, Loaded[I],
                    ArchiveProblems[I]);
    if (Options.progress)
      ++Options.progress->archivesDone;
  });
  for (std::size_t I = 0; I < Archives.size(); ++I) {
    for (auto &Pkg : Loaded[I])
      P.packages.push_back(std::move(Pkg));
    for (auto &Pr : ArchiveProblems[I])
      P.problems.push_back(std::move(Pr));
  }

  // Link functions and layers to their code.
  std::sort(P.deployables.begin(), P.deployables.end(), [](const Deployable &A, const Deployable &B) {
    return std::tie(A.location.path, A.logicalId) < std::tie(B.location.path, B.logicalId);
  });
  std::map<std::string, Package *> ByPath;
  for (auto &Pkg : P.packages)
    if (!Pkg->isNested())
      ByPath[Pkg->location.path] = Pkg.get();
  linkExportedCode(P.deployables, ByPath);
  for (Deployable &D : P.deployables) {
    if (!D.code)
      continue;
    // "../shared/fn" from a template at the root leaves the scan root: such
    // paths are reported absolute, like every other file outside the root.
    D.code->path = relativeToRoot(Options.root, absoluteOf(Options.root, D.code->path));
    const std::string &Path = D.code->path;
    if (!Path.empty() && Path.front() == '/') {
      // A template must not send the scan outside the scan root (Code: /
      // would walk the whole machine into the report).
      InputProblem Pr;
      Pr.level = Level::Warning;
      Pr.location = D.code->location;
      Pr.message = D.logicalId + ": code location '" + Path +
                   "' is outside the scan root; not read (scan from a folder that contains it, or set --root)";
      P.problems.push_back(std::move(Pr));
      continue;
    }
    Package *Pkg = nullptr;
    if (auto It = ByPath.find(Path); It != ByPath.end()) {
      Pkg = It->second;
    } else {
      std::string Abs = absoluteOf(Options.root, Path);
      struct stat St;
      if (::stat(Abs.c_str(), &St) != 0) {
        // Usually a build output not built yet (target/fn.zip): worth saying,
        // not worth a warning in every CI log.
        InputProblem Pr;
        Pr.level = Level::Note;
        Pr.location = D.code->location;
        Pr.message = D.logicalId + ": code location '" + Path + "' does not exist (not built yet?); its package was not checked";
        P.problems.push_back(std::move(Pr));
        continue;
      }
      std::vector<std::unique_ptr<Package>> New;
      FolderPlan Plan = folderPlan(D);
      bool Zip = false;
      if (S_ISREG(St.st_mode))
        Zip = hasArchiveExtension(Path) || hasZipMagic(readFileHead(Abs, 4));
      if (Zip) {
        // Outside the scan paths or ignored, but a template deploys it.
        loadZipPackages(Abs, Path, Options.limits, Jobs, New, P.problems);
      } else if (S_ISDIR(St.st_mode) || S_ISREG(St.st_mode)) {
        // A folder, or one source file the packager zips on its own.
        FolderOptions FO;
        FO.maxEntries = Options.limits.maxEntries;
        FO.excludedNames = Plan.source ? std::vector<std::string>{} : Plan.excluded;
        New.push_back(loadFolderPackage(Options.root, Path, FO, P.problems));
        if (Plan.source)
          New.front()->role = Package::Role::Source;
      }
      if (New.empty())
        continue;
      Pkg = New.front().get();
      ByPath[Path] = Pkg;
      for (auto &N : New)
        P.packages.push_back(std::move(N));
    }
    D.package = Pkg;
    if (Pkg->role != Package::Role::Source)
      Pkg->role = Package::Role::Deployed;
    Pkg->deployedBy.push_back(D.logicalId);
    if (D.runtime)
      Pkg->runtimes.push_back(*D.runtime);
    if (Pkg->isFolder() && !Pkg->anchor.region.known())
      Pkg->anchor = D.code->location; // the first referencing template line, in sorted order
  }

  for (auto &Pkg : P.packages) {
    auto Unique = [](std::vector<std::string> &V) {
      std::sort(V.begin(), V.end());
      V.erase(std::unique(V.begin(), V.end()), V.end());
    };
    Unique(Pkg->deployedBy);
    Unique(Pkg->runtimes);
    if (Pkg->role == Package::Role::Other && Pkg->origin == Package::Origin::DiskArchive &&
        !Pkg->unreadable && !hasLibraryArchiveExtension(Pkg->location.path) && looksLikeLambdaPackage(*Pkg))
      Pkg->role = Package::Role::LambdaLike;
  }
  std::sort(P.packages.begin(), P.packages.end(), [](const auto &A, const auto &B) {
    return std::tie(A->location.path, A->location.members) < std::tie(B->location.path, B->location.members);
  });
  sortProblems(P.problems);
  return P;
}

} // namespace fnlint
