//===- cli/Pipeline.h - Paths in, finished report out -----------*- C++ -*-===//
//
// The whole scan as DESIGN.md draws it: discover and load (scanner), analyze,
// then sort and fingerprint the findings and take an inventory. `fnlint scan`
// and the tests run exactly this.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/Analyzers.h"
#include "core/ScanReport.h"
#include "scanner/Scanner.h"

namespace fnlint::cli {

ScanReport runPipeline(const ScanOptions &Scan, const AnalysisOptions &Analysis);

} // namespace fnlint::cli
