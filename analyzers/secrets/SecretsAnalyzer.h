//===- analyzers/secrets/SecretsAnalyzer.h - The secret scan -----*- C++ -*-===//
#pragma once

#include "core/Finding.h"
#include "core/FindingSink.h"
#include "core/Project.h"

#include <string>
#include <vector>

namespace fnlint::secrets {

struct SecretOptions {
  /// Report every rule in dependency folders and SDK example data, not only
  /// the high-confidence ones (paired keys, private keys, token formats).
  bool allRulesInDependencies = false;
  /// The files and folders the scan was asked for, as given (relative to the
  /// working directory, or absolute). Whether a file lies in a dependency
  /// folder is judged on its path below the one that holds it, so the
  /// folders above what was scanned (a checkout under ~/vendor/) do not
  /// count, wherever fnlint runs from. Empty: the scan root.
  std::vector<std::string> scanPaths;
  /// More folder names holding third-party code (configuration third-party.folders).
  std::vector<std::string> thirdPartyFolders;
  /// secret/generic-high-entropy's threshold in bits per character; 0: the rule's own.
  double minEntropy = 0;
};

/// Scans every file of the project, every entry of every package (nested
/// archives and code folders included) and every function's environment
/// for secrets. Content is spread over \p Jobs threads; results do not
/// depend on scheduling.
void analyzeSecrets(const Project &P, unsigned Jobs, const SecretOptions &Options, std::vector<Finding> &Findings,
                    std::vector<InputProblem> &Problems);

/// secret/in-environment-variable (EnvironmentVariable.cpp).
void checkEnvironment(const Project &P, FindingSink &Out);

} // namespace fnlint::secrets
