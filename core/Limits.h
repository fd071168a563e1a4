//===- core/Limits.h - Every resource cap of a scan, in one place -*- C++ -*-===//
//
// A linter reads untrusted input: zip bombs, archives nested without end,
// a minified file of 100 MB, a YAML alias bomb, a file some loop is slow on.
// Each such hazard has one cap here, with its default, its configuration key
// (`limits.<key>` in .fnlint.yaml, `--limit KEY=VALUE` on the command line)
// and its documentation in docs/limits.md. Hitting a cap is never silent: the
// code that enforces it reports a finding (package/archive-bomb) or an input
// problem whose message names the key, via describeLimit().
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fnlint {

struct ResourceLimits {
  // Archives (scanner/ZipPackage.cpp; package/archive-bomb when hit).
  /// archive-depth: archives nested more than this many levels below a
  /// package on disk are not opened (a jar in a zip is depth 1).
  std::uint64_t maxDepth = 4;
  /// inflated-bytes: the uncompressed bytes one archive may declare in its
  /// central directory; more blocks the whole archive.
  std::uint64_t maxDeclaredBytes = 4ull << 30;
  /// compression-ratio: an entry inflating more than this many times its
  /// compressed size...
  double maxCompressionRatio = 100.0;
  /// ...is a bomb only above this size (small, repetitive files compress
  /// well). Not a key of its own: it only keeps the ratio from misfiring.
  std::uint64_t ratioMinEntryBytes = 1u << 20;
  /// archive-entries: entries read from one archive's central directory.
  std::uint64_t maxEntries = 1'000'000;
  /// nested-archive-bytes: a nested archive is inflated into memory to be
  /// opened; larger ones are listed as entries but not opened.
  std::uint64_t maxNestedArchiveBytes = 256ull << 20;
  /// nested-total-bytes: all nested archives under one package on disk,
  /// inflated, at most.
  std::uint64_t maxNestedTotalBytes = 1ull << 30;
  /// nested-archives: archives opened under one package on disk (a Java
  /// package's lib/*.jar stays well below; a recursive bomb multiplies past it).
  std::uint64_t maxNestedArchives = 1000;

  // Files.
  /// file-bytes: a file or archive entry larger than this is not scanned for
  /// secrets (Lambda's whole unzipped package may be 250 MB).
  std::uint64_t maxFileBytes = 256ull << 20;
  /// source-bytes: handler source larger than this is not parsed by the
  /// Python, Node.js and C/C++ analyzers (it is still scanned for secrets).
  std::uint64_t maxSourceBytes = 8ull << 20;
  /// template-bytes: templates, plans, Lambda API JSON, serverless.yml and
  /// policy documents larger than this are not read.
  std::uint64_t maxTemplateBytes = 4ull << 20;
  /// yaml-aliases: the nodes YAML aliases may add to one document when
  /// expanded (a billion-laughs document adds 10^9); more and it is not read.
  std::uint64_t maxYamlAliasNodes = 100'000;
  /// file-seconds: wall time spent on one file by one analysis (reading a
  /// template, scanning a file for secrets, analysing a handler) before it
  /// stops, keeping what it found.
  std::uint64_t maxFileSeconds = 10;
};

enum class LimitUnit : std::uint8_t { Count, Bytes, Ratio, Seconds };

/// One configurable cap: its key and what it bounds, for the configuration
/// reader, the command line, `fnlint init` and the documentation test.
struct LimitSpec {
  std::string_view key; ///< "inflated-bytes", used as limits.<key>
  LimitUnit unit;
  std::string_view summary; ///< one line, for --help and fnlint init
  std::uint64_t ResourceLimits::*count; ///< the field, or nullptr for the ratio
  /// The smallest value: 1 for every cap (0 would read nothing, silently)
  /// but the archive depth, where 0 means "do not open nested archives".
  std::uint64_t min = 1;
  std::uint64_t max = 0; ///< 0: no upper bound
};

/// Every configurable cap, in documentation order.
const LimitSpec *limitSpecs(std::size_t &Count);
const LimitSpec *findLimit(std::string_view Key);

/// The value of \p Spec's cap in \p L, as the configuration would write it
/// ("4GB", "100", "10").
std::string formatLimit(const ResourceLimits &L, const LimitSpec &Spec);

/// Sets \p Spec's cap from \p Value, already converted to a number (sizes
/// in bytes). False with \p Error when it is out of range.
bool setLimit(ResourceLimits &L, const LimitSpec &Spec, double Value, std::string &Error);

/// "limits.KEY = VALUE": appended to every message that reports a cap hit,
/// so the reader knows which setting to raise.
std::string describeLimit(const ResourceLimits &L, std::string_view Key);

/// A byte count as a user would write a size: "4GB", "256MB", "1536KB",
/// "1000 bytes" (1 KB = 1024 bytes, as the configuration reads it).
std::string formatSize(std::uint64_t Bytes);

} // namespace fnlint
