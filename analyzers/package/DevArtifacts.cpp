//===- DevArtifacts.cpp - package/dev-artifacts -----------------------------===//
//
// Bytes a function never loads but still uploads, stores and unpacks on every
// cold start: version-control metadata, tests, documentation, source maps,
// caches, editor and OS files, TypeScript sources next to their compiled JS.
// Care is taken where such names are real code: a dependency called "test"
// (node_modules/test/), a docs/ package that code imports (boto3/docs/ holds
// Python modules), source maps a function loads (NODE_OPTIONS
// --enable-source-maps), and bytecode compiled for the function's own Python
// (a read-only /var/task cannot cache it, so shipping it helps).
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace fnlint::package {
namespace {

struct Category {
  const char *Name;
  std::uint64_t Bytes = 0;
  std::size_t Items = 0;
};

std::vector<std::string_view> splitPath(std::string_view Path) {
  std::vector<std::string_view> Parts;
  std::size_t Start = 0;
  while (Start <= Path.size()) {
    std::size_t Slash = Path.find('/', Start);
    if (Slash == std::string_view::npos)
      Slash = Path.size();
    Parts.push_back(Path.substr(Start, Slash - Start));
    Start = Slash + 1;
  }
  return Parts;
}

bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

bool isCodeFile(std::string_view Path) {
  for (std::string_view Ext : {".py", ".js", ".mjs", ".cjs", ".node", ".so", ".pyd"})
    if (endsWith(Path, Ext))
      return true;
  return false;
}

/// Folder names that hold tests; "docs" separately because code lives there
/// more often.
enum class DirKind { None, Vcs, Tests, Docs, Editor, Cache };

DirKind dirKind(std::string_view Name) {
  if (Name == ".git" || Name == ".svn" || Name == ".hg")
    return DirKind::Vcs;
  if (Name == "test" || Name == "tests" || Name == "__tests__" || Name == "__mocks__" || Name == "spec" ||
      Name == "specs")
    return DirKind::Tests;
  if (Name == "docs" || Name == "doc")
    return DirKind::Docs;
  if (Name == ".vscode" || Name == ".idea" || Name == ".vs")
    return DirKind::Editor;
  if (Name == ".pytest_cache" || Name == ".mypy_cache" || Name == ".ruff_cache" || Name == ".tox" ||
      Name == ".nyc_output")
    return DirKind::Cache;
  return DirKind::None;
}

class DevArtifacts final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/dev-artifacts"; }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    bool SourceMapsUsed = false;
    std::string PythonTag; // "cpython-312" when the runtime is python3.12
    for (const Deployable &D : Ctx.project.deployables) {
      if (D.package != &P)
        continue;
      if (auto It = D.environment.find("NODE_OPTIONS");
          It != D.environment.end() && It->second.find("--enable-source-maps") != std::string::npos)
        SourceMapsUsed = true;
    }
    // Code that installs source-map-support loads the maps too.
    for (const PackageEntry &E : P.entries)
      if (E.path.find("node_modules/source-map-support/") != std::string::npos) {
        SourceMapsUsed = true;
        break;
      }
    for (const std::string &R : P.runtimes)
      if (R.rfind("python3.", 0) == 0)
        PythonTag = "cpython-3" + R.substr(8);

    // Files present, to find TypeScript sources next to their output and docs
    // folders that hold code.
    // Views into the entries' paths, which outlive this function.
    std::unordered_set<std::string_view> Files, DirsWithCode, PythonDirs;
    Files.reserve(P.entries.size());
    for (const PackageEntry &E : P.entries) {
      if (!E.isFile())
        continue;
      std::string_view Path = E.path;
      Files.insert(Path);
      if (!isCodeFile(Path))
        continue;
      bool Python = endsWith(Path, ".py");
      for (std::size_t Slash = Path.find('/'); Slash != std::string_view::npos; Slash = Path.find('/', Slash + 1)) {
        DirsWithCode.insert(Path.substr(0, Slash));
        if (Python)
          PythonDirs.insert(Path.substr(0, Slash));
      }
    }

    std::map<std::string, Category> Cats;
    std::map<std::string, std::uint64_t> Items; // offending folder or file -> bytes
    auto Add = [&](const char *Cat, const std::string &Item, std::uint64_t Bytes) {
      Category &C = Cats[Cat];
      C.Name = Cat;
      C.Bytes += Bytes;
      auto [It, New] = Items.emplace(Item, 0);
      It->second += Bytes;
      if (New)
        ++C.Items;
    };

    for (const PackageEntry &E : P.entries) {
      if (!E.isFile())
        continue;
      auto Parts = splitPath(E.path);
      std::string_view Base = Parts.back();
      // The outermost offending folder names the item.
      bool Matched = false;
      std::string Prefix;
      for (std::size_t I = 0; I + 1 < Parts.size() && !Matched; ++I) {
        std::string_view Name = Parts[I];
        std::string Dir = Prefix + std::string(Name);
        bool DependencyRoot = I > 0 && (Parts[I - 1] == "node_modules" ||
                                        (Parts[I - 1].size() > 1 && Parts[I - 1][0] == '@' && I > 1 &&
                                         Parts[I - 2] == "node_modules"));
        Prefix = Dir + "/";
        if (DependencyRoot)
          continue; // node_modules/test/ is a dependency named "test"
        if (Name == ".cache" && I > 0 && Parts[I - 1] == "node_modules") {
          Add("build caches", Dir + "/", E.size);
          Matched = true;
          continue;
        }
        switch (dirKind(Name)) {
        case DirKind::Vcs:
          Add("version control metadata", Dir + "/", E.size), Matched = true;
          break;
        case DirKind::Tests:
          // A compiled class is a Java package, never a test folder: build
          // tools keep test classes out of jars (org/bouncycastle/jce/spec/).
          // A spec/ folder holding Python modules is a package, e.g.
          // openapi_core/spec/; JavaScript and Ruby specs are tests.
          if (!endsWith(Base, ".class") &&
              !((Name == "spec" || Name == "specs") && PythonDirs.count(std::string_view(Dir))))
            Add("tests", Dir + "/", E.size), Matched = true;
          break;
        case DirKind::Docs:
          if (!DirsWithCode.count(std::string_view(Dir)))
            Add("documentation", Dir + "/", E.size), Matched = true;
          break;
        case DirKind::Editor:
          Add("editor settings", Dir + "/", E.size), Matched = true;
          break;
        case DirKind::Cache:
          Add("build caches", Dir + "/", E.size), Matched = true;
          break;
        case DirKind::None:
          break;
        }
        if (!Matched && Name == "__pycache__" && Base.size() > 4 && endsWith(Base, ".pyc") &&
            !PythonTag.empty() && Base.find("." + PythonTag) == std::string_view::npos) {
          Add("bytecode for another Python version", E.path, E.size);
          Matched = true;
        }
      }
      if (Matched)
        continue;
      if (endsWith(Base, ".map") && !SourceMapsUsed) {
        Add("source maps", E.path, E.size);
      } else if (Base == ".DS_Store" || Base == "Thumbs.db" || Base == "desktop.ini" || endsWith(Base, ".swp") ||
                 endsWith(Base, ".swo") || (Base.size() > 1 && Base.back() == '~')) {
        Add("OS and editor files", E.path, E.size);
      } else if (endsWith(Base, ".ts") && !endsWith(Base, ".d.ts")) {
        std::string Stem = E.path.substr(0, E.path.size() - 3);
        if (Files.count(std::string_view(Stem + ".js")) || Files.count(std::string_view(Stem + ".mjs")) ||
            Files.count(std::string_view(Stem + ".cjs")))
          Add("TypeScript sources next to their JavaScript", E.path, E.size);
      }
    }
    if (Items.empty())
      return;

    std::uint64_t Total = 0;
    std::vector<Category> Sorted;
    for (auto &[Name, C] : Cats) {
      Total += C.Bytes;
      Sorted.push_back(C);
    }
    std::stable_sort(Sorted.begin(), Sorted.end(), [](const Category &A, const Category &B) { return A.Bytes > B.Bytes; });
    std::vector<std::pair<std::string, std::uint64_t>> Largest(Items.begin(), Items.end());
    std::stable_sort(Largest.begin(), Largest.end(), [](const auto &A, const auto &B) { return A.second > B.second; });

    std::string Msg = packageName(P) + " ships " + humanBytes(Total) + " the function never loads: ";
    nlohmann::json CatsJson = nlohmann::json::array();
    for (std::size_t I = 0; I < Sorted.size(); ++I) {
      Msg += (I ? ", " : "") + std::string(Sorted[I].Name) + " (" + humanBytes(Sorted[I].Bytes) + ")";
      CatsJson.push_back({{"category", Sorted[I].Name}, {"bytes", Sorted[I].Bytes}, {"items", Sorted[I].Items}});
    }
    Msg += "; largest: ";
    nlohmann::json LargestJson = nlohmann::json::array();
    for (std::size_t I = 0; I < Largest.size() && I < 5; ++I) {
      Msg += (I ? ", " : "") + Largest[I].first + " (" + humanBytes(Largest[I].second) + ")";
      LargestJson.push_back({{"path", Largest[I].first}, {"bytes", Largest[I].second}});
    }
    Finding &F = Out.report(ruleId(), std::move(Msg), P.anchor);
    F.properties = {{"bytes", Total}, {"categories", CatsJson}, {"largest", LargestJson}};
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeDevArtifacts() { return std::make_unique<DevArtifacts>(); }

} // namespace fnlint::package
