//===- PermissionAnyPrincipal.cpp - lambda/permission-any-principal ---------===//
//
// A statement open to "*" with nothing that narrows who may call. The grant
// a public function URL needs (FunctionUrlAuthType NONE) is reported by
// lambda/public-function-url instead, once.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class PermissionAnyPrincipal final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/permission-any-principal"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    for (const PermissionGrant &G : F.config.permissions) {
      if (!G.principal.known() || G.principal.value != "*")
        continue;
      if (G.sourceArn.written() || G.sourceAccount.written() || G.principalOrgId.written() || G.otherCondition)
        continue;
      if (G.functionUrlAuthType.written() || (G.invokedViaFunctionUrl.known() && G.invokedViaFunctionUrl.value == "true"))
        continue; // the grants a function URL needs: lambda/public-function-url judges the URL
      Finding &R = Out.report(ruleId(),
                              "permission " + G.id + " lets any principal (\"*\") " +
                                  (G.action.known() ? "call " + G.action.value : std::string("invoke")) + " on " +
                                  functionName(F) + " with no SourceArn, SourceAccount or PrincipalOrgID condition",
                              G.principal.location);
      R.fingerprintKey = F.logicalId + " " + G.id;
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makePermissionAnyPrincipal() { return std::make_unique<PermissionAnyPrincipal>(); }
} // namespace fnlint::lambda
