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
    /// Unpacked bytes by folder (core/FolderSizes.h), for the HTML treemap:
    /// the root first, then the largest folders, parents before children.
    struct Folder {
      std::string path;           ///< "" for the package root, else "node_modules/lodash"
      std::uint64_t bytes = 0;    ///< files anywhere below
      std::uint64_t ownBytes = 0; ///< files directly inside
      std::uint64_t files = 0;    ///< number of files anywhere below
    };
    /// bytes - ownBytes - the listed sub-folders = folders left out ("(other)").
    std::vector<Folder> folders;
  };
  struct FunctionInfo {
    Location location;  ///< the resource in its template
    std::string logicalId;
    std::string kind;   ///< "function" or "layer"
    std::string resourceType;
    std::string runtime, handler, code; ///< empty when not literal or absent
    std::string package;             ///< displayPath() of the linked package; empty when none
    std::vector<std::string> layers; ///< logical ids of layers in the same template
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
  /// The AWS calls of one handler and the IAM actions they map to
  /// (permissions/*), with why the list may be incomplete.
  struct SdkCallsInfo {
    std::string function; ///< the function's logical id; empty when found by convention
    Location handler;
    struct Call {
      std::string sdk, service, operation;
      std::vector<std::string> actions; ///< empty: none needed, or unmapped
      bool mapped = true;
      Location location;
    };
    std::vector<Call> calls;
    struct Reason {
      std::string reason;
      Location location;
    };
    /// Non-empty: permissions/unused-grant says nothing for this function.
    std::vector<Reason> partial;
  };
  std::vector<std::string> templates;
  std::vector<FunctionInfo> functions;
  std::vector<PackageInfo> packages;
  std::vector<HandlerInfo> cppHandlers;
  std::vector<SdkCallsInfo> sdkCalls;
};

struct ScanReport {
  std::vector<Finding> findings;
  /// Findings a suppression applies to, in the same order: counted and, on
  /// request, listed, but never gating the exit code.
  std::vector<Finding> suppressed;
  /// Findings left out because a baseline (--baseline) lists them.
  std::size_t baselined = 0;
  /// --diff-base: the ref, and the findings left out as outside the change since it.
  std::string diffBase;
  std::size_t unchanged = 0;
  std::vector<InputProblem> problems;
  Inventory inventory;
  std::uint64_t filesSeen = 0;

  std::size_t count(Level L) const;
};

} // namespace fnlint
