#include "analyzers/package/PackageCheck.h"

#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace fnlint::package {

const LambdaLimits &LambdaLimits::get() {
  // A function-local static: initialised on first use, not at start-up.
  static const LambdaLimits Limits = [] {
    LambdaLimits L;
    const DataTableInfo *T = findDataTable("lambda-limits");
    auto J = nlohmann::json::parse(T->json);
    const auto &V = J.at("values");
    L.zippedDirectUploadBytes = V.at("zipped-direct-upload-bytes").get<std::uint64_t>();
    L.unzippedBytes = V.at("unzipped-bytes").get<std::uint64_t>();
    return L;
  }();
  return Limits;
}

PackageCheck::~PackageCheck() = default;

bool PackageCheck::appliesTo(const Package &P) const {
  return P.isLambdaCode() && !P.isNested() && !P.unreadable && !isHostile(P);
}

bool isHostile(const Package &P) {
  return std::any_of(P.violations.begin(), P.violations.end(), [](const LimitViolation &V) {
    return V.kind == LimitViolation::Kind::DeclaredTotal ||
           V.kind == LimitViolation::Kind::OverlappingEntries;
  });
}

std::string packageName(const Package &P) {
  if (P.isFolder() && P.singleFile)
    return P.location.path;
  if (P.isFolder())
    return P.location.path == "." ? "./" : P.location.path + "/";
  return P.location.displayPath();
}

std::string_view baseName(std::string_view Path) {
  auto Slash = Path.rfind('/');
  return Slash == std::string_view::npos ? Path : Path.substr(Slash + 1);
}

std::vector<FunctionSize> functionSizes(const Project &P) {
  std::vector<FunctionSize> Out;
  for (const Deployable &D : P.deployables) {
    if (D.kind != Deployable::Kind::Function || !D.package || D.package->unreadable || !D.package->isLambdaCode())
      continue;
    FunctionSize S;
    S.function = &D;
    S.parts.push_back({"code", D.package, D.package->unpackedBytes()});
    for (const std::string &LayerId : D.layers) {
      const Deployable *Layer = P.findDeployable(D.location.path, LayerId);
      if (!Layer || Layer->kind != Deployable::Kind::Layer || !Layer->package || Layer->package->unreadable ||
          !Layer->package->isLambdaCode()) {
        ++S.unknownLayers;
        continue;
      }
      S.parts.push_back({LayerId, Layer->package, Layer->package->unpackedBytes()});
    }
    for (const auto &Part : S.parts)
      S.totalBytes = addSaturating(S.totalBytes, Part.bytes);
    Out.push_back(std::move(S));
  }
  return Out;
}

std::vector<std::pair<std::string, std::uint64_t>> largestFolders(const Package &P, std::size_t Count) {
  std::map<std::string, std::uint64_t> Sizes;
  for (const PackageEntry &E : P.entries) {
    if (!E.isFile())
      continue;
    // Group by the first component, or by the dependency for node_modules and
    // site-packages, where "node_modules" alone would say nothing.
    std::string_view Path = E.path;
    std::size_t Cut = Path.find('/');
    if (Cut == std::string_view::npos)
      continue; // a file at the root is not a folder
    for (std::string_view Marker : {"node_modules/", "site-packages/"}) {
      std::size_t M = Path.find(Marker);
      if (M == std::string_view::npos)
        continue;
      std::size_t Start = M + Marker.size();
      std::size_t End = Path.find('/', Start);
      if (End != std::string_view::npos && Path[Start] == '@')
        End = Path.find('/', End + 1);
      if (End != std::string_view::npos)
        Cut = End;
      break;
    }
    Sizes[std::string(Path.substr(0, Cut)) + "/"] += E.size;
  }
  std::vector<std::pair<std::string, std::uint64_t>> V(Sizes.begin(), Sizes.end());
  std::stable_sort(V.begin(), V.end(), [](const auto &A, const auto &B) { return A.second > B.second; });
  if (V.size() > Count)
    V.resize(Count);
  return V;
}

} // namespace fnlint::package
