//===- scanner/Discovery.h - Finding the files a scan reads -----*- C++ -*-===//
//
// Walks the scan paths, skipping .git/ and node_modules/ (a folder package's
// dependencies are read as that package's entries, not as artifacts of their
// own) and whatever .fnlintignore files exclude, and classifies each file by
// name and magic bytes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

class IgnoreRules;

enum class FileKind : std::uint8_t {
  Other,         ///< any other regular file (source code, configuration, data)
  Archive,       ///< a zip by magic bytes or archive extension
  TemplateCandidate, ///< YAML/JSON that may be configuration (by extension, or a JSON object without one)
  CppSource,     ///< a C/C++ translation unit
};

struct DiscoveredFile {
  std::string path; ///< relative to the scan root, '/' separated
  FileKind kind = FileKind::Other;
  std::uint64_t size = 0;
};

struct Discovery {
  std::vector<DiscoveredFile> files; ///< sorted by path, no duplicates
  std::vector<InputProblem> problems;
  std::uint64_t filesSeen = 0;
};

/// Whether \p Name has an extension fnlint reads as a zip archive.
bool hasArchiveExtension(std::string_view Name);
/// Whether \p Bytes start like a zip archive (local header or empty archive).
bool hasZipMagic(std::string_view Bytes);
/// The first \p Size bytes of the file at \p Path ("" when it cannot be read).
std::string readFileHead(const std::string &Path, std::size_t Size);
/// Whether \p Name has an archive extension other than .zip: wheels, eggs and
/// Java archives, which are libraries unless a template deploys them.
bool hasLibraryArchiveExtension(std::string_view Name);

/// Walks \p Paths (absolute or relative to the current directory). \p Root is
/// the absolute scan root; reported paths are relative to it. Explicitly named
/// files are classified even when an ignore file excludes them. \p Excludes
/// are more patterns in .fnlintignore syntax, relative to the root.
Discovery discoverFiles(const std::string &Root, const std::vector<std::string> &Paths,
                        const std::vector<std::string> &Excludes = {});

/// Turns an absolute path into one relative to \p Root ('/' separated), or
/// keeps it absolute when it is outside the root.
std::string relativeToRoot(const std::string &Root, const std::string &Absolute);

} // namespace fnlint
