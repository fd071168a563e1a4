//===- analyzers/iam/RuleEngine.h - Declarative IAM rules ---------*- C++ -*-===//
//
// Runs every rule whose YAML has a `match:` block (docs/rule-language.md):
// over every statement of every policy, or over each principal's policies.
// The block was validated at build time; here it is compiled once and
// evaluated with the policy semantics of PolicyEval.h and the action database.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/iam/IamCheck.h"

namespace fnlint::iam {

/// Reports the findings of every declarative iam rule on \p P.
void runDeclarativeRules(const Policy &P, const IamContext &Ctx, FindingSink &Out);

/// Reports the findings of every declarative rule over a principal's whole
/// policy set (`match.principal`): each role, user and group with its identity
/// policies, and each identity policy attached to nothing fnlint saw. Subjects
/// are judged on up to \p Jobs threads; the findings come in subject order.
void runPrincipalRules(const IamContext &Ctx, FindingSink &Out, unsigned Jobs = 1);

} // namespace fnlint::iam
