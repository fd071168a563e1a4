//===- analyzers/iam/PolicyEval.h - What a set of policies allows --*- C++ -*-===//
//
// The question every iam/* rule asks: do these policies allow this action on
// this resource? Answered with IAM's evaluation logic for identity-based
// policies: an explicit Deny wins; otherwise any Allow allows; otherwise the
// request is not allowed. Conditions are not evaluated (there is no request
// context in a static scan): a conditional Allow still allows and is
// reported as conditional, and a conditional Deny never removes an Allow.
// Values fnlint could not read (a `!Sub` resource, an action known only at
// deploy time) make the answer uncertain rather than wrong.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/IamActions.h"
#include "core/Policy.h"

#include <optional>
#include <string_view>
#include <vector>

namespace fnlint::iam {

/// "*", "**", ...: a pattern that matches everything.
bool isAllStars(std::string_view Pattern);

/// IAM action matching: case-insensitive; `*` any run, `?` one character.
bool actionMatches(std::string_view Pattern, std::string_view Action);

/// IAM resource matching: `*` alone matches everything; otherwise the six
/// ARN segments are compared one by one, partition, service, region and
/// account case-insensitively, the resource part case-sensitively with `*`
/// spanning `/` and `:`. Policy variables (`${aws:username}`) match any text
/// when \p VariablesAreWildcards (version 2012-10-17), else they are literal.
bool resourceMatches(std::string_view Pattern, std::string_view Arn, bool VariablesAreWildcards = true);

enum class Decision { Allow, Deny, NotAllowed };

struct Verdict {
  Decision decision = Decision::NotAllowed;
  /// Every Allow that matched has a condition: allowed only when it holds.
  bool conditional = false;
  /// A value fnlint could not read might change the answer.
  bool uncertain = false;
  /// The statements that allow (or, for Deny, deny), for messages.
  std::vector<const PolicyStatement *> statements;
};

/// What \p Policies (identity policies of one principal) decide for \p Action
/// on \p Resource ("*" for actions that only accept "*").
Verdict evaluate(const std::vector<const Policy *> &Policies, std::string_view Action, std::string_view Resource);

/// Whether \p S applies to \p Action (Action / NotAction); nullopt when an
/// unknown value decides it.
std::optional<bool> statementCoversAction(const PolicyStatement &S, std::string_view Action);

/// Whether \p S's Resource (or NotResource) reaches every resource \p Action
/// applies to: `"*"`, or patterns that cover every ARN of each resource type
/// the action requires (`arn:aws:iam::123456789012:role/*` covers every role
/// of that account; `role/orders-*` or `user/${aws:username}` do not). Only
/// `"*"` reaches actions without resource types. A NotResource list reaches
/// everything unless it excludes `"*"`. Nullopt when an unknown value decides.
std::optional<bool> statementCoversEveryResource(const PolicyStatement &S, const IamAction *Action);

/// A statement of a principal's policies that allows an action.
struct Grant {
  const Policy *policy = nullptr;
  const PolicyStatement *statement = nullptr;
  std::size_t index = 0; ///< 1-based, as statementName() counts
  /// The statement has a condition: it allows only when that holds.
  bool conditional = false;
};

enum class ResourceScope : std::uint8_t {
  Every, ///< the action on every resource it applies to
  Some,  ///< the action on at least one resource
};

/// The statement through which \p Policies (identity policies of one
/// principal) allow \p Action within \p Scope, preferring an unconditional
/// one; nullopt when none does, when an unconditional Deny reaching every
/// resource removes it, or when an unknown value might (a rule never fires on
/// what fnlint could not read). \p Info is the action in the database, or null.
std::optional<Grant> findGrant(const std::vector<const Policy *> &Policies, std::string_view Action,
                               const IamAction *Info, ResourceScope Scope);

} // namespace fnlint::iam
