#include "scanner/Discovery.h"

#include "core/AsciiCase.h"
#include "scanner/IgnoreRules.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace fnlint {

namespace {

std::string_view extensionOf(std::string_view Name) {
  auto Slash = Name.rfind('/');
  std::string_view Base = Slash == std::string_view::npos ? Name : Name.substr(Slash + 1);
  auto Dot = Base.rfind('.');
  if (Dot == std::string_view::npos || Dot == 0)
    return {};
  return Base.substr(Dot + 1);
}

/// A JSON object's opening brace after blanks (and a byte-order mark).
bool startsLikeJsonObject(std::string_view Head) {
  if (Head.rfind("\xEF\xBB\xBF", 0) == 0)
    Head.remove_prefix(3);
  std::size_t First = Head.find_first_not_of(" \t\r\n");
  return First != std::string_view::npos && Head[First] == '{';
}

FileKind classifyByName(std::string_view Path, bool &NeedsMagic) {
  NeedsMagic = false;
  std::string_view Ext = extensionOf(Path);
  if (Ext.empty()) {
    // An extension-less file may be a zip (a built "function" artifact) or
    // JSON (CLI output saved under a policy's name).
    NeedsMagic = true;
    return FileKind::Other;
  }
  if (hasArchiveExtension(Path))
    return FileKind::Archive;
  for (std::string_view E : {"yaml", "yml", "json", "template"})
    if (equalsIgnoringCase(Ext, E))
      return FileKind::TemplateCandidate;
  for (std::string_view E : {"c", "cc", "cpp", "cxx", "c++"})
    if (equalsIgnoringCase(Ext, E))
      return FileKind::CppSource;
  return FileKind::Other;
}

class Walker {
public:
  Walker(const std::string &Root, Discovery &Out, const std::vector<std::string> &Excludes) : Root(Root), Out(Out) {
    std::string Patterns;
    for (const std::string &E : Excludes)
      Patterns += E + "\n";
    if (!Patterns.empty())
      Ignores.addFile(Patterns, "");
  }

  void walkPath(const std::string &Absolute) {
    struct stat St;
    if (::lstat(Absolute.c_str(), &St) != 0) {
      problem(Absolute, std::string("cannot read: ") + std::strerror(errno));
      return;
    }
    std::string Rel = relativeToRoot(Root, Absolute);
    // A link named on the command line is what the user asked for: follow it
    // (links met while walking are not).
    if (S_ISLNK(St.st_mode) && ::stat(Absolute.c_str(), &St) != 0) {
      problem(Absolute, "broken symbolic link");
      return;
    }
    if (S_ISDIR(St.st_mode)) {
      loadIgnoreFilesAbove(Absolute);
      walkDir(Absolute, Rel);
      return;
    }
    if (!S_ISREG(St.st_mode)) {
      // A FIFO or device named on the command line would block or never end.
      problem(Absolute, "not a regular file; not read");
      return;
    }
    // Named explicitly: classified even if an ignore file matches it.
    addFile(Absolute, Rel, static_cast<std::uint64_t>(St.st_size), /*Explicit=*/true);
  }

private:
  const std::string &Root;
  Discovery &Out;
  IgnoreRules Ignores;
  std::unordered_set<std::string> LoadedIgnoreDirs;
  // Scan paths may overlap ("fnlint scan . src template.yaml"): each folder is
  // walked and each file counted once.
  std::unordered_set<std::string> WalkedDirs, CountedFiles;

  void problem(const std::string &Absolute, std::string Message) {
    InputProblem P;
    P.level = Level::Warning;
    P.location.path = relativeToRoot(Root, Absolute);
    P.message = std::move(Message);
    Out.problems.push_back(std::move(P));
  }

  void loadIgnoreFile(const std::string &Dir, const std::string &RelDir) {
    if (!LoadedIgnoreDirs.insert(Dir).second)
      return;
    std::string Path = Dir + "/.fnlintignore";
    struct stat St;
    if (::lstat(Path.c_str(), &St) != 0)
      return;
    // Only a regular file is read: a FIFO would block, a directory throw.
    if (!S_ISREG(St.st_mode) || St.st_size > (1 << 20)) {
      problem(Path, "not a regular file of at most 1 MB; ignored");
      return;
    }
    std::ifstream In(Path, std::ios::binary);
    std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
    Ignores.addFile(Text, RelDir == "." ? "" : RelDir);
  }

  /// A scan of a sub-folder still honours the .fnlintignore files of the
  /// folders between it and the root, as git does.
  void loadIgnoreFilesAbove(const std::string &Absolute) {
    std::string Rel = relativeToRoot(Root, Absolute);
    if (!Rel.empty() && Rel.front() == '/')
      return; // outside the root
    std::string Dir = Root;
    loadIgnoreFile(Dir, "");
    if (Rel == ".")
      return;
    std::size_t Pos = 0;
    while (true) {
      auto Slash = Rel.find('/', Pos);
      if (Slash == std::string::npos)
        break;
      loadIgnoreFile(Root + "/" + Rel.substr(0, Slash), Rel.substr(0, Slash));
      Pos = Slash + 1;
    }
  }

  void walkDir(const std::string &Dir, const std::string &RelDir) {
    if (!WalkedDirs.insert(RelDir).second)
      return; // named twice, or inside another scan path
    loadIgnoreFile(Dir, RelDir);
    DIR *D = ::opendir(Dir.c_str());
    if (!D) {
      problem(Dir, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::vector<std::pair<std::string, unsigned char>> Children;
    while (dirent *E = ::readdir(D)) {
      std::string_view Name = E->d_name;
      if (Name == "." || Name == "..")
        continue;
      Children.emplace_back(std::string(Name), E->d_type);
    }
    ::closedir(D);
    std::sort(Children.begin(), Children.end());
    for (auto &[Name, Type] : Children) {
      std::string Abs = Dir + "/" + Name;
      std::string Rel = RelDir == "." ? Name : RelDir + "/" + Name;
      bool IsDir = Type == DT_DIR, IsFile = Type == DT_REG;
      std::uint64_t Size = 0;
      if (Type == DT_UNKNOWN || IsFile) {
        struct stat St;
        if (::lstat(Abs.c_str(), &St) != 0)
          continue;
        IsDir = S_ISDIR(St.st_mode);
        IsFile = S_ISREG(St.st_mode);
        Size = static_cast<std::uint64_t>(St.st_size);
      }
      // Symbolic links are not followed: no loops, no escaping the tree.
      if (!IsDir && !IsFile)
        continue;
      if (IsFile && CountedFiles.insert(Rel).second)
        ++Out.filesSeen;
      if (IsDir && (Name == ".git" || Name == "node_modules"))
        continue;
      if (Ignores.isIgnored(Rel, IsDir))
        continue;
      if (IsDir)
        walkDir(Abs, Rel);
      else
        addFile(Abs, Rel, Size, /*Explicit=*/false);
    }
  }

  void addFile(const std::string &Abs, const std::string &Rel, std::uint64_t Size, bool Explicit) {
    if (Explicit && CountedFiles.insert(Rel).second)
      ++Out.filesSeen;
    bool NeedsMagic = false;
    FileKind Kind = classifyByName(Rel, NeedsMagic);
    if (NeedsMagic && Size >= 2) {
      std::string Head = readFileHead(Abs, 64);
      if (Size >= 22 && hasZipMagic(Head))
        Kind = FileKind::Archive;
      else if (startsLikeJsonObject(Head))
        Kind = FileKind::TemplateCandidate; // `aws iam get-policy-version > AdministratorAccess`
    }
    Out.files.push_back({Rel, Kind, Size});
  }
};

} // namespace

bool hasArchiveExtension(std::string_view Name) {
  return equalsIgnoringCase(extensionOf(Name), "zip") || hasLibraryArchiveExtension(Name);
}

bool hasLibraryArchiveExtension(std::string_view Name) {
  std::string_view Ext = extensionOf(Name);
  for (std::string_view E : {"jar", "whl", "egg", "war", "ear"})
    if (equalsIgnoringCase(Ext, E))
      return true;
  return false;
}

std::string readFileHead(const std::string &Path, std::size_t Size) {
  std::string Head(Size, '\0');
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (Fd < 0)
    return "";
  ssize_t N = ::read(Fd, Head.data(), Size);
  ::close(Fd);
  Head.resize(N > 0 ? static_cast<std::size_t>(N) : 0);
  return Head;
}

bool hasZipMagic(std::string_view Bytes) {
  return Bytes.size() >= 4 && Bytes[0] == 'P' && Bytes[1] == 'K' &&
         ((Bytes[2] == 3 && Bytes[3] == 4) || (Bytes[2] == 5 && Bytes[3] == 6));
}

std::string relativeToRoot(const std::string &Root, const std::string &Absolute) {
  namespace fs = std::filesystem;
  fs::path Abs = fs::path(Absolute).lexically_normal();
  fs::path Rel = Abs.lexically_relative(fs::path(Root).lexically_normal());
  std::string R = Rel.generic_string();
  if (R.empty() || R == ".." || R.rfind("../", 0) == 0)
    return Abs.generic_string();
  if (R.size() > 1 && R.back() == '/')
    R.pop_back();
  return R;
}

Discovery discoverFiles(const std::string &Root, const std::vector<std::string> &Paths,
                        const std::vector<std::string> &Excludes) {
  namespace fs = std::filesystem;
  Discovery Out;
  Walker W(Root, Out, Excludes);
  for (const std::string &P : Paths) {
    std::error_code EC;
    fs::path Abs = fs::absolute(P, EC).lexically_normal();
    std::string S = Abs.generic_string();
    if (S.size() > 1 && S.back() == '/')
      S.pop_back();
    W.walkPath(S);
  }
  std::sort(Out.files.begin(), Out.files.end(),
            [](const DiscoveredFile &A, const DiscoveredFile &B) { return A.path < B.path; });
  Out.files.erase(std::unique(Out.files.begin(), Out.files.end(),
                              [](const DiscoveredFile &A, const DiscoveredFile &B) { return A.path == B.path; }),
                  Out.files.end());
  return Out;
}

} // namespace fnlint
