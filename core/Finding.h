//===- core/Finding.h - Results and input problems --------------*- C++ -*-===//
#pragma once

#include "core/Level.h"
#include "core/Location.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fnlint {

struct Finding {
  std::string ruleId;
  Level level = Level::Warning;
  std::string message;
  Location location;
  /// What tells this finding apart from others of the same rule in the same
  /// artifact without using line numbers (an entry path, a resource name).
  /// Empty: the text of the finding's line is used. Feeds the fingerprint.
  std::string fingerprintKey;
  /// Machine-readable facts for JSON/SARIF consumers (sizes, entry lists).
  nlohmann::json properties = nlohmann::json::object();

  // Filled in by finalizeFindings().
  std::string fingerprint;             ///< fnlint's own, stable across line shifts
  std::string primaryLocationLineHash; ///< GitHub code scanning's partial fingerprint
  /// The fingerprint without the artifact's path: rule, logical location and
  /// key. Baselines fall back to it so a finding survives a file's rename.
  std::string contentHash;

  /// Why a finding is not reported: a comment next to it or the configuration.
  struct Suppression {
    std::string kind;          ///< SARIF suppression kind: "inSource" or "external"
    std::string justification; ///< the reason written with it
    Location location;         ///< the comment, or the configuration entry
  };
  std::optional<Suppression> suppression;
};

/// A problem with the input rather than a finding about it: a file that could
/// not be read, a template that does not parse. Reported as SARIF
/// toolExecutionNotifications and never changes the exit code by itself.
struct InputProblem {
  Level level = Level::Warning;
  Location location;
  std::string message;
};

/// Sorts findings into their output order: by location, then rule id, then
/// message. The order does not depend on which thread produced a finding.
void sortFindings(std::vector<Finding> &Findings);
void sortProblems(std::vector<InputProblem> &Problems);

} // namespace fnlint
