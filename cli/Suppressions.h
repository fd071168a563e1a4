//===- cli/Suppressions.h - Findings the user has silenced ------*- C++ -*-===//
//
// A finding is suppressed by a comment on its line or the line above
// (`# fnlint:ignore[rule-id] reason`, with `//`, `/* */` or `--` as well) or
// by a configuration `ignore:` entry matching its rule and path. Suppressed
// findings leave ScanReport::findings for ScanReport::suppressed: they are
// counted and can be listed, but never gate the exit code.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/Config.h"
#include "core/Fingerprint.h"
#include "core/Project.h"
#include "core/ScanReport.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::cli {

/// One `fnlint:ignore[...]` marker read from a line.
struct IgnoreMarker {
  std::vector<std::string> rules; ///< ids or globs, as written
  std::string reason;             ///< empty when none was given
  unsigned column = 0;            ///< 1-based, of "fnlint:ignore"
  bool wholeLine = false;         ///< the line holds only the comment (it may cover the next line)
};

/// The marker in \p Line, when it is written in a comment.
std::optional<IgnoreMarker> findIgnoreMarker(std::string_view Line);

struct SuppressionOptions {
  std::vector<PathSuppression> entries; ///< configuration `ignore:`
  std::string configFile;               ///< where the entries are written, for their location
  bool requireReason = true;            ///< a marker without a reason suppresses nothing
};

/// Moves the suppressed findings of \p R into R.suppressed: by comments
/// (read through \p Texts), template resource Metadata entries (\p InTemplates)
/// and configuration entries. A marker or entry without the required reason,
/// or naming no rule, becomes an input problem instead.
void applySuppressions(ScanReport &R, const SuppressionOptions &Options, const TextLookup &Texts,
                       const std::vector<ResourceSuppression> &InTemplates = {});

} // namespace fnlint::cli
