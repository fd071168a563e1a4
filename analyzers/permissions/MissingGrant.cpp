//===- MissingGrant.cpp - permissions/missing-grant ------------------------===//
//
// A call of the handler needs an action that no Allow statement of the
// function's role applies to, on any resource. A conditional Allow counts as
// allowing (the condition may hold), and so does a statement whose action or
// effect fnlint could not read. Deny statements are not considered: the
// rule reports a grant that is missing, not one that is taken away.
//
//===----------------------------------------------------------------------===//
#include "analyzers/permissions/PermissionsCheck.h"

#include "analyzers/iam/PolicyEval.h"

#include <set>

namespace fnlint::permissions {
namespace {

/// Whether some Allow of \p Policies may apply to \p Action.
bool mayAllow(const std::vector<const Policy *> &Policies, std::string_view Action) {
  for (const Policy *Pol : Policies)
    for (const PolicyStatement &S : Pol->statements) {
      if (!S.hasAction || !S.effect || !S.hasResource)
        continue;
      if (S.effect->known && S.effect->value != "Allow")
        continue;
      if (iam::statementCoversAction(S, Action) != false)
        return true; // covers it, or an unknown value might
    }
  return false;
}

class MissingGrant final : public PermissionsCheck {
public:
  std::string_view ruleId() const override { return "permissions/missing-grant"; }

  void check(const RoleView &R, FindingSink &Out) const override {
    for (const RoleUser &U : R.users) {
      std::set<std::pair<std::string, std::string>> Seen; // action, call location
      for (const NeededCall &C : U.calls) {
        if (C.mapped.kind != MappedCall::Kind::Actions)
          continue;
        for (const std::string &Action : C.mapped.actions) {
          if (mayAllow(R.policies, Action) ||
              !Seen.insert({Action, C.call->location.displayPath() + ":" + std::to_string(C.call->location.region.startLine) + ":" + std::to_string(C.call->location.region.startColumn)}).second)
            continue;
          Finding &F = Out.report(ruleId(),
                                  callName(*C.call) + " needs " + Action + ", which no statement of role " +
                                      R.role->id + " (function " + U.function->logicalId + ") allows",
                                  C.call->location);
          F.fingerprintKey = R.role->id + "/" + U.function->logicalId + "/" + Action;
          F.properties["action"] = Action;
          F.properties["role"] = R.role->id;
          F.properties["function"] = U.function->logicalId;
          F.properties["call"] = {{"sdk", sdkName(C.call->sdk)},
                                  {"service", C.call->service},
                                  {"operation", C.call->operation}};
        }
      }
    }
  }
};

} // namespace
std::unique_ptr<PermissionsCheck> makeMissingGrant() { return std::make_unique<MissingGrant>(); }
} // namespace fnlint::permissions
