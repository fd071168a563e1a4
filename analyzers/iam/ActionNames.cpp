#include "analyzers/iam/ActionNames.h"

#include "analyzers/iam/IamCheck.h"

#include "analyzers/iam/PolicyEval.h"

namespace fnlint::iam {

ActionName classifyAction(std::string_view Action, const IamDatabase &Db) {
  if (isAllStars(Action))
    return ActionName::Everything;
  std::size_t Colon = Action.find(':');
  if (Colon == std::string_view::npos || Colon == 0)
    return ActionName::NoService;
  std::string_view Service = Action.substr(0, Colon);
  if (Service.find_first_of("*?") != std::string_view::npos)
    return ActionName::ServiceWildcard;
  if (!Db.findService(Service))
    return ActionName::UnknownService;
  std::string_view Name = Action.substr(Colon + 1);
  if (Name.find_first_of("*?") != std::string_view::npos)
    return Db.matchesAny(Action) ? ActionName::Known : ActionName::MatchesNothing;
  return Db.findAction(Action) ? ActionName::Known : ActionName::UnknownAction;
}

void forEachAction(const Policy &P, const std::function<void(const PolicyString &)> &Visit) {
  // SAM deploys a template's actions as they are (sqs:DeleteMessageBatch included).
  if (isAwsWrittenPolicy(P))
    return;
  for (const PolicyStatement &S : P.statements)
    for (const PolicyString &A : S.actions)
      if (A.known)
        Visit(A);
}

} // namespace fnlint::iam
