//===- analyzers/iam/ActionNames.h - Reading "service:action" patterns -*- C++ -*-===//
#pragma once

#include "core/IamActions.h"
#include "core/Policy.h"

#include <functional>
#include <string_view>

namespace fnlint::iam {

/// What an action string of a policy names, judged against the database.
enum class ActionName {
  Everything,      ///< "*"
  ServiceWildcard, ///< a wildcard in the service part: not judged here
  NoService,       ///< no "service:" prefix
  UnknownService,
  UnknownAction,  ///< known service, literal action it does not have
  MatchesNothing, ///< known service, a pattern no action matches
  Known,
};

ActionName classifyAction(std::string_view Action, const IamDatabase &Db);

/// Calls \p Visit for every known action string of every statement (Action
/// and NotAction) the user wrote: not for those of SAM policy templates.
void forEachAction(const Policy &P, const std::function<void(const PolicyString &)> &Visit);

} // namespace fnlint::iam
