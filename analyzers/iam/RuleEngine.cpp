//===- analyzers/iam/RuleEngine.cpp - Declarative IAM rules -----------------===//
#include "analyzers/iam/RuleEngine.h"

#include "analyzers/iam/PolicyEval.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

namespace fnlint::iam {

namespace {

std::string lower(std::string_view S) {
  std::string Out(S);
  for (char &C : Out)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return Out;
}


/// A rule's match block, compiled.
struct DeclarativeRule {
  std::string_view id;
  std::string_view message;
  std::optional<std::string> effect;
  std::optional<bool> notAction, notResource;
  std::vector<std::string> anyOf;
  bool wildcardService = false;
  std::vector<IamAccessLevel> levels;
  bool resourceLevel = false;
  bool resourcesStar = false;
  std::vector<std::string> withoutKeys; ///< lower case
  bool conditionsNone = false;
  std::vector<Policy::Kind> kinds{Policy::Kind::Identity};
  bool hasActions = false;
};

std::optional<IamAccessLevel> levelNamed(std::string_view Name) {
  for (IamAccessLevel L : {IamAccessLevel::List, IamAccessLevel::Read, IamAccessLevel::Write, IamAccessLevel::Tagging,
                           IamAccessLevel::PermissionsManagement})
    if (iamAccessLevelName(L) == Name)
      return L;
  return std::nullopt;
}

DeclarativeRule compile(const RuleInfo &R) {
  DeclarativeRule D;
  D.id = R.id;
  D.message = R.message;
  auto J = nlohmann::json::parse(R.match);
  const auto &S = J.at("statement");
  if (S.contains("effect"))
    D.effect = S["effect"].get<std::string>();
  if (S.contains("not-action"))
    D.notAction = S["not-action"].get<bool>();
  if (S.contains("not-resource"))
    D.notResource = S["not-resource"].get<bool>();
  if (S.contains("policy-kinds")) {
    D.kinds.clear();
    for (const auto &K : S["policy-kinds"]) {
      std::string N = K.get<std::string>();
      D.kinds.push_back(N == "trust" ? Policy::Kind::Trust : N == "resource" ? Policy::Kind::Resource
                                                                              : Policy::Kind::Identity);
    }
  }
  if (S.contains("actions")) {
    const auto &A = S["actions"];
    D.hasActions = true;
    for (const auto &I : A.value("any-of", nlohmann::json::array()))
      D.anyOf.push_back(I.get<std::string>());
    D.wildcardService = A.value("wildcard-service", false);
    for (const auto &I : A.value("access-levels", nlohmann::json::array()))
      if (std::optional<IamAccessLevel> L = levelNamed(I.get<std::string>()))
        D.levels.push_back(*L);
    D.resourceLevel = A.value("resource-level", false);
  }
  if (S.contains("resources"))
    D.resourcesStar = S["resources"].value("star", false);
  if (S.contains("conditions")) {
    for (const auto &K : S["conditions"].value("without-keys", nlohmann::json::array()))
      D.withoutKeys.push_back(lower(K.get<std::string>()));
    D.conditionsNone = S["conditions"].value("none", false);
  }
  return D;
}

const std::vector<DeclarativeRule> &declarativeRules() {
  // A function-local static: compiled on first use, not at start-up.
  static const std::vector<DeclarativeRule> Rules = [] {
    std::vector<DeclarativeRule> Out;
    for (const RuleInfo &R : ruleCatalogue())
      if (!R.match.empty())
        Out.push_back(compile(R));
    return Out;
  }();
  return Rules;
}

/// The actions of \p Levels (resource-level ones when \p ResourceLevel) the
/// statement applies to; nullopt when an unknown pattern decides it.
std::optional<std::vector<std::string>> actionsOfLevels(const PolicyStatement &S, const DeclarativeRule &R,
                                                        const IamDatabase &Db) {
  auto Wanted = [&](const IamAction &A) {
    return std::find(R.levels.begin(), R.levels.end(), A.level) != R.levels.end() &&
           (!R.resourceLevel || A.supportsResourceLevelPermissions());
  };
  std::vector<std::string> Out;
  for (const PolicyString &P : S.actions)
    if (!P.known)
      return std::nullopt;
  if (!S.notAction) {
    for (const PolicyString &P : S.actions)
      for (const IamAction *A : Db.expand(P.value))
        if (Wanted(*A))
          Out.push_back(A->qualifiedName());
  } else {
    for (const IamService &Svc : Db.services())
      for (const IamAction &A : Svc.actions) {
        if (!Wanted(A))
          continue;
        std::string Name = A.qualifiedName();
        bool Excluded = std::any_of(S.actions.begin(), S.actions.end(),
                                    [&](const PolicyString &P) { return actionMatches(P.value, Name); });
        if (!Excluded)
          Out.push_back(std::move(Name));
      }
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

/// Whether \p S matches \p R; \p Matched gets the actions that made the actions clause hold.
bool matches(const PolicyStatement &S, const DeclarativeRule &R, const IamDatabase &Db,
             std::vector<std::string> &Matched) {
  if (R.effect && (!S.effect || !S.effect->known || S.effect->value != *R.effect))
    return false;
  if (R.notAction && (!S.hasAction || S.notAction != *R.notAction))
    return false;
  if (R.notResource && (!S.hasResource || S.notResource != *R.notResource))
    return false;
  if (R.resourcesStar &&
      (S.notResource || std::none_of(S.resources.begin(), S.resources.end(),
                                     [](const PolicyString &P) { return P.known && isAllStars(P.value); })))
    return false;
  if (R.conditionsNone && !S.conditions.empty())
    return false;
  for (const PolicyCondition &C : S.conditions)
    if (std::find(R.withoutKeys.begin(), R.withoutKeys.end(), lower(C.key)) != R.withoutKeys.end())
      return false;
  if (!R.hasActions) {
    for (const PolicyString &P : S.actions)
      if (P.known)
        Matched.push_back(P.value);
    return true;
  }
  if (!R.anyOf.empty()) {
    for (const std::string &A : R.anyOf)
      if (statementCoversAction(S, A) == true)
        Matched.push_back(A);
    if (Matched.empty())
      return false;
  }
  if (R.wildcardService) {
    if (S.notAction)
      return false;
    std::vector<std::string> Wild;
    for (const PolicyString &P : S.actions) {
      if (!P.known)
        continue;
      std::size_t Colon = P.value.find(':');
      // "*", "**", "*:*", "s3:*", "s3:**": every action of a service, or of all of them.
      bool WholeService = Colon != std::string::npos && isAllStars(std::string_view(P.value).substr(Colon + 1)) &&
                          (isAllStars(std::string_view(P.value).substr(0, Colon)) ||
                           P.value.substr(0, Colon).find_first_of("*?") == std::string::npos);
      if (isAllStars(P.value) || WholeService)
        Wild.push_back(P.value);
    }
    if (Wild.empty())
      return false;
    Matched.insert(Matched.end(), Wild.begin(), Wild.end());
  }
  if (!R.levels.empty()) {
    std::optional<std::vector<std::string>> Of = actionsOfLevels(S, R, Db);
    if (!Of || Of->empty())
      return false;
    if (R.anyOf.empty() && !R.wildcardService)
      Matched = std::move(*Of);
  }
  return true;
}

std::string listed(const std::vector<std::string> &Items) {
  std::string Out;
  std::size_t Shown = std::min<std::size_t>(Items.size(), 3);
  for (std::size_t I = 0; I < Shown; ++I)
    Out += (I ? ", " : "") + Items[I];
  if (Items.size() > Shown)
    Out += " and " + std::to_string(Items.size() - Shown) + " more";
  return Out;
}

std::string render(std::string_view Template, const std::string &Statement, const Policy &P,
                   const std::vector<std::string> &Actions) {
  std::string Out;
  for (std::size_t I = 0; I < Template.size();) {
    auto Take = [&](std::string_view Name, const std::string &Value) {
      if (Template.substr(I, Name.size()) != Name)
        return false;
      Out += Value;
      I += Name.size();
      return true;
    };
    if (Take("{statement}", Statement) || Take("{policy}", policyName(P)) || Take("{actions}", listed(Actions)))
      continue;
    Out += Template[I++];
  }
  return Out;
}

} // namespace

void runDeclarativeRules(const Policy &P, const IamContext &Ctx, FindingSink &Out) {
  if (P.invalid)
    return;
  for (const DeclarativeRule &R : declarativeRules()) {
    if (std::find(R.kinds.begin(), R.kinds.end(), P.kind) == R.kinds.end())
      continue;
    std::size_t Index = 0;
    for (const PolicyStatement &S : P.statements) {
      ++Index;
      std::vector<std::string> Matched;
      if (!matches(S, R, Ctx.database, Matched))
        continue;
      std::string Which = statementName(S, Index);
      Finding &F = Out.report(R.id, render(R.message, Which, P, Matched), S.location);
      F.fingerprintKey = P.name + " " + Which;
      if (!Matched.empty())
        F.properties["actions"] = std::vector<std::string>(Matched.begin(), Matched.begin() + std::min<std::size_t>(Matched.size(), 50));
    }
  }
}

} // namespace fnlint::iam
