#include "core/FindingSink.h"

#include "core/RuleInfo.h"

#include <cstdio>
#include <cstdlib>

namespace fnlint {

Finding &FindingSink::report(std::string_view RuleId, std::string Message, Location Where) {
  const RuleInfo *Rule = findRule(RuleId);
  if (!Rule) {
    std::fprintf(stderr, "fnlint: internal error: a check reported unknown rule '%.*s'\n",
                 static_cast<int>(RuleId.size()), RuleId.data());
    std::abort();
  }
  Finding F;
  F.ruleId = std::string(Rule->id);
  F.level = Rule->level;
  F.message = std::move(Message);
  F.location = std::move(Where);
  Findings.push_back(std::move(F));
  return Findings.back();
}

} // namespace fnlint
