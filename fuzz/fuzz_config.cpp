//===- fuzz/fuzz_config.cpp - .fnlint.yaml -------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "cli/Config.h"

#include <cstdint>
#include <string>
#include <string_view>

int fnlint::fuzz::config(const std::uint8_t *Data, std::size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  fnlint::cli::ProjectConfig Config;
  std::string Error;
  if (fnlint::cli::parseConfig(Text, ".fnlint.yaml", Config, Error)) {
    // What the scan does with a loaded configuration: match its selectors
    // and suppressions against rule ids and paths.
    for (const fnlint::cli::PathSuppression &S : Config.ignore)
      (void)fnlint::cli::suppresses(S, "iam/passrole-wildcard", "infra/policies/app.json");
  }
  return 0;
}
