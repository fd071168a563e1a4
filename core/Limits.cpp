//===- core/Limits.cpp - The table of configurable caps ---------------------===//
#include "core/Limits.h"

#include <cmath>

namespace fnlint {

namespace {

constexpr LimitSpec Specs[] = {
    {"archive-depth", LimitUnit::Count, "archives nested deeper than this are not opened",
     &ResourceLimits::maxDepth, 0, 32},
    {"inflated-bytes", LimitUnit::Bytes, "an archive declaring more uncompressed bytes is a zip bomb",
     &ResourceLimits::maxDeclaredBytes},
    {"compression-ratio", LimitUnit::Ratio, "an entry over 1 MB inflating more times its size is a zip bomb",
     nullptr},
    {"archive-entries", LimitUnit::Count, "entries read from one archive", &ResourceLimits::maxEntries},
    {"nested-archive-bytes", LimitUnit::Bytes, "a larger nested archive is listed, not opened",
     &ResourceLimits::maxNestedArchiveBytes},
    {"nested-total-bytes", LimitUnit::Bytes, "nested archives inflated under one package, in all",
     &ResourceLimits::maxNestedTotalBytes},
    {"nested-archives", LimitUnit::Count, "archives opened under one package", &ResourceLimits::maxNestedArchives},
    {"file-bytes", LimitUnit::Bytes, "a larger file is not scanned for secrets", &ResourceLimits::maxFileBytes},
    {"source-bytes", LimitUnit::Bytes, "larger handler source is not analysed", &ResourceLimits::maxSourceBytes},
    {"template-bytes", LimitUnit::Bytes, "a larger template, plan or policy is not read",
     &ResourceLimits::maxTemplateBytes},
    {"yaml-aliases", LimitUnit::Count, "nodes YAML aliases may add to one document",
     &ResourceLimits::maxYamlAliasNodes},
    {"file-seconds", LimitUnit::Seconds, "time one analysis may spend on one file", &ResourceLimits::maxFileSeconds},
};

} // namespace

const LimitSpec *limitSpecs(std::size_t &Count) {
  Count = sizeof(Specs) / sizeof(Specs[0]);
  return Specs;
}

const LimitSpec *findLimit(std::string_view Key) {
  for (const LimitSpec &S : Specs)
    if (S.key == Key)
      return &S;
  return nullptr;
}

std::string formatSize(std::uint64_t Bytes) {
  static constexpr struct {
    std::uint64_t Size;
    const char *Suffix;
  } Units[] = {{1ull << 40, "TB"}, {1ull << 30, "GB"}, {1ull << 20, "MB"}, {1ull << 10, "KB"}};
  for (const auto &U : Units)
    if (Bytes >= U.Size && Bytes % U.Size == 0)
      return std::to_string(Bytes / U.Size) + U.Suffix;
  return std::to_string(Bytes) + " bytes";
}

std::string formatLimit(const ResourceLimits &L, const LimitSpec &Spec) {
  if (!Spec.count) {
    double R = L.maxCompressionRatio;
    if (R == std::floor(R) && R < 1e15)
      return std::to_string(static_cast<std::uint64_t>(R));
    std::string S = std::to_string(R);
    while (!S.empty() && S.back() == '0')
      S.pop_back();
    return S;
  }
  std::uint64_t V = L.*Spec.count;
  return Spec.unit == LimitUnit::Bytes ? formatSize(V) : std::to_string(V);
}

bool setLimit(ResourceLimits &L, const LimitSpec &Spec, double Value, std::string &Error) {
  double Max = Spec.max ? static_cast<double>(Spec.max) : 1.8e19;
  if (!(Value >= static_cast<double>(Spec.min)) || !(Value <= Max) || (Spec.count && Value != std::floor(Value))) {
    Error = "limits." + std::string(Spec.key) + " must be " +
            (Spec.count ? "a whole number" : std::string("a number")) + " from " + std::to_string(Spec.min) +
            (Spec.max ? " to " + std::to_string(Spec.max) : std::string(" up"));
    return false;
  }
  if (!Spec.count)
    L.maxCompressionRatio = Value;
  else
    L.*Spec.count = static_cast<std::uint64_t>(Value);
  return true;
}

std::string describeLimit(const ResourceLimits &L, std::string_view Key) {
  const LimitSpec *Spec = findLimit(Key);
  if (!Spec)
    return "limits." + std::string(Key);
  return "limits." + std::string(Key) + " = " + formatLimit(L, *Spec);
}

} // namespace fnlint
