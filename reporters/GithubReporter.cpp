//===- reporters/GithubReporter.cpp - GitHub Actions annotations -------------===//
//
// Workflow commands (`::error file=…,line=…::message`) that GitHub Actions
// turns into annotations on the pull request. GitHub shows at most 10 error,
// 10 warning and 10 notice annotations per step (sarif-ci.md §4.5), so fnlint
// writes the most severe 10 of each kind and says how many it left out; the
// complete list belongs in SARIF and code scanning. The job summary
// ($GITHUB_STEP_SUMMARY) gets a Markdown table of what was found.
//
//===----------------------------------------------------------------------===//
#include "reporters/Reporters.h"

#include "core/RuleInfo.h"

#include <map>

namespace fnlint {

namespace {

constexpr std::size_t AnnotationsPerLevel = 10;

/// Escaping of a workflow command's message.
std::string data(std::string_view S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

/// Escaping of a workflow command's property value.
std::string property(std::string_view S) {
  std::string Out;
  for (char C : data(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

const char *command(Level L) {
  switch (L) {
  case Level::Error: return "error";
  case Level::Warning: return "warning";
  case Level::Note: return "notice";
  }
  return "notice";
}

/// `|` and line breaks would break a Markdown table cell.
std::string cell(std::string_view S) {
  std::string Out;
  for (char C : S)
    Out += C == '|' ? std::string("\\|") : C == '\n' ? std::string(" ") : std::string(1, C);
  return Out;
}

} // namespace

void writeGithub(const ScanReport &R, std::ostream &OS) {
  std::map<Level, std::size_t> Written, Left;
  // Most severe first; within a level, the report's order.
  for (Level L : {Level::Error, Level::Warning, Level::Note}) {
    for (const Finding &F : R.findings) {
      if (F.level != L)
        continue;
      if (Written[L] == AnnotationsPerLevel) {
        ++Left[L];
        continue;
      }
      ++Written[L];
      const Location &Loc = F.location;
      OS << "::" << command(L) << " file=" << property(Loc.path);
      // A region inside an archive member is not a line of the file GitHub shows.
      if (Loc.members.empty() && Loc.region.known()) {
        OS << ",line=" << Loc.region.startLine;
        if (Loc.region.endLine >= Loc.region.startLine && Loc.region.endLine)
          OS << ",endLine=" << Loc.region.endLine;
        if (Loc.region.startColumn && Loc.region.endLine == Loc.region.startLine) {
          OS << ",col=" << Loc.region.startColumn;
          if (Loc.region.endColumn > Loc.region.startColumn)
            OS << ",endColumn=" << Loc.region.endColumn;
        }
      }
      std::string Message = F.message;
      if (!Loc.members.empty())
        Message = Loc.displayPath() + ": " + Message;
      OS << ",title=" << property("fnlint " + F.ruleId) << "::" << data(Message) << "\n";
    }
  }
  std::size_t Omitted = Left[Level::Error] + Left[Level::Warning] + Left[Level::Note];
  if (Omitted)
    OS << "::notice title=fnlint::" << Omitted
       << " more findings are not annotated (GitHub shows 10 of each level per step); see the SARIF upload or "
          "the job summary\n";
}

void writeGithubSummary(const ScanReport &R, std::ostream &OS) {
  OS << "## fnlint\n\n";
  if (R.findings.empty()) {
    OS << "No findings";
  } else {
    OS << R.count(Level::Error) << " errors, " << R.count(Level::Warning) << " warnings, " << R.count(Level::Note)
       << " notes";
  }
  if (!R.suppressed.empty())
    OS << " (" << R.suppressed.size() << " suppressed)";
  if (R.baselined)
    OS << " (" << R.baselined << " in the baseline)";
  if (!R.diffBase.empty())
    OS << " (" << R.unchanged << " outside the change since `" << R.diffBase << "`)";
  OS << ".\n";
  if (R.findings.empty())
    return;
  std::map<std::string, std::pair<Level, std::size_t>> ByRule;
  for (const Finding &F : R.findings) {
    auto &[Worst, N] = ByRule[F.ruleId];
    Worst = N ? std::max(Worst, F.level) : F.level;
    ++N;
  }
  OS << "\n| rule | level | findings | what |\n|---|---|---|---|\n";
  for (const auto &[Rule, LN] : ByRule) {
    const RuleInfo *Info = findRule(Rule);
    OS << "| `" << Rule << "` | " << levelName(LN.first) << " | " << LN.second << " | "
       << cell(Info ? Info->title : std::string_view()) << " |\n";
  }
  OS << "\n<details><summary>Findings</summary>\n\n";
  std::size_t Listed = 0;
  for (const Finding &F : R.findings) {
    if (++Listed > 200) {
      OS << "- … and " << (R.findings.size() - 200) << " more\n";
      break;
    }
    const Location &L = F.location;
    OS << "- **" << levelName(F.level) << "** `" << cell(L.displayPath())
       << (L.region.known() ? ":" + std::to_string(L.region.startLine) : std::string()) << "` " << cell(F.message)
       << " (`" << F.ruleId << "`)\n";
  }
  OS << "\n</details>\n";
}

} // namespace fnlint
