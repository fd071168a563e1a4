//===- SarifReporter.cpp - SARIF 2.1.0 for GitHub code scanning -------------===//
//
// Follows research/sarif-ci.md §0: one run, every rule's metadata in
// tool.driver, security-severity as a string, columnKind utf16CodeUnits,
// automationDetails, exactly one primary location per result that is a file
// in the repository (an archive, never a member inside it), the member chain
// in the message, properties and run.artifacts (parentIndex), and our own
// partialFingerprints. Input problems become toolExecutionNotifications.
//
//===----------------------------------------------------------------------===//
#include "reporters/Reporters.h"

#include "reporters/JsonSupport.h"

#include "core/IamActions.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <functional>
#include <map>

namespace fnlint {

namespace {

using nlohmann::ordered_json;

/// Markdown to plain text for help.text: GitHub shows help.markdown, other
/// viewers the text; dropping the '#' of headings and code fences is enough.
std::string plainHelp(std::string_view Markdown) {
  std::string Out;
  std::size_t Start = 0;
  while (Start < Markdown.size()) {
    std::size_t End = Markdown.find('\n', Start);
    if (End == std::string_view::npos)
      End = Markdown.size();
    std::string_view Line = Markdown.substr(Start, End - Start);
    if (Line.rfind("```", 0) != 0) {
      while (!Line.empty() && Line.front() == '#')
        Line.remove_prefix(1);
      while (!Line.empty() && Line.front() == ' ' && Markdown[Start] == '#')
        Line.remove_prefix(1);
      Out += Line;
      Out += '\n';
    }
    Start = End + 1;
  }
  while (!Out.empty() && Out.back() == '\n')
    Out.pop_back();
  return Out;
}

/// Artifacts: each file a result points at, and the archive members under it.
class Artifacts {
public:
  /// Index of the artifact for \p Path with member chain \p Members, creating
  /// the chain as needed.
  std::size_t indexOf(const std::string &Path, const std::vector<std::string> &Members) {
    std::size_t Index = top(Path);
    std::vector<std::string> Chain;
    for (const std::string &M : Members) {
      Chain.push_back(M);
      auto Key = std::make_pair(Path, Chain);
      auto It = Nested.find(Key);
      if (It == Nested.end()) {
        ordered_json A;
        A["location"] = {{"uri", encodeUriPath(M)}};
        A["parentIndex"] = Index;
        List.push_back(std::move(A));
        It = Nested.emplace(Key, List.size() - 1).first;
      }
      Index = It->second;
    }
    return Index;
  }

  std::size_t top(const std::string &Path) {
    auto It = Tops.find(Path);
    if (It != Tops.end())
      return It->second;
    ordered_json A;
    A["location"] = artifactLocation(Path);
    if (Path.size() > 4 && Path.compare(Path.size() - 4, 4, ".zip") == 0)
      A["mimeType"] = "application/zip";
    List.push_back(std::move(A));
    return Tops.emplace(Path, List.size() - 1).first->second;
  }

  static ordered_json artifactLocation(const std::string &Path) {
    ordered_json L;
    if (!Path.empty() && Path.front() == '/') {
      L["uri"] = "file://" + encodeUriPath(Path);
    } else {
      // Plain repository-relative references: GitHub resolves them against
      // the checkout, and the output names no machine-specific path.
      L["uri"] = encodeUriPath(Path);
    }
    return L;
  }

  ordered_json List = ordered_json::array();

private:
  std::map<std::string, std::size_t> Tops;
  std::map<std::pair<std::string, std::vector<std::string>>, std::size_t> Nested;
};

/// Member names from hostile archives ("/etc/x", "../../x") cannot be
/// written as relative URI references; such findings keep their chain in
/// properties only.
bool membersAreUriSafe(const std::vector<std::string> &Members) {
  for (const std::string &M : Members) {
    if (M.empty() || M.front() == '/' || M.front() == '\\' || (M.size() > 1 && M[1] == ':'))
      return false;
    std::size_t Start = 0;
    while (Start <= M.size()) {
      std::size_t End = M.find_first_of("/\\", Start);
      if (End == std::string::npos)
        End = M.size();
      std::string_view Part = std::string_view(M).substr(Start, End - Start);
      if (Part == "." || Part == ".." || Part.empty())
        return false;
      Start = End + 1;
    }
  }
  return true;
}

ordered_json regionJson(const Region &R) {
  ordered_json J;
  J["startLine"] = R.known() ? R.startLine : 1;
  if (R.known() && R.startColumn)
    J["startColumn"] = R.startColumnUtf16 ? R.startColumnUtf16 : R.startColumn;
  if (R.known() && R.startColumn && R.endLine >= R.startLine && R.endColumn) {
    J["endLine"] = R.endLine;
    J["endColumn"] = R.endColumnUtf16 ? R.endColumnUtf16 : R.endColumn;
  }
  return J;
}

} // namespace

std::string encodeUriPath(std::string_view Path) {
  static constexpr char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (char C : Path) {
    auto U = static_cast<unsigned char>(C);
    bool Keep = (U >= 'a' && U <= 'z') || (U >= 'A' && U <= 'Z') || (U >= '0' && U <= '9') ||
                std::string_view("-._~/!$&'()*+,;=:@").find(C) != std::string_view::npos;
    if (Keep) {
      Out += C;
    } else {
      Out += '%';
      Out += Hex[U >> 4];
      Out += Hex[U & 15];
    }
  }
  return Out;
}

constexpr std::size_t MaxResultsPerRun = 25000;

/// The gzip size of \p Text at zlib's fastest level, which is never smaller
/// than what the default level (the upload's) makes of it.
std::uint64_t gzipSizeUpperBound(const std::string &Text) {
  z_stream Z{};
  // windowBits 15 + 16: gzip framing, as the uploaded file has.
  if (deflateInit2(&Z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Text.size();
  std::vector<unsigned char> Buffer(1 << 16);
  std::uint64_t Size = 0;
  Z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(Text.data()));
  Z.avail_in = static_cast<uInt>(0);
  std::size_t Offset = 0;
  int Status = Z_OK;
  do {
    if (Z.avail_in == 0 && Offset < Text.size()) {
      std::size_t Chunk = std::min<std::size_t>(Text.size() - Offset, 1u << 30);
      Z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(Text.data() + Offset));
      Z.avail_in = static_cast<uInt>(Chunk);
      Offset += Chunk;
    }
    Z.next_out = Buffer.data();
    Z.avail_out = static_cast<uInt>(Buffer.size());
    Status = deflate(&Z, Offset < Text.size() ? Z_NO_FLUSH : Z_FINISH);
    Size += Buffer.size() - Z.avail_out;
  } while (Status == Z_OK || Status == Z_BUF_ERROR);
  deflateEnd(&Z);
  return Size;
}

/// What the size limits left out, by level: "3 of 30,000 results were left out ...".
std::string droppedResultsText(const std::vector<const Finding *> &BySeverity, std::size_t Kept,
                               std::uint64_t MaxGzipBytes) {
  std::map<int, std::size_t, std::greater<int>> ByLevel;
  for (std::size_t I = Kept; I < BySeverity.size(); ++I)
    ++ByLevel[static_cast<int>(BySeverity[I]->level)];
  std::string Levels;
  for (const auto &[L, N] : ByLevel)
    Levels += (Levels.empty() ? "" : ", ") + std::to_string(N) + " " + std::string(levelName(static_cast<Level>(L)));
  std::string Why = Kept < std::min(BySeverity.size(), MaxResultsPerRun)
                        ? std::to_string(MaxGzipBytes / 1000000) + " MB gzipped per file"
                        : std::to_string(MaxResultsPerRun) + " results per run";
  return std::to_string(BySeverity.size() - Kept) + " of " + std::to_string(BySeverity.size()) +
         " results were left out (" + Levels + "): GitHub code scanning accepts at most " + Why +
         "; the most severe are kept (the JSON and text reports have all of them)";
}

void writeSarif(const ScanReport &R, std::ostream &OS, const SarifOptions &Options) {
  ordered_json Rules = ordered_json::array();
  std::map<std::string_view, std::size_t> RuleIndex;
  for (const RuleInfo &Rule : ruleCatalogue()) {
    ordered_json J;
    J["id"] = Rule.id;
    J["name"] = Rule.name;
    J["shortDescription"] = {{"text", Rule.title}};
    J["fullDescription"] = {{"text", Rule.description}};
    J["help"] = {{"text", plainHelp(Rule.help)}, {"markdown", Rule.help}};
    J["defaultConfiguration"] = {{"level", levelName(Rule.level)}};
    if (!Rule.enabledByDefault)
      J["defaultConfiguration"]["enabled"] = false;
    ordered_json Props;
    Props["tags"] = std::vector<std::string>(Rule.tags.begin(), Rule.tags.end());
    Props["precision"] = Rule.precision;
    if (!Rule.securitySeverity.empty())
      Props["security-severity"] = Rule.securitySeverity;
    else
      Props["problem.severity"] = Rule.level == Level::Note ? "recommendation" : std::string(levelName(Rule.level));
    J["properties"] = std::move(Props);
    RuleIndex[Rule.id] = Rules.size();
    Rules.push_back(std::move(J));
  }

  // run.artifacts exists to describe archive nesting (parentIndex); without
  // a finding inside an archive it would only repeat the result locations.
  // Suppressed findings go in only on request, after the others, each with
  // its `suppressions` entry (GitHub then shows them as dismissed, not open).
  std::vector<const Finding *> Written;
  for (const Finding &F : R.findings)
    Written.push_back(&F);
  if (Options.includeSuppressed)
    for (const Finding &F : R.suppressed)
      Written.push_back(&F);
  // GitHub code scanning rejects a run of more than 25,000 results and a
  // file of more than 10 MB gzipped (sarif-ci.md §1.2): keep the most severe,
  // in report order within a level, and say what was dropped.
  std::vector<const Finding *> BySeverity = Written;
  std::stable_sort(BySeverity.begin(), BySeverity.end(), [](const Finding *A, const Finding *B) {
    return static_cast<int>(A->level) > static_cast<int>(B->level);
  });
  std::map<const Finding *, std::size_t> Rank;
  for (const Finding *F : BySeverity)
    Rank.emplace(F, Rank.size());
  std::size_t Total = Written.size();
  std::size_t Kept = std::min(Total, MaxResultsPerRun);
  bool Nesting = false;
  for (const Finding *F : Written)
    Nesting |= !F->location.members.empty() && membersAreUriSafe(F->location.members);
  Artifacts Arts;
  std::vector<ordered_json> Results; // in report order, Written's
  for (const Finding *FP : Written) {
    const Finding &F = *FP;
    const Location &L = F.location;
    ordered_json Res;
    Res["ruleId"] = F.ruleId;
    if (auto It = RuleIndex.find(F.ruleId); It != RuleIndex.end())
      Res["ruleIndex"] = It->second;
    Res["level"] = levelName(F.level);
    Res["message"] = {{"text", F.message}};
    ordered_json Physical;
    ordered_json ArtLoc = Artifacts::artifactLocation(L.path);
    if (Nesting)
      ArtLoc["index"] = Arts.top(L.path);
    Physical["artifactLocation"] = std::move(ArtLoc);
    // Inside an archive the region belongs to the member, not to the archive
    // GitHub can show; it moves to properties.
    Physical["region"] = regionJson(L.members.empty() ? L.region : Region());
    ordered_json Loc;
    Loc["physicalLocation"] = std::move(Physical);
    if (!L.logical.empty())
      Loc["logicalLocations"] = ordered_json::array(
          {{{"name", L.logical.name}, {"fullyQualifiedName", L.logical.fullyQualifiedName}, {"kind", L.logical.kind}}});
    Res["locations"] = ordered_json::array({std::move(Loc)});
    Res["partialFingerprints"] = {{"primaryLocationLineHash", F.primaryLocationLineHash},
                                  {"fnlint/v1", F.fingerprint}};
    ordered_json Props = toOrdered(F.properties);
    if (!L.members.empty()) {
      Props["archiveMember"] = L.members.back();
      Props["memberChain"] = L.members;
      if (Nesting && membersAreUriSafe(L.members))
        Props["memberArtifactIndex"] = Arts.indexOf(L.path, L.members);
      if (L.region.known())
        Props["archiveMemberRegion"] = regionJson(L.region);
    }
    if (!Props.empty())
      Res["properties"] = std::move(Props);
    if (F.suppression) {
      ordered_json S;
      S["kind"] = F.suppression->kind;
      S["status"] = "accepted";
      if (!F.suppression->justification.empty())
        S["justification"] = F.suppression->justification;
      if (!F.suppression->location.path.empty()) {
        ordered_json Where;
        Where["artifactLocation"] = Artifacts::artifactLocation(F.suppression->location.path);
        if (F.suppression->location.region.known())
          Where["region"] = regionJson(F.suppression->location.region);
        S["location"] = {{"physicalLocation", std::move(Where)}};
      }
      Res["suppressions"] = ordered_json::array({std::move(S)});
    }
    Results.push_back(std::move(Res));
  }

  std::vector<ordered_json> Problems;
  for (const InputProblem &P : R.problems) {
    ordered_json N;
    N["level"] = levelName(P.level);
    std::string Text = P.message;
    if (!P.location.members.empty())
      Text = P.location.displayPath() + ": " + Text;
    N["message"] = {{"text", Text}};
    ordered_json Physical;
    Physical["artifactLocation"] = Artifacts::artifactLocation(P.location.path);
    if (P.location.members.empty() && P.location.region.known())
      Physical["region"] = regionJson(P.location.region);
    N["locations"] = ordered_json::array({{{"physicalLocation", std::move(Physical)}}});
    Problems.push_back(std::move(N));
  }

  ordered_json Run;
  ordered_json Driver;
  Driver["name"] = "fnlint";
  Driver["semanticVersion"] = FNLINT_VERSION;
  Driver["version"] = FNLINT_VERSION;
  Driver["informationUri"] = "https://github.com/fnlint/fnlint";
  Driver["rules"] = std::move(Rules);
  // The data tables findings depend on (AWS limits, runtime lifecycle, the
  // IAM action database), with their versions and dates: a finding about a
  // deprecated runtime is only as current as its table.
  ordered_json Extensions = ordered_json::array();
  for (const DataTableInfo &T : dataTablesInUse())
    Extensions.push_back({{"name", "fnlint-data/" + std::string(T.name)},
                          {"version", T.version},
                          {"properties", {{"date", T.date}}}});
  Run["tool"] = {{"driver", std::move(Driver)}, {"extensions", std::move(Extensions)}};

  // The log with the \p KeptResults most severe results and the first
  // \p KeptProblems input problems.
  auto Render = [&](std::size_t KeptResults, std::size_t KeptProblems) {
    ordered_json Notifications = ordered_json::array();
    if (KeptResults < Total)
      Notifications.push_back({{"level", "warning"},
                               {"message", {{"text", droppedResultsText(BySeverity, KeptResults, Options.maxGzipBytes)}}}});
    if (KeptProblems < Problems.size())
      Notifications.push_back(
          {{"level", "warning"},
           {"message",
            {{"text", std::to_string(Problems.size() - KeptProblems) + " of " + std::to_string(Problems.size()) +
                          " input problems were left out to keep the file under GitHub's size limit (the JSON and "
                          "text reports have all of them)"}}}});
    for (std::size_t I = 0; I < KeptProblems; ++I)
      Notifications.push_back(Problems[I]);
    ordered_json Invocation;
    Invocation["executionSuccessful"] = true;
    if (!Notifications.empty())
      Invocation["toolExecutionNotifications"] = std::move(Notifications);
    ordered_json ThisRun = Run;
    ThisRun["invocations"] = ordered_json::array({std::move(Invocation)});
    ThisRun["automationDetails"] = {{"id", "fnlint/"}};
    if (!Arts.List.empty())
      ThisRun["artifacts"] = Arts.List;
    ordered_json Kept = ordered_json::array();
    for (std::size_t I = 0; I < Written.size(); ++I)
      if (Rank[Written[I]] < KeptResults)
        Kept.push_back(Results[I]);
    ThisRun["results"] = std::move(Kept);
    ThisRun["columnKind"] = "utf16CodeUnits";
    ordered_json Log;
    Log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    Log["version"] = "2.1.0";
    Log["runs"] = ordered_json::array({std::move(ThisRun)});
    return Log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  };

  std::size_t KeptProblems = Problems.size();
  std::string Text = Render(Kept, KeptProblems);
  // Gzip never shrinks text below ~1/1000 of itself, and never grows it by
  // more than a little: only a large log needs measuring. Each pass scales
  // what is kept by how far over the limit the last one was.
  for (int Pass = 0; Pass < 8 && Text.size() > Options.maxGzipBytes; ++Pass) {
    std::uint64_t Size = gzipSizeUpperBound(Text);
    if (Size <= Options.maxGzipBytes)
      break;
    double Scale = 0.95 * static_cast<double>(Options.maxGzipBytes) / static_cast<double>(Size);
    if (Kept > 0)
      Kept = static_cast<std::size_t>(static_cast<double>(Kept) * Scale);
    else
      KeptProblems = static_cast<std::size_t>(static_cast<double>(KeptProblems) * Scale);
    Text = Render(Kept, KeptProblems);
  }
  OS << Text;
}

} // namespace fnlint
