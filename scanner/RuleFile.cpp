//===- scanner/RuleFile.cpp - Checking rule YAML files ----------------------===//
#include "scanner/RuleFile.h"
#include "core/AsciiCase.h"

#include <cctype>
#include <set>

namespace fnlint {

void failAt(const YAML::Node &Where, const std::string &Message) { throw RuleFileError(Message, Where.Mark()); }

bool isKebabCase(std::string_view S) {
  if (S.empty() || S.front() == '-' || S.back() == '-')
    return false;
  for (char C : S)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '-'))
      return false;
  return true;
}

std::string pascalRuleName(std::string_view Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (C == '/' || C == '-' || C == '_') {
      Upper = true;
      continue;
    }
    Out += Upper ? upperAscii(C) : C;
    Upper = false;
  }
  return Out;
}

std::string checkMatchBlock(const YAML::Node &M) {
  // Every message names the key path, and the error carries the offending node's position.
  auto Map = [&](const YAML::Node &N, const std::string &Where, const std::set<std::string> &Keys) {
    if (!N.IsMap())
      failAt(N, Where + " must be a map");
    for (const auto &KV : N)
      if (!Keys.count(KV.first.as<std::string>()))
        failAt(KV.first, "unknown key '" + Where + "." + KV.first.as<std::string>() + "' (docs/rule-language.md)");
  };
  auto Bool = [&](const YAML::Node &N, const std::string &Where) {
    if (N && (!N.IsScalar() || (N.Scalar() != "true" && N.Scalar() != "false")))
      failAt(N, Where + " must be true or false");
  };
  auto List = [&](const YAML::Node &N, const std::string &Where, const std::set<std::string> &Allowed) {
    if (!N)
      return;
    if (!N.IsSequence() || N.size() == 0)
      failAt(N, Where + " must be a non-empty list");
    for (const auto &I : N)
      if (!I.IsScalar() || (!Allowed.empty() && !Allowed.count(I.Scalar())))
        failAt(I, Where + " has an invalid item");
  };
  Map(M, "match", {"statement", "principal"});
  if (YAML::Node P = M["principal"]) {
    if (M["statement"])
      failAt(M, "match has either a statement or a principal block, not both");
    Map(P, "match.principal", {"resources", "allows-any-of", "allows-all-of"});
    if (YAML::Node R = P["resources"]; R && (!R.IsScalar() || (R.Scalar() != "every" && R.Scalar() != "some")))
      failAt(R, "match.principal.resources must be every or some");
    if (!P["allows-any-of"] == !P["allows-all-of"])
      failAt(P, "match.principal needs exactly one of allows-any-of and allows-all-of");
    auto Actions = [&](const YAML::Node &N, const std::string &Where) {
      List(N, Where, {});
      for (const auto &I : N)
        if (I.Scalar().find(':') == std::string::npos || I.Scalar().find_first_of("*?") != std::string::npos)
          failAt(I, Where + " items are service:action names without wildcards");
    };
    if (YAML::Node A = P["allows-any-of"]) {
      Map(A, "match.principal.allows-any-of", {"actions", "access-levels", "resource-level"});
      Bool(A["resource-level"], "match.principal.allows-any-of.resource-level");
      if (A["resource-level"] && !A["access-levels"])
        failAt(A["resource-level"], "match.principal.allows-any-of.resource-level needs access-levels");
      if (!A["actions"] && !A["access-levels"])
        failAt(A, "match.principal.allows-any-of needs actions or access-levels");
      Actions(A["actions"], "match.principal.allows-any-of.actions");
      List(A["access-levels"], "match.principal.allows-any-of.access-levels",
           {"List", "Read", "Write", "Tagging", "Permissions management"});
    }
    if (YAML::Node C = P["allows-all-of"]) {
      if (!C.IsSequence() || C.size() == 0)
        failAt(C, "match.principal.allows-all-of must be a non-empty list of combinations");
      std::set<std::string> Names;
      for (const auto &Comb : C) {
        Map(Comb, "match.principal.allows-all-of[]", {"name", "description", "actions"});
        for (const char *Key : {"name", "description"})
          if (!Comb[Key] || !Comb[Key].IsScalar() || Comb[Key].Scalar().empty())
            failAt(Comb, std::string("every combination of match.principal.allows-all-of needs a ") + Key);
        if (!isKebabCase(Comb["name"].Scalar()) || !Names.insert(Comb["name"].Scalar()).second)
          failAt(Comb["name"], "combination name '" + Comb["name"].Scalar() + "' must be kebab-case and unique");
        if (!Comb["actions"])
          failAt(Comb, "combination '" + Comb["name"].Scalar() + "' needs actions");
        Actions(Comb["actions"], "match.principal.allows-all-of[].actions");
      }
    }
    return yamlToJson(M).dump();
  }
  YAML::Node S = M["statement"];
  if (!S)
    failAt(M, "match needs a statement or a principal block");
  Map(S, "match.statement", {"effect", "not-action", "not-resource", "actions", "resources", "conditions", "policy-kinds"});
  if (YAML::Node E = S["effect"]; E && (!E.IsScalar() || (E.Scalar() != "Allow" && E.Scalar() != "Deny")))
    failAt(S["effect"], "match.statement.effect must be Allow or Deny");
  Bool(S["not-action"], "match.statement.not-action");
  Bool(S["not-resource"], "match.statement.not-resource");
  List(S["policy-kinds"], "match.statement.policy-kinds", {"identity", "trust", "resource"});
  if (YAML::Node A = S["actions"]) {
    Map(A, "match.statement.actions", {"any-of", "wildcard-service", "access-levels", "resource-level"});
    List(A["any-of"], "match.statement.actions.any-of", {});
    for (const auto &I : A["any-of"])
      if (I.Scalar().find(':') == std::string::npos)
        failAt(I, "match.statement.actions.any-of items are service:action names");
    Bool(A["wildcard-service"], "match.statement.actions.wildcard-service");
    List(A["access-levels"], "match.statement.actions.access-levels",
         {"List", "Read", "Write", "Tagging", "Permissions management"});
    Bool(A["resource-level"], "match.statement.actions.resource-level");
    if (A["resource-level"] && !A["access-levels"])
      failAt(A["resource-level"], "match.statement.actions.resource-level needs access-levels");
  }
  if (YAML::Node R = S["resources"]) {
    Map(R, "match.statement.resources", {"star"});
    Bool(R["star"], "match.statement.resources.star");
  }
  if (YAML::Node C = S["conditions"]) {
    Map(C, "match.statement.conditions", {"without-keys", "none"});
    List(C["without-keys"], "match.statement.conditions.without-keys", {});
    Bool(C["none"], "match.statement.conditions.none");
  }
  return yamlToJson(M).dump();
}

nlohmann::json yamlToJson(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Map: {
    nlohmann::json O = nlohmann::json::object();
    for (const auto &KV : N)
      O[KV.first.as<std::string>()] = yamlToJson(KV.second);
    return O;
  }
  case YAML::NodeType::Sequence: {
    nlohmann::json A = nlohmann::json::array();
    for (const auto &Item : N)
      A.push_back(yamlToJson(Item));
    return A;
  }
  case YAML::NodeType::Scalar: {
    const std::string &S = N.Scalar();
    if (N.Tag() == "!")  // quoted in the YAML: keep it a string
      return S;
    char *End = nullptr;
    long long I = std::strtoll(S.c_str(), &End, 10);
    if (!S.empty() && *End == '\0')
      return I;
    double D = std::strtod(S.c_str(), &End);
    if (!S.empty() && *End == '\0')
      return D;
    if (S == "true" || S == "false")
      return S == "true";
    return S;
  }
  default:
    return nullptr;
  }
}

} // namespace fnlint
