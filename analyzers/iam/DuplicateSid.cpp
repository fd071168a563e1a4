//===- DuplicateSid.cpp - iam/duplicate-sid ---------------------------------===//
#include "analyzers/iam/IamCheck.h"

#include <map>

namespace fnlint::iam {
namespace {

class DuplicateSid final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/duplicate-sid"; }

  void check(const Policy &P, const IamContext &, FindingSink &Out) const override {
    std::map<std::string, const PolicyString *> Seen;
    for (const PolicyStatement &S : P.statements) {
      if (!S.sid || !S.sid->known || S.sid->value.empty() || S.conditional)
        continue;
      auto [It, New] = Seen.emplace(S.sid->value, &*S.sid);
      if (New)
        continue;
      Finding &F =
          Out.report(ruleId(),
                     policyName(P) + " has two statements with Sid \"" + S.sid->value + "\" (the first on line " +
                         std::to_string(It->second->location.region.startLine) + ")",
                     S.sid->location);
      F.fingerprintKey = P.name + " " + S.sid->value;
    }
  }
};

} // namespace
std::unique_ptr<IamCheck> makeDuplicateSid() { return std::make_unique<DuplicateSid>(); }
} // namespace fnlint::iam
