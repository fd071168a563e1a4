//===- PermissionMissingSource.cpp - lambda/permission-missing-source -------===//
//
// A service principal without SourceArn or SourceAccount: any account's
// resource of that service can make the service invoke the function (the
// confused deputy). An error for S3, whose bucket names are global: a
// bucket deleted in one account can be created in another.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/LambdaCheck.h"

namespace fnlint::lambda {
namespace {

bool isServicePrincipal(std::string_view P) {
  for (std::string_view Suffix : {".amazonaws.com", ".amazonaws.com.cn", ".amazon.com"})
    if (P.size() > Suffix.size() && P.substr(P.size() - Suffix.size()) == Suffix)
      return true;
  return false;
}

class PermissionMissingSource final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/permission-missing-source"; }

  void check(const Deployable &F, const LambdaContext &, FindingSink &Out) const override {
    for (const PermissionGrant &G : F.config.permissions) {
      if (!G.principal.known() || !isServicePrincipal(G.principal.value))
        continue;
      if (G.sourceArn.written() || G.sourceAccount.written() || G.principalOrgId.written() || G.otherCondition)
        continue;
      bool S3 = G.principal.value.rfind("s3.", 0) == 0;
      Finding &R = Out.report(ruleId(),
                              "permission " + G.id + " lets " + G.principal.value + " invoke " + functionName(F) +
                                  " on behalf of any account: add SourceArn (and SourceAccount)" +
                                  (S3 ? "; S3 bucket names are global, so a bucket name you delete can be taken by "
                                        "another account"
                                      : ""),
                              G.principal.location);
      if (S3)
        R.level = Level::Error;
      R.fingerprintKey = F.logicalId + " " + G.id;
    }
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makePermissionMissingSource() { return std::make_unique<PermissionMissingSource>(); }
} // namespace fnlint::lambda
