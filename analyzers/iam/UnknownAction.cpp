//===- UnknownAction.cpp - iam/unknown-action ---------------------------------------------===//
#include "analyzers/iam/ActionNames.h"
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class UnknownAction final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/unknown-action"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    forEachAction(P, [&](const PolicyString &A) {
      ActionName Kind = classifyAction(A.value, Ctx.database);
      if (!(Kind == ActionName::UnknownAction))
        return;
      std::string S = "action " + A.value + " is not an action of its service";
      if (std::string Near = Ctx.database.suggestAction(A.value); !Near.empty())
        S += "; did you mean " + Near + "?";
      Finding &F = Out.report(ruleId(), S + " (in " + policyName(P) + ")", A.location);
      F.fingerprintKey = P.name + " " + A.value;
    });
  }
};

} // namespace
std::unique_ptr<IamCheck> makeUnknownAction() { return std::make_unique<UnknownAction>(); }
} // namespace fnlint::iam
