//===- analyzers/lambda/HandlerLookup.h - Finding a handler's file -*- C++ -*-===//
//
// Resolving a function's Handler setting to a file of its package, shared by
// lambda/handler-not-found (is it there?) and the handler code analyzers
// (what does it do?).
//
//===----------------------------------------------------------------------===//
#pragma once

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
  /// Larger files are not read by text().
  static constexpr std::uint64_t MaxSourceBytes = 8u << 20;

  explicit PackageIndex(const Package &P);
  const PackageEntry *find(const std::string &Path) const;
  /// The entry's text, when it could be read and is not too large.
  std::optional<std::string> text(const PackageEntry &E) const;
  bool anyWithPrefix(const std::string &Prefix) const;
  const Package &package() const { return Pkg; }

private:
  const Package &Pkg;
  std::map<std::string, const PackageEntry *> Files;
};

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
