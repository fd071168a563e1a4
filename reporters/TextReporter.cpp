#include "reporters/Reporters.h"

#include <set>

namespace fnlint {

namespace {

const char *levelColor(Level L) {
  switch (L) {
  case Level::Error:
    return "\033[1;31m";
  case Level::Warning:
    return "\033[1;35m";
  case Level::Note:
    return "\033[1;36m";
  }
  return "";
}

std::string plural(std::size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

} // namespace

/// Control characters from archive entry names or messages are escaped, so
/// a hostile name cannot forge report lines ("\nfn.zip: note: ...") or
/// send terminal escapes.
std::string printable(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    auto U = static_cast<unsigned char>(C);
    if (U < 0x20 || U == 0x7f) {
      static constexpr char Hex[] = "0123456789abcdef";
      Out += "\\x";
      Out += Hex[U >> 4];
      Out += Hex[U & 15];
    } else {
      Out += C;
    }
  }
  return Out;
}

void writeText(const ScanReport &R, std::ostream &OS, const TextOptions &Options) {
  const char *Bold = Options.color ? "\033[1m" : "";
  const char *Dim = Options.color ? "\033[2m" : "";
  const char *Reset = Options.color ? "\033[0m" : "";
  auto Print = [&](const Finding &F) {
    const Location &L = F.location;
    OS << Bold << printable(L.displayPath());
    if (L.region.known()) {
      OS << ":" << L.region.startLine;
      if (L.region.startColumn)
        OS << ":" << L.region.startColumn;
    }
    OS << ":" << Reset << " " << (Options.color ? levelColor(F.level) : "") << levelName(F.level) << ":"
       << Reset << " " << printable(F.message) << " " << Dim << "[" << F.ruleId << "]";
    if (F.suppression)
      OS << " (suppressed: " << printable(F.suppression->justification.empty() ? "no reason given"
                                                                                : F.suppression->justification)
         << ")";
    OS << Reset << "\n";
  };
  for (const Finding &F : R.findings)
    Print(F);
  if (Options.showSuppressed)
    for (const Finding &F : R.suppressed)
      Print(F);
  if (!Options.summary)
    return;
  std::size_t Errors = R.count(Level::Error), Warnings = R.count(Level::Warning), Notes = R.count(Level::Note);
  std::set<std::string> Files;
  for (const Finding &F : R.findings)
    Files.insert(F.location.path);
  std::string Line;
  if (R.findings.empty())
    Line = "no findings";
  else
    Line = plural(Errors, "error", "errors") + ", " + plural(Warnings, "warning", "warnings") + ", " +
           plural(Notes, "note", "notes") + " in " + plural(Files.size(), "file", "files");
  std::size_t Folders = 0, Archives = 0;
  for (const auto &P : R.inventory.packages)
    (P.kind == "folder" ? Folders : Archives) += 1;
  Line += " (scanned " + plural(R.filesSeen, "file", "files") + ": " + plural(Archives, "archive", "archives") +
          ", " + plural(Folders, "code folder", "code folders") + ", " +
          plural(R.inventory.templates.size(), "template", "templates");
  if (!R.suppressed.empty())
    Line += "; " + std::to_string(R.suppressed.size()) + " suppressed";
  if (R.baselined)
    Line += "; " + std::to_string(R.baselined) + " in the baseline";
  if (!R.diffBase.empty())
    Line += "; " + std::to_string(R.unchanged) + " outside the change since " + printable(R.diffBase);
  if (!R.problems.empty())
    Line += "; " + plural(R.problems.size(), "input problem", "input problems");
  Line += ")";
  OS << Dim << "fnlint: " << Line << Reset << "\n";
}

} // namespace fnlint
