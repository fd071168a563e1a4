//===- scanner/Shard.cpp - One machine's part of a fleet scan --------------===//
#include "scanner/Shard.h"

#include "scanner/Discovery.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

namespace fnlint {

namespace {

bool parseNumber(std::string_view Text, unsigned &Out) {
  if (Text.empty())
    return false;
  auto [End, Ec] = std::from_chars(Text.data(), Text.data() + Text.size(), Out);
  return Ec == std::errc() && End == Text.data() + Text.size();
}

std::string_view folderOf(std::string_view Path) {
  std::size_t Slash = Path.rfind('/');
  if (Slash == std::string_view::npos)
    return {};
  return Slash == 0 ? Path.substr(0, 1) : Path.substr(0, Slash); // "/f" is in "/"
}

} // namespace

bool parseShard(std::string_view Text, ShardSpec &Out, std::string &Error) {
  const std::string Given(Text);
  std::size_t Slash = Text.find('/');
  unsigned K = 0, N = 0;
  if (Slash == std::string_view::npos || !parseNumber(Text.substr(0, Slash), K) ||
      !parseNumber(Text.substr(Slash + 1), N)) {
    Error = "expected K/N with whole numbers, e.g. 1/4, got '" + Given + "'";
    return false;
  }
  if (N == 0) {
    Error = "the shard count N must be at least 1, got '" + Given + "'";
    return false;
  }
  if (K == 0) {
    // The usual slip with a 0-based index such as JOB_COMPLETION_INDEX.
    Error = "K is 1-based (1.." + std::to_string(N) + "), got '" + Given +
            "'; for a 0-based index use $((JOB_COMPLETION_INDEX+1))/" + std::to_string(N);
    return false;
  }
  if (K > N) {
    Error = "K must be at most N (1.." + std::to_string(N) + "), got '" + Given + "'";
    return false;
  }
  Out.index = K;
  Out.count = N;
  return true;
}

std::vector<std::string> shardUnits(const std::vector<DiscoveredFile> &Files) {
  // Folders holding a configuration file directly.
  std::set<std::string, std::less<>> ConfigFolders;
  for (const DiscoveredFile &F : Files)
    if (F.kind == FileKind::TemplateCandidate)
      ConfigFolders.emplace(folderOf(F.path));
  std::vector<std::string> Units;
  Units.reserve(Files.size());
  for (const DiscoveredFile &F : Files) {
    std::string_view Path = F.path;
    // Walk down from the root ("" or "/" for paths outside it): the first
    // folder that holds a configuration file is the unit, else the file.
    bool Absolute = !Path.empty() && Path.front() == '/';
    std::string_view Top = Absolute ? "/" : "";
    std::string_view Unit = Path;
    if (ConfigFolders.count(Top)) {
      Unit = Top;
    } else {
      for (std::size_t Pos = Path.find('/', Absolute ? 1 : 0); Pos != std::string_view::npos;
           Pos = Path.find('/', Pos + 1))
        if (ConfigFolders.count(Path.substr(0, Pos))) {
          Unit = Path.substr(0, Pos);
          break;
        }
    }
    Units.emplace_back(Unit);
  }
  return Units;
}

unsigned shardOfUnit(std::string_view Unit, unsigned Count) {
  // FNV-1a 64: fixed by its definition, the same on every machine.
  std::uint64_t H = 0xcbf29ce484222325ull;
  for (unsigned char C : Unit) {
    H ^= C;
    H *= 0x100000001b3ull;
  }
  return static_cast<unsigned>(H % Count) + 1;
}

std::vector<bool> selectShard(const std::vector<DiscoveredFile> &Files, const ShardSpec &Shard,
                              const std::vector<ShardLink> &Links) {
  std::vector<bool> Keep(Files.size(), true);
  if (!Shard.active())
    return Keep;
  std::vector<std::string> Units = shardUnits(Files);
  // Union-find over unit paths; a group is named by its smallest path, so
  // the name does not depend on the order links are found in.
  std::map<std::string, std::string, std::less<>> Parent;
  std::function<std::string(const std::string &)> Find = [&](const std::string &U) -> std::string {
    auto It = Parent.find(U);
    if (It == Parent.end() || It->second == U)
      return U;
    std::string Root = Find(It->second);
    Parent[U] = Root;
    return Root;
  };
  auto Join = [&](const std::string &A, const std::string &B) {
    std::string RA = Find(A), RB = Find(B);
    if (RA == RB)
      return;
    if (RB < RA)
      std::swap(RA, RB);
    Parent[RA] = RA;
    Parent[RB] = RA;
  };
  auto Less = [](const DiscoveredFile &F, std::string_view P) { return std::string_view(F.path) < P; };
  // The unit of the file at \p Path, or of every file below the folder \p Path.
  auto UnitsAt = [&](const std::string &Path, const std::function<void(const std::string &)> &Each) {
    // Sorted paths put "a/b-c" between "a/b" and "a/b/c": two ranges.
    auto It = std::lower_bound(Files.begin(), Files.end(), std::string_view(Path), Less);
    if (It != Files.end() && It->path == Path)
      Each(Units[It - Files.begin()]);
    std::string Folder = Path + "/";
    for (It = std::lower_bound(Files.begin(), Files.end(), std::string_view(Folder), Less);
         It != Files.end() && It->path.compare(0, Folder.size(), Folder) == 0; ++It)
      Each(Units[It - Files.begin()]);
  };
  for (const ShardLink &L : Links) {
    std::vector<std::string> From;
    UnitsAt(L.from, [&](const std::string &U) { From.push_back(U); });
    if (From.empty())
      continue;
    UnitsAt(L.to, [&](const std::string &U) { Join(From.front(), U); });
  }
  for (std::size_t I = 0; I < Files.size(); ++I)
    Keep[I] = shardOfUnit(Find(Units[I]), Shard.count) == Shard.index;
  return Keep;
}

} // namespace fnlint
