//===- scanner/FolderPackage.h - A code folder as a package -----*- C++ -*-===//
//
// A folder a template names as CodeUri/ContentUri is the package before it is
// zipped, and is read whole, as `sam build` would package it: every file,
// directory and symbolic link below it (symbolic links are listed, not
// followed), with the permissions on disk.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Package.h"

#include <memory>
#include <string>
#include <vector>

namespace fnlint {

/// Reads the folder at \p Root / \p RelativePath. At most \p MaxEntries are
/// listed; past that, a problem says the listing was cut.
std::unique_ptr<Package> loadFolderPackage(const std::string &Root, const std::string &RelativePath,
                                           std::uint64_t MaxEntries,
                                           std::vector<InputProblem> &Problems);

} // namespace fnlint
