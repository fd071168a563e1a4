//===- analyzers/iam/RuleEngine.cpp - Declarative IAM rules -----------------===//
#include "analyzers/iam/RuleEngine.h"

#include "analyzers/iam/PolicyEval.h"
#include "core/AsciiCase.h"
#include "core/RuleInfo.h"
#include "core/ThreadPool.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <initializer_list>
#include <optional>
#include <tuple>

namespace fnlint::iam {

namespace {


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
      D.withoutKeys.push_back(toLowerAscii(K.get<std::string>()));
    D.conditionsNone = S["conditions"].value("none", false);
  }
  return D;
}

/// The catalogue's rules whose match block is a \p Block one, compiled by \p Compile.
template <typename CompiledRule>
std::vector<CompiledRule> compileRules(std::string_view Block, CompiledRule (*Compile)(const RuleInfo &)) {
  std::vector<CompiledRule> Out;
  for (const RuleInfo &R : ruleCatalogue())
    if (!R.match.empty() && nlohmann::json::parse(R.match).contains(Block))
      Out.push_back(Compile(R));
  return Out;
}

const std::vector<DeclarativeRule> &declarativeRules() {
  // A function-local static: compiled on first use, not at start-up.
  static const std::vector<DeclarativeRule> Rules = compileRules("statement", compile);
  return Rules;
}

/// Every action of a database in the order findings list them (by
/// "service:Action", byte order) and each action's place in it, built once:
/// a statement's actions are then a mark per action, never a sort of 22,000
/// names.
class ActionOrder {
public:
  explicit ActionOrder(const IamDatabase &Db) : Services(Db.services().data()) {
    std::size_t Count = 0;
    for (const IamService &S : Db.services()) {
      FirstOfService.push_back(Count);
      Count += S.actions.size();
    }
    // qualifiedName() order without building the strings: prefixes hold no
    // ':', so "prefix:" against "prefix:" orders whole services, and names
    // order the actions within one. Sorting 450 services, then each one's
    // actions, costs a fifth of sorting 22,000 actions at once (5 ms).
    std::vector<const IamService *> ByPrefix;
    for (const IamService &S : Db.services())
      ByPrefix.push_back(&S);
    std::sort(ByPrefix.begin(), ByPrefix.end(), [](const IamService *A, const IamService *B) {
      std::string_view PA = A->prefix, PB = B->prefix;
      std::size_t N = std::min(PA.size(), PB.size());
      if (PA.substr(0, N) != PB.substr(0, N))
        return PA.substr(0, N) < PB.substr(0, N);
      return PA.size() < PB.size() ? ':' < PB[N] : PA.size() > PB.size() && PA[N] < ':';
    });
    Sorted.reserve(Count);
    for (const IamService *S : ByPrefix) {
      std::size_t First = Sorted.size();
      for (const IamAction &A : S->actions)
        Sorted.push_back(&A);
      std::sort(Sorted.begin() + static_cast<std::ptrdiff_t>(First), Sorted.end(),
                [](const IamAction *A, const IamAction *B) { return A->name < B->name; });
    }
    Rank.resize(Count);
    for (std::size_t I = 0; I < Count; ++I)
      Rank[flatIndex(*Sorted[I])] = static_cast<std::uint32_t>(I);
  }

  std::size_t size() const { return Sorted.size(); }
  const IamAction &at(std::size_t Rank) const { return *Sorted[Rank]; }
  std::size_t rankOf(const IamAction &A) const { return Rank[flatIndex(A)]; }

private:
  std::size_t flatIndex(const IamAction &A) const {
    return FirstOfService[static_cast<std::size_t>(A.service - Services)] +
           static_cast<std::size_t>(&A - A.service->actions.data());
  }

  const IamService *Services;
  std::vector<std::size_t> FirstOfService; ///< flat index of each service's first action
  std::vector<const IamAction *> Sorted;
  std::vector<std::uint32_t> Rank; ///< by flat index
};

const ActionOrder &actionOrder(const IamDatabase &Db) {
  // One database per process in practice (the embedded one or --iam-data's);
  // keyed by address all the same, as tests switch databases.
  static std::mutex Lock;
  static std::map<const IamDatabase *, std::unique_ptr<ActionOrder>> Orders;
  std::lock_guard<std::mutex> G(Lock);
  std::unique_ptr<ActionOrder> &O = Orders[&Db];
  if (!O)
    O = std::make_unique<ActionOrder>(Db);
  return *O;
}

/// The actions of \p Levels (resource-level ones when \p ResourceLevel) the
/// statement applies to, sorted; nullopt when an unknown pattern decides it.
std::optional<std::vector<std::string>> actionsOfLevels(const PolicyStatement &S, const DeclarativeRule &R,
                                                        const IamDatabase &Db) {
  for (const PolicyString &P : S.actions)
    if (!P.known)
      return std::nullopt;
  const ActionOrder &Order = actionOrder(Db);
  auto Wanted = [&](const IamAction &A) {
    return std::find(R.levels.begin(), R.levels.end(), A.level) != R.levels.end() &&
           (!R.resourceLevel || A.supportsResourceLevelPermissions());
  };
  std::vector<std::size_t> Ranks;
  if (!S.notAction) {
    for (const PolicyString &P : S.actions)
      for (const IamAction *A : Db.expand(P.value))
        if (Wanted(*A))
          Ranks.push_back(Order.rankOf(*A));
    std::sort(Ranks.begin(), Ranks.end());
    Ranks.erase(std::unique(Ranks.begin(), Ranks.end()), Ranks.end());
  } else {
    // NotAction applies to every action its patterns do not name.
    std::vector<char> Named(Order.size(), 0);
    for (const PolicyString &P : S.actions)
      for (const IamAction *A : Db.expand(P.value))
        Named[Order.rankOf(*A)] = 1;
    for (std::size_t I = 0; I < Named.size(); ++I)
      if (!Named[I] && Wanted(Order.at(I)))
        Ranks.push_back(I);
  }
  std::vector<std::string> Out;
  Out.reserve(Ranks.size());
  for (std::size_t I : Ranks)
    Out.push_back(Order.at(I).qualifiedName());
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
  bool LiteralStar = !S.notResource && std::any_of(S.resources.begin(), S.resources.end(), [](const PolicyString &P) {
    return P.known && isAllStars(P.value);
  });
  // With named actions, a pattern that covers every resource of the action
  // (arn:aws:iam::*:role/*) is "*" too; for access levels only "*" is.
  if (R.resourcesStar && !LiteralStar && (R.anyOf.empty() || S.notResource))
    return false;
  if (R.conditionsNone && !S.conditions.empty())
    return false;
  for (const PolicyCondition &C : S.conditions)
    if (std::find(R.withoutKeys.begin(), R.withoutKeys.end(), toLowerAscii(C.key)) != R.withoutKeys.end())
      return false;
  if (!R.hasActions) {
    for (const PolicyString &P : S.actions)
      if (P.known)
        Matched.push_back(P.value);
    return true;
  }
  if (!R.anyOf.empty()) {
    for (const std::string &A : R.anyOf)
      if (statementCoversAction(S, A) == true &&
          (!R.resourcesStar || LiteralStar || statementCoversEveryResource(S, Db.findAction(A)) == true))
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

/// \p Template with each `{name}` of \p Values replaced; other text as written.
std::string fill(std::string_view Template,
                 std::initializer_list<std::pair<std::string_view, std::string>> Values) {
  std::string Out;
  for (std::size_t I = 0; I < Template.size();) {
    auto It = std::find_if(Values.begin(), Values.end(),
                           [&](const auto &V) { return Template.substr(I, V.first.size()) == V.first; });
    if (It != Values.end()) {
      Out += It->second;
      I += It->first.size();
      continue;
    }
    Out += Template[I++];
  }
  return Out;
}

std::string render(std::string_view Template, const std::string &Statement, const Policy &P,
                   const std::vector<std::string> &Actions) {
  return fill(Template, {{"{statement}", Statement}, {"{policy}", policyName(P)}, {"{actions}", listed(Actions)}});
}

//===-- Rules over a principal's whole policy set -------------------------===//

/// One way to misuse a set of permissions: all of its actions are needed.
struct Combination {
  std::string name;        ///< "lambda-create-and-invoke"
  std::string description; ///< "passing a role to a new Lambda function and invoking it"
  std::vector<std::string> actions;
};

struct PrincipalRule {
  std::string_view id;
  std::string_view message;
  ResourceScope scope = ResourceScope::Every;
  std::vector<std::string> anyOf;
  std::vector<IamAccessLevel> anyOfLevels;
  bool resourceLevel = false; ///< only actions that support resource-level permissions
  std::vector<Combination> allOf;
};

PrincipalRule compilePrincipal(const RuleInfo &R) {
  PrincipalRule D;
  D.id = R.id;
  D.message = R.message;
  auto J = nlohmann::json::parse(R.match);
  const auto &M = J.at("principal");
  if (M.value("resources", std::string("every")) == "some")
    D.scope = ResourceScope::Some;
  if (M.contains("allows-any-of")) {
    const auto &A = M["allows-any-of"];
    for (const auto &I : A.value("actions", nlohmann::json::array()))
      D.anyOf.push_back(I.get<std::string>());
    for (const auto &I : A.value("access-levels", nlohmann::json::array()))
      if (std::optional<IamAccessLevel> L = levelNamed(I.get<std::string>()))
        D.anyOfLevels.push_back(*L);
    D.resourceLevel = A.value("resource-level", false);
  }
  for (const auto &C : M.value("allows-all-of", nlohmann::json::array())) {
    Combination Comb{C.at("name").get<std::string>(), C.at("description").get<std::string>(), {}};
    for (const auto &I : C.at("actions"))
      Comb.actions.push_back(I.get<std::string>());
    D.allOf.push_back(std::move(Comb));
  }
  return D;
}

const std::vector<PrincipalRule> &principalRules() {
  static const std::vector<PrincipalRule> Rules = compileRules("principal", compilePrincipal);
  return Rules;
}

/// Who the rules judge: a role, user or group with its identity policies, or
/// an identity policy attached to nothing fnlint saw, on its own.
struct Subject {
  std::string name; ///< "role OrdersRole", "policy AdministratorAccess"
  std::string key;  ///< for fingerprints
  Location location;
  std::vector<const Policy *> policies;
};

std::string_view principalKindName(IamPrincipal::Kind K) {
  switch (K) {
  case IamPrincipal::Kind::Role:
    return "role";
  case IamPrincipal::Kind::User:
    return "user";
  case IamPrincipal::Kind::Group:
    return "group";
  case IamPrincipal::Kind::Function:
    return "function";
  }
  return "principal";
}

std::vector<Subject> subjects(const IamContext &Ctx) {
  std::vector<Subject> Out;
  const Project &P = Ctx.project;
  auto Judged = [](const Policy &Pol) { return Pol.kind == Policy::Kind::Identity && !Pol.invalid; };
  for (const IamPrincipal &Pr : P.iamPrincipals) {
    if (Pr.kind == IamPrincipal::Kind::Function)
      continue;
    Subject S{std::string(principalKindName(Pr.kind)) + " " + Pr.id, Pr.id, Pr.location, {}};
    for (std::size_t I : Pr.policies)
      if (I < P.policies.size() && Judged(P.policies[I]))
        S.policies.push_back(&P.policies[I]);
    if (!S.policies.empty())
      Out.push_back(std::move(S));
  }
  for (std::size_t I = 0; I < P.policies.size(); ++I)
    if (!Ctx.owners[I] && Judged(P.policies[I]))
      Out.push_back({policyName(P.policies[I]), P.policies[I].name, P.policies[I].location, {&P.policies[I]}});
  return Out;
}

struct GrantedAction {
  std::string action;
  Grant grant;
};

/// "iam:PassRole (statement 1 of policy A); lambda:CreateFunction, lambda:InvokeFunction
/// (statement "Deploy" of policy B, under a condition)": actions grouped by the statement granting them.
std::string describeGrants(const std::vector<GrantedAction> &Granted, std::size_t MaxGroups = 3) {
  std::vector<std::pair<const PolicyStatement *, std::vector<const GrantedAction *>>> Groups;
  for (const GrantedAction &G : Granted) {
    auto It = std::find_if(Groups.begin(), Groups.end(), [&](const auto &E) { return E.first == G.grant.statement; });
    if (It == Groups.end())
      Groups.push_back({G.grant.statement, {&G}});
    else
      It->second.push_back(&G);
  }
  std::string Out;
  std::size_t Shown = std::min(Groups.size(), MaxGroups);
  for (std::size_t I = 0; I < Shown; ++I) {
    const auto &Actions = Groups[I].second;
    const Grant &G = Actions.front()->grant;
    std::vector<std::string> Names;
    for (const GrantedAction *A : Actions)
      Names.push_back(A->action);
    Out += (I ? "; " : "") + listed(Names) + " (" + statementName(*G.statement, G.index) + " of " +
           policyName(*G.policy) + (G.conditional ? ", under a condition" : "") + ")";
  }
  if (Groups.size() > Shown)
    Out += "; and " + std::to_string(Groups.size() - Shown) + " more statements";
  return Out;
}

std::string renderPrincipal(std::string_view Template, const Subject &S, const std::vector<std::string> &Actions,
                            const std::string &Grants, const std::string &Method, const std::string &Others) {
  return fill(Template, {{"{principal}", S.name},
                         {"{actions}", listed(Actions)},
                         {"{grants}", Grants},
                         {"{method}", Method},
                         {"{others}", Others}});
}

/// The actions of the rule's access levels any Allow statement of \p S names, sorted.
std::vector<const IamAction *> candidatesOfLevels(const Subject &S, const PrincipalRule &R, const IamDatabase &Db) {
  auto Wanted = [&](const IamAction &A) {
    return std::find(R.anyOfLevels.begin(), R.anyOfLevels.end(), A.level) != R.anyOfLevels.end() &&
           (!R.resourceLevel || A.supportsResourceLevelPermissions());
  };
  std::vector<const IamAction *> Out;
  for (const Policy *Pol : S.policies)
    for (const PolicyStatement &St : Pol->statements) {
      if (!St.effect || !St.effect->known || St.effect->value != "Allow")
        continue;
      if (St.notAction) {
        for (const IamService &Svc : Db.services())
          for (const IamAction &A : Svc.actions)
            if (Wanted(A))
              Out.push_back(&A);
        continue;
      }
      for (const PolicyString &P : St.actions)
        if (P.known)
          for (const IamAction *A : Db.expand(P.value))
            if (Wanted(*A))
              Out.push_back(A);
    }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

/// Where a finding points: the statement when one grants everything, else the principal.
Location whereGranted(const Subject &S, const std::vector<GrantedAction> &Granted) {
  for (const GrantedAction &G : Granted)
    if (G.grant.statement != Granted.front().grant.statement)
      return S.location;
  return Granted.empty() ? S.location : Granted.front().grant.statement->location;
}

void judge(const Subject &S, const PrincipalRule &R, const IamDatabase &Db, FindingSink &Out) {
  auto GrantOf = [&](std::string_view Action, const IamAction *Info) {
    return findGrant(S.policies, Action, Info ? Info : Db.findAction(Action), R.scope);
  };
  if (!R.anyOf.empty() || !R.anyOfLevels.empty()) {
    std::vector<GrantedAction> Granted;
    for (const std::string &A : R.anyOf)
      if (std::optional<Grant> G = GrantOf(A, nullptr))
        Granted.push_back({A, *G});
    if (!R.anyOfLevels.empty())
      for (const IamAction *A : candidatesOfLevels(S, R, Db)) {
        std::string Name = A->qualifiedName();
        if (std::optional<Grant> G = GrantOf(Name, A))
          Granted.push_back({std::move(Name), *G});
      }
    if (Granted.empty())
      return;
    std::sort(Granted.begin(), Granted.end(), [](const GrantedAction &A, const GrantedAction &B) {
      return std::tie(A.grant.policy, A.grant.index, A.action) < std::tie(B.grant.policy, B.grant.index, B.action);
    });
    std::vector<std::string> Names;
    for (const GrantedAction &G : Granted)
      Names.push_back(G.action);
    std::vector<std::string> Sorted = Names;
    std::sort(Sorted.begin(), Sorted.end());
    Finding &F =
        Out.report(R.id, renderPrincipal(R.message, S, Sorted, describeGrants(Granted), "", ""), whereGranted(S, Granted));
    F.fingerprintKey = S.key;
    F.properties["actions"] = std::vector<std::string>(Sorted.begin(), Sorted.begin() + std::min<std::size_t>(Sorted.size(), 50));
    return;
  }
  std::vector<std::pair<const Combination *, std::vector<GrantedAction>>> Found;
  for (const Combination &C : R.allOf) {
    std::vector<GrantedAction> Granted;
    for (const std::string &A : C.actions) {
      std::optional<Grant> G = GrantOf(A, nullptr);
      if (!G)
        break;
      Granted.push_back({A, *G});
    }
    if (Granted.size() == C.actions.size())
      Found.push_back({&C, std::move(Granted)});
  }
  if (Found.empty())
    return;
  std::string Others;
  std::vector<std::string> Names;
  for (const auto &[C, Granted] : Found)
    Names.push_back(C->name);
  if (Found.size() > 1) {
    std::vector<std::string> Rest(Names.begin() + 1, Names.end());
    Others = "; and " + std::to_string(Rest.size()) + (Rest.size() == 1 ? " other way: " : " other ways: ") + listed(Rest);
  }
  std::vector<std::string> Actions;
  for (const GrantedAction &G : Found.front().second)
    Actions.push_back(G.action);
  Finding &F = Out.report(R.id,
                          renderPrincipal(R.message, S, Actions, describeGrants(Found.front().second),
                                          Found.front().first->description, Others),
                          whereGranted(S, Found.front().second));
  F.fingerprintKey = S.key;
  F.properties["methods"] = Names;
}

} // namespace

void runPrincipalRules(const IamContext &Ctx, FindingSink &Out, unsigned Jobs) {
  const std::vector<PrincipalRule> &Rules = principalRules();
  if (Rules.empty())
    return;
  // Subjects are independent: judged on the workers, merged in subject order.
  const std::vector<Subject> All = subjects(Ctx);
  std::vector<FindingSink> Sinks(All.size());
  parallelFor(All.size(), Jobs, [&](std::size_t I) {
    for (const PrincipalRule &R : Rules)
      judge(All[I], R, Ctx.database, Sinks[I]);
  });
  for (FindingSink &Sink : Sinks)
    for (Finding &F : Sink.findings())
      Out.findings().push_back(std::move(F));
}

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
