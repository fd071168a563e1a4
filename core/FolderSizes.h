//===- core/FolderSizes.h - Unpacked bytes by folder ------------*- C++ -*-===//
//
// A compact folder-size tree of a package for the HTML treemap: what fills
// the 250 MB. A node_modules of 100,000 files must not become 100,000 nodes,
// so folders deeper than a depth and all but the largest are left out; their
// bytes stay counted in their parents (see Inventory::PackageInfo::Folder).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Package.h"
#include "core/ScanReport.h"

#include <cstddef>
#include <vector>

namespace fnlint {

struct FolderSizeLimits {
  unsigned maxDepth = 8;      ///< folders nested deeper are counted in their ancestor at this depth
  std::size_t maxNodes = 200; ///< folders kept, the root included: the largest ones
};

/// The root ("") and the largest folders of \p Entries (files only), ordered
/// by bytes descending, then path: a folder always comes before its
/// sub-folders and is kept whenever one of them is.
std::vector<Inventory::PackageInfo::Folder> folderSizes(const std::vector<PackageEntry> &Entries,
                                                        const FolderSizeLimits &Limits = {});

} // namespace fnlint
