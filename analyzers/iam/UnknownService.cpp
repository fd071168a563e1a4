//===- UnknownService.cpp - iam/unknown-service ---------------------------------------------===//
#include "analyzers/iam/ActionNames.h"
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class UnknownService final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/unknown-service"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    forEachAction(P, [&](const PolicyString &A) {
      ActionName Kind = classifyAction(A.value, Ctx.database);
      if (!(Kind == ActionName::UnknownService || Kind == ActionName::NoService))
        return;
      std::string S = Kind == ActionName::NoService
                          ? "action " + A.value + " has no service prefix (service:action)"
                          : "action " + A.value + " names no AWS service the action database knows";
      if (Kind == ActionName::UnknownService)
        if (const IamService *Near = Ctx.database.suggestService(A.value.substr(0, A.value.find(':'))))
          S += "; did you mean " + std::string(Near->prefix) + ":?";
      Finding &F = Out.report(ruleId(), S + " (in " + policyName(P) + ")", A.location);
      F.fingerprintKey = P.name + " " + A.value;
    });
  }
};

} // namespace
std::unique_ptr<IamCheck> makeUnknownService() { return std::make_unique<UnknownService>(); }
} // namespace fnlint::iam
