//===- UnknownConditionKey.cpp - iam/unknown-condition-key ------------------===//
#include "analyzers/iam/IamCheck.h"

#include <set>

namespace fnlint::iam {
namespace {

bool isAws(std::string_view Prefix) {
  return Prefix.size() == 3 && (Prefix[0] | 0x20) == 'a' && (Prefix[1] | 0x20) == 'w' && (Prefix[2] | 0x20) == 's';
}

class UnknownConditionKey final : public IamCheck {
public:
  std::string_view ruleId() const override { return "iam/unknown-condition-key"; }

  void check(const Policy &P, const IamContext &Ctx, FindingSink &Out) const override {
    if (isAwsWrittenPolicy(P))
      return;
    for (std::size_t I = 0; I < P.statements.size(); ++I) {
      const PolicyStatement &S = P.statements[I];
      for (const PolicyCondition &C : S.conditions) {
        std::string Problem = keyProblem(C.key, Ctx.database);
        if (Problem.empty())
          continue;
        std::string Msg = "condition key " + C.key + " in " + statementName(S, I + 1) + " " + Problem;
        if (std::string Near = suggestion(C.key, Ctx.database); !Near.empty())
          Msg += "; did you mean " + Near + "?";
        Finding &F = Out.report(ruleId(), Msg + " (in " + policyName(P) + ")", C.location);
        F.fingerprintKey = P.name + " " + C.key;
      }
    }
  }

private:
  /// "aws:SourceVpce" for "SourceVpce"; else the database's closest key.
  static std::string suggestion(const std::string &Key, const IamDatabase &Db) {
    if (Key.find(':') == std::string::npos) {
      const IamConditionKey *Global = Db.findConditionKey("aws:" + Key);
      return Global ? std::string(Global->key) : std::string();
    }
    return Db.suggestConditionKey(Key);
  }

  /// What is wrong with \p Key, or empty when it is known or not fnlint's to judge.
  static std::string keyProblem(std::string_view Key, const IamDatabase &Db) {
    if (Key.find("${") != std::string_view::npos || Db.findConditionKey(Key))
      return {}; // a Serverless variable, or a key IAM knows
    std::size_t Colon = Key.find(':');
    if (Colon == std::string_view::npos)
      return "has no prefix (aws:SourceArn, s3:prefix, ...), so no request ever has it";
    std::string_view Prefix = Key.substr(0, Colon);
    // Identity providers' keys (token.actions.githubusercontent.com:sub,
    // oidc.eks.REGION.amazonaws.com/id/ID:sub, saml:aud) and unknown services'
    // keys are not judged: IAM takes any provider's, and iam/unknown-service
    // reports unknown services.
    if (isAws(Prefix))
      return "is not a global condition key";
    if (const IamService *S = Db.findService(Prefix))
      return "is not a condition key of " + std::string(S->name) + " (" + std::string(S->prefix) + ")";
    return {};
  }
};

} // namespace
std::unique_ptr<IamCheck> makeUnknownConditionKey() { return std::make_unique<UnknownConditionKey>(); }
} // namespace fnlint::iam
