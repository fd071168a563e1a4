//===- UnknownConditionOperator.cpp - iam/unknown-condition-operator --------===//
#include "analyzers/iam/IamCheck.h"

#include "core/AsciiCase.h"
#include "core/Spelling.h"

#include <cctype>
#include <set>

namespace fnlint::iam {
namespace {

/// IAM's condition operators, without qualifier or IfExists.
constexpr std::string_view Operators[] = {
    "StringEquals",          "StringNotEquals",       "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
    "StringLike",            "StringNotLike",         "NumericEquals",          "NumericNotEquals",
    "NumericLessThan",       "NumericLessThanEquals", "NumericGreaterThan",     "NumericGreaterThanEquals",
    "DateEquals",            "DateNotEquals",         "DateLessThan",           "DateLessThanEquals",
    "DateGreaterThan",       "DateGreaterThanEquals", "Bool",                   "BinaryEquals",
    "IpAddress",             "NotIpAddress",          "ArnEquals",              "ArnLike",
    "ArnNotEquals",          "ArnNotLike",            "Null"};
constexpr std::string_view Qualifiers[] = {"ForAllValues", "ForAnyValue"};
constexpr std::string_view IfExists = "IfExists";

// Operators compare case-insensitively: the IAM documentation does not call
// them case-sensitive (it does so for values), and peers accept any case.
template <std::size_t N> const std::string_view *findNoCase(const std::string_view (&List)[N], std::string_view S) {
  for (const std::string_view &Item : List)
    if (equalsIgnoringCase(Item, S))
      return &Item;
  return nullptr;
}

/// The closest operator spelling to \p Base (IfExists forms included), or empty.
std::string suggestOperator(std::string_view Base) {
  ClosestSpelling<std::string> Near(Base);
  for (std::string_view Op : Operators) {
    Near.offer(Op, std::string(Op));
    if (Op != "Null")
      Near.offer(std::string(Op) + std::string(IfExists), std::string(Op) + std::string(IfExists));
  }
  return Near.best();
}

/// What is wrong with operator \p Op, or empty; \p Suggestion gets a did-you-mean.
std::string operatorProblem(std::string_view Op, std::string &Suggestion) {
  std::string_view Qualifier, Base = Op;
  if (std::size_t Colon = Op.find(':'); Colon != std::string_view::npos) {
    Qualifier = Op.substr(0, Colon);
    Base = Op.substr(Colon + 1);
  }
  bool HasIfExists = Base.size() > IfExists.size() && equalsIgnoringCase(Base.substr(Base.size() - IfExists.size()), IfExists);
  const std::string_view *Known = findNoCase(Operators, HasIfExists ? Base.substr(0, Base.size() - IfExists.size()) : Base);
  if (Known && HasIfExists && *Known == "Null")
    return "is not an IAM condition operator: Null takes no IfExists, it tests whether the key exists";
  bool QualifierKnown = Qualifier.empty() || findNoCase(Qualifiers, Qualifier);
  if (Known && QualifierKnown)
    return {};

  std::string QualifierFix(Qualifier);
  if (!QualifierKnown) {
    ClosestSpelling<std::string_view> Near(Qualifier);
    for (std::string_view Q : Qualifiers)
      Near.offer(Q, Q);
    QualifierFix = std::string(Near.best());
  }
  std::string BaseFix = Known ? std::string(Base) : suggestOperator(Base);
  if (!BaseFix.empty() && (Qualifier.empty() || !QualifierFix.empty()))
    Suggestion = (Qualifier.empty() ? "" : QualifierFix + ":") + BaseFix;
  return Known ? "has a set qualifier that is neither ForAllValues: nor ForAnyValue:"
               : "is not an IAM condition operator";
}

class UnknownConditionOperator final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/unknown-condition-operator"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    if (isAwsWrittenPolicy(P))
      return;
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      std::set<std::string> Reported; // an operator holds several keys: one finding
      for (const PolicyCondition &C : S.conditions) {
        if (C.op.find("${") != std::string::npos || Reported.count(C.op))
          continue; // a Serverless variable: its value is not known
        std::string Suggestion;
        std::string Problem = operatorProblem(C.op, Suggestion);
        if (Problem.empty())
          continue;
        Reported.insert(C.op);
        std::string Msg = "condition operator " + C.op + " in " + statementName(S, I + 1) + " " + Problem;
        if (!Suggestion.empty())
          Msg += "; did you mean " + Suggestion + "?";
        Finding &F = Out.report(ruleId(), Msg + " (in " + policyName(P) + ")", C.operatorLocation);
        F.fingerprintKey = P.name + " " + C.op;
      }
    }
  }
};

} // namespace
std::unique_ptr<IamCheck> makeUnknownConditionOperator() { return std::make_unique<UnknownConditionOperator>(); }
} // namespace fnlint::iam
