//===- LambdaModule.cpp - The lambda rules, registered ----------------------===//
#include "analyzers/lambda/LambdaCheck.h"

#include "core/RuleInfo.h"

namespace fnlint::lambda {

std::unique_ptr<LambdaCheck> makeDeprecatedRuntime();
std::unique_ptr<LambdaCheck> makeEnvNotEncryptedWithCmk();
std::unique_ptr<LambdaCheck> makeHandlerNotFound();
std::unique_ptr<LambdaCheck> makeInvalidSetting();
std::unique_ptr<LambdaCheck> makeMissingDlq();
std::unique_ptr<LambdaCheck> makeNoReservedConcurrency();
std::unique_ptr<LambdaCheck> makePermissionAnyPrincipal();
std::unique_ptr<LambdaCheck> makePermissionMissingSource();
std::unique_ptr<LambdaCheck> makePublicFunctionUrl();
std::unique_ptr<LambdaCheck> makeReservedConcurrencyZero();
std::unique_ptr<LambdaCheck> makeSqsQueueMissingDlq();
std::unique_ptr<LambdaCheck> makeSqsVisibilityTimeout();
std::unique_ptr<LambdaCheck> makeStreamMissingFailureDestination();
std::unique_ptr<LambdaCheck> makeStreamUnboundedRetries();
std::unique_ptr<LambdaCheck> makeTimeoutExceedsCaller();
std::unique_ptr<LambdaCheck> makeTimeoutExcessive();
std::unique_ptr<LambdaCheck> makeTracingDisabled();
std::unique_ptr<LambdaCheck> makeUnqualifiedTrigger();
std::unique_ptr<LambdaCheck> makeVpcSingleSubnet();

std::vector<std::unique_ptr<LambdaCheck>> makeLambdaChecks() {
  std::vector<std::unique_ptr<LambdaCheck>> Checks;
  Checks.push_back(makeDeprecatedRuntime());
  Checks.push_back(makeEnvNotEncryptedWithCmk());
  Checks.push_back(makeHandlerNotFound());
  Checks.push_back(makeInvalidSetting());
  Checks.push_back(makeMissingDlq());
  Checks.push_back(makeNoReservedConcurrency());
  Checks.push_back(makePermissionAnyPrincipal());
  Checks.push_back(makePermissionMissingSource());
  Checks.push_back(makePublicFunctionUrl());
  Checks.push_back(makeReservedConcurrencyZero());
  Checks.push_back(makeSqsQueueMissingDlq());
  Checks.push_back(makeSqsVisibilityTimeout());
  Checks.push_back(makeStreamMissingFailureDestination());
  Checks.push_back(makeStreamUnboundedRetries());
  Checks.push_back(makeTimeoutExceedsCaller());
  Checks.push_back(makeTimeoutExcessive());
  Checks.push_back(makeTracingDisabled());
  Checks.push_back(makeUnqualifiedTrigger());
  Checks.push_back(makeVpcSingleSubnet());
  return Checks;
}

LambdaCheck::~LambdaCheck() = default;

std::string functionName(const Deployable &F) { return "function " + F.logicalId; }

bool isStream(const Invoker &I) { return I.source == "kinesis" || I.source == "dynamodb"; }

void analyzeFunctions(const Project &P, const LambdaOptions &Options, std::vector<Finding> &Findings) {
  LambdaContext Ctx{P, Options};
  FindingSink Sink;
  for (const auto &Check : makeLambdaChecks()) {
    const RuleInfo *Rule = findRule(Check->ruleId());
    if (Rule && !Rule->enabledByDefault && !Options.enabled.count(Check->ruleId()))
      continue;
    for (const Deployable &F : P.deployables)
      if (F.kind == Deployable::Kind::Function)
        Check->check(F, Ctx, Sink);
  }
  for (Finding &F : Sink.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::lambda
