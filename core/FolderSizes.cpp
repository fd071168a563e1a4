//===- core/FolderSizes.cpp - Unpacked bytes by folder ----------------------===//
#include "core/FolderSizes.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace fnlint {

std::vector<Inventory::PackageInfo::Folder> folderSizes(const std::vector<PackageEntry> &Entries,
                                                        const FolderSizeLimits &Limits) {
  using Folder = Inventory::PackageInfo::Folder;
  std::unordered_map<std::string, Folder> Nodes;
  Nodes[""];
  auto Add = [](Folder &F, std::uint64_t Size, bool Own) {
    F.bytes = addSaturating(F.bytes, Size);
    F.ownBytes = Own ? addSaturating(F.ownBytes, Size) : F.ownBytes;
    ++F.files;
  };
  std::vector<std::string_view> Parts;
  for (const PackageEntry &E : Entries) {
    if (!E.isFile())
      continue;
    // Empty components ("/etc/x", "a//b") are dropped; anything else, "..",
    // is a name like any other: this is an account of bytes, not a path walk.
    Parts.clear();
    std::string_view Path = E.path;
    for (std::size_t Start = 0; Start <= Path.size();) {
      std::size_t End = std::min(Path.find('/', Start), Path.size());
      if (End > Start)
        Parts.push_back(Path.substr(Start, End - Start));
      Start = End + 1;
    }
    std::size_t Folders = Parts.empty() ? 0 : Parts.size() - 1;
    Add(Nodes[""], E.size, Folders == 0);
    std::string Prefix;
    for (std::size_t I = 0; I < Folders && I < Limits.maxDepth; ++I) {
      if (I)
        Prefix += '/';
      Prefix += Parts[I];
      Add(Nodes[Prefix], E.size, I + 1 == Folders);
    }
  }

  std::vector<Folder> Out;
  Out.reserve(Nodes.size());
  for (auto &[Path, F] : Nodes) {
    F.path = Path;
    Out.push_back(std::move(F));
  }
  // A folder holds at least the bytes of each sub-folder, and its path is a
  // prefix of theirs, so this order puts it first and keeping a prefix of
  // the order never orphans a folder.
  auto Larger = [](const Folder &A, const Folder &B) {
    return A.bytes != B.bytes ? A.bytes > B.bytes : A.path < B.path;
  };
  std::size_t Keep = std::max<std::size_t>(1, Limits.maxNodes);
  if (Out.size() > Keep) {
    std::partial_sort(Out.begin(), Out.begin() + static_cast<std::ptrdiff_t>(Keep), Out.end(), Larger);
    Out.resize(Keep);
  } else {
    std::sort(Out.begin(), Out.end(), Larger);
  }
  return Out;
}

} // namespace fnlint
