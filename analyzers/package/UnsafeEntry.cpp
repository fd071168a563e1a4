//===- UnsafeEntry.cpp - package/unsafe-entry -------------------------------===//
//
// Entries that extract outside the package folder or overwrite each other:
// absolute paths, ".." components (zip slip), symbolic links pointing out of
// the package, duplicate names (which copy wins depends on the unzip tool).
// Judged for every archive on disk, non-Lambda ones included, and for
// symbolic links in folders; not for archives nested in a package, which
// nothing extracts on Lambda's side.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"

#include <filesystem>
#include <unordered_set>

namespace fnlint::package {
namespace {

constexpr std::size_t MaxPerPackage = 100;

bool hasDotDot(std::string_view Path) {
  std::size_t Start = 0;
  while (Start <= Path.size()) {
    std::size_t End = Path.find_first_of("/\\", Start);
    if (End == std::string_view::npos)
      End = Path.size();
    if (Path.substr(Start, End - Start) == "..")
      return true;
    Start = End + 1;
  }
  return false;
}

/// Packagers (sam build, aws cloudformation package) follow a folder's links
/// and ship their targets, so a monorepo link to a sibling folder
/// (shared -> ../shared) is ordinary. A link out of the repository, or to
/// an absolute path, ships files from whichever machine builds.
bool linkLeavesRepository(const Package &P, const PackageEntry &E) {
  if (E.symlinkTarget.empty())
    return false;
  if (isAbsoluteMemberPath(E.symlinkTarget))
    return true;
  if (isAbsoluteMemberPath(P.location.path))
    return symlinkLeavesPackage(E); // where the repository is cannot be told: judge by the folder
  std::filesystem::path Link = std::filesystem::path(P.location.path) / E.path;
  std::string N = (Link.parent_path() / E.symlinkTarget).lexically_normal().generic_string();
  return N == ".." || N.rfind("../", 0) == 0;
}

class UnsafeEntry final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/unsafe-entry"; }

  /// Packages on disk. An archive nested in a package is never extracted by
  /// Lambda; the many that dependencies carry as test assets (zip-slip
  /// samples among them) are not the function's to fix.
  bool appliesTo(const Package &P) const override {
    return !P.unreadable && !isHostile(P) && !P.isNested() && P.role != Package::Role::Source;
  }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    std::unordered_set<std::string_view> Seen;
    Seen.reserve(P.entries.size());
    std::size_t Count = 0, Dropped = 0;
    auto Report = [&](const PackageEntry &E, const char *Kind, std::string Why) {
      if (++Count > MaxPerPackage) {
        ++Dropped;
        return;
      }
      Finding &F = Out.report(ruleId(), packageName(P) + ": " + Why, P.entryLocation(E));
      F.fingerprintKey = std::string(Kind) + ":" + E.path;
      F.properties = {{"entry", E.path}, {"problem", Kind}};
      if (E.isSymlink())
        F.properties["target"] = E.symlinkTarget;
    };
    for (const PackageEntry &E : P.entries) {
      if (!P.isFolder()) {
        if (isAbsoluteMemberPath(E.path))
          Report(E, "absolute-path",
                 "entry '" + E.path + "' has an absolute path; unzip tools write it outside the package folder or refuse it");
        else if (hasDotDot(E.path))
          Report(E, "parent-directory",
                 "entry '" + E.path + "' climbs out of the package with '..' (zip slip); extracting it writes outside the package folder");
        if (!Seen.insert(E.path).second)
          Report(E, "duplicate",
                 "entry '" + E.path + "' appears more than once; which copy ends up in the function depends on the unzip tool");
      }
      if (!E.isSymlink())
        continue;
      if (!P.isFolder() && symlinkLeavesPackage(E))
        Report(E, "symlink-escape",
               "symbolic link '" + E.path + "' points to '" + E.symlinkTarget + "', outside the package");
      else if (P.isFolder() && linkLeavesRepository(P, E))
        Report(E, "symlink-escape",
               "symbolic link '" + E.path + "' points to '" + E.symlinkTarget +
                   "', outside the repository; packaging follows it and ships whatever it points to on the "
                   "machine that builds");
    }
    if (Dropped) {
      Finding &F = Out.report(ruleId(),
                              packageName(P) + ": " + std::to_string(Dropped) + " more unsafe entries not listed",
                              P.anchor);
      F.fingerprintKey = "more";
      F.properties = {{"notListed", Dropped}};
    }
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeUnsafeEntry() { return std::make_unique<UnsafeEntry>(); }

} // namespace fnlint::package
