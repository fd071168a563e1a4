#include "scanner/FolderPackage.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace fnlint {

namespace {

class FolderPackage final : public Package {
public:
  std::string AbsoluteDir;

  std::unique_ptr<EntryReader> open(const PackageEntry &E, std::string &Error) const override {
    if (E.isDirectory()) {
      Error = "is a directory";
      return nullptr;
    }
    if (E.isSymlink() && (E.symlinkTarget.empty() || symlinkLeavesPackage(E) || !resolvesInside(E))) {
      Error = "symbolic link leaves the package";
      return nullptr;
    }
    return openDiskFile(AbsoluteDir + "/" + E.path, Error);
  }

private:
  /// The lexical test above sees one link; a link to a local name that is
  /// itself a link ("hop -> vendor/x", "vendor -> ../../secrets") can still
  /// lead out. Resolve the whole chain. A target that does not resolve is
  /// left to open() to report.
  bool resolvesInside(const PackageEntry &E) const {
    std::unique_ptr<char, decltype(&std::free)> Base(::realpath(AbsoluteDir.c_str(), nullptr), &std::free);
    std::unique_ptr<char, decltype(&std::free)> Target(::realpath((AbsoluteDir + "/" + E.path).c_str(), nullptr),
                                                       &std::free);
    if (!Target)
      return true;
    if (!Base)
      return false;
    std::string_view B = Base.get(), T = Target.get();
    return T == B || (T.size() > B.size() && T.compare(0, B.size(), B) == 0 && (B == "/" || T[B.size()] == '/'));
  }
};

struct FolderWalker {
  FolderPackage &Pkg;
  std::uint64_t MaxEntries;
  const std::vector<std::string> &Excluded;
  std::vector<InputProblem> &Problems;
  bool Truncated = false;

  void problem(const std::string &Rel, std::string Message) {
    Location L = Pkg.location;
    L.region = {};
    L.logical = {};
    if (!Rel.empty()) // "" is the folder itself
      L.path = L.path == "." ? Rel : L.path + "/" + Rel;
    Problems.push_back({Level::Warning, std::move(L), std::move(Message)});
  }

  /// A link back to a folder that holds it (`self -> .`, `up -> ..`) or a
  /// chain that never ends (`ping -> pong -> ping`). fnlint never follows
  /// links, but packagers that do (`zip -r` without -y) recurse through it
  /// until the path is too long: said once per link.
  void reportLoop(const std::string &Abs, const std::string &Dir, const std::string &Rel, const std::string &Target) {
    std::unique_ptr<char, decltype(&std::free)> To(::realpath(Abs.c_str(), nullptr), &std::free);
    if (!To) {
      if (errno == ELOOP)
        problem(Rel, "symbolic link to '" + Target + "' is a loop of links that never reaches a file");
      return;
    }
    std::unique_ptr<char, decltype(&std::free)> Here(::realpath(Dir.c_str(), nullptr), &std::free);
    if (!Here)
      return;
    std::string_view T = To.get(), H = Here.get();
    if (H == T || (H.size() > T.size() && H.compare(0, T.size(), T) == 0 && (T == "/" || H[T.size()] == '/')))
      problem(Rel, "symbolic link to '" + Target + "' points back to a folder that holds it; fnlint does not " +
                       "follow it, but packagers that follow links (zip -r without -y) recurse until they fail");
  }

  bool excluded(const std::string &Name) const {
    for (const std::string &Pattern : Excluded)
      if (::fnmatch(Pattern.c_str(), Name.c_str(), 0) == 0)
        return true;
    return false;
  }

  void walk(const std::string &Dir, const std::string &RelDir) {
    DIR *D = ::opendir(Dir.c_str());
    if (!D) {
      problem(RelDir, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::vector<std::string> Names;
    while (dirent *E = ::readdir(D)) {
      std::string_view Name = E->d_name;
      if (Name != "." && Name != "..")
        Names.emplace_back(Name);
    }
    ::closedir(D);
    std::sort(Names.begin(), Names.end());
    for (const std::string &Name : Names) {
      if (excluded(Name))
        continue;
      if (Pkg.entries.size() >= MaxEntries) {
        Truncated = true;
        return;
      }
      std::string Abs = Dir + "/" + Name;
      std::string Rel = RelDir.empty() ? Name : RelDir + "/" + Name;
      struct stat St;
      if (::lstat(Abs.c_str(), &St) != 0) {
        problem(Rel, std::string("cannot read: ") + std::strerror(errno));
        continue;
      }
      PackageEntry E;
      E.path = Rel;
      E.index = Pkg.entries.size();
      E.unixMode = St.st_mode;
      E.hasUnixMode = true;
      if (S_ISDIR(St.st_mode)) {
        E.type = PackageEntry::Type::Directory;
      } else if (S_ISLNK(St.st_mode)) {
        E.type = PackageEntry::Type::Symlink;
        char Target[4096];
        ssize_t N = ::readlink(Abs.c_str(), Target, sizeof Target);
        if (N > 0)
          E.symlinkTarget.assign(Target, static_cast<std::size_t>(N));
        reportLoop(Abs, Dir, Rel, E.symlinkTarget);
      } else if (S_ISREG(St.st_mode)) {
        E.size = E.compressedSize = static_cast<std::uint64_t>(St.st_size);
      } else {
        continue; // sockets, fifos, devices: not something a package can hold
      }
      bool IsDir = E.isDirectory();
      Pkg.entries.push_back(std::move(E));
      if (IsDir)
        walk(Abs, Rel);
    }
  }
};

} // namespace

std::unique_ptr<Package> loadFolderPackage(const std::string &Root, const std::string &RelativePath,
                                           const FolderOptions &Options,
                                           std::vector<InputProblem> &Problems) {
  auto Pkg = std::make_unique<FolderPackage>();
  Pkg->origin = Package::Origin::Folder;
  Pkg->location.path = RelativePath;
  Pkg->anchor = Pkg->location;
  std::string Absolute = RelativePath.empty() || RelativePath.front() == '/'
                             ? RelativePath
                             : (RelativePath == "." ? Root : Root + "/" + RelativePath);
  struct stat St;
  if (::stat(Absolute.c_str(), &St) == 0 && S_ISREG(St.st_mode)) {
    // One file, zipped on its own: its folder holds it, named by its name.
    std::filesystem::path File(Absolute);
    Pkg->singleFile = true;
    Pkg->AbsoluteDir = File.parent_path().string();
    PackageEntry E;
    E.path = File.filename().string();
    E.size = E.compressedSize = static_cast<std::uint64_t>(St.st_size);
    E.unixMode = St.st_mode;
    E.hasUnixMode = true;
    Pkg->entries.push_back(std::move(E));
    return Pkg;
  }
  Pkg->AbsoluteDir = Absolute;
  FolderWalker W{*Pkg, Options.maxEntries, Options.excludedNames, Problems};
  W.walk(Pkg->AbsoluteDir, "");
  if (W.Truncated)
    W.problem("", "folder has more than " + std::to_string(Options.maxEntries) +
                      " entries; the rest were not read");
  return Pkg;
}

} // namespace fnlint
