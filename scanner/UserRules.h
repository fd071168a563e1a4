//===- scanner/UserRules.h - Rules users add with --rules DIR ---*- C++ -*-===//
//
// A user's declarative IAM rule is one YAML file, like the shipped ones: id,
// title, level, message and a `match:` block (docs/rule-language.md), held to
// the same checks. A malformed file is an error naming the file, line and
// problem; fnlint does not start a scan with a rule it cannot read.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/RuleInfo.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// Reads every *.yaml / *.yml file of \p Dir (sorted by name) into \p Out.
/// False, with \p Error as "FILE:LINE:COLUMN: problem", at the first bad one.
bool loadRuleDirectory(std::string_view Dir, std::vector<RuntimeRule> &Out, std::string &Error);

} // namespace fnlint
