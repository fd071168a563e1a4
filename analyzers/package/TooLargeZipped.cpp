//===- TooLargeZipped.cpp - package/too-large-zipped ------------------------===//
//
// A .zip larger than 50 MB cannot be uploaded to Lambda directly (console,
// CreateFunction/UpdateFunctionCode with ZipFile, `sam deploy` without an S3
// bucket); it has to go through S3. Only archives on disk have a zipped size.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

namespace fnlint::package {
namespace {

class TooLargeZipped final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/too-large-zipped"; }

  /// CloudFormation, SAM and the Serverless Framework always hand the code
  /// to Lambda through S3, where the 50 MB limit does not apply; only a zip no
  /// template deploys may be headed for a direct upload.
  bool appliesTo(const Package &P) const override {
    return PackageCheck::appliesTo(P) && P.origin == Package::Origin::DiskArchive &&
           P.role == Package::Role::LambdaLike;
  }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    std::uint64_t Limit = Ctx.limits.zippedDirectUploadBytes;
    if (P.archiveBytes <= Limit)
      return;
    Finding &F = Out.report(
        ruleId(),
        packageName(P) + " is " + humanBytes(P.archiveBytes) + " (" + exactBytes(P.archiveBytes) +
            "), over the " + humanBytes(Limit) + " limit for uploading a .zip directly to Lambda (" +
            exactBytes(Limit) + "); upload it through S3 instead, where the " +
            humanBytes(Ctx.limits.unzippedBytes) + " unzipped limit still applies",
        P.anchor);
    F.properties = {{"archiveBytes", P.archiveBytes}, {"limitBytes", Limit}};
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeTooLargeZipped() { return std::make_unique<TooLargeZipped>(); }

} // namespace fnlint::package
