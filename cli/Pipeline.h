//===- cli/Pipeline.h - Paths in, finished report out -----------*- C++ -*-===//
//
// The whole scan as DESIGN.md draws it: discover and load (scanner), analyze,
// then sort and fingerprint the findings and take an inventory. `fnlint scan`
// and the tests run exactly this.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/Analyzers.h"
#include "cli/Suppressions.h"
#include "core/ScanReport.h"
#include "scanner/Scanner.h"

#include <map>
#include <set>
#include <string>

namespace fnlint::cli {

/// What the configuration changes about the findings once they are made.
struct ReportOptions {
  std::set<std::string, std::less<>> disabled; ///< rule ids never reported
  std::map<std::string, Level, std::less<>> levels; ///< level overrides by rule id
  SuppressionOptions suppressions;
};

ScanReport runPipeline(const ScanOptions &Scan, const AnalysisOptions &Analysis, const ReportOptions &Report = {});

} // namespace fnlint::cli
