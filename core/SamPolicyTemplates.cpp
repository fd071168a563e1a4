#include "core/SamPolicyTemplates.h"

#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fnlint {

namespace {

std::vector<std::string> strings(const nlohmann::json &Object, const char *Field) {
  std::vector<std::string> Out;
  if (Object.contains(Field))
    for (const auto &V : Object.at(Field))
      Out.push_back(V.get<std::string>());
  return Out;
}

const std::vector<SamPolicyTemplate> &table() {
  // A function-local static: built on first use, not at start-up.
  static const std::vector<SamPolicyTemplate> T = [] {
    std::vector<SamPolicyTemplate> T;
    auto J = nlohmann::json::parse(findDataTable("sam-policy-templates")->json);
    for (const auto &V : J.at("values")) {
      SamPolicyTemplate P;
      P.name = V.at("name").get<std::string>();
      P.parameters = strings(V, "parameters");
      for (const auto &S : V.at("statements")) {
        SamTemplateStatement St;
        St.effect = S.at("effect").get<std::string>();
        St.actions = strings(S, "actions");
        St.resources = strings(S, "resources");
        if (S.contains("conditions"))
          for (const auto &C : S.at("conditions"))
            St.conditions.push_back({C.at("op").get<std::string>(), C.at("key").get<std::string>(),
                                     strings(C, "values")});
        P.statements.push_back(std::move(St));
      }
      T.push_back(std::move(P));
    }
    std::sort(T.begin(), T.end(), [](const auto &A, const auto &B) { return A.name < B.name; });
    return T;
  }();
  return T;
}

} // namespace

std::span<const SamPolicyTemplate> samPolicyTemplates() { return table(); }

const SamPolicyTemplate *findSamPolicyTemplate(std::string_view Name) {
  const auto &T = table();
  auto It = std::lower_bound(T.begin(), T.end(), Name, [](const auto &P, std::string_view N) { return P.name < N; });
  return It != T.end() && It->name == Name ? &*It : nullptr;
}

} // namespace fnlint
