//===- scanner/ZipPackage.h - Packages read with libzip ---------*- C++ -*-===//
#pragma once

#include "core/Finding.h"
#include "core/Package.h"
#include "core/Limits.h"

#include <memory>
#include <string>
#include <vector>

namespace fnlint {

/// Opens the zip at \p AbsolutePath (shown as \p RelativePath) and every
/// archive nested inside it, down to Limits.maxDepth. The package on disk comes
/// first in \p Out, nested ones after it. A file that is not a readable zip
/// still yields a package, with Package::unreadable saying why.
void loadZipPackages(const std::string &AbsolutePath, const std::string &RelativePath,
                     const ResourceLimits &Limits, unsigned Jobs,
                     std::vector<std::unique_ptr<Package>> &Out,
                     std::vector<InputProblem> &Problems);

/// The same for a zip already in memory (tests, fuzzing). \p Location names it.
void loadZipPackagesFromBuffer(std::shared_ptr<const std::string> Bytes, const Location &Where,
                               const ResourceLimits &Limits, unsigned Jobs,
                               std::vector<std::unique_ptr<Package>> &Out,
                               std::vector<InputProblem> &Problems);

} // namespace fnlint
