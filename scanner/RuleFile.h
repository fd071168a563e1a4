//===- scanner/RuleFile.h - Checking rule YAML files ------------*- C++ -*-===//
//
// The grammar of a declarative IAM rule's `match:` block
// (docs/rule-language.md), shared by the build-time embedder
// (tools/embed-rules) and `--rules DIR`, so a user's rule is held to the same
// checks as the shipped ones and a typo is an error, never a rule that
// silently matches nothing.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace fnlint {

/// A problem in a rule file, at the node it is about.
class RuleFileError : public std::runtime_error {
public:
  RuleFileError(const std::string &Message, YAML::Mark Where) : std::runtime_error(Message), where(Where) {}
  YAML::Mark where;
};

/// Throws a RuleFileError at \p Where.
[[noreturn]] void failAt(const YAML::Node &Where, const std::string &Message);

/// Lower-case letters, digits and inner dashes: a rule id's category or slug.
bool isKebabCase(std::string_view S);

/// "iam/passrole-wildcard" -> "IamPassroleWildcard": a rule's SARIF name.
std::string pascalRuleName(std::string_view Id);

/// Checks a `match:` block; returns it as JSON text. Throws RuleFileError.
std::string checkMatchBlock(const YAML::Node &Match);

/// A YAML value as JSON: unquoted numbers and booleans typed, the rest strings.
nlohmann::json yamlToJson(const YAML::Node &N);

} // namespace fnlint
