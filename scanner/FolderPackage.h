//===- scanner/FolderPackage.h - A code folder as a package -----*- C++ -*-===//
//
// A folder a template names as CodeUri/ContentUri is the package before it is
// zipped: every file, directory and symbolic link below it (symbolic links are
// listed, not followed), with the permissions on disk, less what the packager
// is known to leave out (FolderOptions::excludedNames).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Package.h"

#include <memory>
#include <string>
#include <vector>

namespace fnlint {

struct FolderOptions {
  /// At most this many entries are listed; past that, a problem says the
  /// listing was cut.
  std::uint64_t maxEntries = 1'000'000;
  /// Names the packager leaves out, as shell patterns matched against each
  /// entry's own name at any depth (what `sam build` does with its builders'
  /// exclusion lists). An excluded folder is left out with all it holds.
  std::vector<std::string> excludedNames;
};

/// Reads the folder at \p Root / \p RelativePath. A path naming a single
/// file gives a package of that one file (Package::singleFile), as packagers
/// zip it.
std::unique_ptr<Package> loadFolderPackage(const std::string &Root, const std::string &RelativePath,
                                           const FolderOptions &Options,
                                           std::vector<InputProblem> &Problems);

inline std::unique_ptr<Package> loadFolderPackage(const std::string &Root, const std::string &RelativePath,
                                                  std::uint64_t MaxEntries,
                                                  std::vector<InputProblem> &Problems) {
  FolderOptions Options;
  Options.maxEntries = MaxEntries;
  return loadFolderPackage(Root, RelativePath, Options, Problems);
}

} // namespace fnlint
