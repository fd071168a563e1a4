//===- HtmlReporter.cpp - One self-contained HTML page ----------------------===//
//
// The report people look at: counts, findings by function and by rule with
// each rule's help, input problems, and for every package a treemap of its
// unpacked bytes by folder. One file, no network: the CSS and script
// (reporters/html/) are embedded at build time, the treemap data is JSON in
// the page, and a Content-Security-Policy allows only that one script (by
// its hash), so markup smuggled in through a file name could not run even if
// escaping missed it. Text is escaped here, and the script only ever sets
// textContent. No timestamps: the same scan gives the same bytes.
//
//===----------------------------------------------------------------------===//
#include "reporters/HtmlReport.h"
#include "reporters/Reporters.h"

#include "reporters/HtmlAssets.h"

#include "core/Format.h"
#include "core/Package.h"
#include "core/RuleInfo.h"
#include "core/Sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

namespace fnlint {
namespace html {

namespace {

/// Length of the valid UTF-8 sequence at \p S[I], or 0.
std::size_t utf8Length(std::string_view S, std::size_t I) {
  auto U = [&](std::size_t K) { return static_cast<unsigned char>(S[K]); };
  unsigned char C = U(I);
  std::size_t N = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 0;
  if (N == 0 || I + N > S.size())
    return 0;
  for (std::size_t K = 1; K < N; ++K)
    if ((U(I + K) & 0xC0) != 0x80)
      return 0;
  // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
  if ((N == 2 && C < 0xC2) || (N == 3 && C == 0xE0 && U(I + 1) < 0xA0) ||
      (N == 3 && C == 0xED && U(I + 1) >= 0xA0) || (N == 4 && C == 0xF0 && U(I + 1) < 0x90) ||
      (N == 4 && (C > 0xF4 || (C == 0xF4 && U(I + 1) >= 0x90))))
    return 0;
  return N;
}

std::string base64(std::string_view Bytes) {
  static constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string Out;
  for (std::size_t I = 0; I < Bytes.size(); I += 3) {
    std::uint32_t V = static_cast<unsigned char>(Bytes[I]) << 16;
    if (I + 1 < Bytes.size())
      V |= static_cast<unsigned char>(Bytes[I + 1]) << 8;
    if (I + 2 < Bytes.size())
      V |= static_cast<unsigned char>(Bytes[I + 2]);
    Out += Alphabet[(V >> 18) & 63];
    Out += Alphabet[(V >> 12) & 63];
    Out += I + 1 < Bytes.size() ? Alphabet[(V >> 6) & 63] : '=';
    Out += I + 2 < Bytes.size() ? Alphabet[V & 63] : '=';
  }
  return Out;
}

/// The CSP source for the embedded script: 'sha256-<base64 of its digest>'.
std::string scriptHash() {
  std::string Hex = sha256Hex(ReportJs), Digest;
  for (std::size_t I = 0; I + 1 < Hex.size(); I += 2)
    Digest += static_cast<char>(std::stoi(Hex.substr(I, 2), nullptr, 16));
  return "'sha256-" + base64(Digest) + "'";
}

/// `code` spans of one line of help text, the rest escaped.
std::string inlineMarkdown(std::string_view Line) {
  std::string Out;
  while (!Line.empty()) {
    std::size_t Open = Line.find('`');
    std::size_t Close = Open == std::string_view::npos ? Open : Line.find('`', Open + 1);
    if (Close == std::string_view::npos) {
      Out += escape(Line);
      break;
    }
    Out += escape(Line.substr(0, Open)) + "<code>" + escape(Line.substr(Open + 1, Close - Open - 1)) + "</code>";
    Line.remove_prefix(Close + 1);
  }
  return Out;
}

bool startsWith(std::string_view S, std::string_view Prefix) { return S.substr(0, Prefix.size()) == Prefix; }

/// Whether \p L is the package at \p P or inside it.
bool within(const Inventory::PackageInfo &P, const Location &L) {
  if (P.kind == "folder")
    return P.location.path.empty() || L.path == P.location.path || startsWith(L.path, P.location.path + "/");
  return L.path == P.location.path && L.members.size() >= P.location.members.size() &&
         std::equal(P.location.members.begin(), P.location.members.end(), L.members.begin());
}

const Inventory::PackageInfo *findPackage(const Inventory &Inv, std::string_view DisplayPath) {
  if (DisplayPath.empty())
    return nullptr;
  for (const auto &P : Inv.packages)
    if (P.location.displayPath() == DisplayPath)
      return &P;
  return nullptr;
}

const Inventory::FunctionInfo *findLayer(const Inventory &Inv, const Inventory::FunctionInfo &F,
                                         std::string_view Id) {
  for (const auto &L : Inv.functions)
    if (L.kind == "layer" && L.logicalId == Id && L.location.path == F.location.path)
      return &L;
  return nullptr;
}

std::uint64_t unzippedLimit() {
  if (const DataTableInfo *T = findDataTable("lambda-limits")) {
    auto J = nlohmann::json::parse(T->json, nullptr, false);
    if (J.is_object() && J.contains("values") && J["values"].contains("unzipped-bytes"))
      return J["values"]["unzipped-bytes"].get<std::uint64_t>();
  }
  return 262144000;
}

std::string percent(std::uint64_t Part, std::uint64_t Whole) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%.1f%%", Whole ? 100.0 * static_cast<double>(Part) / Whole : 0.0);
  return Buf;
}

/// A bar's width attribute value, capped at 100%.
std::string width(std::uint64_t Part, std::uint64_t Whole) {
  char Buf[48];
  std::snprintf(Buf, sizeof Buf, "width:%.2f%%", Whole ? std::min(100.0, 100.0 * static_cast<double>(Part) / Whole) : 0.0);
  return Buf;
}

std::string ruleAnchor(std::string_view Id) { return "rule-" + escape(Id); }

std::string locationText(const Location &L) {
  std::string S = L.displayPath();
  if (L.region.known()) {
    S += ":" + std::to_string(L.region.startLine);
    if (L.region.startColumn)
      S += ":" + std::to_string(L.region.startColumn);
  }
  if (!L.logical.empty())
    S += " (" + (L.logical.fullyQualifiedName.empty() ? L.logical.name : L.logical.fullyQualifiedName) + ")";
  return S;
}

class Page {
public:
  Page(const ScanReport &R, std::ostream &OS, const HtmlOptions &Options)
      : R(R), OS(OS), Options(Options), Limit(unzippedLimit()) {}

  void write() {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       << "script-src " << scriptHash() << "\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>fnlint report</title>\n<style>\n" << ReportCss << "</style>\n</head>\n<body>\n";
    header();
    byFunction();
    packages();
    byRule();
    problems();
    suppressed();
    OS << "<footer>fnlint " << escape(FNLINT_VERSION) << "</footer>\n";
    treemapData();
    OS << "<script>" << ReportJs << "</script>\n</body>\n</html>\n";
  }

private:
  const ScanReport &R;
  std::ostream &OS;
  const HtmlOptions &Options;
  std::uint64_t Limit;

  void count(std::string_view Class, std::size_t N, std::string_view One, std::string_view Many) {
    OS << "<li class=\"count " << Class << "\"><b>" << N << "</b> " << (N == 1 ? One : Many) << "</li>\n";
  }

  void header() {
    OS << "<header>\n<h1>fnlint report</h1>\n<ul class=\"counts\">\n";
    count("error", R.count(Level::Error), "error", "errors");
    count("warning", R.count(Level::Warning), "warning", "warnings");
    count("note", R.count(Level::Note), "note", "notes");
    count("suppressed", R.suppressed.size(), "suppressed", "suppressed");
    if (R.baselined)
      count("baselined", R.baselined, "in the baseline", "in the baseline");
    count("problems", R.problems.size(), "input problem", "input problems");
    count("info", R.inventory.functions.size(), "function or layer", "functions and layers");
    count("info", R.inventory.packages.size(), "package", "packages");
    count("info", R.filesSeen, "file scanned", "files scanned");
    OS << "</ul>\n<nav><a href=\"#functions\">By function</a> <a href=\"#packages\">Packages</a> "
       << "<a href=\"#rules\">By rule</a> <a href=\"#problems\">Input problems</a></nav>\n</header>\n";
  }

  void finding(const Finding &F, bool WithRule) {
    const RuleInfo *Rule = findRule(F.ruleId);
    OS << "<li class=\"finding\"><span class=\"level " << levelName(F.level) << "\">" << levelName(F.level)
       << "</span> ";
    if (WithRule) {
      OS << "<a class=\"rule\" href=\"#" << ruleAnchor(F.ruleId) << "\">" << escape(F.ruleId) << "</a> ";
      if (Rule)
        OS << "<span class=\"title\">" << escape(Rule->title) << "</span> ";
    }
    OS << "<div class=\"loc\">" << escape(locationText(F.location)) << "</div><div class=\"msg\">"
       << escape(F.message) << "</div>";
    if (F.suppression)
      OS << "<div class=\"why\">suppressed: "
         << escape(F.suppression->justification.empty() ? "no reason given" : F.suppression->justification)
         << "</div>";
    OS << "</li>\n";
  }

  void byFunction() {
    OS << "<section id=\"functions\">\n<h2>Findings by function</h2>\n";
    std::vector<FunctionGroup> Groups = groupByFunction(R);
    if (Groups.empty())
      OS << "<p class=\"empty\">No functions or layers found and no findings.</p>\n";
    for (const FunctionGroup &G : Groups) {
      OS << "<details class=\"group\"" << (G.findings.empty() ? "" : " open") << "><summary>";
      if (G.function) {
        const auto &F = *G.function;
        OS << "<b>" << escape(F.logicalId) << "</b> <span class=\"kind\">" << escape(F.kind);
        if (!F.runtime.empty())
          OS << ", " << escape(F.runtime);
        OS << "</span> <span class=\"loc\">" << escape(locationText(F.location)) << "</span>";
      } else {
        OS << "<b>Not tied to a function</b>";
      }
      OS << " <span class=\"n\">" << G.findings.size() << (G.findings.size() == 1 ? " finding" : " findings")
         << "</span></summary>\n<ul class=\"findings\">\n";
      for (const Finding *F : G.findings)
        finding(*F, true);
      OS << "</ul>\n</details>\n";
    }
    OS << "</section>\n";
  }

  void byRule() {
    std::map<std::string, std::vector<const Finding *>> ByRule;
    for (const Finding &F : R.findings)
      ByRule[F.ruleId].push_back(&F);
    std::vector<const std::pair<const std::string, std::vector<const Finding *>> *> Order;
    for (const auto &KV : ByRule)
      Order.push_back(&KV);
    // The most severe first; each rule's level is that of its worst finding.
    auto Worst = [](const auto *KV) {
      Level L = Level::Note;
      for (const Finding *F : KV->second)
        L = std::max(L, F->level);
      return L;
    };
    std::stable_sort(Order.begin(), Order.end(), [&](const auto *A, const auto *B) { return Worst(A) > Worst(B); });
    OS << "<section id=\"rules\">\n<h2>Findings by rule</h2>\n";
    if (Order.empty())
      OS << "<p class=\"empty\">No findings.</p>\n";
    for (const auto *KV : Order) {
      const RuleInfo *Rule = findRule(KV->first);
      Level L = Worst(KV);
      OS << "<article class=\"rule-group\" id=\"" << ruleAnchor(KV->first) << "\">\n<h3><span class=\"level "
         << levelName(L) << "\">" << levelName(L) << "</span> " << escape(KV->first);
      if (Rule)
        OS << " <span class=\"title\">" << escape(Rule->title) << "</span>";
      OS << " <span class=\"n\">" << KV->second.size() << "</span></h3>\n";
      if (Rule) {
        OS << "<details class=\"help\"><summary>About this rule</summary>\n<p>" << escape(Rule->description)
           << "</p>\n" << markdownToHtml(Rule->help) << "</details>\n";
      }
      OS << "<ul class=\"findings\">\n";
      for (const Finding *F : KV->second)
        finding(*F, false);
      OS << "</ul>\n</article>\n";
    }
    OS << "</section>\n";
  }

  /// Each function's code with its layers against the unzipped limit.
  void functionSizes() {
    const Inventory &Inv = R.inventory;
    bool Any = false;
    for (const auto &F : Inv.functions) {
      const Inventory::PackageInfo *Code = F.kind == "function" ? findPackage(Inv, F.package) : nullptr;
      if (!Code)
        continue;
      if (!Any)
        OS << "<h3>Functions with their layers</h3>\n<table class=\"sizes\">\n<tr><th>Function</th><th>Parts</th>"
           << "<th>Unzipped</th><th>Of " << escape(humanBytes(Limit)) << "</th></tr>\n";
      Any = true;
      std::vector<std::pair<std::string, const Inventory::PackageInfo *>> Parts{{"code", Code}};
      std::size_t Unknown = 0;
      for (const std::string &Id : F.layers) {
        const Inventory::FunctionInfo *Layer = findLayer(Inv, F, Id);
        const Inventory::PackageInfo *P = Layer ? findPackage(Inv, Layer->package) : nullptr;
        if (P)
          Parts.push_back({"layer " + Id, P});
        else
          ++Unknown;
      }
      std::uint64_t Total = 0;
      for (const auto &Part : Parts)
        Total = addSaturating(Total, Part.second->unpackedBytes);
      OS << "<tr><td>" << escape(F.logicalId) << "</td><td>";
      for (std::size_t I = 0; I < Parts.size(); ++I)
        OS << (I ? "<br>" : "") << escape(Parts[I].first) << ": " << escape(Parts[I].second->location.displayPath())
           << " (" << escape(humanBytes(Parts[I].second->unpackedBytes)) << ")";
      if (Unknown)
        OS << "<br>" << Unknown << " layer(s) fnlint cannot see";
      OS << "</td><td>" << escape(humanBytes(Total)) << "</td><td><div class=\"bar\">";
      for (std::size_t I = 0; I < Parts.size(); ++I)
        OS << "<span class=\"seg s" << I % 6 << "\" style=\"" << width(Parts[I].second->unpackedBytes, Limit)
           << "\"></span>";
      OS << "</div>" << percent(Total, Limit) << "</td></tr>\n";
    }
    if (Any)
      OS << "</table>\n";
  }

  void packages() {
    const Inventory &Inv = R.inventory;
    OS << "<section id=\"packages\">\n<h2>Packages</h2>\n";
    if (Inv.packages.empty())
      OS << "<p class=\"empty\">No packages found.</p>\n";
    functionSizes();
    for (std::size_t I = 0; I < Inv.packages.size(); ++I) {
      const auto &P = Inv.packages[I];
      // Archives nested in others (a Java function's jars) start folded: the
      // script draws a treemap when it is opened.
      OS << "<details class=\"package\"" << (P.kind == "nested-zip" ? "" : " open") << ">\n<summary><b>"
         << escape(P.location.displayPath()) << "</b> <span class=\"kind\">" << escape(P.kind) << ", "
         << escape(P.role) << ", " << escape(humanBytes(P.unpackedBytes)) << "</span></summary>\n<p>";
      if (P.archiveBytes)
        OS << escape(humanBytes(P.archiveBytes)) << " zipped, ";
      OS << escape(humanBytes(P.unpackedBytes)) << " unzipped (" << percent(P.unpackedBytes, Limit) << " of "
         << escape(humanBytes(Limit)) << "), " << P.entries << " entries";
      if (!P.deployedBy.empty()) {
        OS << "; deployed by ";
        for (std::size_t K = 0; K < P.deployedBy.size(); ++K) {
          bool Layer = std::any_of(Inv.functions.begin(), Inv.functions.end(), [&](const auto &F) {
            return F.kind == "layer" && F.logicalId == P.deployedBy[K];
          });
          OS << (K ? ", " : "") << escape(P.deployedBy[K]) << (Layer ? " (layer)" : "");
        }
      }
      OS << "</p>\n<div class=\"crumbs\" data-package=\"" << I << "\"></div>\n<div class=\"treemap\" data-package=\""
         << I << "\"><noscript>The treemap needs JavaScript.</noscript></div>\n</details>\n";
    }
    OS << "</section>\n";
  }

  void problems() {
    OS << "<section id=\"problems\">\n<h2>Input problems</h2>\n";
    if (R.problems.empty())
      OS << "<p class=\"empty\">None: every file fnlint found could be read.</p>\n";
    else
      OS << "<ul class=\"findings\">\n";
    for (const InputProblem &P : R.problems)
      OS << "<li class=\"finding\"><span class=\"level " << levelName(P.level) << "\">" << levelName(P.level)
         << "</span> <div class=\"loc\">" << escape(locationText(P.location)) << "</div><div class=\"msg\">"
         << escape(P.message) << "</div></li>\n";
    if (!R.problems.empty())
      OS << "</ul>\n";
    OS << "</section>\n";
  }

  void suppressed() {
    OS << "<section id=\"suppressed\">\n<h2>Suppressed</h2>\n<p>" << R.suppressed.size()
       << " suppressed finding(s)";
    if (R.baselined)
      OS << ", " << R.baselined << " left out by the baseline";
    OS << (Options.showSuppressed || R.suppressed.empty() ? "." : " (list them with --show-suppressed).") << "</p>\n";
    if (Options.showSuppressed && !R.suppressed.empty()) {
      OS << "<ul class=\"findings\">\n";
      for (const Finding &F : R.suppressed)
        finding(F, true);
      OS << "</ul>\n";
    }
    OS << "</section>\n";
  }

  /// {"limit": N, "packages": [{"name", "folders": [[path, bytes, ownBytes, files], ...]}]}
  void treemapData() {
    nlohmann::ordered_json Doc;
    Doc["limit"] = Limit;
    nlohmann::ordered_json List = nlohmann::ordered_json::array();
    for (const auto &P : R.inventory.packages) {
      nlohmann::ordered_json Folders = nlohmann::ordered_json::array();
      for (const auto &F : P.folders)
        Folders.push_back({F.path, F.bytes, F.ownBytes, F.files});
      List.push_back({{"name", P.location.displayPath()}, {"folders", std::move(Folders)}});
    }
    Doc["packages"] = std::move(List);
    OS << "<script type=\"application/json\" id=\"fnlint-data\">"
       << escapeScriptJson(Doc.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace)) << "</script>\n";
  }
};

} // namespace

std::string escape(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  for (std::size_t I = 0; I < S.size();) {
    auto U = static_cast<unsigned char>(S[I]);
    std::size_t N = utf8Length(S, I);
    if (N == 0) {
      Out += "\xEF\xBF\xBD"; // U+FFFD
      ++I;
      continue;
    }
    if (N > 1) {
      Out.append(S.substr(I, N));
    } else if (U < 0x20 || U == 0x7f) {
      static constexpr char Hex[] = "0123456789abcdef";
      Out += "\\x";
      Out += Hex[U >> 4];
      Out += Hex[U & 15];
    } else {
      switch (S[I]) {
      case '&': Out += "&amp;"; break;
      case '<': Out += "&lt;"; break;
      case '>': Out += "&gt;"; break;
      case '"': Out += "&quot;"; break;
      case '\'': Out += "&#39;"; break;
      default: Out += S[I];
      }
    }
    I += N;
  }
  return Out;
}

std::string escapeScriptJson(std::string_view Json) {
  std::string Out;
  Out.reserve(Json.size());
  for (char C : Json) {
    switch (C) {
    case '<': Out += "\\u003c"; break;
    case '>': Out += "\\u003e"; break;
    case '&': Out += "\\u0026"; break;
    default: Out += C;
    }
  }
  return Out;
}

std::string markdownToHtml(std::string_view Markdown) {
  std::string Out;
  // A paragraph or list item is gathered first: `code` may span its lines.
  std::string Text;
  enum class Block { None, Paragraph, List, Code } Open = Block::None;
  auto Flush = [&] {
    if (!Text.empty())
      Out += (Open == Block::List ? "<li>" : "") + inlineMarkdown(Text) + (Open == Block::List ? "</li>\n" : "");
    Text.clear();
  };
  auto Close = [&] {
    static constexpr const char *End[] = {"", "</p>\n", "</ul>\n", "</code></pre>\n"};
    Flush();
    Out += End[static_cast<int>(Open)];
    Open = Block::None;
  };
  auto Begin = [&](Block B, const char *Tag) {
    if (Open != B) {
      Close();
      Out += Tag;
      Open = B;
    }
  };
  for (std::size_t Start = 0; Start < Markdown.size();) {
    std::size_t End = std::min(Markdown.find('\n', Start), Markdown.size());
    std::string_view Line = Markdown.substr(Start, End - Start);
    Start = End + 1;
    std::size_t Indent = Line.find_first_not_of(' ');
    if (startsWith(Line, "```")) {
      bool WasCode = Open == Block::Code;
      Close();
      if (!WasCode)
        Begin(Block::Code, "<pre><code>");
    } else if (Open == Block::Code) {
      Out += escape(Line) + "\n";
    } else if (Indent == std::string_view::npos) {
      Close();
    } else if (std::size_t Hashes = Line.find_first_not_of('#');
               Hashes != 0 && Hashes != std::string_view::npos && Line[Hashes] == ' ') {
      Close();
      Out += "<h4>" + inlineMarkdown(Line.substr(Hashes + 1)) + "</h4>\n";
    } else if (startsWith(Line, "- ") || startsWith(Line, "* ")) {
      Begin(Block::List, "<ul>\n");
      Flush();
      Text = Line.substr(2);
    } else {
      if (Open != Block::List || Indent == 0)
        Begin(Block::Paragraph, "<p>");
      Text += (Text.empty() ? "" : " ") + std::string(Line.substr(Indent));
    }
  }
  Close();
  return Out;
}

std::vector<FunctionGroup> groupByFunction(const ScanReport &R) {
  const Inventory &Inv = R.inventory;
  std::vector<FunctionGroup> Groups;
  std::vector<bool> Owned(R.findings.size(), false);
  for (const auto &F : Inv.functions) {
    FunctionGroup G{&F, {}};
    const Inventory::PackageInfo *Code = findPackage(Inv, F.package);
    for (std::size_t I = 0; I < R.findings.size(); ++I) {
      const Location &L = R.findings[I].location;
      bool InResource = L.path == F.location.path && L.members == F.location.members && L.logical.name == F.logicalId;
      if (InResource || (Code && within(*Code, L))) {
        G.findings.push_back(&R.findings[I]);
        Owned[I] = true;
      }
    }
    Groups.push_back(std::move(G));
  }
  FunctionGroup Rest;
  for (std::size_t I = 0; I < R.findings.size(); ++I)
    if (!Owned[I])
      Rest.findings.push_back(&R.findings[I]);
  if (!Rest.findings.empty())
    Groups.push_back(std::move(Rest));
  return Groups;
}

} // namespace html

void writeHtml(const ScanReport &R, std::ostream &OS, const HtmlOptions &Options) {
  html::Page(R, OS, Options).write();
}

} // namespace fnlint
