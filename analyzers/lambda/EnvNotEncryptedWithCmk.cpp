//===- EnvNotEncryptedWithCmk.cpp - lambda/env-not-encrypted-with-cmk (opinionated, off by default) -===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class EnvNotEncryptedWithCmk final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/env-not-encrypted-with-cmk"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    if (!settingsKnown(F) || F.environmentVariables.empty() || F.config.kmsKeyArn.written())
      return;
    Out.report(ruleId(),
               functionName(F) + " has environment variables encrypted only with the AWS managed key: set "
                                 "KmsKeyArn to a customer managed key to control who can read them",
               F.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeEnvNotEncryptedWithCmk() { return std::make_unique<EnvNotEncryptedWithCmk>(); }
} // namespace fnlint::lambda
