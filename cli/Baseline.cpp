//===- cli/Baseline.cpp - Findings accepted as they are ---------------------===//
#include "cli/Baseline.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fnlint::cli {

namespace {

constexpr int BaselineVersion = 1;
constexpr std::uintmax_t MaxBaselineBytes = 256u << 20;

bool isHash(const std::string &S) {
  if (S.size() != 32)
    return false;
  for (char C : S)
    if (!((C >= '0' && C <= '9') || (C >= 'a' && C <= 'f')))
      return false;
  return true;
}

} // namespace

Baseline makeBaseline(const std::vector<Finding> &Findings) {
  Baseline B;
  for (const Finding &F : Findings)
    B.entries.push_back({F.ruleId, F.location.displayPath(), F.location.region.startLine, F.fingerprint,
                         F.contentHash});
  return B;
}

std::string baselineText(const Baseline &B) {
  // One entry per line keeps diffs of the file readable in review.
  std::ostringstream OS;
  OS << "{\n  \"fnlintBaseline\": " << BaselineVersion << ",\n  \"entries\": [";
  for (std::size_t I = 0; I < B.entries.size(); ++I) {
    const BaselineEntry &E = B.entries[I];
    nlohmann::ordered_json J;
    J["rule"] = E.rule;
    J["path"] = E.path;
    J["line"] = E.line;
    J["fingerprint"] = E.fingerprint;
    J["contentHash"] = E.contentHash;
    OS << (I ? ",\n    " : "\n    ") << J.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  OS << (B.entries.empty() ? "]\n}\n" : "\n  ]\n}\n");
  return OS.str();
}

bool loadBaseline(const std::string &Path, Baseline &Out, std::string &Error) {
  namespace fs = std::filesystem;
  std::error_code EC;
  if (!fs::is_regular_file(Path, EC)) {
    Error = Path + ": no such baseline file (make one with `fnlint baseline create -o " + Path + "`)";
    return false;
  }
  if (fs::file_size(Path, EC) > MaxBaselineBytes) {
    Error = Path + ": larger than 256 MB; not a baseline";
    return false;
  }
  std::ifstream In(Path, std::ios::binary);
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  nlohmann::json J = nlohmann::json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object()) {
    Error = Path + ": not JSON; not a baseline";
    return false;
  }
  if (!J.contains("fnlintBaseline") || J["fnlintBaseline"] != BaselineVersion || !J.contains("entries") ||
      !J["entries"].is_array()) {
    Error = Path + ": not an fnlint baseline of version " + std::to_string(BaselineVersion);
    return false;
  }
  std::size_t N = 0;
  for (const auto &E : J["entries"]) {
    ++N;
    BaselineEntry B;
    if (!E.is_object() || !E.value("rule", nlohmann::json()).is_string() ||
        !E.value("fingerprint", nlohmann::json()).is_string() ||
        !E.value("contentHash", nlohmann::json()).is_string()) {
      Error = Path + ": entry " + std::to_string(N) + " needs rule, fingerprint and contentHash";
      return false;
    }
    B.rule = E["rule"];
    B.fingerprint = E["fingerprint"];
    B.contentHash = E["contentHash"];
    if (!isHash(B.fingerprint) || !isHash(B.contentHash)) {
      Error = Path + ": entry " + std::to_string(N) + " has a malformed hash";
      return false;
    }
    if (E.contains("path") && E["path"].is_string())
      B.path = E["path"];
    if (E.contains("line") && E["line"].is_number_unsigned())
      B.line = E["line"];
    Out.entries.push_back(std::move(B));
  }
  return true;
}

BaselineMatch matchBaseline(const Baseline &B, const std::vector<Finding> &Findings) {
  BaselineMatch M;
  M.findingMatched.assign(Findings.size(), false);
  M.entryUsed.assign(B.entries.size(), false);
  // Unused entries by key, in file order, so that matching is deterministic.
  std::multimap<std::pair<std::string, std::string>, std::size_t> ByFingerprint, ByContent;
  for (std::size_t I = 0; I < B.entries.size(); ++I) {
    ByFingerprint.emplace(std::make_pair(B.entries[I].rule, B.entries[I].fingerprint), I);
    ByContent.emplace(std::make_pair(B.entries[I].rule, B.entries[I].contentHash), I);
  }
  auto Take = [&](std::multimap<std::pair<std::string, std::string>, std::size_t> &Index,
                  const std::pair<std::string, std::string> &Key) -> bool {
    auto [Begin, End] = Index.equal_range(Key);
    for (auto It = Begin; It != End; ++It)
      if (!M.entryUsed[It->second]) {
        M.entryUsed[It->second] = true;
        return true;
      }
    return false;
  };
  // Exact identities first, for every finding, so that a renamed file's
  // findings cannot take entries that unchanged findings need.
  for (std::size_t I = 0; I < Findings.size(); ++I)
    M.findingMatched[I] = Take(ByFingerprint, {Findings[I].ruleId, Findings[I].fingerprint});
  for (std::size_t I = 0; I < Findings.size(); ++I)
    if (!M.findingMatched[I])
      M.findingMatched[I] = Take(ByContent, {Findings[I].ruleId, Findings[I].contentHash});
  return M;
}

} // namespace fnlint::cli
