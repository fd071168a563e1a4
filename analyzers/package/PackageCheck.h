//===- analyzers/package/PackageCheck.h - Package rule interface -*- C++ -*-===//
//
// One package rule = one PackageCheck subclass in its own file, named after
// the rule (rules/package/too-large-zipped.yaml -> TooLargeZipped.cpp),
// registered in PackageModule.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/FindingSink.h"
#include "core/Package.h"
#include "core/Project.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::package {

/// Lambda's size limits, from rules/data/lambda-limits.yaml.
struct LambdaLimits {
  std::uint64_t zippedDirectUploadBytes = 0;
  std::uint64_t unzippedBytes = 0;

  /// Reads the embedded data table (once per process).
  static const LambdaLimits &get();
};

struct PackageOptions {
  /// package/near-size-limit fires above this fraction of a limit.
  double nearLimitRatio = 0.8;
};

struct CheckContext {
  const Project &project;
  const LambdaLimits &limits;
  const PackageOptions &options;
};

class PackageCheck {
public:
  virtual ~PackageCheck();
  virtual std::string_view ruleId() const = 0;

  /// Whether check() judges \p P. By default: Lambda code (deployed by a
  /// template, or shaped like a function or layer) on disk, that could be
  /// read and is not a hostile archive.
  virtual bool appliesTo(const Package &P) const;
  /// Judges one package.
  virtual void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const {}
  /// Judges functions as a whole (their code with their layers); once per scan.
  virtual void checkFunctions(const CheckContext &Ctx, FindingSink &Out) const {}
};

std::vector<std::unique_ptr<PackageCheck>> makePackageChecks();

// Shared by several checks.

/// Whether reading of the whole archive stopped at a safety limit.
bool isHostile(const Package &P);
/// "dist/orders.zip" or "src/reports/": how messages name a package.
std::string packageName(const Package &P);
/// The last path component.
std::string_view baseName(std::string_view Path);

/// The code of a function together with its layers, as far as they are known.
struct FunctionSize {
  const Deployable *function = nullptr;
  struct Part {
    std::string name; ///< "code" or the layer's logical id
    const Package *package;
    std::uint64_t bytes;
  };
  std::vector<Part> parts;          ///< the function's own package first
  std::uint64_t totalBytes = 0;
  std::size_t unknownLayers = 0;    ///< layers that are ARNs or not in the template
};
/// Every function whose own package is known.
std::vector<FunctionSize> functionSizes(const Project &P);

/// The largest folders of a package by unpacked bytes (node_modules/<pkg>
/// and site-packages entries count as folders of their own), largest first.
std::vector<std::pair<std::string, std::uint64_t>> largestFolders(const Package &P, std::size_t Count);

} // namespace fnlint::package
