//===- PolicyTooLarge.cpp - iam/policy-too-large ----------------------------===//
//
// IAM's size quotas, in characters without whitespace: managed policies
// 6,144; inline policies of a role 10,240 (together), a user 2,048, a group
// 5,120; a role's trust policy 2,048 (default quota); a Lambda resource
// policy 20,480. A document fnlint could not size (computed parts) is not judged.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {
namespace {

class PolicyTooLarge final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/policy-too-large"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    if (!P.characters || P.invalid)
      return;
    std::uint64_t Limit = 6144;
    std::string What = "a managed policy";
    if (P.kind == Policy::Kind::Trust) {
      Limit = 2048;
      What = "a role trust policy (default quota)";
    } else if (P.kind == Policy::Kind::Resource) {
      Limit = 20480;
      What = "a resource-based policy";
    } else if (P.source == "inline") {
      const IamPrincipal *Owner = Ctx.owners[static_cast<std::size_t>(&P - Ctx.project.policies.data())];
      if (!Owner)
        return;
      switch (Owner->kind) {
      case IamPrincipal::Kind::Role:
        Limit = 10240, What = "a role's inline policies";
        break;
      case IamPrincipal::Kind::User:
        Limit = 2048, What = "a user's inline policies";
        break;
      case IamPrincipal::Kind::Group:
        Limit = 5120, What = "a group's inline policies";
        break;
      case IamPrincipal::Kind::Function:
        return;
      }
    }
    if (P.characters <= Limit)
      return;
    Finding &F = Out.report(ruleId(),
                            policyName(P) + " has " + std::to_string(P.characters) +
                                " characters without whitespace; IAM allows " + std::to_string(Limit) + " for " + What,
                            P.location);
    F.fingerprintKey = P.name;
    F.properties["characters"] = P.characters;
    F.properties["limit"] = Limit;
  }
};

} // namespace
std::unique_ptr<IamCheck> makePolicyTooLarge() { return std::make_unique<PolicyTooLarge>(); }
} // namespace fnlint::iam
