//===- analyzers/iam/TrustPolicy.h - Who may assume a role ---------*- C++ -*-===//
//
// What the trust-policy rules share: which statements grant role assumption,
// what an AWS principal value names (anyone, an account), and which
// conditions pin the caller. Values fnlint could not read never count as
// "anyone" or "another account", and always count as a pin: a rule never
// fires on an unknown value.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Policy.h"

#include <initializer_list>
#include <string>
#include <string_view>

namespace fnlint::iam {

/// The statement's Effect is known and is \p Effect ("Allow", "Deny").
bool hasEffect(const PolicyStatement &S, std::string_view Effect);

/// \p S applies to one of \p Actions (Action patterns, NotAction); false
/// when an unknown value decides it.
bool coversAnyAction(const PolicyStatement &S, std::initializer_list<std::string_view> Actions);

/// sts:AssumeRole, sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML.
bool grantsAssumeRole(const PolicyStatement &S);

/// An AWS principal value that stands for any AWS account: "*", or an ARN
/// whose account is a pattern (`arn:aws:iam::*:root`).
bool isAnyAccount(std::string_view AwsPrincipal);

/// The condition of \p S that restricts \p Keys to given values (an
/// operator that must match, no IfExists, no negation, no ForAllValues, not
/// every value "*"); null when none does. Key names compare without case.
const PolicyCondition *pinningCondition(const PolicyStatement &S, std::initializer_list<std::string_view> Keys);

} // namespace fnlint::iam
