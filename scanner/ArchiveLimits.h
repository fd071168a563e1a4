//===- scanner/ArchiveLimits.h - Bounds on reading archives -----*- C++ -*-===//
//
// Archives are untrusted input. These limits keep a zip bomb, a deeply nested
// archive or a lying central directory from exhausting memory or time. When
// one is exceeded, reading stops for that archive or entry, the package
// records a LimitViolation (reported as package/archive-bomb), and the scan
// goes on.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace fnlint {

struct ArchiveLimits {
  /// Archives nested more than this many levels below a package on disk are
  /// not opened (a jar in a zip is depth 1).
  unsigned maxDepth = 4;
  /// An entry inflating more than this many times its compressed size...
  double maxCompressionRatio = 100.0;
  /// ...is a bomb only above this size (small, repetitive files compress well).
  std::uint64_t ratioMinEntryBytes = 1u << 20;
  /// The central directory may declare at most this many uncompressed bytes.
  std::uint64_t maxDeclaredBytes = 4ull << 30;
  /// A nested archive is inflated into memory to be opened; larger ones are
  /// listed as entries but not opened.
  std::uint64_t maxNestedArchiveBytes = 256ull << 20;
  /// All nested archives under one package on disk, inflated, at most.
  std::uint64_t maxNestedTotalBytes = 1ull << 30;
  /// Archives opened under one package on disk (a Java package's lib/*.jar
  /// stays well below; a recursive zip bomb multiplies past it at once).
  std::uint64_t maxNestedArchives = 1000;
  /// Entries per archive read from the central directory.
  std::uint64_t maxEntries = 1'000'000;
};

} // namespace fnlint
