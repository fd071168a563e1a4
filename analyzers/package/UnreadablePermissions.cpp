//===- UnreadablePermissions.cpp - package/unreadable-permissions -----------===//
//
// Lambda unpacks the archive with its recorded permissions and runs the code
// as a non-root user that is neither the files' owner nor in their group, so
// every file needs world-read (644) and every directory and executable
// world-read and world-execute (755). Archives made without Unix permissions
// (e.g. on Windows) record none and are not judged. The root bootstrap has a
// rule of its own. Folders only the SAM CLI packages are not judged either:
// it fixes the modes when it zips them.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

#include <sys/stat.h>

namespace fnlint::package {
namespace {

/// The SAM CLI adds read for everyone to files and execute to directories
/// when it zips a code folder (aws-sam-cli#4655, 2023), so a 0600 file in a
/// folder that only AWS::Serverless resources deploy arrives readable. Other
/// packagers (aws cloudformation package, zip) keep the modes on disk.
bool onlySamPackagesIt(const Package &P, const Project &Project) {
  bool Any = false;
  for (const Deployable &D : Project.deployables) {
    if (D.package != &P)
      continue;
    Any = true;
    if (D.resourceType.rfind("AWS::Serverless::", 0) != 0)
      return false;
  }
  return Any;
}

class UnreadablePermissions final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/unreadable-permissions"; }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    if (P.isFolder() && onlySamPackagesIt(P, Ctx.project))
      return;
    nlohmann::json List = nlohmann::json::array();
    std::string Examples;
    std::size_t Count = 0;
    for (const PackageEntry &E : P.entries) {
      if (!E.hasUnixMode || E.isSymlink() || E.path == "bootstrap")
        continue;
      std::uint32_t Mode = E.permissions();
      const char *Problem = nullptr;
      if (E.isDirectory()) {
        if ((Mode & (S_IROTH | S_IXOTH)) != (S_IROTH | S_IXOTH))
          Problem = "directory not readable and searchable by others";
      } else if (!(Mode & S_IROTH)) {
        Problem = "not readable by others";
      } else if ((Mode & (S_IXUSR | S_IXGRP)) && !(Mode & S_IXOTH)) {
        Problem = "executable only by its owner or group";
      }
      if (!Problem)
        continue;
      ++Count;
      if (List.size() < 100)
        List.push_back({{"path", E.path}, {"mode", octalMode(Mode)}, {"problem", Problem}});
      if (Count <= 3)
        Examples += (Count > 1 ? ", " : "") + E.path + (E.isDirectory() ? "/" : "") + " (" + octalMode(Mode) + ")";
    }
    if (!Count)
      return;
    std::string Msg = std::to_string(Count) + (Count == 1 ? " entry" : " entries") + " in " + packageName(P) +
                      (Count == 1 ? " is" : " are") + " unreadable for the user Lambda runs your code as: " +
                      Examples + (Count > 3 ? ", ..." : "") +
                      "; files need mode 644, directories and executables 755";
    Finding &F = Out.report(ruleId(), std::move(Msg), P.anchor);
    F.properties = {{"count", Count}, {"entries", List}};
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeUnreadablePermissions() { return std::make_unique<UnreadablePermissions>(); }

} // namespace fnlint::package
