//===- InvalidArn.cpp - iam/invalid-arn -------------------------------------===//
#include "analyzers/iam/Arn.h"
#include "analyzers/iam/IamCheck.h"
#include "analyzers/iam/PolicyEval.h"

#include <cctype>

namespace fnlint::iam {
namespace {

constexpr std::string_view Partitions[] = {"aws",     "aws-cn",    "aws-us-gov", "aws-iso",
                                           "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

/// A segment fnlint cannot judge: a wildcard or a variable stands in it.
bool isOpen(std::string_view S) {
  return S.find_first_of("*?") != std::string_view::npos || S.find("${") != std::string_view::npos;
}

bool isDigits(std::string_view S) {
  for (char C : S)
    if (!std::isdigit(static_cast<unsigned char>(C)))
      return false;
  return true;
}

/// "us-east-1", "us-gov-west-1", "us-isob-east-1", "eusc-de-east-1": letters,
/// dash-separated words, a number last.
bool looksLikeRegion(std::string_view S) {
  std::size_t Dash = S.rfind('-');
  if (Dash == std::string_view::npos || Dash + 1 == S.size() || !isDigits(S.substr(Dash + 1)))
    return false;
  std::string_view Words = S.substr(0, Dash);
  if (Words.empty() || Words.front() == '-' || Words.back() == '-' || Words.find("--") != std::string_view::npos ||
      Words.find('-') == std::string_view::npos)
    return false;
  for (char C : Words)
    if (!(C == '-' || (C >= 'a' && C <= 'z')))
      return false;
  return true;
}

/// Whether \p Account is a word AWS writes where the account goes: "aws" for
/// AWS-owned resources (managed policies, CloudFormation transforms, public
/// hubs), or a literal of one of \p Service's ARN formats.
bool isLiteralAccountOf(const IamDatabase &Db, std::string_view Service, std::string_view Account) {
  if (Account == "aws")
    return true;
  const IamService *S = Db.findService(Service);
  if (!S)
    return false;
  std::string_view Parts[6];
  for (const IamResourceType &R : S->resourceTypes)
    for (std::string_view Format : R.arnFormats)
      if (splitArn(Format, Parts) && Parts[4] == Account)
        return true;
  return false;
}

/// Whether some ARN format of the database names \p Service in its service
/// segment: ARNs use a few names that are no action prefix.
bool isArnService(const IamDatabase &Db, std::string_view Service) {
  if (Db.findService(Service))
    return true;
  std::string_view Parts[6];
  for (const IamService &S : Db.services())
    for (const IamResourceType &R : S.resourceTypes)
      for (std::string_view Format : R.arnFormats)
        if (splitArn(Format, Parts) && Parts[2] == Service)
          return true;
  return false;
}

/// What is wrong with \p Arn, or empty when it is a well-formed ARN.
std::string arnProblem(std::string_view Arn, const IamDatabase &Db) {
  if (Arn.substr(0, 4) != "arn:")
    return "is neither \"*\" nor an ARN (arn:partition:service:region:account:resource)";
  std::string_view P[6];
  std::string Padded;
  if (!splitArn(Arn, P)) {
    if (Arn.size() < 2 || Arn.substr(Arn.size() - 2) != ":*")
      return "has fewer than the six parts of an ARN (arn:partition:service:region:account:resource)";
    // IAM reads a last part `*` as covering the parts left out ("arn:aws:logs:*"):
    // judge the parts that are there.
    Padded = std::string(Arn);
    while (!splitArn(Padded, P))
      Padded += ":*";
  }
  if (!isOpen(P[1])) {
    bool Known = false;
    for (std::string_view Partition : Partitions)
      Known = Known || P[1] == Partition;
    if (!Known)
      return "names no AWS partition (" + std::string(P[1].empty() ? "empty" : P[1]) +
             "; aws, aws-cn, aws-us-gov, ...)";
  }
  if (!isOpen(P[2]) && !isArnService(Db, P[2]))
    return P[2].empty() ? "has no service" : "names no AWS service the action database knows (" + std::string(P[2]) + ")";
  if (!isOpen(P[3]) && !P[3].empty() && !looksLikeRegion(P[3]))
    return "has a region that is not one (" + std::string(P[3]) + ")";
  if (!isOpen(P[4]) && !P[4].empty() && !(P[4].size() == 12 && isDigits(P[4])) &&
      !isLiteralAccountOf(Db, P[2], P[4]))
    return "has an account that is not 12 digits (" + std::string(P[4]) + ")";
  return {};
}

class InvalidArn final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/invalid-arn"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    if (isAwsWrittenPolicy(P))
      return;
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      for (const PolicyString &R : S.resources)
        judge(P, S, I, R, S.notResource ? "NotResource" : "Resource", Ctx, Out);
      for (const PolicyPrincipal &Pr : S.principals)
        if (Pr.type == "AWS")
          for (const PolicyString &V : Pr.values)
            if (V.known && V.value.substr(0, 4) == "arn:") // account ids and unique ids are not ARNs
              judge(P, S, I, V, "principal", Ctx, Out);
    }
  }

private:
  void judge(const Policy &P, const PolicyStatement &S, std::size_t Index, const PolicyString &V,
             std::string_view Element, const IamContext &Ctx, FindingSink &Out) const {
    if (!V.known || isAllStars(V.value))
      return;
    std::string Problem = arnProblem(V.value, Ctx.database);
    if (Problem.empty())
      return;
    Finding &F = Out.report(ruleId(),
                            std::string(Element) + " " + V.value + " in " + statementName(S, Index + 1) + " " +
                                Problem + " (in " + policyName(P) + ")",
                            V.location);
    F.fingerprintKey = P.name + " " + V.value;
  }
};

} // namespace
std::unique_ptr<IamCheck> makeInvalidArn() { return std::make_unique<InvalidArn>(); }
} // namespace fnlint::iam
