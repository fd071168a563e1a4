//===- NearSizeLimit.cpp - package/near-size-limit --------------------------===//
//
// A package within reach of a limit breaks on the next dependency bump. Fires
// above PackageOptions::nearLimitRatio of the zipped or unzipped limit, and
// never together with the rule for the limit itself being exceeded.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

#include <cmath>

namespace fnlint::package {
namespace {

std::string percent(std::uint64_t Part, std::uint64_t Whole) {
  return std::to_string(static_cast<int>(std::floor(100.0 * static_cast<double>(Part) / static_cast<double>(Whole)))) + "%";
}

class NearSizeLimit final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/near-size-limit"; }

  static bool near(std::uint64_t Size, std::uint64_t Limit, double Ratio) {
    return Size <= Limit && static_cast<double>(Size) > Ratio * static_cast<double>(Limit);
  }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    double Ratio = Ctx.options.nearLimitRatio;
    // The zipped limit binds direct uploads only (see TooLargeZipped.cpp).
    if (P.origin == Package::Origin::DiskArchive && P.role == Package::Role::LambdaLike &&
        near(P.archiveBytes, Ctx.limits.zippedDirectUploadBytes, Ratio)) {
      std::uint64_t Limit = Ctx.limits.zippedDirectUploadBytes;
      Finding &F = Out.report(ruleId(),
                              packageName(P) + " is " + humanBytes(P.archiveBytes) + ", " +
                                  percent(P.archiveBytes, Limit) + " of the " + humanBytes(Limit) +
                                  " limit for uploading a .zip directly to Lambda",
                              P.anchor);
      F.fingerprintKey = "zipped";
      F.properties = {{"limit", "zipped"}, {"bytes", P.archiveBytes}, {"limitBytes", Limit}};
    }
    std::uint64_t Size = P.unpackedBytes(), Limit = Ctx.limits.unzippedBytes;
    if (near(Size, Limit, Ratio)) {
      Finding &F = Out.report(ruleId(),
                              packageName(P) + " unzips to " + humanBytes(Size) + ", " + percent(Size, Limit) +
                                  " of Lambda's " + humanBytes(Limit) + " limit for code and layers together",
                              P.anchor);
      F.fingerprintKey = "unzipped";
      F.properties = {{"limit", "unzipped"}, {"bytes", Size}, {"limitBytes", Limit}};
    }
  }

  void checkFunctions(const CheckContext &Ctx, FindingSink &Out) const override {
    std::uint64_t Limit = Ctx.limits.unzippedBytes;
    double Ratio = Ctx.options.nearLimitRatio;
    for (const FunctionSize &S : functionSizes(Ctx.project)) {
      if (S.parts.size() < 2 || !near(S.totalBytes, Limit, Ratio))
        continue;
      bool PartNear = false; // then that package's own finding says it
      for (const auto &Part : S.parts)
        PartNear |= static_cast<double>(Part.bytes) > Ratio * static_cast<double>(Limit);
      if (PartNear)
        continue;
      Finding &F = Out.report(ruleId(),
                              S.function->logicalId + " unzips to " + humanBytes(S.totalBytes) +
                                  " with its layers, " + percent(S.totalBytes, Limit) + " of Lambda's " +
                                  humanBytes(Limit) + " limit for code and layers together",
                              S.function->location);
      F.fingerprintKey = "function";
      F.properties = {{"limit", "unzipped"}, {"bytes", S.totalBytes}, {"limitBytes", Limit}};
    }
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeNearSizeLimit() { return std::make_unique<NearSizeLimit>(); }

} // namespace fnlint::package
