//===- cli/LimitOptions.h - limits.<key> and --limit KEY=VALUE ---*- C++ -*-===//
//
// Reading the caps of core/Limits.h from the configuration file and the
// command line: sizes as `256MB` or `4GB` (CLI11's size parser, 1 KB = 1024
// bytes), counts and seconds as whole numbers, the ratio as a number.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Limits.h"

#include <string>
#include <string_view>

namespace fnlint::cli {

/// Converts \p Text to \p Spec's unit. False with \p Error (naming the key)
/// when it is not a value of that unit.
bool parseLimitValue(const LimitSpec &Spec, std::string_view Text, double &Value, std::string &Error);

/// Applies `KEY=VALUE` (the --limit option) to \p Limits. False with \p Error
/// for an unknown key, a bad value or one out of range.
bool applyLimitOption(ResourceLimits &Limits, std::string_view Setting, std::string &Error);

/// "archive-depth, inflated-bytes, ...": every key, for messages.
std::string limitKeyList();

} // namespace fnlint::cli
