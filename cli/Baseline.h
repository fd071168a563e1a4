//===- cli/Baseline.h - Findings accepted as they are -----------*- C++ -*-===//
//
// A baseline records a scan's findings so that later scans report only new
// ones: how a team adopts fnlint in a repository with old findings. Entries
// hold hashes, never messages or secrets. A finding matches an entry of its
// rule by its fingerprint (path, logical location and the line's text without
// whitespace: it survives line shifts and reformatting), else by its content
// hash (the same without the path: it survives a rename). Each entry matches
// at most one finding, so a copy of an old finding is new.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"

#include <string>
#include <vector>

namespace fnlint::cli {

struct BaselineEntry {
  std::string rule;
  std::string path;       ///< display path when recorded, for people reading the file
  std::uint32_t line = 0; ///< likewise; never used to match
  std::string fingerprint;
  std::string contentHash;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

/// The baseline of \p Findings (sorted as findings are).
Baseline makeBaseline(const std::vector<Finding> &Findings);

/// The file's bytes: JSON, one entry per line, deterministic.
std::string baselineText(const Baseline &B);

/// Reads a baseline file; false with "FILE: message" in \p Error.
bool loadBaseline(const std::string &Path, Baseline &Out, std::string &Error);

/// Which findings an entry of \p B matches, per finding; and which entries
/// matched a finding, per entry.
struct BaselineMatch {
  std::vector<bool> findingMatched;
  std::vector<bool> entryUsed;
};
BaselineMatch matchBaseline(const Baseline &B, const std::vector<Finding> &Findings);

} // namespace fnlint::cli
