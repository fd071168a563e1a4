#include "support/Fixture.h"

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <deque>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FNLINT_SOURCE_DIR
#error "FNLINT_SOURCE_DIR must be defined"
#endif

namespace fs = std::filesystem;

namespace fnlint::test {

namespace {

std::uint32_t parseMode(const YAML::Node &N, std::uint32_t Default) {
  if (!N)
    return Default;
  return static_cast<std::uint32_t>(std::stoul(N.as<std::string>(), nullptr, 8));
}

/// Deterministic incompressible bytes, seeded by the entry path.
std::string randomBytes(const std::string &Seed, std::size_t N) {
  std::seed_seq Seq(Seed.begin(), Seed.end());
  std::mt19937_64 Gen(Seq);
  std::string Out(N, '\0');
  for (std::size_t I = 0; I < N; I += 8) {
    std::uint64_t V = Gen();
    for (std::size_t K = 0; K < 8 && I + K < N; ++K)
      Out[I + K] = static_cast<char>(V >> (8 * K));
  }
  return Out;
}

std::string contentOf(const YAML::Node &E) {
  std::string Path = E["path"].as<std::string>();
  if (E["text"])
    return E["text"].as<std::string>();
  if (E["random"])
    return randomBytes(Path, E["random"].as<std::size_t>());
  if (E["zeros"])
    return std::string(E["zeros"].as<std::size_t>(), '\0');
  if (E["zip"])
    return buildZip(E["zip"]);
  if (E["symlink"])
    return E["symlink"].as<std::string>();
  return "";
}

void check(bool Ok, const std::string &What) {
  if (!Ok)
    throw std::runtime_error("fixture: " + What);
}

/// A stored-only zip whose central directory lists \p Entries names that all
/// point at the same local file: the overlapping-entry zip bomb shape.
std::string overlappingZip(std::size_t Entries, std::size_t Bytes) {
  auto U16 = [](std::string &S, std::uint16_t V) { S += static_cast<char>(V & 0xff), S += static_cast<char>(V >> 8); };
  auto U32 = [&](std::string &S, std::uint32_t V) { U16(S, V & 0xffff), U16(S, V >> 16); };
  std::string Data(Bytes, 'A');
  std::uint32_t Crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef *>(Data.data()), static_cast<uInt>(Data.size())));
  std::string Name = "payload.txt";
  std::string Z;
  U32(Z, 0x04034b50), U16(Z, 20), U16(Z, 0), U16(Z, 0), U16(Z, 0), U16(Z, 0x21), U32(Z, Crc),
      U32(Z, static_cast<std::uint32_t>(Bytes)), U32(Z, static_cast<std::uint32_t>(Bytes)),
      U16(Z, static_cast<std::uint16_t>(Name.size())), U16(Z, 0);
  Z += Name + Data;
  std::size_t CdStart = Z.size();
  for (std::size_t I = 0; I < Entries; ++I) {
    std::string N = "payload-" + std::to_string(I) + ".txt";
    U32(Z, 0x02014b50), U16(Z, 0x031e), U16(Z, 20), U16(Z, 0), U16(Z, 0), U16(Z, 0), U16(Z, 0x21), U32(Z, Crc),
        U32(Z, static_cast<std::uint32_t>(Bytes)), U32(Z, static_cast<std::uint32_t>(Bytes)),
        U16(Z, static_cast<std::uint16_t>(N.size())), U16(Z, 0), U16(Z, 0), U16(Z, 0), U16(Z, 0),
        U32(Z, 0100644u << 16), U32(Z, 0);
    Z += N;
  }
  std::size_t CdSize = Z.size() - CdStart;
  U32(Z, 0x06054b50), U16(Z, 0), U16(Z, 0), U16(Z, static_cast<std::uint16_t>(Entries)),
      U16(Z, static_cast<std::uint16_t>(Entries)), U32(Z, static_cast<std::uint32_t>(CdSize)),
      U32(Z, static_cast<std::uint32_t>(CdStart)), U16(Z, 0);
  return Z;
}

void materializeFolder(const YAML::Node &Entries, const std::string &Dir) {
  fs::create_directories(Dir);
  std::vector<std::pair<std::string, std::uint32_t>> DirModes;
  for (const auto &E : Entries) {
    std::string Path = Dir + "/" + E["path"].as<std::string>();
    if (E["dir"]) {
      fs::create_directories(Path);
      DirModes.emplace_back(Path, parseMode(E["mode"], 0755));
      continue;
    }
    fs::create_directories(fs::path(Path).parent_path());
    if (E["symlink"]) {
      check(::symlink(E["symlink"].as<std::string>().c_str(), Path.c_str()) == 0, "cannot link " + Path);
      continue;
    }
    writeFile(Path, contentOf(E));
    ::chmod(Path.c_str(), parseMode(E["mode"], 0644));
  }
  // Directory modes last, so restrictive ones do not stop the writes above.
  std::reverse(DirModes.begin(), DirModes.end());
  for (const auto &[Path, Mode] : DirModes)
    ::chmod(Path.c_str(), Mode);
}

} // namespace

void writeFile(const std::string &Path, const std::string &Bytes) {
  fs::create_directories(fs::path(Path).parent_path());
  std::ofstream Out(Path, std::ios::binary | std::ios::trunc);
  Out.write(Bytes.data(), static_cast<std::streamsize>(Bytes.size()));
  check(static_cast<bool>(Out), "cannot write " + Path);
}

void PrintTo(const Fixture &F, std::ostream *OS) { *OS << F.name; }

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
}

TempDir::TempDir() {
  std::string Templ = (fs::temp_directory_path() / "fnlint-test-XXXXXX").string();
  check(::mkdtemp(Templ.data()) != nullptr, "mkdtemp failed");
  Path = Templ;
}

TempDir::~TempDir() {
  std::error_code EC;
  // Restrictive modes written by fixtures must not stop the clean-up.
  for (auto It = fs::recursive_directory_iterator(Path, fs::directory_options::skip_permission_denied, EC);
       It != fs::recursive_directory_iterator(); It.increment(EC))
    if (It->is_directory(EC) && !It->is_symlink(EC))
      ::chmod(It->path().c_str(), 0755);
  fs::remove_all(Path, EC);
}

std::string buildZip(const YAML::Node &Entries) {
  TempDir Tmp;
  std::string Path = Tmp.path() + "/out.zip";
  int Err = 0;
  zip_t *Z = zip_open(Path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &Err);
  check(Z != nullptr, "zip_open failed");
  std::deque<std::string> Keep; // buffers must stay put until zip_close
  for (const auto &E : Entries) {
    // `copies: N` repeats the entry N times, "{i}" in its path numbering them.
    std::size_t Copies = E["copies"] ? E["copies"].as<std::size_t>() : 1;
    std::string Content = E["dir"] ? std::string() : contentOf(E);
    for (std::size_t Copy = 0; Copy < Copies; ++Copy) {
    std::string Name = E["path"].as<std::string>();
    if (auto Pos = Name.find("{i}"); Pos != std::string::npos)
      Name.replace(Pos, 3, std::to_string(Copy));
    zip_int64_t Index;
    std::uint32_t Mode;
    if (E["dir"]) {
      Index = zip_dir_add(Z, Name.c_str(), ZIP_FL_ENC_GUESS);
      Mode = S_IFDIR | parseMode(E["mode"], 0755);
    } else {
      Keep.push_back(Content);
      zip_source_t *Src = zip_source_buffer(Z, Keep.back().data(), Keep.back().size(), 0);
      Index = zip_file_add(Z, Name.c_str(), Src, ZIP_FL_ENC_GUESS);
      Mode = (E["symlink"] ? S_IFLNK : S_IFREG) | parseMode(E["mode"], E["symlink"] ? 0777 : 0644);
      std::string Method = E["method"] ? E["method"].as<std::string>() : "deflate";
      zip_set_file_compression(Z, static_cast<zip_uint64_t>(Index),
                               Method == "store" ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
      if (E["encrypt"])
        check(zip_file_set_encryption(Z, static_cast<zip_uint64_t>(Index), ZIP_EM_AES_256, "fixture-password") == 0,
              "libzip cannot encrypt");
    }
    check(Index >= 0, std::string("cannot add ") + Name + ": " + zip_strerror(Z));
    zip_file_set_mtime(Z, static_cast<zip_uint64_t>(Index), 1704067200, 0); // 2024-01-01, reproducible
    if (E["no-unix-mode"])
      zip_file_set_external_attributes(Z, static_cast<zip_uint64_t>(Index), 0, ZIP_OPSYS_DOS, E["dir"] ? 0x10 : 0);
    else
      zip_file_set_external_attributes(Z, static_cast<zip_uint64_t>(Index), 0, ZIP_OPSYS_UNIX, Mode << 16);
    }
  }
  check(zip_close(Z) == 0, "zip_close failed");
  return readFile(Path);
}

std::vector<Fixture> findFixtures(const std::string &Category) {
  std::vector<Fixture> Out;
  fs::path Base = fs::path(FNLINT_SOURCE_DIR) / "fixtures" / Category;
  if (!fs::exists(Base))
    return Out;
  for (const auto &RuleDir : fs::directory_iterator(Base)) {
    if (!RuleDir.is_directory())
      continue;
    for (const auto &CaseDir : fs::directory_iterator(RuleDir.path())) {
      fs::path Spec = CaseDir.path() / "fixture.yaml";
      if (!fs::exists(Spec))
        continue;
      Fixture F;
      F.rule = Category + "/" + RuleDir.path().filename().string();
      F.name = F.rule + "/" + CaseDir.path().filename().string();
      F.directory = CaseDir.path().string();
      F.fires = CaseDir.path().filename().string().rfind("fires", 0) == 0;
      F.spec = std::make_shared<const YAML::Node>(YAML::LoadFile(Spec.string()));
      const YAML::Node &Doc = *F.spec;
      F.description = Doc["description"] ? Doc["description"].as<std::string>() : "";
      if (const YAML::Node &E = Doc["expect"]; E && E.IsSequence())
        for (const auto &X : E)
          F.expect.push_back({X["rule"].as<std::string>(), X["at"] ? X["at"].as<std::string>() : ""});
      if (const YAML::Node &L = Doc["limits"]) {
        // The keys of .fnlint.yaml's limits: (docs/limits.md), values as numbers.
        for (const auto &KV : L) {
          const LimitSpec *Spec = findLimit(KV.first.as<std::string>());
          std::string Error;
          if (!Spec || !setLimit(F.limits, *Spec, KV.second.as<double>(), Error))
            throw std::runtime_error(Spec ? Error : "unknown limit " + KV.first.as<std::string>());
        }
      }
      Out.push_back(std::move(F));
    }
  }
  std::sort(Out.begin(), Out.end(), [](const Fixture &A, const Fixture &B) { return A.name < B.name; });
  return Out;
}

void materialize(const Fixture &F, const std::string &Root) {
  const YAML::Node &S = *F.spec;
  if (S["template"])
    writeFile(Root + "/template.yaml", S["template"].as<std::string>());
  // Extra plain files next to the package (e.g. a second archive).
  if (const YAML::Node &Files = S["files"])
    materializeFolder(Files, Root);
  if (S["folder"]) {
    materializeFolder(S["entries"], Root + "/" + S["folder"].as<std::string>());
    return;
  }
  if (!S["entries"] && !S["overlap"] && !S["post"])
    return;
  std::string Archive = S["archive"] ? S["archive"].as<std::string>() : "function.zip";
  std::string Bytes;
  if (const YAML::Node &O = S["overlap"])
    Bytes = overlappingZip(O["entries"].as<std::size_t>(), O["bytes"].as<std::size_t>());
  else
    Bytes = buildZip(S["entries"] ? S["entries"] : YAML::Node(YAML::NodeType::Sequence));
  if (const YAML::Node &Post = S["post"]) {
    if (Post["raw"])
      Bytes = Post["raw"].as<std::string>();
    if (Post["truncate"])
      Bytes.resize(std::min(Bytes.size(), Post["truncate"].as<std::size_t>()));
    if (const YAML::Node &R = Post["replace"])
      for (const auto &Pair : R) {
        std::string From = Pair["from"].as<std::string>(), To = Pair["to"].as<std::string>();
        check(From.size() == To.size(), "replace needs equal lengths");
        for (std::size_t Pos = 0; (Pos = Bytes.find(From, Pos)) != std::string::npos; Pos += To.size())
          Bytes.replace(Pos, From.size(), To);
      }
  }
  writeFile(Root + "/" + Archive, Bytes);
}

} // namespace fnlint::test
