//===- cli/RulesCommand.cpp - fnlint rules / explain / --version ------------===//
#include "cli/Commands.h"

#include "core/IamActions.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

namespace fnlint::cli {

namespace {

nlohmann::ordered_json ruleJson(const RuleInfo &R) {
  nlohmann::ordered_json J;
  J["id"] = R.id;
  J["name"] = R.name;
  J["title"] = R.title;
  J["level"] = levelName(R.level);
  J["securitySeverity"] = R.securitySeverity.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(R.securitySeverity);
  J["precision"] = R.precision;
  J["enabledByDefault"] = R.enabledByDefault;
  J["tags"] = std::vector<std::string>(R.tags.begin(), R.tags.end());
  J["description"] = R.description;
  J["help"] = R.help;
  J["references"] = std::vector<std::string>(R.references.begin(), R.references.end());
  J["implementation"] = R.implementation;
  J["definition"] = R.definition;
  return J;
}

std::string joined(std::span<const std::string_view> Items, const char *Sep) {
  std::string S;
  for (std::string_view I : Items)
    S += (S.empty() ? "" : Sep) + std::string(I);
  return S;
}

/// The rule's reference page; docs/rules/<id>.md is exactly this text.
std::string ruleMarkdown(const RuleInfo &R) {
  std::ostringstream O;
  O << "# " << R.id << "\n\n" << R.title << "\n\n";
  O << "| | |\n|---|---|\n";
  O << "| Level | " << levelName(R.level) << " |\n";
  if (!R.securitySeverity.empty())
    O << "| Security severity | " << R.securitySeverity << " |\n";
  O << "| Precision | " << R.precision << " |\n";
  if (!R.enabledByDefault)
    O << "| Enabled | no: opinionated, enable with `--enable " << R.id << "` |\n";
  O << "| Tags | " << joined(R.tags, ", ") << " |\n";
  O << "| Implementation | [`" << R.implementation << "`](../../../" << R.implementation << ") |\n";
  O << "| Definition | [`" << R.definition << "`](../../../" << R.definition << ") |\n\n";
  O << R.description << "\n\n" << R.help;
  if (R.help.empty() || R.help.back() != '\n')
    O << "\n";
  if (!R.references.empty()) {
    O << "\n## References\n\n";
    for (std::string_view Ref : R.references)
      O << "- <" << Ref << ">\n";
  }
  return O.str();
}

} // namespace

std::string versionText() {
  std::ostringstream O;
  O << "fnlint " << FNLINT_VERSION << "\n";
  std::map<std::string_view, int> PerCategory;
  for (const RuleInfo &R : ruleCatalogue())
    ++PerCategory[R.category];
  O << "rules: " << ruleCatalogue().size() << " (";
  bool First = true;
  for (auto [Cat, N] : PerCategory) {
    O << (First ? "" : ", ") << Cat << " " << N;
    First = false;
  }
  O << ")\n";
  for (const DataTableInfo &T : dataTablesInUse())
    if (!T.name.empty())
      O << "data: " << T.name << " version " << T.version << " (" << T.date << ")\n";
  return O.str();
}

int runRules(const std::string &Format) {
  auto Rules = ruleCatalogue();
  if (Format == "json") {
    nlohmann::ordered_json A = nlohmann::ordered_json::array();
    for (const RuleInfo &R : Rules)
      A.push_back(ruleJson(R));
    std::cout << A.dump(2) << "\n";
    return ExitClean;
  }
  if (Format == "markdown") {
    std::cout << "# fnlint rules\n\n| Rule | Level | What it finds |\n|---|---|---|\n";
    for (const RuleInfo &R : Rules)
      std::cout << "| [" << R.id << "](" << R.id << ".md) | " << levelName(R.level) << " | " << R.title
                << (R.enabledByDefault ? "" : " (disabled by default)") << " |\n";
    return ExitClean;
  }
  std::size_t Width = 0;
  for (const RuleInfo &R : Rules)
    Width = std::max(Width, R.id.size());
  for (const RuleInfo &R : Rules)
    std::printf("%-*s  %-7s  %s%s\n", static_cast<int>(Width), std::string(R.id).c_str(),
                std::string(levelName(R.level)).c_str(), std::string(R.title).c_str(),
                R.enabledByDefault ? "" : " (disabled by default)");
  return ExitClean;
}

int runExplain(const std::string &RuleId, const std::string &Format) {
  const RuleInfo *R = findRule(RuleId);
  if (!R) {
    std::string Hint;
    for (const RuleInfo &Other : ruleCatalogue())
      if (Other.id.find(RuleId) != std::string_view::npos ||
          (Other.id.size() > Other.category.size() + 1 &&
           RuleId.find(Other.id.substr(Other.category.size() + 1)) != std::string::npos))
        Hint += (Hint.empty() ? "; did you mean " : " or ") + std::string(Other.id);
    std::fprintf(stderr, "fnlint: error: unknown rule '%s'%s (see `fnlint rules`)\n", RuleId.c_str(), Hint.c_str());
    return ExitError;
  }
  if (Format == "json") {
    std::cout << ruleJson(*R).dump(2) << "\n";
    return ExitClean;
  }
  std::cout << ruleMarkdown(*R);
  return ExitClean;
}

} // namespace fnlint::cli
