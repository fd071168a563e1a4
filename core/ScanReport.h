//===- core/ScanReport.h - What reporters print -----------------*- C++ -*-===//
//
// The finished result of a scan: sorted, fingerprinted findings, input
// problems, and an inventory of what fnlint saw (so a user can tell "no
// findings" from "found nothing to check"). Reporters read this and nothing
// else; none of it depends on the machine's absolute paths or on timing, so
// the same input gives the same bytes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Location.h"

#include <string>
#include <vector>

namespace fnlint {

struct Inventory {
  struct PackageInfo {
    Location location;  ///< path and member chain of the archive or folder
    std::string kind;   ///< "zip", "nested-zip", "folder"
    std::string role;   ///< "deployed", "lambda-like", "other"
    std::uint64_t archiveBytes = 0;
    std::uint64_t unpackedBytes = 0;
    std::uint64_t entries = 0;
    std::vector<std::string> deployedBy;
    std::vector<std::string> runtimes;
  };
  struct FunctionInfo {
    Location location;  ///< the resource in its template
    std::string logicalId;
    std::string kind;   ///< "function" or "layer"
    std::string resourceType;
    std::string runtime, handler, code; ///< empty when not literal or absent
    /// What invokes the function, as fnlint concluded (--explain-invocations).
    struct InvokerInfo {
      std::string source;   ///< rules/data/invokers.yaml key
      std::string kind;     ///< synchronous | asynchronous | polled
      std::string evidence; ///< what declares it
      Location location;
    };
    std::vector<InvokerInfo> invokers;
  };
  struct HandlerInfo {
    std::string function;
    Location location;
  };
  std::vector<std::string> templates;
  std::vector<FunctionInfo> functions;
  std::vector<PackageInfo> packages;
  std::vector<HandlerInfo> cppHandlers;
};

struct ScanReport {
  std::vector<Finding> findings;
  /// Findings a suppression applies to, in the same order: counted and, on
  /// request, listed, but never gating the exit code.
  std::vector<Finding> suppressed;
  /// Findings left out because a baseline (--baseline) lists them.
  std::size_t baselined = 0;
  std::vector<InputProblem> problems;
  Inventory inventory;
  std::uint64_t filesSeen = 0;

  std::size_t count(Level L) const;
};

} // namespace fnlint
