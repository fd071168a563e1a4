#include "core/Invokers.h"

#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <map>
#include <vector>

namespace fnlint {

namespace {

struct InvokerTable {
  std::vector<InvokerSourceInfo> sources;
  std::map<std::string, std::size_t, std::less<>> byKey, bySam, byServerless, byPrincipal, byArnService;
};

const InvokerTable &table() {
  // A function-local static: built on first use, not at start-up.
  static const InvokerTable T = [] {
    InvokerTable T;
    auto J = nlohmann::json::parse(findDataTable("invokers")->json);
    for (const auto &V : J.at("values")) {
      InvokerSourceInfo S;
      S.key = V.at("key").get<std::string>();
      S.title = V.at("title").get<std::string>();
      std::string Kind = V.at("kind").get<std::string>();
      S.kind = Kind == "synchronous"    ? InvocationKind::Synchronous
               : Kind == "asynchronous" ? InvocationKind::Asynchronous
                                        : InvocationKind::Polled;
      if (V.contains("caller-timeout-seconds"))
        S.callerTimeoutSeconds = V.at("caller-timeout-seconds").get<std::int64_t>();
      S.callerTimeoutSource = V.value("caller-timeout-source", "");
      std::size_t I = T.sources.size();
      T.byKey.emplace(S.key, I);
      auto Index = [&](const char *Field, std::map<std::string, std::size_t, std::less<>> &Map) {
        if (V.contains(Field))
          for (const auto &Name : V.at(Field))
            Map.emplace(Name.get<std::string>(), I);
      };
      Index("sam-events", T.bySam);
      Index("serverless-events", T.byServerless);
      Index("principals", T.byPrincipal);
      Index("arn-services", T.byArnService);
      T.sources.push_back(std::move(S));
    }
    return T;
  }();
  return T;
}

const InvokerSourceInfo *lookup(const std::map<std::string, std::size_t, std::less<>> &Map, std::string_view Key) {
  auto It = Map.find(Key);
  return It == Map.end() ? nullptr : &table().sources[It->second];
}

} // namespace

const InvokerSourceInfo *invokerSource(std::string_view Key) { return lookup(table().byKey, Key); }
const InvokerSourceInfo *invokerForSamEvent(std::string_view Type) { return lookup(table().bySam, Type); }
const InvokerSourceInfo *invokerForServerlessEvent(std::string_view Name) {
  return lookup(table().byServerless, Name);
}

const InvokerSourceInfo *invokerForPrincipal(std::string_view Principal) {
  if (Principal.size() > 3 && Principal.substr(Principal.size() - 3) == ".cn")
    Principal.remove_suffix(3);
  if (const InvokerSourceInfo *S = lookup(table().byPrincipal, Principal))
    return S;
  // Regional principals: logs.us-east-1.amazonaws.com -> logs.amazonaws.com.
  std::size_t First = Principal.find('.');
  std::size_t Second = First == std::string_view::npos ? First : Principal.find('.', First + 1);
  if (Second == std::string_view::npos)
    return nullptr;
  std::string Global = std::string(Principal.substr(0, First)) + std::string(Principal.substr(Second));
  return lookup(table().byPrincipal, Global);
}

const InvokerSourceInfo *invokerForEventSourceArn(std::string_view Arn) {
  // arn:PARTITION:SERVICE:...
  if (Arn.rfind("arn:", 0) != 0)
    return nullptr;
  std::size_t P = Arn.find(':', 4);
  if (P == std::string_view::npos)
    return nullptr;
  std::size_t S = Arn.find(':', P + 1);
  if (S == std::string_view::npos)
    return nullptr;
  return lookup(table().byArnService, Arn.substr(P + 1, S - P - 1));
}

Invoker makeInvoker(const InvokerSourceInfo &Source, std::string Evidence, Location Where) {
  Invoker I;
  I.source = Source.key;
  I.kind = Source.kind;
  I.evidence = std::move(Evidence);
  I.location = std::move(Where);
  return I;
}

} // namespace fnlint
