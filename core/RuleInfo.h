//===- core/RuleInfo.h - The rule catalogue ---------------------*- C++ -*-===//
//
// Every rule is a YAML file under rules/<category>/<slug>.yaml. At build time
// tools/embed-rules validates them and turns them into constant data, so the
// binary carries its catalogue without parsing anything at start-up.
// `fnlint rules`, `fnlint explain` and SARIF tool.driver.rules read the same data.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Level.h"

#include <span>
#include <string>
#include <vector>
#include <string_view>

namespace fnlint {

struct RuleInfo {
  std::string_view id;               ///< "package/too-large-zipped", stable forever
  std::string_view category;         ///< "package": the folder under rules/ and the analyzer owning it
  std::string_view name;             ///< "PackageTooLargeZipped": SARIF reportingDescriptor.name
  std::string_view title;            ///< one line, SARIF shortDescription
  std::string_view description;      ///< a paragraph, SARIF fullDescription
  std::string_view help;             ///< markdown: why it matters, what to do, an example
  Level level;                       ///< default level
  std::string_view securitySeverity; ///< "7.5"-style score for security rules, else empty
  std::string_view precision;        ///< very-high | high | medium | low
  std::span<const std::string_view> tags;
  std::span<const std::string_view> references;
  std::string_view implementation;   ///< source file implementing the check
  std::string_view definition;       ///< the YAML file, relative to the source tree
  /// For pattern rules, the `detect:` block as JSON (docs/rule-schema.md); else empty.
  std::string_view detect;
  /// Opinionated rules ship disabled: they run only when enabled by name.
  bool enabledByDefault = true;
  /// For declarative IAM rules, the `match:` block as JSON and the message
  /// template (docs/rule-language.md); else empty.
  std::string_view match;
  std::string_view message;
};

/// A data table shipped in rules/data/ (AWS limits, runtime lifecycle, ...).
struct DataTableInfo {
  std::string_view name;    ///< "lambda-limits"
  std::string_view version; ///< the table's own version
  std::string_view date;    ///< when its facts were last checked (YYYY-MM-DD)
  std::string_view source;  ///< where the facts come from
  /// The whole table as JSON text; for a large text table (rules/data/*.tsv,
  /// embedded separately) only its header lines as a JSON object.
  std::string_view json;
};

/// All rules, sorted by id: the built-in ones and those added at run time.
std::span<const RuleInfo> ruleCatalogue();
/// The rules built into the binary, sorted by id.
std::span<const RuleInfo> builtinRuleCatalogue();

/// A rule loaded at run time (`--rules DIR`): owns the text its RuleInfo views.
struct RuntimeRule {
  std::string id, category, name, title, description, help, securitySeverity, precision, definition, match, message;
  std::vector<std::string> tags, references;
  Level level = Level::Warning;
  bool enabledByDefault = true;
};

/// Adds \p Rules to what ruleCatalogue() returns. Call before any analysis
/// starts (the catalogue is read without locks). False, with \p Error, when
/// an id is already taken; nothing is added then.
bool addRuntimeRules(std::vector<RuntimeRule> Rules, std::string &Error);
/// The rule with \p Id, or nullptr.
const RuleInfo *findRule(std::string_view Id);
/// All data tables, sorted by name.
std::span<const DataTableInfo> dataTables();
const DataTableInfo *findDataTable(std::string_view Name);

} // namespace fnlint
