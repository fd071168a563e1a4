//===- cli/LimitOptions.cpp - limits.<key> and --limit KEY=VALUE ------------===//
#include "cli/LimitOptions.h"

#include <CLI/CLI.hpp>

namespace fnlint::cli {

bool parseLimitValue(const LimitSpec &Spec, std::string_view Text, double &Value, std::string &Error) {
  std::string Converted(Text);
  std::string Problem;
  if (Spec.unit == LimitUnit::Bytes) {
    try {
      Problem = CLI::AsSizeValue(false)(Converted);
    } catch (const std::exception &E) {
      Problem = E.what();
    }
    std::uint64_t Bytes = 0;
    if (Problem.empty() && CLI::detail::lexical_cast(Converted, Bytes)) {
      Value = static_cast<double>(Bytes);
      return true;
    }
    Error = "limits." + std::string(Spec.key) + " is '" + std::string(Text) + "'; expected a size such as 4GB or 500MB";
    return false;
  }
  if (Spec.unit == LimitUnit::Ratio) {
    if (CLI::detail::lexical_cast(Converted, Value))
      return true;
    Error = "limits." + std::string(Spec.key) + " is '" + std::string(Text) + "'; expected a number such as 100";
    return false;
  }
  std::uint64_t Whole = 0;
  if (!Converted.empty() && Converted.find_first_not_of("0123456789") == std::string::npos &&
      CLI::detail::lexical_cast(Converted, Whole)) {
    Value = static_cast<double>(Whole);
    return true;
  }
  Error = "limits." + std::string(Spec.key) + " is '" + std::string(Text) + "'; expected a whole number";
  return false;
}

std::string limitKeyList() {
  std::size_t Count = 0;
  const LimitSpec *Specs = limitSpecs(Count);
  std::string List;
  for (std::size_t I = 0; I < Count; ++I)
    List += (I ? ", " : "") + std::string(Specs[I].key);
  return List;
}

bool applyLimitOption(ResourceLimits &Limits, std::string_view Setting, std::string &Error) {
  std::size_t Eq = Setting.find('=');
  if (Eq == std::string_view::npos) {
    Error = "'" + std::string(Setting) + "' is not KEY=VALUE (keys: " + limitKeyList() + ")";
    return false;
  }
  std::string_view Key = Setting.substr(0, Eq);
  if (Key.rfind("limits.", 0) == 0)
    Key.remove_prefix(7); // the configuration's spelling works too
  const LimitSpec *Spec = findLimit(Key);
  if (!Spec) {
    Error = "unknown limit '" + std::string(Key) + "' (keys: " + limitKeyList() + ")";
    return false;
  }
  double Value = 0;
  return parseLimitValue(*Spec, Setting.substr(Eq + 1), Value, Error) && setLimit(Limits, *Spec, Value, Error);
}

} // namespace fnlint::cli
