//===- PackageModule.cpp - The package rules, registered --------------------===//
#include "analyzers/package/PackageCheck.h"

namespace fnlint::package {

std::unique_ptr<PackageCheck> makeArchiveBomb();
std::unique_ptr<PackageCheck> makeBootstrapNotExecutable();
std::unique_ptr<PackageCheck> makeBundlesRuntimeSdk();
std::unique_ptr<PackageCheck> makeDevArtifacts();
std::unique_ptr<PackageCheck> makeNearSizeLimit();
std::unique_ptr<PackageCheck> makeTooLargeUnzipped();
std::unique_ptr<PackageCheck> makeTooLargeZipped();
std::unique_ptr<PackageCheck> makeUnreadable();
std::unique_ptr<PackageCheck> makeUnreadablePermissions();
std::unique_ptr<PackageCheck> makeUnsafeEntry();

std::vector<std::unique_ptr<PackageCheck>> makePackageChecks() {
  std::vector<std::unique_ptr<PackageCheck>> Checks;
  Checks.push_back(makeArchiveBomb());
  Checks.push_back(makeBootstrapNotExecutable());
  Checks.push_back(makeBundlesRuntimeSdk());
  Checks.push_back(makeDevArtifacts());
  Checks.push_back(makeNearSizeLimit());
  Checks.push_back(makeTooLargeUnzipped());
  Checks.push_back(makeTooLargeZipped());
  Checks.push_back(makeUnreadable());
  Checks.push_back(makeUnreadablePermissions());
  Checks.push_back(makeUnsafeEntry());
  return Checks;
}

} // namespace fnlint::package
