//===- scanner/Scanner.h - Paths in, Project out ----------------*- C++ -*-===//
#pragma once

#include "core/Project.h"
#include "core/Limits.h"
#include "scanner/Shard.h"

#include <atomic>
#include <string>
#include <vector>

namespace fnlint {

/// Counters a progress display may read while a scan runs.
struct ScanProgress {
  std::atomic<std::uint64_t> filesFound{0};
  std::atomic<std::uint64_t> archivesTotal{0};
  std::atomic<std::uint64_t> archivesDone{0};
};

struct ScanOptions {
  std::string root;               ///< absolute; reported paths are relative to it
  std::vector<std::string> paths; ///< files and folders to scan
  unsigned jobs = 1;
  ResourceLimits limits; ///< every cap (core/Limits.h)
  /// More paths left out, in .fnlintignore (gitignore) syntax, relative to the root.
  std::vector<std::string> excludes;
  ScanProgress *progress = nullptr;
  ShardSpec shard; ///< --shard K/N: only the configuration units of part K
};

/// Discovers, loads and links everything under the scan paths. Never throws
/// for bad input: unreadable files become InputProblems or unreadable packages.
Project scanProject(const ScanOptions &Options);

} // namespace fnlint
