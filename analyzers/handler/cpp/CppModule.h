//===- analyzers/handler/cpp/CppModule.h - C/C++ handler analysis -*- C++ -*-===//
//
// C and C++ handlers are analysed with Clang LibTooling. Linking Clang/LLVM
// costs every process ~40 ms and ~60 MB at start-up, which a pre-commit hook
// cannot pay, so LibTooling lives in a separate helper executable, fnlint-cpp,
// started only when a scan finds C/C++ sources. This interface is the fnlint
// side: it includes no Clang header, spawns the helper, exchanges JSON with it
// (request on stdin, result on stdout), enforces a time limit, and turns a
// crash of the helper into an input problem instead of a crash of fnlint.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/permissions/CallInventory.h"
#include "core/Finding.h"
#include "core/Location.h"

#include <string>
#include <vector>

namespace fnlint::cpp {

/// A function that the source hands to aws::lambda_runtime::run_handler.
struct HandlerInfo {
  std::string function; ///< qualified name, e.g. "my_handler"
  Location location;    ///< its definition
};

struct CppAnalysis {
  bool ran = false; ///< false when the helper is missing or could not start
  std::vector<HandlerInfo> handlers;
  /// One per handler: its AWS SDK calls (Sdk::Cpp), functionId empty.
  std::vector<permissions::CallInventory> inventories;
  std::vector<Finding> findings;
  std::vector<InputProblem> problems;
};

struct CppOptions {
  std::string helperPath;       ///< empty: look next to the running executable
  std::string compileCommandsDir; ///< -p DIR; empty: none
  unsigned timeoutSeconds = 120;
};

/// Analyses \p Sources (paths relative to \p Root) with fnlint-cpp.
CppAnalysis analyzeSources(const std::string &Root, const std::vector<std::string> &Sources,
                           const CppOptions &Options);

/// Where fnlint looks for the helper when CppOptions::helperPath is empty.
std::string defaultHelperPath();

} // namespace fnlint::cpp
