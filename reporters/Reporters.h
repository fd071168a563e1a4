//===- reporters/Reporters.h - Output formats -------------------*- C++ -*-===//
//
// Each reporter turns a ScanReport into bytes. None of them knows which
// analyzer made a finding. docs/json-output.md documents the JSON schema.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/ScanReport.h"

#include <ostream>

namespace fnlint {

struct TextOptions {
  bool color = false;
  bool summary = true; ///< the closing "N errors, ..." line
  bool showSuppressed = false; ///< list suppressed findings after the others
};

struct JsonOptions {
  bool showSuppressed = false; ///< a "suppressed" list beside "findings" (the count is always there)
};

struct SarifOptions {
  /// Suppressed findings as results with `suppressions` (else left out).
  bool includeSuppressed = false;
  /// GitHub code scanning rejects larger uploads: over this gzipped size the
  /// least severe results are left out, and a notification says so.
  std::uint64_t maxGzipBytes = 10'000'000;
};

/// Compiler style: `path:line:col: level: message [rule-id]`, archive members
/// as `dist/fn.zip!/lib/a.js`.
void writeText(const ScanReport &R, std::ostream &OS, const TextOptions &Options);

/// The JSON document described in docs/json-output.md.
void writeJson(const ScanReport &R, std::ostream &OS, const JsonOptions &Options = {});

/// SARIF 2.1.0 as GitHub code scanning ingests it.
void writeSarif(const ScanReport &R, std::ostream &OS, const SarifOptions &Options = {});

/// JUnit XML: a test suite per rule category, a failing test case per rule
/// and artifact.
void writeJunit(const ScanReport &R, std::ostream &OS);

/// GitHub Actions workflow commands: annotations, at most 10 per level.
void writeGithub(const ScanReport &R, std::ostream &OS);
/// Markdown for $GITHUB_STEP_SUMMARY: counts by rule and the findings.
void writeGithubSummary(const ScanReport &R, std::ostream &OS);

struct HtmlOptions {
  bool showSuppressed = false; ///< list suppressed findings (the count is always there)
};

/// One self-contained HTML page (docs/html-report.md): findings by function
/// and by rule, input problems, and a treemap of every package's bytes.
void writeHtml(const ScanReport &R, std::ostream &OS, const HtmlOptions &Options = {});

/// Percent-encodes a relative path for a SARIF/URI reference.
std::string encodeUriPath(std::string_view Path);

/// \p S with control characters written as \xHH, for terminal output.
std::string printable(std::string_view S);

} // namespace fnlint
