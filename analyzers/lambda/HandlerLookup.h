//===- analyzers/lambda/HandlerLookup.h - Finding a handler's file -*- C++ -*-===//
//
// Resolving a function's Handler setting to a file of its package, shared by
// lambda/handler-not-found (is it there?) and the handler code analyzers
// (what does it do?).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Limits.h"
#include "core/Package.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fnlint::lambda {

/// Files and symbolic links of one package by path, for handler lookups.
class PackageIndex {
public:
  /// \p MaxSourceBytes: larger files are not read by text() (limits.source-bytes).
  explicit PackageIndex(const Package &P, std::uint64_t MaxSourceBytes = ResourceLimits().maxSourceBytes);
  const PackageEntry *find(const std::string &Path) const;
  /// The entry's text, when it could be read and is not too large.
  std::optional<std::string> text(const PackageEntry &E) const;
  bool anyWithPrefix(const std::string &Prefix) const;
  const Package &package() const { return Pkg; }

private:
  const Package &Pkg;
  std::uint64_t MaxSourceBytes;
  std::map<std::string, const PackageEntry *> Files;
};

/// The problems the handler analyzers report when a cap stops them: a source
/// file over limits.source-bytes (not analysed), and an analysis that ran
/// out of limits.file-seconds (stopped, keeping what it found). \p Language
/// is "Python", "Node.js"...; \p Configured: a function's Handler names the
/// file (a warning), rather than it being judged by convention (a note).
InputProblem sourceTooLarge(const Location &Where, std::uint64_t Size, const ResourceLimits &Limits,
                            std::string_view Language, bool Configured);
InputProblem analysisOutOfTime(const Location &Where, const ResourceLimits &Limits, std::string_view Language);

/// A Python handler "pkg.module.function" split into its parts.
struct PythonHandlerName {
  std::string modulePath; ///< "pkg/module" (dots become slashes)
  std::string function;   ///< "function"
};

/// Splits \p Handler; nullopt when it is not written module.function.
std::optional<PythonHandlerName> splitPythonHandler(std::string_view Handler);

/// The source file of module \p ModulePath ("pkg/module"): pkg/module.py,
/// else pkg/module/__init__.py; nullptr when neither exists.
const PackageEntry *findPythonModule(const PackageIndex &Idx, const std::string &ModulePath);

} // namespace fnlint::lambda
