//===- cli/MergeCommand.cpp - fnlint merge: many SARIF logs, one ------------===//
//
// A fleet scan (docs/fleet-scans.md) leaves one SARIF log per shard; GitHub
// code scanning and most dashboards want one, and GitHub rejects an upload
// with two runs of one category. Runs with the same category (what
// run.automationDetails.id holds up to its last '/') become one run: results concatenated, rules
// deduplicated by id with every ruleIndex re-pointed, artifacts deduplicated
// with their indices re-pointed, notifications concatenated, extensions
// deduplicated (identical results and notifications once). Runs of different
// categories stay apart. The output depends only on the inputs' contents, not
// on the order of the arguments: inputs are read in the order of their text,
// runs come out by category, results by file, line, column, rule and
// fingerprint (suppressed ones last, as fnlint writes them).
//
//===----------------------------------------------------------------------===//
#include "cli/Commands.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

namespace fnlint::cli {

namespace {

using ordered_json = nlohmann::ordered_json;

/// Reads \p Path as a SARIF 2.1.0 log whose every run fnlint wrote.
bool readFnlintSarif(const std::string &Path, ordered_json &Log, std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "cannot be read";
    return false;
  }
  std::stringstream Text;
  Text << In.rdbuf();
  Log = ordered_json::parse(Text.str(), nullptr, /*allow_exceptions=*/false);
  if (Log.is_discarded()) {
    Error = "is not valid JSON";
    return false;
  }
  if (!Log.is_object() || Log.value("version", ordered_json()) != "2.1.0" || !Log.contains("runs") ||
      !Log["runs"].is_array()) {
    Error = "is not a SARIF 2.1.0 log (no \"version\": \"2.1.0\" with a \"runs\" array)";
    return false;
  }
  for (std::size_t I = 0; I < Log["runs"].size(); ++I) {
    const ordered_json &Run = Log["runs"][I];
    const ordered_json *Name = nullptr;
    if (Run.is_object() && Run.contains("tool") && Run["tool"].is_object() && Run["tool"].contains("driver") &&
        Run["tool"]["driver"].is_object() && Run["tool"]["driver"].contains("name"))
      Name = &Run["tool"]["driver"]["name"];
    if (!Name || *Name != "fnlint") {
      Error = "run " + std::to_string(I + 1) + " was not written by fnlint (tool.driver.name is " +
              (Name ? Name->dump() : std::string("missing")) + ")";
      return false;
    }
    for (const char *Array : {"results", "artifacts", "invocations"})
      if (Run.contains(Array) && !Run[Array].is_array()) {
        Error = "run " + std::to_string(I + 1) + ": \"" + Array + "\" is not an array";
        return false;
      }
  }
  return true;
}

std::string automationId(const ordered_json &Run) {
  auto It = Run.find("automationDetails");
  if (It == Run.end() || !It->is_object())
    return "";
  return It->value("id", std::string());
}

/// GitHub's reading of automationDetails.id: the category is everything up to
/// the last '/' ("fnlint/shard-2" is a run of category "fnlint"). Kept with
/// its '/', which is how fnlint writes ids.
std::string categoryOf(const std::string &Id) {
  std::size_t Slash = Id.rfind('/');
  return Slash == std::string::npos ? std::string() : Id.substr(0, Slash + 1);
}

/// A place to re-point: `Obj[Key]`, an index into an old array, becomes the
/// index \p Map gives, or disappears when the old index was out of range.
void repoint(ordered_json &Obj, const char *Key, const std::vector<std::size_t> &Map) {
  auto It = Obj.find(Key);
  if (It == Obj.end())
    return;
  if (It->is_number_unsigned() && It->get<std::size_t>() < Map.size())
    *It = Map[It->get<std::size_t>()];
  else
    Obj.erase(Key);
}

/// Every artifactLocation of a result: locations, related locations, the
/// analysis target.
void repointArtifactLocations(ordered_json &Result, const std::vector<std::size_t> &Artifacts) {
  auto InLocation = [&](ordered_json &Loc) {
    if (Loc.is_object() && Loc.contains("physicalLocation") && Loc["physicalLocation"].is_object() &&
        Loc["physicalLocation"].contains("artifactLocation") &&
        Loc["physicalLocation"]["artifactLocation"].is_object())
      repoint(Loc["physicalLocation"]["artifactLocation"], "index", Artifacts);
  };
  for (const char *Array : {"locations", "relatedLocations"})
    if (Result.contains(Array) && Result[Array].is_array())
      for (ordered_json &Loc : Result[Array])
        InLocation(Loc);
  if (Result.contains("analysisTarget") && Result["analysisTarget"].is_object())
    repoint(Result["analysisTarget"], "index", Artifacts);
  // fnlint's own pointer to the archive member an archive finding is about.
  if (Result.contains("properties") && Result["properties"].is_object())
    repoint(Result["properties"], "memberArtifactIndex", Artifacts);
}

/// One output run: every input run of one category.
class MergedRun {
public:
  explicit MergedRun(const ordered_json &First) : Base(First) {}

  void add(const ordered_json &Run, const std::string &File) {
    SameId = SameId && automationId(Run) == automationId(Base);
    const ordered_json &Driver = Run["tool"]["driver"];
    std::string Version = Driver.value("version", std::string());
    if (Version != Base["tool"]["driver"].value("version", std::string()))
      Mixed.insert(File + " (fnlint " + Version + ")");

    std::vector<std::size_t> RuleMap;
    if (Driver.contains("rules") && Driver["rules"].is_array())
      for (const ordered_json &Rule : Driver["rules"])
        RuleMap.push_back(addRule(Rule));
    if (Run["tool"].contains("extensions") && Run["tool"]["extensions"].is_array())
      for (const ordered_json &Ext : Run["tool"]["extensions"])
        if (ExtensionKeys.insert(Ext.value("name", std::string()) + "@" + Ext.value("version", std::string()) +
                                 (Ext.contains("name") ? "" : Ext.dump()))
                .second)
          Extensions.push_back(Ext);
    std::vector<std::size_t> ArtifactMap = addArtifacts(Run.value("artifacts", ordered_json::array()));

    for (ordered_json Result : Run.value("results", ordered_json::array())) {
      if (!Result.is_object())
        continue;
      if (Result.contains("ruleId") && Result["ruleId"].is_string()) {
        auto It = RuleIndex.find(Result["ruleId"].get<std::string>());
        if (It != RuleIndex.end())
          Result["ruleIndex"] = It->second;
        else
          Result.erase("ruleIndex");
      } else {
        repoint(Result, "ruleIndex", RuleMap);
      }
      repointArtifactLocations(Result, ArtifactMap);
      // The same log given twice (or overlapping shards) adds nothing.
      if (SeenResults.insert(Result.dump()).second)
        Results.push_back(std::move(Result));
    }

    for (const ordered_json &Invocation : Run.value("invocations", ordered_json::array())) {
      if (!Invocation.is_object())
        continue;
      Successful = Successful && Invocation.value("executionSuccessful", true);
      for (const char *Kind : {"toolExecutionNotifications", "toolConfigurationNotifications"})
        if (Invocation.contains(Kind) && Invocation[Kind].is_array())
          for (const ordered_json &N : Invocation[Kind])
            if (SeenNotifications.insert(N.dump()).second) // one problem seen by every shard: once
              Notifications[Kind].push_back(N);
    }
  }

  ordered_json finish(const std::string &Category) {
    for (const std::string &M : Mixed)
      std::fprintf(stderr, "fnlint: warning: merge: category '%s': %s differs from the first log's fnlint version\n",
                   Category.c_str(), M.c_str());
    std::stable_sort(Results.begin(), Results.end(), [](const ordered_json &A, const ordered_json &B) {
      return sortKey(A) < sortKey(B);
    });
    ordered_json Run = Base;
    // Runs of one category with different run ids: the merged run is none of them.
    if (!SameId) {
      if (Category.empty())
        Run.erase("automationDetails");
      else
        Run["automationDetails"]["id"] = Category;
    }
    Run["tool"]["driver"]["rules"] = std::move(Rules);
    if (!Extensions.empty() || Run["tool"].contains("extensions"))
      Run["tool"]["extensions"] = std::move(Extensions);
    ordered_json Invocation;
    Invocation["executionSuccessful"] = Successful;
    for (auto &[Kind, List] : Notifications)
      Invocation[Kind] = std::move(List);
    Run["invocations"] = ordered_json::array({std::move(Invocation)});
    // artifacts before results, as fnlint writes them; columnKind last.
    std::optional<ordered_json> ColumnKind;
    if (Run.contains("columnKind"))
      ColumnKind = Run["columnKind"];
    for (const char *Key : {"artifacts", "results", "columnKind"})
      Run.erase(Key);
    if (!Artifacts.empty())
      Run["artifacts"] = std::move(Artifacts);
    Run["results"] = std::move(Results);
    if (ColumnKind)
      Run["columnKind"] = std::move(*ColumnKind);
    return Run;
  }

private:
  ordered_json Base;
  ordered_json Rules = ordered_json::array();
  std::map<std::string, std::size_t> RuleIndex;
  ordered_json Extensions = ordered_json::array();
  std::set<std::string> ExtensionKeys;
  ordered_json Artifacts = ordered_json::array();
  std::map<std::string, std::size_t> ArtifactIndex;
  ordered_json Results = ordered_json::array();
  std::set<std::string> SeenResults;
  std::map<std::string, ordered_json> Notifications;
  std::set<std::string> SeenNotifications;
  bool Successful = true;
  bool SameId = true; ///< every run had the first one's automationDetails.id
  std::set<std::string> Mixed;

  std::size_t addRule(const ordered_json &Rule) {
    std::string Id = Rule.is_object() ? Rule.value("id", std::string()) : std::string();
    auto [It, New] = RuleIndex.emplace(Id, Rules.size());
    if (New)
      Rules.push_back(Rule);
    return It->second;
  }

  /// Adds the artifacts of one run (parents re-pointed first, whatever their
  /// order) and returns where each old index went.
  std::vector<std::size_t> addArtifacts(const ordered_json &List) {
    constexpr std::size_t Pending = static_cast<std::size_t>(-1), Busy = Pending - 1;
    std::vector<std::size_t> Map(List.size(), Pending);
    std::function<std::size_t(std::size_t)> Place = [&](std::size_t I) -> std::size_t {
      if (Map[I] != Pending)
        return Map[I] == Busy ? Pending : Map[I]; // a parentIndex cycle: drop the parent link
      Map[I] = Busy;
      ordered_json A = List[I];
      if (A.is_object() && A.contains("parentIndex")) {
        const ordered_json &P = A["parentIndex"];
        std::size_t Parent = P.is_number_unsigned() && P.get<std::size_t>() < List.size() ? Place(P.get<std::size_t>())
                                                                                           : Pending;
        if (Parent == Pending)
          A.erase("parentIndex");
        else
          A["parentIndex"] = Parent;
      }
      auto [It, New] = ArtifactIndex.emplace(A.dump(), Artifacts.size());
      if (New)
        Artifacts.push_back(std::move(A));
      return Map[I] = It->second;
    };
    for (std::size_t I = 0; I < List.size(); ++I)
      Place(I);
    return Map;
  }

  static std::tuple<bool, std::string, long long, long long, std::string, std::string>
  sortKey(const ordered_json &R) {
    std::string Uri;
    long long Line = 0, Column = 0;
    if (R.contains("locations") && R["locations"].is_array() && !R["locations"].empty()) {
      const ordered_json &Phys = R["locations"][0].value("physicalLocation", ordered_json::object());
      Uri = Phys.value("artifactLocation", ordered_json::object()).value("uri", std::string());
      const ordered_json Region = Phys.value("region", ordered_json::object());
      Line = Region.value("startLine", 0LL);
      Column = Region.value("startColumn", 0LL);
    }
    std::string Fingerprint;
    if (R.contains("partialFingerprints") && R["partialFingerprints"].is_object())
      Fingerprint = R["partialFingerprints"].dump();
    // Suppressed results after the others, as fnlint writes them.
    return {R.contains("suppressions"), Uri, Line, Column, R.value("ruleId", std::string()), Fingerprint};
  }
};

} // namespace

int runMerge(const std::vector<std::string> &Inputs, const std::string &Output) {
  std::vector<std::pair<std::string, ordered_json>> Logs; // text, log
  std::map<std::string, std::string> FileOf;             // text -> the first file with it
  for (const std::string &File : Inputs) {
    ordered_json Log;
    std::string Error;
    if (!readFnlintSarif(File, Log, Error)) {
      std::fprintf(stderr, "fnlint: error: merge: %s %s\n", File.c_str(), Error.c_str());
      return ExitError;
    }
    std::string Text = Log.dump();
    FileOf.emplace(Text, File);
    Logs.emplace_back(std::move(Text), std::move(Log));
  }
  // Logs in the order of their contents, not of the arguments: first-seen
  // rules, artifacts and notifications then come out the same for any order.
  std::stable_sort(Logs.begin(), Logs.end(), [](const auto &A, const auto &B) { return A.first < B.first; });

  std::map<std::string, MergedRun> Runs; // by category: the output's run order
  ordered_json Schema;
  for (const auto &[Text, Log] : Logs) {
    if (Schema.is_null() && Log.contains("$schema"))
      Schema = Log["$schema"];
    for (const ordered_json &Run : Log["runs"]) {
      std::string Category = categoryOf(automationId(Run));
      auto It = Runs.try_emplace(Category, Run).first;
      It->second.add(Run, FileOf[Text]);
    }
  }

  ordered_json Merged;
  Merged["$schema"] = Schema.is_null() ? ordered_json("https://json.schemastore.org/sarif-2.1.0.json") : Schema;
  Merged["version"] = "2.1.0";
  Merged["runs"] = ordered_json::array();
  for (auto &[Category, Run] : Runs)
    Merged["runs"].push_back(Run.finish(Category));
  std::string Text = Merged.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

  if (Output.empty() || Output == "-") {
    std::cout << Text << std::flush;
    return std::cout ? ExitClean : ExitError;
  }
  std::ofstream Out(Output, std::ios::binary | std::ios::trunc);
  Out << Text;
  Out.close();
  if (!Out) {
    std::fprintf(stderr, "fnlint: error: merge: cannot write %s\n", Output.c_str());
    return ExitError;
  }
  return ExitClean;
}

} // namespace fnlint::cli
