//===- IamModule.cpp - The iam rules, registered ----------------------------===//
#include "analyzers/iam/IamCheck.h"

#include "analyzers/iam/RuleEngine.h"
#include "core/ThreadPool.h"

namespace fnlint::iam {

std::unique_ptr<IamCheck> makeActionMatchesNothing();
std::unique_ptr<IamCheck> makeDuplicateSid();
std::unique_ptr<IamCheck> makeInvalidArn();
std::unique_ptr<IamCheck> makeInvalidEffect();
std::unique_ptr<IamCheck> makeInvalidJson();
std::unique_ptr<IamCheck> makeInvalidVersion();
std::unique_ptr<IamCheck> makeLambdaRoleTrust();
std::unique_ptr<IamCheck> makePolicyTooLarge();
std::unique_ptr<IamCheck> makeResourceMismatch();
std::unique_ptr<IamCheck> makeUnknownAction();
std::unique_ptr<IamCheck> makeUnknownConditionKey();
std::unique_ptr<IamCheck> makeUnknownConditionOperator();
std::unique_ptr<IamCheck> makeUnknownElement();
std::unique_ptr<IamCheck> makeUnknownService();
std::unique_ptr<IamCheck> makeTrustAnyPrincipal();
std::unique_ptr<IamCheck> makeTrustCrossAccountNoExternalId();

std::vector<std::unique_ptr<IamCheck>> makeIamChecks() {
  std::vector<std::unique_ptr<IamCheck>> Checks;
  Checks.push_back(makeActionMatchesNothing());
  Checks.push_back(makeDuplicateSid());
  Checks.push_back(makeInvalidArn());
  Checks.push_back(makeInvalidEffect());
  Checks.push_back(makeInvalidJson());
  Checks.push_back(makeInvalidVersion());
  Checks.push_back(makeLambdaRoleTrust());
  Checks.push_back(makePolicyTooLarge());
  Checks.push_back(makeResourceMismatch());
  Checks.push_back(makeUnknownAction());
  Checks.push_back(makeUnknownConditionKey());
  Checks.push_back(makeUnknownConditionOperator());
  Checks.push_back(makeUnknownElement());
  Checks.push_back(makeUnknownService());
  Checks.push_back(makeTrustAnyPrincipal());
  Checks.push_back(makeTrustCrossAccountNoExternalId());
  return Checks;
}

IamCheck::~IamCheck() = default;

std::string policyName(const Policy &P) { return "policy " + P.name; }

std::string statementName(const PolicyStatement &S, std::size_t Index) {
  if (S.sid && S.sid->known && !S.sid->value.empty())
    return "statement \"" + S.sid->value + "\"";
  return "statement " + std::to_string(Index);
}

bool isAwsWrittenPolicy(const Policy &P) { return P.source == "sam-template"; }

bool isUnknownDocument(const Policy &P) { return P.invalid && P.invalid->rfind("unknown until", 0) == 0; }

void analyzePolicies(const Project &P, unsigned Jobs, std::vector<Finding> &Findings) {
  if (P.policies.empty())
    return;
  const IamDatabase &Db = iamDatabase(); // loaded here, not by the first worker
  IamContext Ctx{P, Db, std::vector<const IamPrincipal *>(P.policies.size(), nullptr)};
  for (const IamPrincipal &Pr : P.iamPrincipals)
    for (std::size_t I : Pr.policies)
      if (I < Ctx.owners.size() && !Ctx.owners[I])
        Ctx.owners[I] = &Pr;
  // Policies are judged one by one, so they spread over the workers; one sink
  // each, merged in policy order, keeps the output independent of scheduling.
  const auto Checks = makeIamChecks();
  std::vector<FindingSink> Sinks(P.policies.size() + 2);
  parallelFor(P.policies.size(), Jobs, [&](std::size_t I) {
    for (const auto &Check : Checks)
      Check->check(P.policies[I], Ctx, Sinks[I]);
    runDeclarativeRules(P.policies[I], Ctx, Sinks[I]);
  });
  runPrincipalRules(Ctx, Sinks[P.policies.size()], Jobs);
  for (const auto &Check : Checks) // rules that need more than one document
    Check->checkProject(Ctx, Sinks.back());
  for (FindingSink &Sink : Sinks)
    for (Finding &F : Sink.findings())
      Findings.push_back(std::move(F));
}

} // namespace fnlint::iam
