#include "analyzers/iam/TrustPolicy.h"

#include "analyzers/iam/PolicyEval.h"
#include "core/AsciiCase.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace fnlint::iam {

namespace {

/// An operator under which the condition can only hold for the values it
/// lists. IfExists passes when the request lacks the key (aws:PrincipalOrgID
/// is absent for an account outside any organization); negated operators
/// exclude rather than name; Null tests presence; ForAllValues holds for an
/// absent key.
bool restricts(std::string_view Op) {
  auto Has = [&](std::string_view Part) {
    return std::search(Op.begin(), Op.end(), Part.begin(), Part.end(), [](char X, char Y) { return lowerAscii(X) == lowerAscii(Y); }) != Op.end();
  };
  return !Has("IfExists") && !Has("Not") && !Has("ForAllValues") && !equalsIgnoringCase(Op, "Null");
}

} // namespace

bool hasEffect(const PolicyStatement &S, std::string_view Effect) {
  return S.effect && S.effect->known && S.effect->value == Effect;
}

bool coversAnyAction(const PolicyStatement &S, std::initializer_list<std::string_view> Actions) {
  return std::any_of(Actions.begin(), Actions.end(), [&](std::string_view A) {
    return statementCoversAction(S, A).value_or(false);
  });
}

bool grantsAssumeRole(const PolicyStatement &S) {
  return hasEffect(S, "Allow") &&
         coversAnyAction(S, {"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"});
}

bool isAnyAccount(std::string_view P) {
  if (isAllStars(P))
    return true;
  std::optional<std::string_view> Account = arnAccount(P); // core/Policy.h
  return Account && Account->find_first_of("*?") != std::string_view::npos;
}

const PolicyCondition *pinningCondition(const PolicyStatement &S, std::initializer_list<std::string_view> Keys) {
  for (const PolicyCondition &C : S.conditions) {
    if (!restricts(C.op) || C.values.empty())
      continue;
    if (std::none_of(Keys.begin(), Keys.end(), [&](std::string_view K) { return equalsIgnoringCase(K, C.key); }))
      continue;
    // `StringLike aws:PrincipalArn "*"` names nobody in particular.
    if (std::any_of(C.values.begin(), C.values.end(),
                    [](const PolicyString &V) { return !V.known || !isAllStars(V.value); }))
      return &C;
  }
  return nullptr;
}

} // namespace fnlint::iam
