#include "analyzers/lambda/HandlerLookup.h"

#include <algorithm>
#include <memory>

namespace fnlint::lambda {

PackageIndex::PackageIndex(const Package &P, std::uint64_t MaxSourceBytes) : Pkg(P), MaxSourceBytes(MaxSourceBytes) {
  for (const PackageEntry &E : P.entries)
    if (E.isFile() || E.isSymlink())
      Files.emplace(E.path, &E);
}

const PackageEntry *PackageIndex::find(const std::string &Path) const {
  auto It = Files.find(Path);
  return It == Files.end() ? nullptr : It->second;
}

std::optional<std::string> PackageIndex::text(const PackageEntry &E) const {
  if (!E.isFile() || E.size > MaxSourceBytes)
    return std::nullopt;
  std::string Error, Out;
  std::unique_ptr<EntryReader> R = Pkg.open(E, Error);
  if (!R || !R->readAll(Out, MaxSourceBytes))
    return std::nullopt;
  return Out;
}

InputProblem sourceTooLarge(const Location &Where, std::uint64_t Size, const ResourceLimits &Limits,
                            std::string_view Language, bool Configured) {
  InputProblem P;
  P.level = Configured ? Level::Warning : Level::Note;
  P.location = Where;
  P.location.region = {};
  P.message = "not analysed as " + std::string(Language) + " handler code: " + formatSize(Size) + ", more than " +
              describeLimit(Limits, "source-bytes");
  if (Size <= Limits.maxFileBytes)
    P.message += " (its secrets are still scanned)";
  return P;
}

InputProblem analysisOutOfTime(const Location &Where, const ResourceLimits &Limits, std::string_view Language) {
  InputProblem P;
  P.level = Level::Warning;
  P.location = Where;
  P.location.region = {};
  P.message = "the " + std::string(Language) + " handler analysis stopped: " + describeLimit(Limits, "file-seconds") +
              " seconds were spent on this file; findings before that point are reported";
  return P;
}

bool PackageIndex::anyWithPrefix(const std::string &Prefix) const {
  auto It = Files.lower_bound(Prefix);
  return It != Files.end() && std::string_view(It->first).substr(0, Prefix.size()) == Prefix;
}

std::optional<PythonHandlerName> splitPythonHandler(std::string_view Handler) {
  std::size_t Dot = Handler.rfind('.');
  if (Dot == std::string_view::npos || Dot == 0 || Dot + 1 == Handler.size())
    return std::nullopt;
  PythonHandlerName N{std::string(Handler.substr(0, Dot)), std::string(Handler.substr(Dot + 1))};
  std::replace(N.modulePath.begin(), N.modulePath.end(), '.', '/');
  return N;
}

const PackageEntry *findPythonModule(const PackageIndex &Idx, const std::string &ModulePath) {
  if (const PackageEntry *File = Idx.find(ModulePath + ".py"))
    return File;
  return Idx.find(ModulePath + "/__init__.py");
}

} // namespace fnlint::lambda
