//===- scanner/SamPolicyTemplates.cpp - SAM policy templates as policies ---===//
//
// A SAM function's `- DynamoDBCrudPolicy: {TableName: orders}` becomes the
// policy SAM deploys for it (core/SamPolicyTemplates.h has the statements),
// so every iam rule judges what the template grants. Its elements point at
// the template's key in the user's file, resources and condition values at
// the parameter value they are made of, since that is what the user wrote.
//
//===----------------------------------------------------------------------===//
#include "scanner/TemplateContext.h"

#include "core/SamPolicyTemplates.h"

#include <map>

namespace fnlint {

namespace {

/// A parameter's value as the template gives it: nullopt when fnlint cannot
/// know it (a `!GetAtt`, a `!Ref` to a resource, a `!Sub` of pseudo parameters).
struct ParameterValue {
  std::optional<std::string> value;
  Location location;
};

/// \p Text of the table with `${Parameter}` filled in. Pseudo parameters
/// (`${AWS::Region}`) stay as written: the stack's own, which a static scan
/// does not know, and which the policy's Version makes match anything. An
/// unknown parameter value makes the whole string unknown; "*" stays "*".
PolicyString substitute(std::string_view Text, const std::map<std::string, ParameterValue, std::less<>> &Values,
                        const Location &Key) {
  PolicyString S{"", Key, true};
  bool Located = false;
  std::size_t I = 0;
  while (I < Text.size()) {
    std::size_t Open = Text.find("${", I);
    std::size_t Close = Open == std::string_view::npos ? Open : Text.find('}', Open);
    if (Close == std::string_view::npos) {
      S.value += Text.substr(I);
      break;
    }
    S.value += Text.substr(I, Open - I);
    std::string_view Placeholder = Text.substr(Open, Close + 1 - Open);
    auto It = Values.find(Placeholder.substr(2, Placeholder.size() - 3));
    if (It == Values.end()) {
      S.value += Placeholder;
    } else {
      if (!Located)
        S.location = It->second.location, Located = true;
      if (It->second.value) {
        S.value += *It->second.value;
      } else {
        S.value += Placeholder;
        S.known = false;
      }
    }
    I = Close + 1;
  }
  return S;
}

} // namespace

std::optional<Policy> expandSamPolicyTemplate(TemplateContext &Ctx, const YAML::Node &Key, const YAML::Node &Value,
                                              const std::string &FunctionId, const std::string &Path,
                                              std::string PolicyName) {
  std::string Name = Key.Scalar();
  Location At = Ctx.at(Key, FunctionId, Path);
  const SamPolicyTemplate *T = findSamPolicyTemplate(Name);
  if (!T) {
    // A template newer than fnlint's table, or a misspelt one (SAM then
    // rejects the template): either way its grant is not judged.
    Ctx.out.problems.push_back({Level::Note, At,
                                FunctionId + ": '" + Name +
                                    "' is not a SAM policy template fnlint knows (rules/data/"
                                    "sam-policy-templates.yaml); the permissions it grants were not checked"});
    return std::nullopt;
  }
  std::map<std::string, ParameterValue, std::less<>> Values;
  std::string Missing;
  for (const std::string &P : T->parameters) {
    YAML::Node V = field(Value, P.c_str());
    if (!written(V)) {
      Missing += (Missing.empty() ? "" : ", ") + P;
      continue;
    }
    Values[P] = {Ctx.intrinsics.string(V), Ctx.at(V, FunctionId, Path + "." + Name + "." + P)};
  }
  if (!Missing.empty()) {
    // SAM refuses to transform the template, so nothing is deployed yet.
    Ctx.out.problems.push_back({Level::Warning, At,
                                FunctionId + ": SAM policy template " + Name + " needs " + Missing +
                                    ", which is not given (SAM rejects the template); the permissions it grants "
                                    "were not checked"});
    return std::nullopt;
  }

  Policy Pol;
  Pol.kind = Policy::Kind::Identity;
  Pol.name = std::move(PolicyName);
  Pol.source = "sam-template";
  Pol.location = At;
  // The table's `${AWS::...}` placeholders are filled in at deploy time:
  // with this Version, policy evaluation lets them match any value.
  Pol.version = PolicyString{"2012-10-17", At, true};
  for (const SamTemplateStatement &St : T->statements) {
    PolicyStatement S;
    S.location = At;
    S.effect = PolicyString{St.effect, At, true};
    S.hasAction = S.hasResource = true;
    for (const std::string &A : St.actions)
      S.actions.push_back({A, At, true});
    for (const std::string &R : St.resources)
      S.resources.push_back(substitute(R, Values, At));
    for (const SamTemplateCondition &C : St.conditions) {
      PolicyCondition Cond{C.op, C.key, {}, At};
      for (const std::string &V : C.values)
        Cond.values.push_back(substitute(V, Values, At));
      S.conditions.push_back(std::move(Cond));
    }
    Pol.statements.push_back(std::move(S));
  }
  return Pol;
}

} // namespace fnlint
