//===- TooLargeUnzipped.cpp - package/too-large-unzipped --------------------===//
//
// Lambda refuses code whose unzipped size, layers and custom runtime
// included, exceeds 250 MB, however it was uploaded. Judged per package (a
// function's code or a layer on its own) and per function (its code with the
// layers the template attaches, when no part alone is already over).
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

namespace fnlint::package {
namespace {

std::string folderSummary(const Package &P) {
  auto Folders = largestFolders(P, 3);
  if (Folders.empty())
    return "";
  std::string S = "; the largest folders are ";
  for (std::size_t I = 0; I < Folders.size(); ++I) {
    if (I)
      S += ", ";
    S += Folders[I].first + " (" + humanBytes(Folders[I].second) + ")";
  }
  return S;
}

class TooLargeUnzipped final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/too-large-unzipped"; }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    std::uint64_t Limit = Ctx.limits.unzippedBytes, Size = P.unpackedBytes();
    if (Size <= Limit)
      return;
    Finding &F = Out.report(ruleId(),
                            packageName(P) + " unzips to " + humanBytes(Size) + " (" + exactBytes(Size) +
                                "), over Lambda's " + humanBytes(Limit) + " limit (" + exactBytes(Limit) +
                                ") for a function's code and layers together" + folderSummary(P),
                            P.anchor);
    F.fingerprintKey = "package";
    F.properties = {{"unzippedBytes", Size}, {"limitBytes", Limit}};
  }

  void checkFunctions(const CheckContext &Ctx, FindingSink &Out) const override {
    std::uint64_t Limit = Ctx.limits.unzippedBytes;
    for (const FunctionSize &S : functionSizes(Ctx.project)) {
      if (S.totalBytes <= Limit || S.parts.size() < 2)
        continue;
      bool PartOver = false;
      for (const auto &Part : S.parts)
        PartOver |= Part.bytes > Limit; // reported on that package already
      if (PartOver)
        continue;
      std::string Parts;
      nlohmann::json PartsJson = nlohmann::json::array();
      for (const auto &Part : S.parts) {
        Parts += (Parts.empty() ? "" : ", ") + (Part.name == "code" ? "its code " + packageName(*Part.package)
                                                                     : "layer " + Part.name) +
                 " (" + humanBytes(Part.bytes) + ")";
        PartsJson.push_back({{"name", Part.name}, {"package", packageName(*Part.package)}, {"bytes", Part.bytes}});
      }
      std::string Unknown = S.unknownLayers ? ", not counting " + std::to_string(S.unknownLayers) +
                                                  " layer(s) fnlint cannot see"
                                            : "";
      Finding &F = Out.report(ruleId(),
                              S.function->logicalId + " unzips to " + humanBytes(S.totalBytes) + " (" +
                                  exactBytes(S.totalBytes) + ") with its layers" + Unknown + ": " + Parts +
                                  "; Lambda's limit for code and layers together is " + humanBytes(Limit) +
                                  " (" + exactBytes(Limit) + ")",
                              S.function->location);
      F.fingerprintKey = "function";
      F.properties = {{"unzippedBytes", S.totalBytes}, {"limitBytes", Limit}, {"parts", PartsJson}};
    }
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeTooLargeUnzipped() { return std::make_unique<TooLargeUnzipped>(); }

} // namespace fnlint::package
