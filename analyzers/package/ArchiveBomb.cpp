//===- ArchiveBomb.cpp - package/archive-bomb -------------------------------===//
//
// Reports the safety limits the archive reader enforced (core/Limits.h):
// entries with an extreme compression ratio, central directories declaring
// absurd totals, overlapping entries, archives nested too deep. The reader
// already stopped reading what crossed a limit; this check says so.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"

namespace fnlint::package {
namespace {

const char *kindName(LimitViolation::Kind K) {
  switch (K) {
  case LimitViolation::Kind::CompressionRatio:
    return "compression-ratio";
  case LimitViolation::Kind::DeclaredTotal:
    return "declared-total";
  case LimitViolation::Kind::NestingDepth:
    return "nesting-depth";
  case LimitViolation::Kind::NestedArchives:
    return "nested-archives";
  case LimitViolation::Kind::OverlappingEntries:
    return "overlapping-entries";
  }
  return "limit";
}

class ArchiveBomb final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/archive-bomb"; }

  bool appliesTo(const Package &P) const override { return !P.violations.empty(); }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    for (const LimitViolation &V : P.violations) {
      Location L = P.location;
      L.region = {};
      L.logical = {};
      if (!V.member.empty())
        L.members.push_back(V.member);
      std::string Subject = V.member.empty() ? packageName(P) : L.displayPath();
      // Depth and count limits already say what was left unopened.
      // So does the line counting the entries over the ratio beyond the first few.
      bool SaysWhatStopped = V.kind == LimitViolation::Kind::NestingDepth ||
                             V.kind == LimitViolation::Kind::NestedArchives ||
                             (V.kind == LimitViolation::Kind::CompressionRatio && V.member.empty());
      std::string Stopped = SaysWhatStopped ? ""
                            : V.member.empty() ? "; fnlint stopped reading this archive"
                                               : "; fnlint stopped reading this entry";
      Finding &F = Out.report(ruleId(), Subject + ": " + V.detail + Stopped, std::move(L));
      F.fingerprintKey = std::string(kindName(V.kind)) + ":" + V.member;
      F.properties = {{"limit", kindName(V.kind)}};
    }
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeArchiveBomb() { return std::make_unique<ArchiveBomb>(); }

} // namespace fnlint::package
