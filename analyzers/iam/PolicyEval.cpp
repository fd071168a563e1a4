#include "analyzers/iam/PolicyEval.h"

#include "analyzers/iam/Arn.h"
#include "core/AsciiCase.h"

#include <algorithm>
#include <cctype>

namespace fnlint::iam {

namespace {

/// Glob match with `*` and `?`; iterative with one backtrack point, so a
/// pattern of many stars cannot take exponential time.
bool glob(std::string_view P, std::string_view S, bool IgnoreCase) {
  auto Eq = [&](char A, char B) {
    return IgnoreCase ? lowerAscii(A) == lowerAscii(B)
                      : A == B;
  };
  std::size_t Pi = 0, Si = 0, Star = std::string_view::npos, Mark = 0;
  while (Si < S.size()) {
    if (Pi < P.size() && (P[Pi] == '?' || (P[Pi] != '*' && Eq(P[Pi], S[Si])))) {
      ++Pi;
      ++Si;
    } else if (Pi < P.size() && P[Pi] == '*') {
      Star = Pi++;
      Mark = Si;
    } else if (Star != std::string_view::npos) {
      Pi = Star + 1;
      Si = ++Mark;
    } else {
      return false;
    }
  }
  while (Pi < P.size() && P[Pi] == '*')
    ++Pi;
  return Pi == P.size();
}

/// `${...}` policy variables become `*`.
std::string variablesAsStars(std::string_view P) {
  std::string Out;
  for (std::size_t I = 0; I < P.size(); ++I) {
    if (P[I] == '$' && I + 1 < P.size() && P[I + 1] == '{') {
      std::size_t Close = P.find('}', I);
      if (Close != std::string_view::npos) {
        Out += '*';
        I = Close;
        continue;
      }
    }
    Out += P[I];
  }
  return Out;
}

bool anyMatches(const std::vector<PolicyString> &Patterns, auto &&Match, bool &Uncertain) {
  bool Any = false;
  for (const PolicyString &P : Patterns) {
    if (!P.known) {
      Uncertain = true;
      continue;
    }
    Any = Any || Match(P.value);
  }
  return Any;
}

} // namespace

bool isAllStars(std::string_view P) { return !P.empty() && P.find_first_not_of('*') == std::string_view::npos; }

bool actionMatches(std::string_view Pattern, std::string_view Action) {
  if (isAllStars(Pattern))
    return true;
  return glob(Pattern, Action, /*IgnoreCase=*/true);
}

bool resourceMatches(std::string_view Pattern, std::string_view Arn, bool VariablesAreWildcards) {
  std::string P = VariablesAreWildcards ? variablesAsStars(Pattern) : std::string(Pattern);
  if (isAllStars(P))
    return true;
  if (Arn == "*") // an action that only accepts "*": only "*" grants it
    return false;
  std::string_view PP[6], AP[6];
  if (!splitArn(P, PP) || !splitArn(Arn, AP))
    return glob(P, Arn, false);
  for (int I = 0; I < 5; ++I)
    if (!glob(PP[I], AP[I], /*IgnoreCase=*/true))
      return false;
  return glob(PP[5], AP[5], /*IgnoreCase=*/false);
}

std::optional<bool> statementCoversAction(const PolicyStatement &S, std::string_view Action) {
  bool Uncertain = false;
  bool Any = anyMatches(
      S.actions, [&](const std::string &P) { return actionMatches(P, Action); }, Uncertain);
  if (Any)
    return !S.notAction;
  if (Uncertain)
    return std::nullopt;
  return S.notAction;
}

Verdict evaluate(const std::vector<const Policy *> &Policies, std::string_view Action, std::string_view Resource) {
  Verdict Allow, Deny;
  bool AllowUnconditional = false, Uncertain = false;
  for (const Policy *Pol : Policies) {
    bool Variables = !Pol->version || !Pol->version->known || Pol->version->value != "2008-10-17";
    for (const PolicyStatement &S : Pol->statements) {
      if (!S.effect || !S.effect->known || !S.hasAction || !S.hasResource) {
        Uncertain = Uncertain || (S.effect && !S.effect->known);
        continue;
      }
      std::optional<bool> CoversAction = statementCoversAction(S, Action);
      if (!CoversAction) {
        Uncertain = true;
        continue;
      }
      if (!*CoversAction)
        continue;
      bool ResUncertain = false;
      bool AnyResource = anyMatches(
          S.resources, [&](const std::string &P) { return resourceMatches(P, Resource, Variables); }, ResUncertain);
      if (ResUncertain && !AnyResource) {
        Uncertain = true;
        continue;
      }
      if (AnyResource == S.notResource)
        continue;
      bool Conditional = !S.conditions.empty() || S.conditional;
      if (S.effect->value == "Deny") {
        if (!Conditional) // a conditional Deny never removes an Allow
          Deny.statements.push_back(&S);
      } else if (S.effect->value == "Allow") {
        Allow.statements.push_back(&S);
        AllowUnconditional = AllowUnconditional || !Conditional;
      }
    }
  }
  if (!Deny.statements.empty()) {
    Deny.decision = Decision::Deny;
    Deny.uncertain = Uncertain;
    return Deny;
  }
  if (!Allow.statements.empty()) {
    Allow.decision = Decision::Allow;
    Allow.conditional = !AllowUnconditional;
    Allow.uncertain = Uncertain;
    return Allow;
  }
  Verdict None;
  None.uncertain = Uncertain;
  return None;
}

namespace {

/// A stand-in for any resource name: matched by `*` and `?` runs, never by literal text.
constexpr std::string_view AnyName = "\x01";

/// \p Format ("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}") as
/// the most general ARN \p Pattern could be meant for: partition, region and
/// account taken from the pattern when it writes them literally (a policy
/// lives in one account), every other `${...}` an arbitrary name.
std::string mostGeneralArn(std::string_view Format, std::string_view Pattern) {
  std::string_view FP[6], PP[6];
  bool PatternIsArn = splitArn(Pattern, PP);
  if (!splitArn(Format, FP))
    return std::string(Format);
  std::string Out;
  for (int I = 0; I < 6; ++I) {
    std::string_view Segment = FP[I];
    bool FromPattern = PatternIsArn && (I == 1 || I == 3 || I == 4) && Segment.find("${") != std::string_view::npos &&
                       PP[I].find("${") == std::string_view::npos;
    if (I)
      Out += ':';
    if (FromPattern) {
      Out += PP[I];
      continue;
    }
    for (std::size_t J = 0; J < Segment.size(); ++J) {
      if (Segment[J] == '$' && J + 1 < Segment.size() && Segment[J + 1] == '{') {
        std::size_t Close = Segment.find('}', J);
        if (Close != std::string_view::npos) {
          Out += AnyName;
          J = Close;
          continue;
        }
      }
      Out += Segment[J];
    }
  }
  return Out;
}

bool patternCoversType(std::string_view Pattern, const IamResourceType &Type) {
  if (Type.arnFormats.empty())
    return false;
  for (std::string_view Format : Type.arnFormats)
    if (!resourceMatches(Pattern, mostGeneralArn(Format, Pattern), /*VariablesAreWildcards=*/false))
      return false;
  return true;
}

bool isConditional(const PolicyStatement &S) { return !S.conditions.empty() || S.conditional; }

} // namespace

std::optional<bool> statementCoversEveryResource(const PolicyStatement &S, const IamAction *Action) {
  if (!S.hasResource)
    return false;
  bool Unknown = false;
  for (const PolicyString &P : S.resources) {
    if (!P.known) {
      Unknown = true;
      continue;
    }
    if (isAllStars(P.value))
      return !S.notResource;
  }
  if (S.notResource)
    return Unknown ? std::nullopt : std::optional<bool>(true);
  if (!Action || !Action->supportsResourceLevelPermissions())
    return Unknown ? std::nullopt : std::optional<bool>(false);
  // Every resource type the action requires (all of them when none is marked required).
  bool AnyRequired = std::any_of(Action->resources.begin(), Action->resources.end(),
                                 [](const IamActionResource &R) { return R.required; });
  bool All = true;
  for (const IamActionResource &R : Action->resources) {
    if (AnyRequired && !R.required)
      continue;
    bool Covered = R.type && std::any_of(S.resources.begin(), S.resources.end(), [&](const PolicyString &P) {
                     return P.known && patternCoversType(P.value, *R.type);
                   });
    All = All && Covered;
  }
  if (All)
    return true;
  return Unknown ? std::nullopt : std::optional<bool>(false);
}

std::optional<Grant> findGrant(const std::vector<const Policy *> &Policies, std::string_view Action,
                               const IamAction *Info, ResourceScope Scope) {
  std::optional<Grant> Best;
  for (const Policy *Pol : Policies) {
    std::size_t Index = 0;
    for (const PolicyStatement &S : Pol->statements) {
      ++Index;
      if (!S.hasAction || !S.effect)
        continue;
      std::optional<bool> Covers = statementCoversAction(S, Action);
      if (!S.effect->known) { // it might be a Deny
        if (Covers != false)
          return std::nullopt;
        continue;
      }
      if (S.effect->value == "Deny") {
        // A conditional Deny, or one limited to some resources, does not remove
        // an Allow of every resource; any other Deny that may apply does.
        if (isConditional(S) || Covers == false || statementCoversEveryResource(S, Info) == false)
          continue;
        return std::nullopt;
      }
      if (Covers != true)
        continue;
      if (S.effect->value != "Allow")
        continue;
      bool Reaches = false;
      if (Scope == ResourceScope::Every) {
        Reaches = statementCoversEveryResource(S, Info) == true;
      } else {
        Reaches = S.hasResource && std::any_of(S.resources.begin(), S.resources.end(),
                                               [](const PolicyString &P) { return P.known; });
      }
      if (!Reaches)
        continue;
      Grant G{Pol, &S, Index, isConditional(S)};
      if (!Best || (Best->conditional && !G.conditional))
        Best = G;
    }
  }
  return Best;
}

} // namespace fnlint::iam
