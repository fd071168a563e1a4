//===- fuzz/fuzz_policy.cpp - IAM policy documents and their semantics ---===//
//
// The input is a policy JSON file (a document alone or `aws iam` CLI output).
// It goes through the scan and every analyzer (the iam/* rules among them),
// then PolicyEval answers questions built from the policy's own strings, so
// the wildcard matchers meet patterns and ARNs the fuzzer wrote.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "analyzers/iam/PolicyEval.h"
#include "core/IamActions.h"
#include "fuzz/FuzzSupport.h"

#include <vector>

using namespace fnlint;

namespace {

/// Every action and resource string the policy holds, at most \p Max of each.
void collect(const Policy &P, std::vector<std::string_view> &Actions, std::vector<std::string_view> &Resources,
             std::size_t Max) {
  for (const PolicyStatement &S : P.statements) {
    for (const PolicyString &A : S.actions)
      if (Actions.size() < Max)
        Actions.push_back(A.value);
    for (const PolicyString &R : S.resources)
      if (Resources.size() < Max)
        Resources.push_back(R.value);
  }
}

} // namespace

int fnlint::fuzz::policy(const std::uint8_t *Data, std::size_t Size) {
  Project Scanned =
      fuzz::scanOneFile("policy.json", std::string_view(reinterpret_cast<const char *>(Data), Size));
  const IamDatabase &Db = IamDatabase::embedded();
  std::vector<const Policy *> All;
  std::vector<std::string_view> Actions = {"s3:GetObject", "iam:PassRole"};
  std::vector<std::string_view> Resources = {"*", "arn:aws:s3:::bucket/key"};
  for (const Policy &P : Scanned.policies) {
    All.push_back(&P);
    collect(P, Actions, Resources, 8);
  }
  for (std::string_view Action : Actions) {
    const IamAction *Info = Db.findAction(Action);
    (void)Db.matchesAny(Action);
    for (std::string_view Resource : Resources) {
      (void)iam::evaluate(All, Action, Resource);
      (void)iam::resourceMatches(Resource, Resource);
    }
    (void)iam::findGrant(All, Action, Info, iam::ResourceScope::Every);
    for (const Policy *P : All)
      for (const PolicyStatement &S : P->statements) {
        (void)iam::statementCoversAction(S, Action);
        (void)iam::statementCoversEveryResource(S, Info);
      }
  }
  return 0;
}
