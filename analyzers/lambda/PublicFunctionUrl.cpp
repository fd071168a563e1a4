//===- PublicFunctionUrl.cpp - lambda/public-function-url -------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

class PublicFunctionUrl final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/public-function-url"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    const std::optional<FunctionUrl> &U = F.config.url;
    if (!U || !U->authType.known() || U->authType.value != "NONE")
      return;
    Out.report(ruleId(),
               functionName(F) + " has a function URL with AuthType NONE: anyone on the internet can invoke it" +
                   (U->corsAllowsAnyOrigin ? ", and its CORS configuration lets any web origin call it from a "
                                             "browser (AllowOrigins: *)"
                                           : ""),
               U->authType.location);
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makePublicFunctionUrl() { return std::make_unique<PublicFunctionUrl>(); }
} // namespace fnlint::lambda
