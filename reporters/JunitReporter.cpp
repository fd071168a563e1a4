//===- reporters/JunitReporter.cpp - JUnit XML --------------------------------===//
//
// CI systems that show test results (GitLab, Jenkins, Azure Pipelines, test
// report actions) read JUnit XML. fnlint writes one test suite per rule
// category and one failing test case per rule and artifact (the file or
// archive a finding is in), its findings listed in the failure; a scan without
// findings is one passing case, so the report is never empty.
//
//===----------------------------------------------------------------------===//
#include "reporters/Reporters.h"

#include "core/RuleInfo.h"

#include <map>

namespace fnlint {

namespace {

/// \p S escaped for XML text and attributes; characters XML 1.0 cannot hold
/// (control characters other than tab and newlines) become U+FFFD.
std::string xml(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&apos;"; break;
    default:
      if (static_cast<unsigned char>(C) < 0x20 && C != '\t' && C != '\n' && C != '\r')
        Out += "\xEF\xBF\xBD";
      else
        Out += C;
    }
  }
  return Out;
}

std::string where(const Location &L) {
  std::string W = L.displayPath();
  if (L.region.known())
    W += ":" + std::to_string(L.region.startLine) + (L.region.startColumn ? ":" + std::to_string(L.region.startColumn) : "");
  return W;
}

} // namespace

void writeJunit(const ScanReport &R, std::ostream &OS) {
  // category -> (rule, artifact) -> findings, all in a stable order.
  std::map<std::string, std::map<std::pair<std::string, std::string>, std::vector<const Finding *>>> Suites;
  for (const Finding &F : R.findings) {
    std::string Category = F.ruleId.substr(0, F.ruleId.find('/'));
    Suites[Category][{F.ruleId, F.location.path}].push_back(&F);
  }
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::size_t Cases = 0;
  for (const auto &[Category, Groups] : Suites)
    Cases += Groups.size();
  OS << "<testsuites name=\"fnlint\" tests=\"" << (Cases ? Cases : 1) << "\" failures=\"" << Cases << "\">\n";
  if (Suites.empty()) {
    OS << "  <testsuite name=\"fnlint\" tests=\"1\" failures=\"0\">\n"
       << "    <testcase classname=\"fnlint\" name=\"no findings\"/>\n"
       << "  </testsuite>\n";
  }
  for (const auto &[Category, Groups] : Suites) {
    OS << "  <testsuite name=\"" << xml(Category) << "\" tests=\"" << Groups.size() << "\" failures=\""
       << Groups.size() << "\">\n";
    for (const auto &[Key, Findings] : Groups) {
      const auto &[Rule, Artifact] = Key;
      const RuleInfo *Info = findRule(Rule);
      Level Worst = Level::Note;
      for (const Finding *F : Findings)
        Worst = std::max(Worst, F->level);
      OS << "    <testcase classname=\"" << xml(Artifact) << "\" name=\"" << xml(Rule) << "\" file=\"" << xml(Artifact)
         << "\">\n";
      OS << "      <failure type=\"" << levelName(Worst) << "\" message=\""
         << xml(Findings.size() == 1 ? Findings.front()->message
                                     : std::to_string(Findings.size()) + " findings" +
                                           (Info ? ": " + std::string(Info->title) : std::string()))
         << "\">";
      for (const Finding *F : Findings)
        OS << xml(where(F->location) + ": " + std::string(levelName(F->level)) + ": " + F->message) << "\n";
      OS << "</failure>\n    </testcase>\n";
    }
    OS << "  </testsuite>\n";
  }
  OS << "</testsuites>\n";
}

} // namespace fnlint
