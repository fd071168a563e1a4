//===- ActionMatchesNothing.cpp - iam/action-matches-nothing ---------------------------------------------===//
#include "analyzers/iam/ActionNames.h"
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class ActionMatchesNothing final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/action-matches-nothing"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    forEachAction(P, [&](const PolicyString &A) {
      ActionName Kind = classifyAction(A.value, Ctx.database);
      if (!(Kind == ActionName::MatchesNothing))
        return;
      std::string S = "the pattern " + A.value + " matches no action of its service, so it grants (or denies) nothing";
      Finding &F = Out.report(ruleId(), S + " (in " + policyName(P) + ")", A.location);
      F.fingerprintKey = P.name + " " + A.value;
    });
  }
};

} // namespace
std::unique_ptr<IamCheck> makeActionMatchesNothing() { return std::make_unique<ActionMatchesNothing>(); }
} // namespace fnlint::iam
