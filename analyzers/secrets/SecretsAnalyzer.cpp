//===- SecretsAnalyzer.cpp - Streaming every file through the secret rules --===//
//
// The work list is every loose file, every file of a code folder that
// discovery did not list (node_modules/ inside a CodeUri), and every entry of
// every archive (nested ones included). Each item is streamed in windows of
// WindowBytes with an overlap, so memory does not grow with file size and a
// secret crossing a window edge is still seen whole; binaries are scanned
// through their printable runs, as `strings` would show them.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretsAnalyzer.h"

#include "analyzers/secrets/SecretEngine.h"
#include "core/RuleInfo.h"
#include "core/Sha256.h"
#include "core/ThreadPool.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

namespace fnlint::secrets {

namespace {

constexpr std::size_t WindowBytes = 8u << 20;  ///< scanned at once
constexpr std::size_t OverlapBytes = 64u << 10; ///< longer than any secret fnlint looks for
constexpr std::size_t MinPrintableRun = 8;      ///< shorter runs in a binary are noise

/// What to read. Kept small (the list has an element per file of every
/// package); where it is and how to judge it are worked out when it is read.
struct WorkItem {
  const Package *Pkg = nullptr;        ///< for package entries
  const PackageEntry *Entry = nullptr;
  const SourceFile *File = nullptr;    ///< for loose files
};

struct Item {
  Location Where;
  std::string ContentPath; ///< the name name-based rules see
  bool ThirdParty = false;
};

/// The folders that were scanned, relative to the root like every path of
/// the project ("" for the root itself), longest first.
std::vector<std::string> scanBases(const Project &P, const std::vector<std::string> &ScanPaths) {
  namespace fs = std::filesystem;
  std::vector<std::string> Bases;
  for (const std::string &Given : ScanPaths) {
    std::error_code EC;
    fs::path Abs = fs::absolute(Given, EC).lexically_normal();
    if (!fs::is_directory(Abs, EC))
      Abs = Abs.parent_path(); // a file was named: judge it within its folder
    std::string S = Abs.generic_string();
    while (S.size() > 1 && S.back() == '/')
      S.pop_back();
    if (S == P.root)
      S.clear();
    else if (S.size() > P.root.size() && S.compare(0, P.root.size(), P.root) == 0 && S[P.root.size()] == '/')
      S.erase(0, P.root.size() + 1);
    Bases.push_back(std::move(S));
  }
  std::sort(Bases.begin(), Bases.end(), [](const std::string &A, const std::string &B) {
    return A.size() != B.size() ? A.size() > B.size() : A < B;
  });
  return Bases;
}

/// \p Path with the scanned folder that holds it taken off.
std::string_view belowScanBase(std::string_view Path, const std::vector<std::string> &Bases) {
  for (const std::string &B : Bases) {
    if (B.empty())
      return Path;
    if (Path.size() > B.size() && Path.compare(0, B.size(), B) == 0 && Path[B.size()] == '/')
      return Path.substr(B.size() + 1);
  }
  return Path;
}

Item describe(const WorkItem &W, const std::vector<std::string> &Bases) {
  Item It;
  if (W.File) {
    It.Where.path = W.File->path;
    It.ContentPath = W.File->path;
    It.ThirdParty = isThirdPartyPath(belowScanBase(W.File->path, Bases)) || isExampleDataPath(W.File->path);
    return It;
  }
  It.Where = W.Pkg->entryLocation(*W.Entry);
  It.ContentPath = W.Pkg->isFolder() ? It.Where.path : W.Entry->path;
  std::string Judged(belowScanBase(It.Where.path, Bases));
  for (const std::string &M : It.Where.members)
    Judged += "!/" + M;
  It.ThirdParty = isThirdPartyPath(Judged) || isExampleDataPath(W.Entry->path);
  return It;
}

bool skippedByName(std::string_view Path) {
  // Media and fonts: no secret lives in a PNG's pixels, and they are large.
  static constexpr std::string_view Skip[] = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".bmp", ".woff",
                                              ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".wav", ".ogg"};
  std::string Lower(Path.substr(Path.size() > 8 ? Path.size() - 8 : 0));
  for (char &C : Lower)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  for (std::string_view Ext : Skip)
    if (Lower.size() >= Ext.size() && Lower.compare(Lower.size() - Ext.size(), Ext.size(), Ext) == 0)
      return true;
  return false;
}

/// Keeps the printable runs of \p Bytes, each on a line of its own.
std::string printableRuns(std::string_view Bytes) {
  std::string Out;
  std::size_t Run = 0;
  for (std::size_t I = 0; I <= Bytes.size(); ++I) {
    unsigned char C = I < Bytes.size() ? static_cast<unsigned char>(Bytes[I]) : 0;
    if ((C >= 0x20 && C < 0x7f) || C == '\t') {
      ++Run;
      continue;
    }
    if (Run >= MinPrintableRun) {
      Out.append(Bytes.substr(I - Run, Run));
      Out += '\n';
    }
    Run = 0;
  }
  return Out;
}

struct Scanned {
  std::vector<Finding> Findings;
  std::vector<InputProblem> Problems;
};

class ItemScanner {
public:
  ItemScanner(const SecretEngine &Engine, FindingSink &Sink) : Engine(Engine), Sink(Sink) {}

  void scan(EntryReader &R, const Item &It, std::vector<InputProblem> &Problems) {
    std::string &Buf = Buffer();
    Buf.clear();
    std::uint32_t LineBase = 1; // line number of Buf[0]
    bool First = true, Binary = false;
    std::unordered_set<std::string> SeenInBinary; // runs of a binary's overlap show up twice
    for (;;) {
      bool Eof = fill(R, Buf, WindowBytes);
      if (Eof && !R.error().empty()) {
        Problems.push_back({Level::Warning, It.Where, "cannot read: " + R.error()});
        return;
      }
      if (First) {
        // A zip inside a package is opened as a package of its own.
        if (Buf.size() >= 4 && Buf[0] == 'P' && Buf[1] == 'K' && Buf[2] == 3 && Buf[3] == 4)
          return;
        Binary = std::memchr(Buf.data(), 0, std::min<std::size_t>(Buf.size(), 8192)) != nullptr;
        First = false;
      }
      std::string Runs;
      Content C;
      C.path = It.ContentPath;
      C.binary = Binary;
      C.thirdParty = It.ThirdParty;
      C.text = Binary ? std::string_view(Runs = printableRuns(Buf)) : std::string_view(Buf);
      std::size_t AcceptTo = Eof ? SIZE_MAX : (Buf.size() > OverlapBytes ? Buf.size() - OverlapBytes : 0);
      for (Hit &H : Engine.scan(C)) {
        // A window judges what starts before its overlap; the next window
        // starts with that overlap and judges the rest.
        if (Binary ? !SeenInBinary.insert(std::string(H.ruleId) + H.secret).second : H.begin >= AcceptTo)
          continue;
        emit(H, C, It, LineBase);
      }
      if (Eof)
        return;
      // Slide: keep the overlap, count the lines of what is dropped.
      std::size_t Drop = Buf.size() - OverlapBytes;
      LineBase += static_cast<std::uint32_t>(std::count(Buf.begin(), Buf.begin() + static_cast<std::ptrdiff_t>(Drop), '\n'));
      Buf.erase(0, Drop);
    }
  }

private:
  const SecretEngine &Engine;
  FindingSink &Sink;
  std::map<std::tuple<std::string, std::string, std::string>, int> Occurrences;

  static std::string &Buffer() {
    thread_local std::string B;
    return B;
  }

  /// Appends to \p Buf until it holds \p Limit bytes or the reader ends.
  static bool fill(EntryReader &R, std::string &Buf, std::size_t Limit) {
    while (Buf.size() < Limit) {
      std::size_t Old = Buf.size();
      Buf.resize(std::min(Limit, Old + (256u << 10)));
      std::int64_t N = R.read(Buf.data() + Old, Buf.size() - Old);
      if (N <= 0) {
        Buf.resize(Old);
        return true;
      }
      Buf.resize(Old + static_cast<std::size_t>(N));
    }
    return false;
  }

  void emit(const Hit &H, const Content &C, const Item &It, std::uint32_t LineBase) {
    Location L = It.Where;
    std::string Message = H.message;
    if (C.binary) {
      Message += " (in a binary file)";
    } else {
      std::size_t RB = H.regionEnd ? H.regionBegin : H.begin, RE = H.regionEnd ? H.regionEnd : H.end;
      // Only the line and columns are wanted: count from the line's start.
      std::size_t LineStart = C.text.rfind('\n', RB == 0 ? 0 : RB - 1);
      LineStart = LineStart == std::string_view::npos || RB == 0 ? 0 : LineStart + 1;
      std::uint32_t Line = LineBase + static_cast<std::uint32_t>(
                                          std::count(C.text.begin(), C.text.begin() + static_cast<std::ptrdiff_t>(LineStart), '\n'));
      std::size_t LineEnd = C.text.find('\n', RB);
      std::string_view LineText =
          C.text.substr(LineStart, (LineEnd == std::string_view::npos ? C.text.size() : LineEnd) - LineStart);
      L.region = Region::fromOffsets(LineText, RB - LineStart, std::min(RE, LineStart + LineText.size()) - LineStart);
      L.region.startLine = L.region.endLine = Line;
    }
    std::string Hash = sha256Hex(H.secret);
    // The same secret twice in one file: the occurrence keeps fingerprints apart.
    int &N = Occurrences[{L.displayPath(), std::string(H.ruleId), Hash}];
    Finding &F = Sink.report(H.ruleId, std::move(Message), std::move(L));
    F.fingerprintKey = "sha256:" + Hash + ":" + std::to_string(++N);
    F.properties = H.properties;
    F.properties["secretSha256"] = Hash;
  }
};

/// Every item of the work list, in a fixed order.
std::vector<WorkItem> workList(const Project &P) {
  std::vector<WorkItem> Items;
  std::unordered_set<std::string_view> Loose;
  for (const SourceFile &F : P.files) {
    Loose.insert(F.path);
    if (!skippedByName(F.path))
      Items.push_back({nullptr, nullptr, &F});
  }
  std::string Path;
  for (const auto &Pkg : P.packages) {
    if (Pkg->unreadable)
      continue;
    for (const PackageEntry &E : Pkg->entries) {
      if (!E.isFile() || E.encrypted || skippedByName(E.path))
        continue;
      if (Pkg->isFolder()) {
        Path = Pkg->entryLocation(E).path;
        if (Loose.count(Path))
          continue; // a file of a code folder discovery listed already
      }
      Items.push_back({Pkg.get(), &E, nullptr});
    }
  }
  return Items;
}

} // namespace

void analyzeSecrets(const Project &P, unsigned Jobs, const SecretOptions &Options, std::vector<Finding> &Findings,
                    std::vector<InputProblem> &Problems) {
  std::vector<WorkItem> Items = workList(P);
  if (Items.empty() && P.deployables.empty())
    return;
  const SecretEngine &Engine = SecretEngine::get();
  std::vector<std::string> Bases = scanBases(P, Options.scanPaths);
  std::vector<Scanned> Results(Items.size());
  parallelFor(Items.size(), Jobs, [&](std::size_t I) {
    const WorkItem &W = Items[I];
    std::string Error;
    std::unique_ptr<EntryReader> R = W.Pkg ? W.Pkg->open(*W.Entry, Error) : P.openFile(W.File->path, Error);
    Item It = describe(W, Bases);
    if (Options.allRulesInDependencies)
      It.ThirdParty = false;
    if (!R) {
      // Entries over a safety limit were reported by package/archive-bomb.
      if (Error.rfind("not read:", 0) != 0)
        Results[I].Problems.push_back({Level::Warning, It.Where, "cannot read for the secret scan: " + Error});
      return;
    }
    FindingSink Sink;
    ItemScanner(Engine, Sink).scan(*R, It, Results[I].Problems);
    Results[I].Findings = std::move(Sink.findings());
  });

  // Environment variables: a secret there is reported as such, and the same
  // value seen by the content rules in the configuration file is not
  // reported twice.
  FindingSink Env;
  checkEnvironment(P, Env);
  std::set<std::pair<std::string, std::uint32_t>> EnvLines;
  for (const Finding &F : Env.findings())
    EnvLines.insert({F.location.displayPath(), F.location.region.startLine});
  for (Scanned &S : Results) {
    for (Finding &F : S.Findings)
      if (!EnvLines.count({F.location.displayPath(), F.location.region.startLine}))
        Findings.push_back(std::move(F));
    for (InputProblem &Pr : S.Problems)
      Problems.push_back(std::move(Pr));
  }
  for (Finding &F : Env.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::secrets
