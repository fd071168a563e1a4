#include "analyzers/iam/PolicyEval.h"

#include <cctype>

namespace fnlint::iam {

namespace {

/// Glob match with `*` and `?`; iterative with one backtrack point, so a
/// pattern of many stars cannot take exponential time.
bool glob(std::string_view P, std::string_view S, bool IgnoreCase) {
  auto Eq = [&](char A, char B) {
    return IgnoreCase ? std::tolower(static_cast<unsigned char>(A)) == std::tolower(static_cast<unsigned char>(B))
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

/// The first five segments and the rest of an ARN.
bool splitArn(std::string_view Arn, std::string_view (&Parts)[6]) {
  std::size_t Start = 0;
  for (int I = 0; I < 5; ++I) {
    std::size_t Colon = Arn.find(':', Start);
    if (Colon == std::string_view::npos)
      return false;
    Parts[I] = Arn.substr(Start, Colon - Start);
    Start = Colon + 1;
  }
  Parts[5] = Arn.substr(Start);
  return true;
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

} // namespace fnlint::iam
