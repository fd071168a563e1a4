//===- fuzz/FuzzSupport.h - What several fuzz targets share -----*- C++ -*-===//
//
// Targets that go through the scanner write the input to a file in a private
// temporary folder and scan that folder, so discovery, sniffing, loading,
// linking and every analyzer run exactly as they do for `fnlint scan`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/Analyzers.h"
#include "core/Project.h"
#include "scanner/Scanner.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fnlint::fuzz {

/// A folder of this process's own, made on first use and reused: one input
/// at a time lives in it.
inline const std::string &scratchDir() {
  static const std::string Dir = [] {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Pattern = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/fnlint-fuzz-XXXXXX";
    if (!mkdtemp(Pattern.data()))
      std::abort();
    return Pattern;
  }();
  return Dir;
}

/// Scans a folder holding only \p Text as \p FileName and runs every analyzer
/// on the result, which it returns. The file replaces the previous input's.
inline Project scanOneFile(std::string_view FileName, std::string_view Text) {
  const std::string &Dir = scratchDir();
  static std::string Previous;
  if (!Previous.empty() && Previous != FileName)
    unlink((Dir + "/" + Previous).c_str());
  Previous = std::string(FileName);
  {
    std::ofstream Out(Dir + "/" + Previous, std::ios::binary | std::ios::trunc);
    Out.write(Text.data(), static_cast<std::streamsize>(Text.size()));
  }
  ScanOptions Scan;
  Scan.root = Dir;
  Scan.paths = {Dir};
  Project P = scanProject(Scan);
  AnalysisOptions Options;
  Options.secrets.scanPaths = Scan.paths;
  (void)analyzeProject(P, Options);
  return P;
}

} // namespace fnlint::fuzz
