#include "reporters/Reporters.h"

#include "reporters/JsonSupport.h"

#include <nlohmann/json.hpp>

namespace fnlint {

namespace {

using nlohmann::ordered_json;

ordered_json regionJson(const Region &R) {
  if (!R.known())
    return nullptr;
  ordered_json J;
  J["startLine"] = R.startLine;
  if (R.startColumn)
    J["startColumn"] = R.startColumn;
  if (R.startColumn && R.endLine >= R.startLine && R.endColumn) {
    J["endLine"] = R.endLine;
    J["endColumn"] = R.endColumn;
  }
  return J;
}

ordered_json locationJson(const Location &L) {
  ordered_json J;
  J["path"] = L.path;
  J["members"] = L.members;
  J["display"] = L.displayPath();
  J["region"] = regionJson(L.region);
  if (L.logical.empty()) {
    J["logical"] = nullptr;
  } else {
    J["logical"] = {{"name", L.logical.name},
                    {"fullyQualifiedName", L.logical.fullyQualifiedName},
                    {"kind", L.logical.kind}};
  }
  return J;
}

} // namespace

void writeJson(const ScanReport &R, std::ostream &OS, const JsonOptions &Options) {
  ordered_json Doc;
  Doc["schemaVersion"] = 1;
  Doc["tool"] = {{"name", "fnlint"}, {"version", FNLINT_VERSION}};

  auto FindingJson = [](const Finding &F) {
    ordered_json J;
    J["ruleId"] = F.ruleId;
    J["level"] = levelName(F.level);
    J["message"] = F.message;
    J["location"] = locationJson(F.location);
    J["fingerprint"] = F.fingerprint;
    J["properties"] = toOrdered(F.properties);
    if (F.suppression)
      J["suppression"] = {{"kind", F.suppression->kind},
                          {"justification", F.suppression->justification},
                          {"location", locationJson(F.suppression->location)}};
    return J;
  };
  ordered_json Findings = ordered_json::array();
  for (const Finding &F : R.findings)
    Findings.push_back(FindingJson(F));
  Doc["findings"] = std::move(Findings);
  if (Options.showSuppressed) {
    ordered_json Suppressed = ordered_json::array();
    for (const Finding &F : R.suppressed)
      Suppressed.push_back(FindingJson(F));
    Doc["suppressed"] = std::move(Suppressed);
  }

  ordered_json Problems = ordered_json::array();
  for (const InputProblem &P : R.problems)
    Problems.push_back({{"level", levelName(P.level)}, {"message", P.message}, {"location", locationJson(P.location)}});
  Doc["problems"] = std::move(Problems);

  ordered_json Inv;
  Inv["templates"] = R.inventory.templates;
  ordered_json Functions = ordered_json::array();
  for (const auto &F : R.inventory.functions) {
    ordered_json J;
    J["logicalId"] = F.logicalId;
    J["kind"] = F.kind;
    J["resourceType"] = F.resourceType;
    J["location"] = locationJson(F.location);
    J["runtime"] = F.runtime.empty() ? ordered_json(nullptr) : ordered_json(F.runtime);
    J["handler"] = F.handler.empty() ? ordered_json(nullptr) : ordered_json(F.handler);
    J["code"] = F.code.empty() ? ordered_json(nullptr) : ordered_json(F.code);
    if (F.kind == "function") {
      ordered_json Invokers = ordered_json::array();
      for (const auto &I : F.invokers)
        Invokers.push_back({{"source", I.source},
                            {"kind", I.kind},
                            {"evidence", I.evidence},
                            {"location", locationJson(I.location)}});
      J["invokers"] = std::move(Invokers);
    }
    Functions.push_back(std::move(J));
  }
  Inv["functions"] = std::move(Functions);
  ordered_json Packages = ordered_json::array();
  for (const auto &P : R.inventory.packages) {
    ordered_json J;
    J["path"] = P.location.path;
    J["members"] = P.location.members;
    J["kind"] = P.kind;
    J["role"] = P.role;
    J["archiveBytes"] = P.archiveBytes;
    J["unpackedBytes"] = P.unpackedBytes;
    J["entries"] = P.entries;
    J["deployedBy"] = P.deployedBy;
    J["runtimes"] = P.runtimes;
    Packages.push_back(std::move(J));
  }
  Inv["packages"] = std::move(Packages);
  ordered_json Handlers = ordered_json::array();
  for (const auto &H : R.inventory.cppHandlers)
    Handlers.push_back({{"function", H.function}, {"location", locationJson(H.location)}});
  Inv["cppHandlers"] = std::move(Handlers);
  ordered_json Calls = ordered_json::array();
  for (const auto &I : R.inventory.sdkCalls) {
    ordered_json List = ordered_json::array();
    for (const auto &C : I.calls)
      List.push_back({{"sdk", C.sdk},
                      {"service", C.service},
                      {"operation", C.operation},
                      {"actions", C.actions},
                      {"mapped", C.mapped},
                      {"location", locationJson(C.location)}});
    ordered_json Partial = ordered_json::array();
    for (const auto &P : I.partial)
      Partial.push_back({{"reason", P.reason}, {"location", locationJson(P.location)}});
    Calls.push_back({{"function", I.function},
                     {"handler", locationJson(I.handler)},
                     {"complete", I.partial.empty()},
                     {"calls", std::move(List)},
                     {"partial", std::move(Partial)}});
  }
  Inv["sdkCalls"] = std::move(Calls);
  Doc["inventory"] = std::move(Inv);

  Doc["summary"] = {{"error", R.count(Level::Error)},
                    {"warning", R.count(Level::Warning)},
                    {"note", R.count(Level::Note)},
                    {"suppressed", R.suppressed.size()},
                    {"baselined", R.baselined},
                    {"problems", R.problems.size()},
                    {"filesScanned", R.filesSeen}};
  if (!R.diffBase.empty())
    Doc["summary"]["unchangedSince"] = {{"ref", R.diffBase}, {"findings", R.unchanged}};
  OS << Doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace fnlint
