//===- scanner/PermissionPolicies.cpp - Permission resources as a resource policy ===//
//
// AWS::Lambda::Permission and aws_lambda_permission each add one statement to
// the function's resource-based policy. Lambda writes it as
//   {Sid, Effect: Allow, Principal, Action, Resource: <function ARN>,
//    Condition: {ArnLike: {aws:SourceArn}, StringEquals: {aws:SourceAccount,
//    aws:PrincipalOrgID, lambda:FunctionUrlAuthType}, Bool: {lambda:InvokedViaFunctionUrl}}}
// and fnlint synthesizes the same, every element pointing at the property it
// comes from, so the iam rules judge it like any policy (an unknown action,
// a service principal). The PermissionGrants stay: the lambda rules read them.
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

namespace fnlint {

namespace {

/// A setting as a policy element: absent -> nullopt, unknown -> unknown.
std::optional<PolicyString> element(const Setting<std::string> &S) {
  if (S.absent())
    return std::nullopt;
  return PolicyString{S.known() ? S.value : std::string(), S.location, S.known()};
}

/// How Lambda files a Principal: "*" as is, service names under Service,
/// accounts and ARNs under AWS.
std::string principalType(const Setting<std::string> &P) {
  if (!P.known())
    return "AWS";
  if (P.value == "*")
    return "*";
  bool Service = P.value.find(".amazonaws.com") != std::string::npos || P.value.find(".amazon.com") != std::string::npos;
  return Service ? "Service" : "AWS";
}

PolicyStatement statementOf(const PermissionGrant &G) {
  PolicyStatement S;
  S.location = G.location;
  S.effect = PolicyString{"Allow", G.location, true};
  S.hasAction = true;
  if (std::optional<PolicyString> Action = element(G.action))
    S.actions.push_back(std::move(*Action));
  S.hasResource = true; // the function's ARN, which the service fills in
  S.resources.push_back({"", G.location, false});
  if (std::optional<PolicyString> Principal = element(G.principal)) {
    S.hasPrincipal = true;
    S.principals.push_back({principalType(G.principal), {*Principal}, Principal->location});
  }
  struct Condition {
    const Setting<std::string> &setting;
    const char *op;
    const char *key;
  };
  for (const Condition &C : {Condition{G.sourceArn, "ArnLike", "aws:SourceArn"},
                             Condition{G.sourceAccount, "StringEquals", "aws:SourceAccount"},
                             Condition{G.principalOrgId, "StringEquals", "aws:PrincipalOrgID"},
                             Condition{G.functionUrlAuthType, "StringEquals", "lambda:FunctionUrlAuthType"},
                             Condition{G.invokedViaFunctionUrl, "Bool", "lambda:InvokedViaFunctionUrl"}})
    if (std::optional<PolicyString> Value = element(C.setting))
      S.conditions.push_back({C.op, C.key, {*Value}, Value->location});
  return S;
}

} // namespace

void addPermissionPolicies(TemplateLoad &Out) {
  for (const Deployable &D : Out.deployables) {
    if (D.kind != Deployable::Kind::Function || D.config.permissions.empty())
      continue;
    Policy P;
    P.kind = Policy::Kind::Resource;
    P.name = D.logicalId + " resource policy";
    P.source = "permission";
    P.location = D.config.permissions.front().location;
    P.version = PolicyString{"2012-10-17", P.location, true}; // what Lambda writes
    for (const PermissionGrant &G : D.config.permissions)
      P.statements.push_back(statementOf(G));
    IamPrincipal Owner;
    Owner.kind = IamPrincipal::Kind::Function;
    Owner.id = D.logicalId;
    Owner.location = D.location;
    Owner.policies.push_back(Out.policies.size());
    Out.policies.push_back(std::move(P));
    Out.principals.push_back(std::move(Owner));
  }
}

} // namespace fnlint
