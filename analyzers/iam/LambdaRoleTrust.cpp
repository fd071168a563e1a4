//===- LambdaRoleTrust.cpp - iam/lambda-role-trust -------------------------===//
//
// A function's execution role is declared in the scan with its trust policy,
// and that policy does not let lambda.amazonaws.com assume it (or an
// unconditional Deny stops it): creating the function fails ("The role
// defined for the function cannot be assumed by Lambda"). Roles the scan
// only names (another stack, an ARN), roles SAM or the Serverless Framework
// generate (they write the trust), and trust statements fnlint cannot read
// are never reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/iam/IamCheck.h"
#include "analyzers/iam/PolicyEval.h"
#include "analyzers/iam/TrustPolicy.h"

namespace fnlint::iam {
namespace {

constexpr std::string_view LambdaService = "lambda.amazonaws.com";

/// Whether \p S names Lambda among its principals; nullopt when a value
/// fnlint could not read might.
std::optional<bool> namesLambda(const PolicyStatement &S) {
  if (S.notPrincipal || (S.hasPrincipal && S.principals.empty()))
    return std::nullopt;
  bool Uncertain = false;
  for (const PolicyPrincipal &P : S.principals)
    for (const PolicyString &V : P.values) {
      if (!V.known) {
        Uncertain = Uncertain || P.type == "Service";
        continue;
      }
      if ((P.type == "Service" && V.value == LambdaService) || ((P.type == "*" || P.type == "AWS") && V.value == "*"))
        return true;
    }
  return Uncertain ? std::nullopt : std::optional<bool>(false);
}

/// What the trust policies \p Trust decide for Lambda assuming the role.
struct TrustVerdict {
  bool allowed = false;
  bool uncertain = false;
  const PolicyStatement *deny = nullptr; ///< an unconditional Deny for Lambda
};

TrustVerdict judge(const std::vector<const Policy *> &Trust) {
  TrustVerdict V;
  for (const Policy *P : Trust) {
    if (P->invalid) {
      V.uncertain = true;
      continue;
    }
    for (const PolicyStatement &S : P->statements) {
      std::optional<bool> Covers = statementCoversAction(S, "sts:AssumeRole");
      std::optional<bool> Lambda = namesLambda(S);
      bool Allow = hasEffect(S, "Allow"), Deny = hasEffect(S, "Deny");
      if (!Allow && !Deny) {
        V.uncertain = true;
        continue;
      }
      if (Covers == false || Lambda == false)
        continue;
      if (!Covers || !Lambda) {
        V.uncertain = V.uncertain || Allow;
        continue;
      }
      if (Allow)
        V.allowed = true; // conditions or not: fnlint cannot say they fail
      else if (S.conditions.empty() && !S.conditional && !V.deny)
        V.deny = &S;
    }
  }
  return V;
}

class LambdaRoleTrust final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/lambda-role-trust"; }

  void check(const Policy &, const IamContext &, FindingSink &) const override {}

  void checkProject(const IamContext &Ctx, FindingSink &Out) const override {
    for (const Deployable &D : Ctx.project.deployables) {
      if (D.kind != Deployable::Kind::Function)
        continue;
      const IamPrincipal *Role = roleOf(D, Ctx.project);
      if (!Role)
        continue;
      std::vector<const Policy *> Trust;
      for (std::size_t I : Role->policies)
        if (I < Ctx.project.policies.size() && Ctx.project.policies[I].kind == Policy::Kind::Trust)
          Trust.push_back(&Ctx.project.policies[I]);
      if (Trust.empty())
        continue;
      TrustVerdict V = judge(Trust);
      if (!V.deny && (V.allowed || V.uncertain))
        continue;
      std::string Why = V.deny ? "a Deny statement of its trust policy stops lambda.amazonaws.com from assuming it"
                               : "its trust policy does not let lambda.amazonaws.com assume it (sts:AssumeRole)";
      Finding &F = Out.report(ruleId(),
                              "function " + D.logicalId + " runs with role " + Role->id + ", but " + Why +
                                  ": Lambda cannot use the role, and creating or updating the function fails",
                              D.config.role.written() ? D.config.role.location : D.location);
      F.fingerprintKey = D.logicalId + " " + Role->id;
    }
  }

private:
  /// The role \p D runs with, when the scan declares it: by its id in the
  /// function's file, or by the name in the role ARN (`aws iam get-role`
  /// output beside `aws lambda get-function` output).
  static const IamPrincipal *roleOf(const Deployable &D, const Project &P) {
    const Setting<std::string> &Role = D.config.role;
    if (Role.resolvedFrom == "the role SAM creates")
      return nullptr; // SAM writes its trust policy, even over a role of the same name
    const std::string &Name = D.config.rolePrincipal;
    if (Name.empty())
      return Role.known() ? roleByArn(P.iamPrincipals, Role.value, D.location.path) : nullptr;
    for (const IamPrincipal &Pr : P.iamPrincipals)
      if (Pr.kind == IamPrincipal::Kind::Role && Pr.id == Name && Pr.location.path == D.location.path)
        return &Pr;
    return nullptr;
  }
};

} // namespace
std::unique_ptr<IamCheck> makeLambdaRoleTrust() { return std::make_unique<LambdaRoleTrust>(); }
} // namespace fnlint::iam
