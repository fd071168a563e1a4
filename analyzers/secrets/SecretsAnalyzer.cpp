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
#include "core/AsciiCase.h"
#include "core/FileBudget.h"
#include "core/Limits.h"
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
  double MinEntropy = 0; ///< SecretOptions::minEntropy
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

Item describe(const WorkItem &W, const std::vector<std::string> &Bases, const std::vector<std::string> &MoreFolders) {
  Item It;
  if (W.File) {
    It.Where.path = W.File->path;
    It.ContentPath = W.File->path;
    It.ThirdParty = isThirdPartyPath(belowScanBase(W.File->path, Bases), MoreFolders) || isExampleDataPath(W.File->path);
    return It;
  }
  It.Where = W.Pkg->entryLocation(*W.Entry);
  It.ContentPath = W.Pkg->isFolder() ? It.Where.path : W.Entry->path;
  std::string Judged(belowScanBase(It.Where.path, Bases));
  for (const std::string &M : It.Where.members)
    Judged += "!/" + M;
  It.ThirdParty = isThirdPartyPath(Judged, MoreFolders) || isExampleDataPath(W.Entry->path);
  return It;
}

bool skippedByName(std::string_view Path) {
  // Media and fonts: no secret lives in a PNG's pixels, and they are large.
  static constexpr std::string_view Skip[] = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".bmp", ".woff",
                                              ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".wav", ".ogg"};
  for (std::string_view Ext : Skip)
    if (endsWithIgnoringCase(Path, Ext))
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

/// The line and columns of a position in streamed text. Hits are reported
/// in offset order and the cursor only moves forward, so placing all of
/// them costs one pass over the text however many there are; it carries
/// over from window to window, so a line that started windows earlier (a
/// minified bundle, a one-line JSON plan) keeps its columns.
struct LineCursor {
  std::size_t Pos = 0;      ///< offset in the current window
  std::uint32_t Line = 1;   ///< the line of Pos
  std::size_t Column = 0;   ///< bytes from the line's start to Pos
  std::size_t Column16 = 0; ///< UTF-16 units from the line's start to Pos

  void advance(std::string_view Text, std::size_t To) {
    std::string_view Span = Text.substr(Pos, To - Pos);
    std::size_t LastBreak = Span.rfind('\n');
    if (LastBreak == std::string_view::npos) {
      Column += Span.size();
      Column16 += utf16Units(Span);
    } else {
      Line += static_cast<std::uint32_t>(std::count(Span.begin(), Span.end(), '\n'));
      Span.remove_prefix(LastBreak + 1);
      Column = Span.size();
      Column16 = utf16Units(Span);
    }
    Pos = To;
  }
};

struct Scanned {
  std::vector<Finding> Findings;
  /// Per finding, the SHA-256 of each part of its secret (a key pair: key
  /// id and secret key), to tell whether an environment finding covers it.
  std::vector<std::vector<std::string>> PartHashes;
  std::vector<InputProblem> Problems;
};

class ItemScanner {
public:
  ItemScanner(const SecretEngine &Engine, const ResourceLimits &Limits, FindingSink &Sink)
      : Engine(Engine), Limits(&Limits), Sink(Sink) {}

  void scan(EntryReader &R, const Item &It, std::vector<InputProblem> &Problems) {
    std::string &Buf = Buffer();
    Buf.clear();
    LineCursor Cursor;
    bool First = true, Binary = false;
    std::unordered_set<std::string> SeenInBinary; // runs of a binary's overlap show up twice
    std::vector<Hit> Accepted;
    for (std::uint64_t Scanned = 0;;) {
      if (FileBudget::expired()) {
        // Each window is linear-time work for RE2; the clock is read between them.
        Problems.push_back({Level::Warning, It.Where,
                            "the secret scan stopped after " + formatSize(Scanned) + ": " +
                                describeLimit(*Limits, "file-seconds") + " seconds were spent on this file"});
        return;
      }
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
      // What this window drops when it slides (the rest is the next one's
      // overlap), never in the middle of a UTF-8 character.
      std::size_t Drop = SIZE_MAX;
      if (!Eof) {
        Drop = Buf.size() - OverlapBytes;
        while (Drop > 0 && (static_cast<unsigned char>(Buf[Drop]) & 0xC0) == 0x80)
          --Drop;
      }
      std::string Runs;
      Content C;
      C.path = It.ContentPath;
      C.binary = Binary;
      C.thirdParty = It.ThirdParty;
      C.minEntropy = It.MinEntropy;
      C.text = Binary ? std::string_view(Runs = printableRuns(Buf)) : std::string_view(Buf);
      Accepted.clear();
      for (Hit &H : Engine.scan(C)) {
        // A window judges what starts before what it keeps for the next
        // window; the next one starts there and judges the rest.
        if (Binary ? !SeenInBinary.insert(std::string(H.ruleId) + H.secret).second : H.begin >= Drop)
          continue;
        Accepted.push_back(std::move(H));
      }
      // In the order of where the findings point, for the cursor.
      std::stable_sort(Accepted.begin(), Accepted.end(),
                       [](const Hit &A, const Hit &B) { return regionBegin(A) < regionBegin(B); });
      std::optional<LineCursor> AtDrop;
      for (const Hit &H : Accepted) {
        if (!Binary && !AtDrop && regionBegin(H) >= Drop) {
          AtDrop = Cursor;
          AtDrop->advance(C.text, Drop);
        }
        emit(H, C, It, Cursor);
      }
      if (Eof)
        return;
      if (!AtDrop) {
        AtDrop = Cursor;
        AtDrop->advance(C.text, Drop);
      }
      Cursor = *AtDrop;
      Cursor.Pos = 0;
      Buf.erase(0, Drop);
      Scanned += Drop;
    }
  }

  std::vector<std::vector<std::string>> &partHashes() { return PartHashes; }

private:
  const SecretEngine &Engine;
  const ResourceLimits *Limits;
  FindingSink &Sink;
  std::map<std::tuple<std::string, std::string, std::string>, int> Occurrences;
  std::vector<std::vector<std::string>> PartHashes;

  static std::size_t regionBegin(const Hit &H) { return H.regionEnd ? H.regionBegin : H.begin; }

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

  void emit(const Hit &H, const Content &C, const Item &It, LineCursor &Cursor) {
    Location L = It.Where;
    std::string Message = H.message;
    if (C.binary) {
      Message += " (in a binary file)";
    } else {
      std::size_t RB = regionBegin(H), RE = H.regionEnd ? H.regionEnd : H.end;
      Cursor.advance(C.text, RB);
      // The region ends with the line it starts on.
      std::string_view Span = C.text.substr(RB, RE - RB);
      Span = Span.substr(0, Span.find('\n'));
      L.region.startLine = L.region.endLine = Cursor.Line;
      L.region.startColumn = static_cast<std::uint32_t>(Cursor.Column + 1);
      L.region.startColumnUtf16 = static_cast<std::uint32_t>(Cursor.Column16 + 1);
      L.region.endColumn = L.region.startColumn + static_cast<std::uint32_t>(Span.size());
      L.region.endColumnUtf16 = L.region.startColumnUtf16 + static_cast<std::uint32_t>(utf16Units(Span));
    }
    std::string Hash = sha256Hex(H.secret);
    std::vector<std::string> Parts;
    if (H.hasGap()) {
      for (const auto &[B, E] : H.parts())
        Parts.push_back(sha256Hex(C.text.substr(B, E - B)));
      if (regionBegin(H) >= H.gapEnd)
        std::swap(Parts[0], Parts[1]); // the part the finding points at first
    } else {
      Parts.push_back(Hash);
    }
    PartHashes.push_back(std::move(Parts));
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

namespace {

/// Where an environment finding's value is written.
bool overlaps(const Region &A, const Region &B) {
  if (!A.startColumn || !B.startColumn)
    return false; // a whole line, or unknown: the hash has to decide
  auto Start = [](const Region &R) { return std::pair(R.startLine, R.startColumn); };
  auto End = [](const Region &R) { return std::pair(R.endLine ? R.endLine : R.startLine, R.endColumn); };
  return Start(A) < End(B) && Start(B) < End(A);
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
    Item It = describe(W, Bases, Options.thirdPartyFolders);
    It.MinEntropy = Options.minEntropy;
    if (Options.allRulesInDependencies)
      It.ThirdParty = false;
    if (!R) {
      // Entries over a safety limit were reported by package/archive-bomb.
      if (Error.rfind("not read:", 0) != 0)
        Results[I].Problems.push_back({Level::Warning, It.Where, "cannot read for the secret scan: " + Error});
      return;
    }
    std::uint64_t Size = W.Pkg ? W.Entry->size : W.File->size;
    if (Size > P.limits.maxFileBytes) {
      Results[I].Problems.push_back({Level::Warning, It.Where,
                                     "not scanned for secrets: " + formatSize(Size) + ", more than " +
                                         describeLimit(P.limits, "file-bytes")});
      return;
    }
    FindingSink Sink;
    ItemScanner Scanner(Engine, P.limits, Sink);
    FileBudget Budget(P.limits.maxFileSeconds);
    Scanner.scan(*R, It, Results[I].Problems);
    Results[I].Findings = std::move(Sink.findings());
    Results[I].PartHashes = std::move(Scanner.partHashes());
  });

  // Environment variables: a secret there is reported as such, and the same
  // secret seen by the content rules in the configuration file is not
  // reported twice. "The same" is the same value (its hash) or the same
  // bytes, never merely the same line: a Terraform plan is one line.
  FindingSink Env;
  checkEnvironment(P, Env);
  std::set<std::pair<std::string, std::string>> EnvSecrets;
  std::map<std::string, std::vector<Region>> EnvValues;
  for (const Finding &F : Env.findings()) {
    std::string Path = F.location.displayPath();
    EnvSecrets.insert({Path, F.properties.value("secretSha256", std::string())});
    EnvValues[Path].push_back(F.location.region);
  }
  auto CoveredByEnv = [&](const Finding &F, const std::vector<std::string> &Parts) {
    std::string Path = F.location.displayPath();
    auto Values = EnvValues.find(Path);
    if (Values == EnvValues.end())
      return false;
    for (std::size_t K = 0; K < Parts.size(); ++K) {
      // The first part is where the finding points; a second (a pair's
      // secret key) is known by its hash only.
      bool Same = EnvSecrets.count({Path, Parts[K]}) ||
                  (K == 0 && std::any_of(Values->second.begin(), Values->second.end(),
                                         [&](const Region &R) { return overlaps(R, F.location.region); }));
      if (!Same)
        return false;
    }
    return true;
  };
  for (Scanned &S : Results) {
    for (std::size_t K = 0; K < S.Findings.size(); ++K)
      if (!CoveredByEnv(S.Findings[K], S.PartHashes[K]))
        Findings.push_back(std::move(S.Findings[K]));
    for (InputProblem &Pr : S.Problems)
      Problems.push_back(std::move(Pr));
  }
  for (Finding &F : Env.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::secrets
