//===- fuzz/fuzz_archive.cpp - Zip archives, nested ones included --------===//
//
// Opens the input as a package on disk would be (from memory, through
// libzip's buffer source), with every archive nested in it, reads every
// entry, then runs every analyzer on the packages: package rules, the secret
// scanner and the handler rules all read archive content.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "analyzers/Analyzers.h"
#include "scanner/ZipPackage.h"

#include <cstdint>

using namespace fnlint;

int fnlint::fuzz::archive(const std::uint8_t *Data, std::size_t Size) {
  auto Bytes = std::make_shared<const std::string>(reinterpret_cast<const char *>(Data), Size);
  Location Where;
  Where.path = "function.zip";
  // Limits small enough that a fuzzer-made bomb costs milliseconds, not the run.
  ResourceLimits Limits;
  Limits.maxNestedArchiveBytes = 4u << 20;
  Limits.maxNestedTotalBytes = 16u << 20;
  Limits.maxNestedArchives = 50;
  Project P;
  P.root = "/nonexistent-fnlint-fuzz-root";
  loadZipPackagesFromBuffer(Bytes, Where, Limits, /*Jobs=*/1, P.packages, P.problems);

  std::string Text;
  for (const auto &Pkg : P.packages) {
    Pkg->role = Package::Role::LambdaLike;
    (void)Pkg->unpackedBytes();
    for (const PackageEntry &E : Pkg->entries) {
      (void)Pkg->entryLocation(E).displayPath();
      (void)symlinkLeavesPackage(E);
      if (!E.isFile())
        continue;
      std::string Error;
      if (auto Reader = Pkg->open(E, Error)) {
        Text.clear();
        (void)Reader->readAll(Text, 1u << 20);
      }
    }
  }
  (void)analyzeProject(P, AnalysisOptions{});
  return 0;
}
