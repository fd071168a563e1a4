//===- scanner/YamlSource.h - yaml-cpp nodes to file regions ----*- C++ -*-===//
//
// What every configuration loader (CloudFormation/SAM, Terraform JSON, Lambda
// API JSON, serverless.yml) shares: parsing YAML or JSON with yaml-cpp into
// one InputProblem on error, and turning a node's mark into the region of
// its value in the file, quotes, tags and brackets included. Regions come
// from a line index built once per file, so a one-line `terraform show
// -json` output of megabytes costs no more per value than a pretty-printed
// one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Limits.h"
#include "core/Location.h"
#include "core/Project.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fnlint {

class YamlSource {
public:
  /// \p Path is relative to the scan root; \p Text must outlive this object.
  YamlSource(std::string_view Path, const std::string &Text);
  /// A temporary text would dangle as soon as the constructor returns (found
  /// by the sanitizer build: tests passed a `const char *`).
  YamlSource(std::string_view Path, std::string &&Text) = delete;

  const std::string &path() const { return Path; }
  const std::string &text() const { return Text; }

  /// The region of the value \p N: a scalar with its quotes; a tagged value
  /// with its tag (`!Ref Table`, `!GetAtt [A, B]`); a flow collection up to
  /// its closing bracket when that is on the same line (else its first
  /// character); a block collection, its first line. Only the line of \p N's
  /// mark when the mark is not usable.
  Region region(const YAML::Node &N) const;
  /// The region of \p Value, or of \p Key when the value is not written
  /// (`NAME:` with nothing after it).
  Region valueOrKey(const YAML::Node &Value, const YAML::Node &Key) const;
  /// One character at \p N's mark: where a collection (a JSON object) starts.
  Region start(const YAML::Node &N) const;
  /// The region covering bytes [Begin, End) of the text.
  Region regionOf(std::size_t Begin, std::size_t End) const;

  Location location(const Region &R, LogicalLocation Logical) const;

private:
  std::string Path;
  const std::string &Text;
  std::size_t Bom = 0; ///< yaml-cpp's offsets start after a byte-order mark; the text keeps it
  std::vector<std::size_t> LineStarts;
  std::vector<bool> AsciiLine; ///< columns in bytes and in UTF-16 units are the same
  /// On lines that are not ASCII, every ~1 KB: a character's offset and the
  /// UTF-16 units before it on its line, so that a column on a line of
  /// megabytes (one-line JSON) is counted from nearby, not from the line start.
  std::vector<std::pair<std::size_t, std::uint32_t>> Utf16Checkpoints;

  /// The byte offset of \p N's mark in the text, or npos.
  std::size_t offsetOf(const YAML::Node &N) const;
  std::size_t lineEnd(std::size_t Offset) const;
  void position(std::size_t Offset, std::uint32_t &Line, std::uint32_t &Column, std::uint32_t &Column16) const;
};

/// Parses \p Text. On a syntax error returns false and adds one error
/// "cannot parse <What>: <reason>" at the error's line and column. A
/// document whose aliases would expand it by more than \p Limits'
/// yaml-aliases nodes is refused too, with a warning naming the cap (null:
/// the default caps). A key written twice in one mapping is a warning of its
/// own ("duplicate key"), and the document is still returned.
bool parseYaml(std::string_view Path, const std::string &Text, std::string_view What, YAML::Node &Root,
               std::vector<InputProblem> &Problems, const ResourceLimits *Limits = nullptr);

/// How many nodes \p Root's aliases add when expanded: each use of an
/// anchored node beyond the first counts its whole subtree, expanded too.
std::uint64_t aliasExpansion(const YAML::Node &Root);

/// Calls \p Visit on \p Root and every value under it (mapping keys are
/// not visited), each collection once: an alias graph (billion laughs) costs
/// no more than its text. Iterative, so depth is no stack risk.
void forEachNode(const YAML::Node &Root, const std::function<void(const YAML::Node &)> &Visit);

/// An InputProblem for \p E (a syntax error or a node of an unexpected shape).
InputProblem yamlProblem(std::string_view Path, const std::string &Text, std::string_view What,
                         const YAML::Exception &E);

/// A string written as a plain or quoted scalar (numbers and booleans
/// included, as written), not a CloudFormation intrinsic tag.
bool isPlainString(const YAML::Node &N);

/// The first item of a sequence (Terraform writes blocks as one-item lists);
/// a null node otherwise.
YAML::Node firstItem(const YAML::Node &Seq);
/// Present and not null.
bool written(const YAML::Node &N);

/// \p Map[Key] when \p Map is a map that has it; else a null node. Never
/// throws and never adds keys, whatever \p Map is.
YAML::Node field(const YAML::Node &Map, const char *Key);
/// field(), as a string when it is a plain string.
std::optional<std::string> stringField(const YAML::Node &Map, const char *Key);

/// The entries of the map \p Map, YAML merge keys (`<<: *defaults`, which
/// yaml-cpp leaves as a key named "<<") expanded: the merged entries first,
/// then the map's own, so that applying them in order lets the map's own
/// win. Empty when \p Map is not a map.
std::vector<std::pair<YAML::Node, YAML::Node>> mapEntries(const YAML::Node &Map);

/// A whole number written as a plain scalar ("30" or 30); nullopt otherwise
/// (a variable such as "${self:custom.timeout}" included).
std::optional<std::int64_t> integerOf(const YAML::Node &N);

/// Fills \p S from the value \p N: known when \p IsLiteral(N) (an integer for
/// integer settings), unknown when written otherwise, absent when not written.
void readSetting(Setting<std::string> &S, const YamlSource &Src, const YAML::Node &N, const LogicalLocation &Where,
                 bool (*IsLiteral)(const YAML::Node &) = isPlainString);
void readSetting(Setting<std::int64_t> &S, const YamlSource &Src, const YAML::Node &N, const LogicalLocation &Where);

/// \p Map itself when it has no YAML merge key; else a new map with the
/// merged entries applied (the map's own winning), whose keys and values are
/// the original nodes, positions included. field() then sees merged keys.
YAML::Node withMergeKeys(const YAML::Node &Map);

/// A code path written in the configuration file at \p ConfigPath, resolved
/// against that file's folder and normalised; empty when it is a URL.
std::string resolveCodePath(std::string_view ConfigPath, const std::string &Value);

/// One environment variable \p Key: \p Value: a literal when the value is a
/// plain string, else computed (literal=false, empty value).
EnvironmentVariable environmentVariable(const YamlSource &Source, const YAML::Node &Key, const YAML::Node &Value,
                                        LogicalLocation Logical);

/// Fills \p D's environmentVariables (sorted by name) and its map of literal
/// values from \p Merged.
void setEnvironment(Deployable &D, std::map<std::string, EnvironmentVariable> &&Merged);

} // namespace fnlint
