//===- analyzers/iam/IamCheck.h - IAM rule interface --------------*- C++ -*-===//
//
// One iam rule = one IamCheck subclass in its own file, named after the rule
// (rules/iam/unknown-action.yaml -> UnknownAction.cpp), registered in
// IamModule.cpp. Checks read Project::policies (core/Policy.h) whatever file
// the policy came from, and the action database (core/IamActions.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/FindingSink.h"
#include "core/IamActions.h"
#include "core/Project.h"

#include <memory>
#include <string_view>
#include <vector>

namespace fnlint::iam {

struct IamContext {
  const Project &project;
  const IamDatabase &database;
  /// The principal each policy is attached to (null for a policy alone).
  std::vector<const IamPrincipal *> owners;
};

class IamCheck {
public:
  virtual ~IamCheck();
  virtual std::string_view ruleId() const = 0;
  /// Judges one policy document.
  virtual void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const = 0;
  /// Judges what no single document decides (a function and its role's
  /// trust policies); runs once per scan. Most checks need only check().
  virtual void checkProject(const IamContext &, FindingSink &) const {}
};

std::vector<std::unique_ptr<IamCheck>> makeIamChecks();

/// Runs every iam rule on every policy of \p P, on up to \p Jobs threads.
void analyzePolicies(const Project &P, unsigned Jobs, std::vector<Finding> &Findings);

/// "policy OrdersRole/queue" as messages name a policy.
std::string policyName(const Policy &P);

/// How messages name the \p Index-th statement (1-based) of a policy:
/// `statement "ReadOrders"` when it has a Sid, else `statement 2`.
std::string statementName(const PolicyStatement &S, std::size_t Index);

/// The policy's text is AWS's, not the user's (a SAM policy template, which
/// SAM deploys as it is): validation rules skip it, since the user can neither
/// fix nor suppress it in their template. Security rules still judge it.
bool isAwsWrittenPolicy(const Policy &P);

/// Values fnlint itself could not know (Terraform's "unknown until apply"):
/// not a broken document.
bool isUnknownDocument(const Policy &P);

} // namespace fnlint::iam
