//===- cli/Config.h - .fnlint.yaml ------------------------------*- C++ -*-===//
//
// The project configuration: which rules run and at what level, the
// thresholds of the rules that have one, paths left out of the scan, how
// third-party folders are treated, and suppressions by path for files that
// cannot carry a comment (JSON policies). Found by walking up from the scan
// root, or named with --config. Every key is checked: an unknown key or a bad
// value is an error naming the file, line and key, never a setting silently
// ignored. Command-line options win over the file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Level.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fnlint::cli {

/// `ignore:` entry: findings of \p rule (an id or glob) in files matching
/// \p path (a glob over paths relative to the scan root) are suppressed.
struct PathSuppression {
  std::string rule;
  std::string path;
  std::string reason;
  unsigned line = 0; ///< where the entry is in the configuration file
};

struct ProjectConfig {
  std::string file; ///< the file read, as found or given; empty: none

  // rules:
  std::vector<std::string> enable;  ///< rule ids (globs expanded) to run even if they ship disabled
  std::vector<std::string> disable; ///< rule ids (globs expanded) never reported
  std::map<std::string, Level> levels; ///< level overrides by rule id (globs expanded)
  std::optional<std::string> failOn;   ///< error | warning | note | none

  // thresholds:
  std::optional<std::int64_t> timeoutSeconds;   ///< lambda/timeout-excessive
  std::optional<double> nearLimitRatio;         ///< package/near-size-limit
  std::optional<double> secretMinEntropy;       ///< secret/generic-high-entropy, bits per character

  // limits: caps (core/Limits.h) by key, in the order written; the older
  // thresholds.max-archive-depth and max-declared-size land here too.
  std::vector<std::pair<std::string, double>> limits;

  std::vector<std::string> exclude; ///< gitignore patterns, relative to the scan root

  // third-party:
  std::optional<std::string> dependencySecrets;      ///< high-confidence | all
  std::vector<std::string> thirdPartyFolders;        ///< more folder names treated as dependencies

  std::vector<PathSuppression> ignore;
  /// `fnlint:ignore[...]` comments must give a reason (default) or may omit it.
  bool requireReason = true;
};

/// The configuration file that applies to \p Dir: `.fnlint.yaml` (or
/// `.fnlint.yml`) in it or the nearest folder above; empty when none.
std::string findConfigFile(std::string_view Dir);

/// Reads and checks \p Path. On failure returns false with \p Error as
/// "FILE:LINE:COL: message".
bool loadConfig(const std::string &Path, ProjectConfig &Out, std::string &Error);

/// Parses configuration text (for tests and loadConfig); \p Name is the file
/// name used in errors.
bool parseConfig(std::string_view Text, std::string_view Name, ProjectConfig &Out, std::string &Error);

/// Whether \p Selector (a rule id, or a glob such as `iam/*`) selects \p RuleId.
bool selectsRule(std::string_view Selector, std::string_view RuleId);

/// Whether \p Entry suppresses a finding of \p RuleId in \p Path.
bool suppresses(const PathSuppression &Entry, std::string_view RuleId, std::string_view Path);

/// The commented starter file `fnlint init` writes.
std::string_view starterConfig();

} // namespace fnlint::cli
