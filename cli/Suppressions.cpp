//===- cli/Suppressions.cpp - Findings the user has silenced ----------------===//
#include "cli/Suppressions.h"

#include "core/RuleInfo.h"

#include <map>
#include <set>

namespace fnlint::cli {

namespace {

constexpr std::string_view Marker = "fnlint:ignore[";

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\r'))
    S.remove_suffix(1);
  return S;
}

/// Whether \p Before (the text of a line before the marker) ends in a comment
/// opener: the marker must be the first thing in its comment, so that the
/// same words inside a string or in prose are not taken for it.
bool endsInCommentOpener(std::string_view Before) {
  Before = trim(Before);
  for (std::string_view Opener : {"#", "//", "/*", "--", "<!--"})
    if (Before.size() >= Opener.size() && Before.substr(Before.size() - Opener.size()) == Opener)
      return true;
  return false;
}

/// The lines of the files findings point into, split once per file: a scan
/// can have a hundred thousand findings in one file. Files without any
/// marker are not split at all.
class MarkedLines {
public:
  explicit MarkedLines(const TextLookup &Texts) : Texts(Texts) {}

  /// Line \p N (1-based) of \p Path without its end of line; empty when the
  /// file has no marker, is not text, or is shorter.
  std::string_view line(const std::string &Path, std::uint32_t N) {
    auto [It, New] = Files.try_emplace(Path);
    if (New && Texts)
      if (const std::string *Text = Texts(Path); Text && Text->find(Marker) != std::string::npos) {
        It->second.text = *Text;
        It->second.starts.push_back(0);
        for (std::size_t I = 0; I < Text->size(); ++I)
          if ((*Text)[I] == '\n')
            It->second.starts.push_back(I + 1);
      }
    const File &F = It->second;
    if (N == 0 || N > F.starts.size())
      return {};
    std::size_t Begin = F.starts[N - 1];
    std::size_t End = N < F.starts.size() ? F.starts[N] - 1 : F.text.size();
    return F.text.substr(Begin, End - Begin);
  }

private:
  struct File {
    std::string_view text;
    std::vector<std::size_t> starts;
  };
  const TextLookup &Texts;
  std::map<std::string, File> Files;
};

bool markerCovers(const IgnoreMarker &M, std::string_view RuleId) {
  for (const std::string &R : M.rules)
    if (selectsRule(R, RuleId))
      return true;
  return false;
}

} // namespace

std::optional<IgnoreMarker> findIgnoreMarker(std::string_view Line) {
  std::size_t At = Line.find(Marker);
  if (At == std::string_view::npos || !endsInCommentOpener(Line.substr(0, At)))
    return std::nullopt;
  std::size_t Close = Line.find(']', At);
  if (Close == std::string_view::npos)
    return std::nullopt;
  IgnoreMarker M;
  M.column = static_cast<unsigned>(At + 1);
  std::string_view List = Line.substr(At + Marker.size(), Close - At - Marker.size());
  while (!List.empty()) {
    std::size_t Comma = List.find(',');
    std::string_view Id = trim(List.substr(0, Comma));
    if (!Id.empty())
      M.rules.emplace_back(Id);
    if (Comma == std::string_view::npos)
      break;
    List.remove_prefix(Comma + 1);
  }
  if (M.rules.empty())
    return std::nullopt;
  std::string_view Reason = trim(Line.substr(Close + 1));
  for (std::string_view Closer : {"*/", "-->"})
    if (Reason.size() >= Closer.size() && Reason.substr(Reason.size() - Closer.size()) == Closer)
      Reason = trim(Reason.substr(0, Reason.size() - Closer.size()));
  M.reason = std::string(Reason);
  std::string_view Before = trim(Line.substr(0, At));
  M.wholeLine = Before == "#" || Before == "//" || Before == "/*" || Before == "--" || Before == "<!--";
  return M;
}

void applySuppressions(ScanReport &R, const SuppressionOptions &Options, const TextLookup &Texts,
                       const std::vector<ResourceSuppression> &InTemplates) {
  std::vector<Finding> Kept;
  std::set<std::pair<std::string, std::uint32_t>> ReasonlessReported;
  auto Problem = [&](const Location &Where, std::string Message) {
    InputProblem P;
    P.level = Level::Warning;
    P.location = Where;
    P.message = std::move(Message);
    R.problems.push_back(std::move(P));
  };
  MarkedLines Lines(Texts);
  // Template entries that cannot apply are said once, up front.
  std::vector<const ResourceSuppression *> Usable;
  for (const ResourceSuppression &S : InTemplates) {
    bool Known = false;
    for (const RuleInfo &Rule : ruleCatalogue())
      Known = Known || selectsRule(S.rule, Rule.id);
    if (!Known)
      Problem(S.location, "Metadata.fnlint.ignore of " + S.resource + ": no rule is '" + S.rule + "'; ignored");
    else if (S.reason.empty() && Options.requireReason)
      Problem(S.location, "Metadata.fnlint.ignore of " + S.resource +
                              " has no reason and suppresses nothing: add `reason: why`");
    else
      Usable.push_back(&S);
  }
  for (Finding &F : R.findings) {
    const Location &L = F.location;
    // A comment next to the finding (plain files only: an archive's members
    // cannot be edited where they are reported).
    if (L.members.empty() && L.region.startLine != 0) {
      for (std::uint32_t N : {L.region.startLine, L.region.startLine - 1}) {
        if (N == 0)
          continue;
        std::optional<IgnoreMarker> M = findIgnoreMarker(Lines.line(L.path, N));
        if (!M || (N != L.region.startLine && !M->wholeLine) || !markerCovers(*M, F.ruleId))
          continue;
        if (M->reason.empty() && Options.requireReason) {
          if (ReasonlessReported.insert({L.path, N}).second) {
            Location Where;
            Where.path = L.path;
            Where.region.startLine = N;
            Where.region.startColumn = M->column;
            Problem(Where, "fnlint:ignore without a reason suppresses nothing: write why after the ']'");
          }
          continue;
        }
        Finding::Suppression S;
        S.kind = "inSource";
        S.justification = M->reason;
        S.location.path = L.path;
        S.location.region.startLine = N;
        S.location.region.startColumn = M->column;
        F.suppression = std::move(S);
        break;
      }
    }
    if (!F.suppression && L.members.empty()) {
      for (const ResourceSuppression *S : Usable) {
        if (S->location.path != L.path || L.region.startLine < S->firstLine || L.region.startLine > S->lastLine ||
            !selectsRule(S->rule, F.ruleId))
          continue;
        Finding::Suppression Sup;
        Sup.kind = "inSource";
        Sup.justification = S->reason;
        Sup.location = S->location;
        F.suppression = std::move(Sup);
        break;
      }
    }
    if (!F.suppression) {
      std::string Path = L.displayPath();
      for (const PathSuppression &E : Options.entries) {
        if (!suppresses(E, F.ruleId, Path) && !(Path != L.path && suppresses(E, F.ruleId, L.path)))
          continue;
        Finding::Suppression S;
        S.kind = "external";
        S.justification = E.reason;
        S.location.path = Options.configFile;
        S.location.region.startLine = E.line;
        F.suppression = std::move(S);
        break;
      }
    }
    (F.suppression ? R.suppressed : Kept).push_back(std::move(F));
  }
  R.findings = std::move(Kept);
  sortProblems(R.problems);
}

} // namespace fnlint::cli
