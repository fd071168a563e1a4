//===- analyzers/Analyzers.h - Running every analyzer -----------*- C++ -*-===//
#pragma once

#include "analyzers/handler/cpp/CppModule.h"
#include "analyzers/lambda/LambdaCheck.h"
#include "analyzers/package/PackageCheck.h"
#include "analyzers/permissions/CallInventory.h"
#include "analyzers/secrets/SecretsAnalyzer.h"
#include "core/Finding.h"
#include "core/Project.h"

#include <vector>

namespace fnlint {

struct AnalysisOptions {
  unsigned jobs = 1;
  package::PackageOptions package;
  secrets::SecretOptions secrets;
  lambda::LambdaOptions lambda;
  cpp::CppOptions cpp;
};

struct Analysis {
  std::vector<Finding> findings; ///< unsorted; the caller sorts and fingerprints
  std::vector<InputProblem> problems;
  std::vector<cpp::HandlerInfo> cppHandlers;
  /// AWS calls of every handler analysed, for the permissions rules.
  std::vector<permissions::CallInventory> inventories;
};

/// Runs every analyzer over \p P. Packages are spread over Options.jobs
/// threads, each with its own FindingSink.
Analysis analyzeProject(const Project &P, const AnalysisOptions &Options);

} // namespace fnlint
