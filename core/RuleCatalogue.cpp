//===- core/RuleCatalogue.cpp - Built-in and run-time rules -----------------===//
#include "core/RuleInfo.h"

#include <algorithm>
#include <deque>

namespace fnlint {

namespace {

/// Rules added with addRuntimeRules() and the merged, sorted catalogue.
struct RuntimeCatalogue {
  std::deque<RuntimeRule> owned; ///< a deque: RuleInfo views must not move
  std::deque<std::vector<std::string_view>> views;
  std::vector<RuleInfo> merged;
};

RuntimeCatalogue &runtimeCatalogue() {
  static RuntimeCatalogue C; // constructed on first use, not at start-up
  return C;
}

std::span<const std::string_view> viewsOf(RuntimeCatalogue &C, const std::vector<std::string> &Items) {
  std::vector<std::string_view> &V = C.views.emplace_back(Items.begin(), Items.end());
  return {V.data(), V.size()};
}

} // namespace

std::span<const RuleInfo> ruleCatalogue() {
  const RuntimeCatalogue &C = runtimeCatalogue();
  if (C.merged.empty())
    return builtinRuleCatalogue();
  return {C.merged.data(), C.merged.size()};
}

const RuleInfo *findRule(std::string_view Id) {
  auto Cat = ruleCatalogue();
  auto It = std::lower_bound(Cat.begin(), Cat.end(), Id, [](const RuleInfo &R, std::string_view K) { return R.id < K; });
  return It != Cat.end() && It->id == Id ? &*It : nullptr;
}

bool addRuntimeRules(std::vector<RuntimeRule> Rules, std::string &Error) {
  for (std::size_t I = 0; I < Rules.size(); ++I) {
    bool Twice = std::any_of(Rules.begin(), Rules.begin() + I, [&](const RuntimeRule &R) { return R.id == Rules[I].id; });
    if (findRule(Rules[I].id) || Twice) {
      Error = Rules[I].definition + ": rule id " + Rules[I].id + " is already taken";
      return false;
    }
  }
  RuntimeCatalogue &C = runtimeCatalogue();
  std::vector<RuleInfo> Merged(ruleCatalogue().begin(), ruleCatalogue().end());
  for (RuntimeRule &R : Rules) {
    const RuntimeRule &O = C.owned.emplace_back(std::move(R));
    RuleInfo Info{O.id, O.category, O.name, O.title, O.description, O.help, O.level, O.securitySeverity,
                  O.precision, viewsOf(C, O.tags), viewsOf(C, O.references), O.definition, O.definition,
                  {}, O.enabledByDefault, O.match, O.message};
    Merged.push_back(Info);
  }
  std::sort(Merged.begin(), Merged.end(), [](const RuleInfo &A, const RuleInfo &B) { return A.id < B.id; });
  C.merged = std::move(Merged);
  return true;
}

} // namespace fnlint
