//===- analyzers/permissions/SdkMapping.cpp - SDK calls to IAM actions ----===//
#include "analyzers/permissions/SdkMapping.h"

#include "core/AsciiCase.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace fnlint::permissions {
namespace {

/// rules/data/sdk-iam-map.yaml, keyed for lookups.
struct MapTable {
  /// "boto3/stepfunctions" -> "states" (the SDK spelling lower-cased).
  std::map<std::string, std::string, std::less<>> services;
  /// "s3:listobjectsv2" -> {"s3:ListBucket"}.
  std::map<std::string, std::vector<std::string>, std::less<>> operations;
  /// "apigateway" -> {"Get" -> "apigateway:GET", ...}.
  std::map<std::string, std::map<std::string, std::string>, std::less<>> verbs;
  std::map<std::string, std::vector<std::string>, std::less<>> indirect; ///< prefix -> patterns
};

const MapTable &table() {
  // A function-local static: parsed on first use, not at start-up.
  static const MapTable T = [] {
    MapTable T;
    auto J = nlohmann::json::parse(findDataTable("sdk-iam-map")->json);
    for (const auto &V : J.at("values")) {
      std::string Prefix = V.at("prefix").get<std::string>();
      for (Sdk S : {Sdk::Boto3, Sdk::JsV3, Sdk::JsV2, Sdk::Cpp}) {
        std::string Key(sdkName(S));
        if (V.contains(Key))
          for (const auto &Name : V.at(Key))
            T.services[Key + "/" + toLowerAscii(Name.get<std::string>())] = Prefix;
      }
      if (V.contains("operations"))
        for (const auto &[Op, Actions] : V.at("operations").items())
          T.operations[toLowerAscii(Prefix + ":" + Op)] = Actions.get<std::vector<std::string>>();
      if (V.contains("indirect"))
        T.indirect[Prefix] = V.at("indirect").get<std::vector<std::string>>();
      if (V.contains("verbs"))
        T.verbs[Prefix] = V.at("verbs").get<std::map<std::string, std::string>>();
    }
    return T;
  }();
  return T;
}

std::string removeDashes(std::string S) {
  S.erase(std::remove(S.begin(), S.end(), '-'), S.end());
  return S;
}

} // namespace

std::string_view sdkName(Sdk S) {
  switch (S) {
  case Sdk::Boto3:
    return "boto3";
  case Sdk::JsV3:
    return "js-v3";
  case Sdk::JsV2:
    return "js-v2";
  case Sdk::Cpp:
    return "cpp";
  }
  return "boto3";
}

std::string iamPrefixFor(Sdk S, std::string_view Service, const IamDatabase &Db) {
  std::string Name = toLowerAscii(Service);
  const MapTable &T = table();
  if (auto It = T.services.find(std::string(sdkName(S)) + "/" + Name); It != T.services.end())
    return It->second;
  if (S == Sdk::JsV3) {
    if (Name.rfind("client-", 0) != 0)
      return {};
    Name = Name.substr(7);
  }
  if (Db.findService(Name))
    return Name;
  if (S == Sdk::JsV3 && Db.findService(removeDashes(Name)))
    return removeDashes(Name);
  return {};
}

std::string normalizeOperation(std::string_view Operation) {
  constexpr std::string_view Suffix = "Command";
  if (Operation.size() > Suffix.size() && Operation.substr(Operation.size() - Suffix.size()) == Suffix)
    Operation.remove_suffix(Suffix.size());
  std::string Out;
  bool Upper = true;
  for (char C : Operation) {
    if (C == '_') {
      Upper = true;
      continue;
    }
    Out += Upper ? upperAscii(C) : C;
    Upper = false;
  }
  return Out;
}

namespace {
MappedCall mapDirect(const SdkCall &Call, const IamDatabase &Db);
}

MappedCall mapCall(const SdkCall &Call, const IamDatabase &Db) {
  MappedCall Out = mapDirect(Call, Db);
  if (Out.kind == MappedCall::Kind::Unmapped)
    return Out;
  const MapTable &T = table();
  if (auto It = T.indirect.find(iamPrefixFor(Call.sdk, Call.service, Db)); It != T.indirect.end())
    Out.indirect = It->second;
  return Out;
}

namespace {
MappedCall mapDirect(const SdkCall &Call, const IamDatabase &Db) {
  MappedCall Out;
  std::string Prefix = iamPrefixFor(Call.sdk, Call.service, Db);
  if (Prefix.empty()) {
    Out.reason = "service '" + Call.service + "' (" + std::string(sdkName(Call.sdk)) + ") has no known IAM prefix";
    return Out;
  }
  std::string Op = normalizeOperation(Call.operation);
  const MapTable &T = table();
  if (auto It = T.operations.find(toLowerAscii(Prefix + ":" + Op)); It != T.operations.end()) {
    Out.kind = It->second.empty() ? MappedCall::Kind::NoPermission : MappedCall::Kind::Actions;
    Out.actions = It->second;
    return Out;
  }
  if (const IamAction *A = Db.findAction(Prefix + ":" + Op)) {
    Out.kind = MappedCall::Kind::Actions;
    Out.actions.push_back(A->qualifiedName());
    return Out;
  }
  if (auto It = T.verbs.find(Prefix); It != T.verbs.end())
    for (const auto &[Word, Action] : It->second)
      if (Op.size() > Word.size() && Op.compare(0, Word.size(), Word) == 0 && std::isupper(static_cast<unsigned char>(Op[Word.size()]))) {
        Out.kind = MappedCall::Kind::Actions;
        Out.actions.push_back(Action);
        return Out;
      }
  Out.reason = "no IAM action " + Prefix + ":" + Op + " for " + Call.service + "." + Call.operation;
  return Out;
}
} // namespace

} // namespace fnlint::permissions
