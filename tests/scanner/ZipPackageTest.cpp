//===- tests/scanner/ZipPackageTest.cpp - Reading zips with libzip ---------===//
//
// Archives are built at test time with support/Fixture.h (libzip) from YAML
// entry lists, so every byte that matters is visible here. The tests check
// what the central directory yields, that entries stream back byte for byte
// (from several threads at once), nesting, unreadable archives, the bomb
// limits and determinism.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "core/Package.h"
#include "core/ThreadPool.h"
#include "scanner/ZipPackage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Builds the `entries:` list of support/Fixture.h in C++, so content strings
/// are exact (no YAML block-scalar newline rules in the way).
class Entries {
public:
  Entries &file(const std::string &Path, const std::string &Text, const char *Mode = nullptr,
                const char *Method = nullptr) {
    YAML::Node E;
    E["path"] = Path;
    E["text"] = Text;
    if (Mode)
      E["mode"] = Mode;
    if (Method)
      E["method"] = Method;
    List.push_back(E);
    return *this;
  }
  Entries &zeros(const std::string &Path, std::size_t N, const char *Method = nullptr) {
    YAML::Node E;
    E["path"] = Path;
    E["zeros"] = N;
    if (Method)
      E["method"] = Method;
    List.push_back(E);
    return *this;
  }
  Entries &random(const std::string &Path, std::size_t N, const char *Method = nullptr) {
    YAML::Node E;
    E["path"] = Path;
    E["random"] = N;
    if (Method)
      E["method"] = Method;
    List.push_back(E);
    return *this;
  }
  Entries &dir(const std::string &Path, const char *Mode = nullptr) {
    YAML::Node E;
    E["path"] = Path;
    E["dir"] = true;
    if (Mode)
      E["mode"] = Mode;
    List.push_back(E);
    return *this;
  }
  Entries &symlink(const std::string &Path, const std::string &Target) {
    YAML::Node E;
    E["path"] = Path;
    E["symlink"] = Target;
    List.push_back(E);
    return *this;
  }
  Entries &zip(const std::string &Path, const Entries &Inner, const char *Method = nullptr) {
    YAML::Node E;
    E["path"] = Path;
    E["zip"] = Inner.List;
    if (Method)
      E["method"] = Method;
    List.push_back(E);
    return *this;
  }
  /// Adds a flag (no-unix-mode, encrypt) to the last entry.
  Entries &with(const char *Flag) {
    List[List.size() - 1][Flag] = true;
    return *this;
  }
  std::string build() const { return buildZip(List); }

  YAML::Node List{YAML::NodeType::Sequence};
};

void writeBytes(const std::string &Path, const std::string &Bytes) {
  std::filesystem::create_directories(std::filesystem::path(Path).parent_path());
  std::ofstream Out(Path, std::ios::binary | std::ios::trunc);
  Out.write(Bytes.data(), static_cast<std::streamsize>(Bytes.size()));
  ASSERT_TRUE(Out.good()) << Path;
}

struct Loaded {
  std::vector<std::unique_ptr<Package>> packages;
  std::vector<InputProblem> problems;

  const Package &at(std::vector<std::string> Members) const {
    for (const auto &P : packages)
      if (P->location.members == Members)
        return *P;
    ADD_FAILURE() << "no package with that member chain";
    return *packages.front();
  }
};

Loaded loadFile(const std::string &Abs, const std::string &Rel, const ResourceLimits &Limits = {},
                unsigned Jobs = 1) {
  Loaded L;
  loadZipPackages(Abs, Rel, Limits, Jobs, L.packages, L.problems);
  return L;
}

Loaded loadBuffer(const std::string &Bytes, const Location &Where, const ResourceLimits &Limits = {},
                  unsigned Jobs = 1) {
  Loaded L;
  loadZipPackagesFromBuffer(std::make_shared<const std::string>(Bytes), Where, Limits, Jobs, L.packages,
                            L.problems);
  return L;
}

const PackageEntry *findEntry(const Package &P, std::string_view Path) {
  for (const PackageEntry &E : P.entries)
    if (E.path == Path)
      return &E;
  return nullptr;
}

std::uint32_t crcOf(std::string_view Bytes) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef *>(Bytes.data()), static_cast<uInt>(Bytes.size())));
}

/// Reads an entry whole through Package::open, in chunks of \p Chunk bytes.
std::string readEntry(const Package &P, const PackageEntry &E, std::size_t Chunk = 64 * 1024) {
  std::string Error;
  auto R = P.open(E, Error);
  if (!R) {
    ADD_FAILURE() << "cannot open " << E.path << ": " << Error;
    return {};
  }
  std::string Out, Buf(Chunk, '\0');
  for (;;) {
    std::int64_t N = R->read(Buf.data(), Buf.size());
    if (N < 0) {
      ADD_FAILURE() << "read error in " << E.path << ": " << R->error();
      return Out;
    }
    if (N == 0)
      return Out;
    Out.append(Buf.data(), static_cast<std::size_t>(N));
  }
}

const std::string IndexJs =
    "const { DynamoDBClient, GetItemCommand } = require(\"@aws-sdk/client-dynamodb\");\n"
    "\n"
    "const client = new DynamoDBClient({});\n"
    "const TABLE = process.env.ORDERS_TABLE;\n"
    "\n"
    "exports.handler = async (event) => {\n"
    "  const id = event.pathParameters && event.pathParameters.id;\n"
    "  if (!id) return { statusCode: 400, body: JSON.stringify({ error: \"missing id\" }) };\n"
    "  const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id } } }));\n"
    "  return { statusCode: out.Item ? 200 : 404, body: JSON.stringify(out.Item || {}) };\n"
    "};\n";

const std::string DbJs = "const pool = new Map();\n"
                         "module.exports.connection = (name) => pool.get(name) || pool.set(name, {}).get(name);\n";

const std::string Bootstrap = "#!/bin/sh\n"
                              "set -euo pipefail\n"
                              "cd \"$LAMBDA_TASK_ROOT\"\n"
                              "exec ./orders-service --port \"${AWS_LAMBDA_RUNTIME_API#*:}\"\n";

const std::string Readme = "Orders service\r\n==============\r\nBuilt on Windows with 7-Zip.\r\n";

const std::string Manifest = "Manifest-Version: 1.0\r\nCreated-By: Maven JAR Plugin 3.3.0\r\n"
                             "Implementation-Title: commons-util\r\nImplementation-Version: 2.4.1\r\n\r\n";

/// A generated JavaScript bundle large enough to need several reads.
std::string bundleJs(std::size_t Functions) {
  std::string S = "\"use strict\";\n";
  for (std::size_t I = 0; I < Functions; ++I)
    S += "function validateField" + std::to_string(I) + "(v) { return typeof v === \"string\" && v.length < " +
         std::to_string(64 + I % 200) + "; }\n";
  S += "module.exports = { validateField0 };\n";
  return S;
}

Entries commonsJar() {
  Entries J;
  J.dir("META-INF/")
      .file("META-INF/MANIFEST.MF", Manifest)
      .random("org/example/util/Strings.class", 1500)
      .random("org/example/util/Json.class", 2300);
  return J;
}

//===----------------------------------------------------------------------===//
// Entries from the central directory
//===----------------------------------------------------------------------===//

class ZipPackageTest : public ::testing::Test {
protected:
  TempDir Tmp;
  std::string path(const std::string &Rel) const { return Tmp.path() + "/" + Rel; }
  std::string write(const std::string &Rel, const std::string &Bytes) {
    writeBytes(path(Rel), Bytes);
    return path(Rel);
  }
};

TEST_F(ZipPackageTest, ListsEntriesFromTheCentralDirectory) {
  Entries Z;
  Z.file("index.js", IndexJs)
      .file("bootstrap", Bootstrap, "755", "store")
      .dir("lib/")
      .file("lib/db.js", DbJs, "600")
      .symlink("node_modules/.bin/uuid", "../uuid/dist/bin/uuid")
      .file("README.txt", Readme)
      .with("no-unix-mode")
      .dir("config/")
      .with("no-unix-mode");
  std::string Abs = write("dist/orders.zip", Z.build());

  Loaded L = loadFile(Abs, "dist/orders.zip");
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  EXPECT_EQ(P.origin, Package::Origin::DiskArchive);
  EXPECT_EQ(P.role, Package::Role::Other); // roles are the linker's business
  EXPECT_EQ(P.depth, 0u);
  EXPECT_EQ(P.location.path, "dist/orders.zip");
  EXPECT_TRUE(P.location.members.empty());
  EXPECT_EQ(P.anchor, P.location);
  EXPECT_EQ(P.archiveBytes, std::filesystem::file_size(Abs));
  EXPECT_FALSE(P.unreadable.has_value());
  EXPECT_TRUE(P.violations.empty());

  ASSERT_EQ(P.entries.size(), 7u);
  std::vector<std::string> Paths;
  for (std::size_t I = 0; I < P.entries.size(); ++I) {
    Paths.push_back(P.entries[I].path);
    EXPECT_EQ(P.entries[I].index, I) << "central directory order";
  }
  EXPECT_EQ(Paths, (std::vector<std::string>{"index.js", "bootstrap", "lib", "lib/db.js", "node_modules/.bin/uuid",
                                             "README.txt", "config"}));

  const PackageEntry &Index = P.entries[0];
  EXPECT_EQ(Index.type, PackageEntry::Type::File);
  EXPECT_EQ(Index.size, IndexJs.size());
  EXPECT_EQ(Index.crc32, crcOf(IndexJs));
  EXPECT_EQ(Index.compressionMethod, 8);
  EXPECT_GT(Index.compressedSize, 0u);
  EXPECT_LT(Index.compressedSize, Index.size) << "source text deflates";
  EXPECT_TRUE(Index.hasUnixMode);
  EXPECT_EQ(Index.unixMode, S_IFREG | 0644u);
  EXPECT_EQ(Index.permissions(), 0644u);
  EXPECT_FALSE(Index.encrypted);

  const PackageEntry &Boot = P.entries[1];
  EXPECT_TRUE(Boot.isFile());
  EXPECT_EQ(Boot.compressionMethod, 0);
  EXPECT_EQ(Boot.compressedSize, Bootstrap.size()) << "stored entries are not compressed";
  EXPECT_EQ(Boot.size, Bootstrap.size());
  EXPECT_EQ(Boot.crc32, crcOf(Bootstrap));
  EXPECT_EQ(Boot.unixMode, S_IFREG | 0755u);

  const PackageEntry &Lib = P.entries[2];
  EXPECT_TRUE(Lib.isDirectory());
  EXPECT_EQ(Lib.path, "lib") << "trailing '/' removed";
  EXPECT_EQ(Lib.size, 0u);
  EXPECT_TRUE(Lib.hasUnixMode);
  EXPECT_TRUE(S_ISDIR(Lib.unixMode));
  EXPECT_EQ(Lib.permissions(), 0755u);

  const PackageEntry &Db = P.entries[3];
  EXPECT_EQ(Db.permissions(), 0600u);
  EXPECT_EQ(Db.crc32, crcOf(DbJs));

  const PackageEntry &Link = P.entries[4];
  EXPECT_TRUE(Link.isSymlink());
  EXPECT_TRUE(S_ISLNK(Link.unixMode));
  EXPECT_EQ(Link.symlinkTarget, "../uuid/dist/bin/uuid");
  EXPECT_EQ(Link.size, std::string("../uuid/dist/bin/uuid").size());

  const PackageEntry &Win = P.entries[5];
  EXPECT_TRUE(Win.isFile());
  EXPECT_FALSE(Win.hasUnixMode);
  EXPECT_EQ(Win.unixMode, 0u);
  EXPECT_EQ(Win.crc32, crcOf(Readme));

  const PackageEntry &WinDir = P.entries[6];
  EXPECT_TRUE(WinDir.isDirectory()) << "the DOS directory attribute makes it a directory";
  EXPECT_FALSE(WinDir.hasUnixMode);
  EXPECT_EQ(WinDir.path, "config");

  EXPECT_EQ(P.unpackedBytes(), IndexJs.size() + Bootstrap.size() + DbJs.size() + Readme.size())
      << "only file entries count";

  EXPECT_EQ(P.entryLocation(Db).displayPath(), "dist/orders.zip!/lib/db.js");
  EXPECT_EQ(P.entryLocation(Db).path, "dist/orders.zip");
  EXPECT_EQ(P.entryLocation(Db).members, std::vector<std::string>{"lib/db.js"});
}

TEST_F(ZipPackageTest, EveryFileEntryCrcMatchesZlib) {
  Entries Z;
  std::string Bundle = bundleJs(500);
  Z.file("index.mjs", IndexJs).file("dist/bundle.js", Bundle).file("empty.txt", "").zeros("data/pad.bin", 4096);
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  ASSERT_EQ(P.entries.size(), 4u);
  EXPECT_EQ(P.entries[0].crc32, crcOf(IndexJs));
  EXPECT_EQ(P.entries[1].crc32, crcOf(Bundle));
  EXPECT_EQ(P.entries[2].crc32, 0u);
  EXPECT_EQ(P.entries[2].size, 0u);
  EXPECT_EQ(P.entries[3].crc32, crcOf(std::string(4096, '\0')));
  for (const PackageEntry &E : P.entries)
    EXPECT_EQ(crcOf(readEntry(P, E)), E.crc32) << E.path;
}

TEST_F(ZipPackageTest, EncryptedEntryIsFlaggedAndNotOpened) {
  Entries Z;
  Z.file("index.js", IndexJs).file("config/secrets.json", "{\"dbPassword\": \"hunter2\"}\n").with("encrypt");
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  EXPECT_FALSE(P.unreadable.has_value()) << "one encrypted entry does not make the archive unreadable";
  const PackageEntry *Plain = findEntry(P, "index.js");
  const PackageEntry *Secret = findEntry(P, "config/secrets.json");
  ASSERT_TRUE(Plain && Secret);
  EXPECT_FALSE(Plain->encrypted);
  EXPECT_TRUE(Secret->encrypted);
  EXPECT_EQ(Secret->size, std::string("{\"dbPassword\": \"hunter2\"}\n").size());

  std::string Error;
  EXPECT_EQ(P.open(*Secret, Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("encrypted"));
  EXPECT_EQ(readEntry(P, *Plain), IndexJs);
}

TEST_F(ZipPackageTest, OpeningADirectoryEntryFailsOrYieldsNothing) {
  Entries Z;
  Z.dir("lib/").file("lib/db.js", DbJs);
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  const Package &P = *L.packages[0];
  std::string Error;
  auto R = P.open(P.entries[0], Error);
  if (R) {
    std::string Out;
    EXPECT_TRUE(R->readAll(Out, 1024));
    EXPECT_TRUE(Out.empty());
  }
  EXPECT_EQ(readEntry(P, P.entries[1], 7), DbJs) << "small reads add up to the whole entry";
}

TEST_F(ZipPackageTest, CorruptEntryDataIsAReadErrorNotSilentGarbage) {
  const std::string Config = "{\"stage\": \"production\", \"tableName\": \"orders-prod\"}\n";
  Entries Z;
  Z.file("index.js", IndexJs).file("config.json", Config, nullptr, "store");
  std::string Bytes = Z.build();
  auto At = Bytes.find("orders-prod");
  ASSERT_NE(At, std::string::npos);
  Bytes.replace(At, 11, "orders-dev!"); // same length: the central directory still agrees
  Loaded L = loadFile(write("fn.zip", Bytes), "fn.zip");
  const Package &P = *L.packages[0];
  EXPECT_FALSE(P.unreadable.has_value());
  const PackageEntry *E = findEntry(P, "config.json");
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->crc32, crcOf(Config)) << "the central directory keeps the original CRC";
  std::string Error;
  auto R = P.open(*E, Error);
  ASSERT_NE(R, nullptr) << Error;
  std::string Out;
  EXPECT_FALSE(R->readAll(Out, 1 << 20)) << "libzip checks the CRC at the end of the entry";
  EXPECT_THAT(R->error(), HasSubstr("CRC"));
  EXPECT_EQ(readEntry(P, *findEntry(P, "index.js")), IndexJs) << "other entries are unaffected";
}

//===----------------------------------------------------------------------===//
// Streaming from several threads
//===----------------------------------------------------------------------===//

struct Expected {
  std::string path;
  std::string bytes; ///< empty with Size set: random content, checked by CRC
  std::size_t size = 0;
};

/// A realistic mix: many small source files, a large bundle, stored and
/// deflated binaries, an empty file.
Entries streamingArchive(std::vector<Expected> &Want) {
  Entries Z;
  for (int I = 0; I < 24; ++I) {
    std::string Path = "src/handlers/route" + std::to_string(I) + ".js";
    std::string Text = "// route " + std::to_string(I) + "\n" + IndexJs + bundleJs(static_cast<std::size_t>(I * 7));
    Z.file(Path, Text, nullptr, I % 3 == 0 ? "store" : nullptr);
    Want.push_back({Path, Text, Text.size()});
  }
  std::string Bundle = bundleJs(4000); // ~350 KB, several 64 KB reads
  Z.file("dist/bundle.js", Bundle);
  Want.push_back({"dist/bundle.js", Bundle, Bundle.size()});
  Z.zeros("var/cache.bin", 200000);
  Want.push_back({"var/cache.bin", std::string(200000, '\0'), 200000});
  Z.random("bin/orders-service", 300000, "store");
  Want.push_back({"bin/orders-service", "", 300000});
  Z.random("lib/libcrypto.so.3", 120000);
  Want.push_back({"lib/libcrypto.so.3", "", 120000});
  Z.file("empty.txt", "");
  Want.push_back({"empty.txt", "", 0});
  return Z;
}

/// Reads every entry of \p P on 4 threads, twice over (so the same entries
/// are also read concurrently), and checks each against \p Want.
void streamConcurrently(const Package &P, const std::vector<Expected> &Want) {
  ASSERT_EQ(P.entries.size(), Want.size());
  const std::size_t Rounds = 2;
  std::vector<std::string> Got(P.entries.size() * Rounds);
  std::vector<std::string> Errors(P.entries.size() * Rounds);
  parallelFor(Got.size(), 4, [&](std::size_t I) {
    const PackageEntry &E = P.entries[I % P.entries.size()];
    std::string Error;
    auto R = P.open(E, Error);
    if (!R) {
      Errors[I] = "open: " + Error;
      return;
    }
    char Buf[4096 + 3]; // an odd size, so reads do not line up with anything
    for (;;) {
      std::int64_t N = R->read(Buf, sizeof Buf);
      if (N < 0) {
        Errors[I] = "read: " + R->error();
        return;
      }
      if (N == 0)
        break;
      Got[I].append(Buf, static_cast<std::size_t>(N));
    }
  });
  for (std::size_t I = 0; I < Got.size(); ++I) {
    const PackageEntry &E = P.entries[I % P.entries.size()];
    const Expected &W = Want[I % Want.size()];
    ASSERT_EQ(E.path, W.path);
    EXPECT_TRUE(Errors[I].empty()) << E.path << ": " << Errors[I];
    EXPECT_EQ(Got[I].size(), W.size) << E.path;
    EXPECT_EQ(crcOf(Got[I]), E.crc32) << E.path;
    if (!W.bytes.empty() || W.size == 0) {
      EXPECT_TRUE(Got[I] == W.bytes) << E.path << " differs byte for byte";
    }
  }
}

TEST_F(ZipPackageTest, StreamsEveryEntryFromFourThreads) {
  std::vector<Expected> Want;
  Entries Z = streamingArchive(Want);
  Loaded L = loadFile(write("dist/api.zip", Z.build()), "dist/api.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  streamConcurrently(*L.packages[0], Want);
}

TEST_F(ZipPackageTest, StreamsEveryEntryOfAnInMemoryArchiveFromFourThreads) {
  std::vector<Expected> Want;
  Entries Z = streamingArchive(Want);
  Loaded L = loadBuffer(Z.build(), Location{"dist/api.zip", {}, {}, {}});
  ASSERT_EQ(L.packages.size(), 1u);
  streamConcurrently(*L.packages[0], Want);
}

TEST_F(ZipPackageTest, StreamsEntriesOfANestedArchiveFromFourThreads) {
  std::vector<Expected> Want;
  Entries Inner = streamingArchive(Want);
  Entries Outer;
  Outer.file("index.js", IndexJs).zip("layers/api.zip", Inner);
  Loaded L = loadFile(write("fn.zip", Outer.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 2u);
  streamConcurrently(L.at({"layers/api.zip"}), Want);
}

//===----------------------------------------------------------------------===//
// Nested archives
//===----------------------------------------------------------------------===//

TEST_F(ZipPackageTest, JarInsideZipBecomesANestedPackage) {
  Entries Z;
  Z.file("index.js", IndexJs).dir("lib/").zip("lib/commons-util-2.4.1.jar", commonsJar());
  std::string Abs = write("build/fn.zip", Z.build());
  Loaded L = loadFile(Abs, "build/fn.zip");
  EXPECT_TRUE(L.problems.empty());
  ASSERT_EQ(L.packages.size(), 2u);

  const Package &Outer = *L.packages[0];
  EXPECT_TRUE(Outer.location.members.empty()) << "the package on disk comes first";
  EXPECT_EQ(Outer.entries.size(), 3u) << "the jar is also an entry of its parent";

  const Package &Jar = *L.packages[1];
  EXPECT_EQ(Jar.origin, Package::Origin::NestedArchive);
  EXPECT_TRUE(Jar.isNested());
  EXPECT_EQ(Jar.depth, 1u);
  EXPECT_EQ(Jar.location.path, "build/fn.zip");
  EXPECT_EQ(Jar.location.members, std::vector<std::string>{"lib/commons-util-2.4.1.jar"});
  EXPECT_EQ(Jar.location.displayPath(), "build/fn.zip!/lib/commons-util-2.4.1.jar");
  EXPECT_EQ(Jar.anchor.path, "build/fn.zip") << "findings point at the archive that exists on disk";
  EXPECT_TRUE(Jar.anchor.members.empty());
  EXPECT_EQ(Jar.archiveBytes, findEntry(Outer, "lib/commons-util-2.4.1.jar")->size);
  EXPECT_FALSE(Jar.unreadable.has_value());

  ASSERT_EQ(Jar.entries.size(), 4u);
  const PackageEntry *Mf = findEntry(Jar, "META-INF/MANIFEST.MF");
  ASSERT_NE(Mf, nullptr);
  EXPECT_EQ(Mf->crc32, crcOf(Manifest));
  EXPECT_EQ(readEntry(Jar, *Mf), Manifest);
  EXPECT_EQ(Jar.entryLocation(*Mf).displayPath(), "build/fn.zip!/lib/commons-util-2.4.1.jar!/META-INF/MANIFEST.MF");
  EXPECT_EQ(Jar.entryLocation(*Mf).members,
            (std::vector<std::string>{"lib/commons-util-2.4.1.jar", "META-INF/MANIFEST.MF"}));
}

TEST_F(ZipPackageTest, ExtensionlessZipIsDetectedByMagicBytes) {
  Entries Bundle;
  Bundle.file("handler.py", "def handler(event, context):\n    return {\"statusCode\": 200}\n");
  Entries Z;
  Z.file("index.js", IndexJs)
      .zip("vendor/bundle", Bundle)          // a zip without an extension
      .zip("vendor/payload.bin", Bundle)     // a zip behind a non-archive extension: not opened
      .file("vendor/NOTICE", "This product includes software developed by the Apache Software Foundation.\n")
      .file("vendor/PK", "PK\x03");          // too short to be a zip
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 2u);
  const Package &Nested = *L.packages[1];
  EXPECT_EQ(Nested.location.members, std::vector<std::string>{"vendor/bundle"});
  ASSERT_EQ(Nested.entries.size(), 1u);
  EXPECT_EQ(Nested.entries[0].path, "handler.py");
}

TEST_F(ZipPackageTest, ArchiveExtensionsAreRecognisedInAnyCase) {
  Entries Inner;
  Inner.file("six.py", "# Utilities for writing code that runs on Python 2 and 3\n__version__ = \"1.16.0\"\n");
  Entries Z;
  Z.zip("python/six-1.16.0-py2.py3-none-any.WHL", Inner)
      .zip("python/legacy.Egg", Inner)
      .zip("java/lib/util.JAR", Inner, "store")
      .zip("assets/Images.ZIP", Inner);
  Loaded L = loadFile(write("layer.zip", Z.build()), "layer.zip");
  ASSERT_EQ(L.packages.size(), 5u);
  std::vector<std::string> Nested;
  for (std::size_t I = 1; I < L.packages.size(); ++I)
    Nested.push_back(L.packages[I]->location.members.at(0));
  // Sorted by member chain, not by central directory order.
  EXPECT_EQ(Nested, (std::vector<std::string>{"assets/Images.ZIP", "java/lib/util.JAR", "python/legacy.Egg",
                                              "python/six-1.16.0-py2.py3-none-any.WHL"}));
}

Entries threeLevels() {
  Entries Core;
  Core.file("core/Config.properties", "region=eu-west-1\nretries=3\n");
  Entries Inner;
  Inner.file("nodejs/package.json", "{\"name\": \"shared-layer\", \"version\": \"1.0.0\"}\n").zip("deep/core.jar", Core);
  Entries Outer;
  Outer.file("index.js", IndexJs).zip("layers/inner.zip", Inner);
  return Outer;
}

TEST_F(ZipPackageTest, MemberChainsFollowTheNesting) {
  Loaded L = loadFile(write("dist/outer.zip", threeLevels().build()), "dist/outer.zip");
  ASSERT_EQ(L.packages.size(), 3u);
  EXPECT_TRUE(L.packages[0]->location.members.empty());
  EXPECT_EQ(L.packages[1]->location.members, std::vector<std::string>{"layers/inner.zip"});
  EXPECT_EQ(L.packages[2]->location.members, (std::vector<std::string>{"layers/inner.zip", "deep/core.jar"}));
  for (unsigned D = 0; D < 3; ++D) {
    EXPECT_EQ(L.packages[D]->depth, D);
    EXPECT_EQ(L.packages[D]->location.path, "dist/outer.zip");
    EXPECT_EQ(L.packages[D]->anchor, (Location{"dist/outer.zip", {}, {}, {}}));
    EXPECT_TRUE(L.packages[D]->violations.empty());
  }
  const Package &Core = *L.packages[2];
  ASSERT_EQ(Core.entries.size(), 1u);
  EXPECT_EQ(Core.entryLocation(Core.entries[0]).displayPath(),
            "dist/outer.zip!/layers/inner.zip!/deep/core.jar!/core/Config.properties");
  EXPECT_EQ(readEntry(Core, Core.entries[0]), "region=eu-west-1\nretries=3\n");
}

TEST_F(ZipPackageTest, NestingDeeperThanTheLimitIsOneViolationOnTheDiskArchive) {
  std::string Abs = write("dist/outer.zip", threeLevels().build());
  ResourceLimits Limits;
  Limits.maxDepth = 1;
  Loaded L = loadFile(Abs, "dist/outer.zip", Limits);
  ASSERT_EQ(L.packages.size(), 2u) << "core.jar (depth 2) is not opened";
  const Package &Inner = *L.packages[1];
  EXPECT_EQ(Inner.depth, 1u);
  EXPECT_TRUE(Inner.violations.empty()) << "reported once, on the archive in the repository";
  EXPECT_NE(findEntry(Inner, "deep/core.jar"), nullptr) << "still listed as an entry";
  ASSERT_EQ(L.packages[0]->violations.size(), 1u);
  const LimitViolation &V = L.packages[0]->violations[0];
  EXPECT_EQ(V.kind, LimitViolation::Kind::NestingDepth);
  EXPECT_EQ(V.member, "");
  EXPECT_THAT(V.detail, HasSubstr("1 archive is nested more than 1 levels deep"));
  EXPECT_THAT(V.detail, HasSubstr("first: dist/outer.zip!/layers/inner.zip!/deep/core.jar"));

  Limits.maxDepth = 0;
  L = loadFile(Abs, "dist/outer.zip", Limits);
  ASSERT_EQ(L.packages.size(), 1u);
  ASSERT_EQ(L.packages[0]->violations.size(), 1u);
  EXPECT_EQ(L.packages[0]->violations[0].kind, LimitViolation::Kind::NestingDepth);
  EXPECT_THAT(L.packages[0]->violations[0].detail, HasSubstr("first: dist/outer.zip!/layers/inner.zip"));
}

TEST_F(ZipPackageTest, RecursiveZipBombIsCutOffByTheArchiveCount) {
  // 42.zip's shape: every level holds 16 copies of the level below. Opening
  // all of it is 16^4 archives; the count limit stops it early, the same way
  // whatever the number of threads, with one violation, not thousands.
  Entries Level;
  Level.file("0.txt", "payload\n");
  for (int Depth = 0; Depth < 4; ++Depth) {
    Entries Up;
    for (int I = 0; I < 16; ++I)
      Up.zip(std::to_string(I) + ".zip", Level);
    Level = Up;
  }
  std::string Abs = write("42.zip", Level.build());
  ResourceLimits Limits;
  Limits.maxNestedArchives = 100;
  Loaded One = loadFile(Abs, "42.zip", Limits, /*Jobs=*/1);
  Loaded Four = loadFile(Abs, "42.zip", Limits, /*Jobs=*/4);
  ASSERT_EQ(One.packages.size(), 101u) << "the disk archive and 100 nested ones";
  ASSERT_EQ(Four.packages.size(), One.packages.size());
  for (std::size_t I = 0; I < One.packages.size(); ++I)
    EXPECT_EQ(One.packages[I]->location.members, Four.packages[I]->location.members) << I;
  ASSERT_EQ(One.packages[0]->violations.size(), 1u);
  EXPECT_EQ(One.packages[0]->violations[0].kind, LimitViolation::Kind::NestedArchives);
  EXPECT_THAT(One.packages[0]->violations[0].detail, HasSubstr("more than 100 archives are nested in it"));
  EXPECT_EQ(One.packages[0]->violations[0].detail, Four.packages[0]->violations[0].detail);
}

TEST_F(ZipPackageTest, NestedArchiveThatIsNotAZipIsAnUnreadableChild) {
  Entries Z;
  Z.file("index.js", IndexJs)
      .file("reports/latest.zip", "This is a placeholder; the real report is uploaded by CI.\n");
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 2u);
  const Package &Child = *L.packages[1];
  EXPECT_EQ(Child.location.members, std::vector<std::string>{"reports/latest.zip"});
  ASSERT_TRUE(Child.unreadable.has_value());
  EXPECT_THAT(*Child.unreadable, HasSubstr("not a zip archive"));
  EXPECT_TRUE(Child.entries.empty());
  EXPECT_FALSE(L.packages[0]->unreadable.has_value());
}

TEST_F(ZipPackageTest, NestedArchiveOverTheMemoryLimitIsListedNotOpened) {
  Entries Z;
  Z.file("index.js", IndexJs).zip("lib/commons-util-2.4.1.jar", commonsJar()).zip("lib/small.zip", Entries().file("a.txt", "a\n"));
  std::string Abs = write("fn.zip", Z.build());
  ResourceLimits Limits;
  Limits.maxNestedArchiveBytes = 1024; // the jar holds ~4 KB of random classes
  Loaded L = loadFile(Abs, "fn.zip", Limits);
  ASSERT_EQ(L.packages.size(), 2u);
  EXPECT_EQ(L.packages[1]->location.members, std::vector<std::string>{"lib/small.zip"});
  ASSERT_EQ(L.problems.size(), 1u);
  EXPECT_EQ(L.problems[0].level, Level::Warning);
  EXPECT_EQ(L.problems[0].location.displayPath(), "fn.zip");
  EXPECT_THAT(L.problems[0].message, HasSubstr("1 nested archive was not opened"));
  EXPECT_THAT(L.problems[0].message, HasSubstr("first: fn.zip!/lib/commons-util-2.4.1.jar"));
}

TEST_F(ZipPackageTest, NestedArchivesShareOneMemoryBudget) {
  Entries Z;
  Z.file("index.js", IndexJs);
  for (int I = 0; I < 4; ++I)
    Z.zip("lib/dep" + std::to_string(I) + ".jar", commonsJar(), "store");
  std::string Abs = write("fn.zip", Z.build());
  Loaded All = loadFile(Abs, "fn.zip");
  ASSERT_EQ(All.packages.size(), 5u);
  std::uint64_t JarBytes = All.packages[1]->archiveBytes;

  ResourceLimits Limits;
  Limits.maxNestedTotalBytes = 2 * JarBytes + JarBytes / 2; // room for two of the four
  for (unsigned Jobs : {1u, 4u}) {
    Loaded L = loadFile(Abs, "fn.zip", Limits, Jobs);
    ASSERT_EQ(L.packages.size(), 3u);
    EXPECT_EQ(L.packages[1]->location.members, std::vector<std::string>{"lib/dep0.jar"})
        << "the first archives in the central directory get the budget, whatever the jobs";
    EXPECT_EQ(L.packages[2]->location.members, std::vector<std::string>{"lib/dep1.jar"});
    ASSERT_EQ(L.problems.size(), 1u) << "one problem for all that did not fit";
    EXPECT_THAT(L.problems[0].message, HasSubstr("2 nested archives were not opened"));
    EXPECT_THAT(L.problems[0].message, HasSubstr("first: fn.zip!/lib/dep2.jar"));
  }
}

TEST_F(ZipPackageTest, EncryptedNestedArchiveIsListedButNotOpened) {
  Entries Z;
  Z.file("index.js", IndexJs).zip("lib/licensed-sdk.jar", commonsJar()).with("encrypt");
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  EXPECT_TRUE(L.problems.empty());
  const PackageEntry *Jar = findEntry(*L.packages[0], "lib/licensed-sdk.jar");
  ASSERT_NE(Jar, nullptr);
  EXPECT_TRUE(Jar->encrypted);
}

//===----------------------------------------------------------------------===//
// Unreadable archives
//===----------------------------------------------------------------------===//

TEST_F(ZipPackageTest, FileThatIsNotAZipIsUnreadable) {
  std::string Abs = write("dist/fn.zip", "#!/bin/sh\n# build.sh wrote this instead of the archive\nexit 1\n");
  Loaded L = loadFile(Abs, "dist/fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  EXPECT_EQ(P.location.path, "dist/fn.zip");
  ASSERT_TRUE(P.unreadable.has_value());
  EXPECT_THAT(*P.unreadable, HasSubstr("not a zip archive"));
  EXPECT_THAT(*P.unreadable, HasSubstr("libzip"));
  EXPECT_TRUE(P.entries.empty());
  EXPECT_TRUE(L.problems.empty()) << "the reason lives on the package";
}

TEST_F(ZipPackageTest, TruncatedZipIsUnreadableAndSaysSo) {
  Entries Z;
  Z.file("index.js", IndexJs).file("lib/db.js", DbJs);
  std::string Bytes = Z.build();
  Bytes.resize(Bytes.size() / 2); // the central directory is gone
  Loaded L = loadFile(write("fn.zip", Bytes), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  ASSERT_TRUE(L.packages[0]->unreadable.has_value());
  EXPECT_THAT(*L.packages[0]->unreadable, HasSubstr("truncated or corrupt"));
  EXPECT_TRUE(L.packages[0]->entries.empty());
}

TEST_F(ZipPackageTest, EmptyFileIsUnreadable) {
  Loaded L = loadFile(write("dist/fn.zip", ""), "dist/fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  ASSERT_TRUE(P.unreadable.has_value()) << "a zero-byte file is not a zip (a valid empty zip has 22 bytes)";
  EXPECT_THAT(*P.unreadable, HasSubstr("empty"));
  EXPECT_TRUE(P.entries.empty());
}

TEST_F(ZipPackageTest, EmptyBufferIsUnreadable) {
  Loaded L = loadBuffer("", Location{"dist/fn.zip", {}, {}, {}});
  ASSERT_EQ(L.packages.size(), 1u);
  ASSERT_TRUE(L.packages[0]->unreadable.has_value());
  EXPECT_THAT(*L.packages[0]->unreadable, HasSubstr("empty"));
}

TEST_F(ZipPackageTest, ValidEmptyArchiveIsReadable) {
  // The 22-byte end of central directory record alone.
  std::string Eocd("PK\x05\x06", 4);
  Eocd.append(18, '\0');
  Loaded L = loadFile(write("empty.zip", Eocd), "empty.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  EXPECT_FALSE(L.packages[0]->unreadable.has_value());
  EXPECT_TRUE(L.packages[0]->entries.empty());
}

TEST_F(ZipPackageTest, MissingFileIsUnreadable) {
  Loaded L = loadFile(path("dist/never-built.zip"), "dist/never-built.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  ASSERT_TRUE(L.packages[0]->unreadable.has_value());
  EXPECT_THAT(*L.packages[0]->unreadable, HasSubstr("cannot open archive"));
}

TEST_F(ZipPackageTest, BufferThatIsNotAZipIsUnreadable) {
  Loaded L = loadBuffer("<html><body>Access Denied</body></html>\n", Location{"dist/fn.zip", {}, {}, {}});
  ASSERT_EQ(L.packages.size(), 1u);
  ASSERT_TRUE(L.packages[0]->unreadable.has_value());
  EXPECT_THAT(*L.packages[0]->unreadable, HasSubstr("not a zip archive"));
}

//===----------------------------------------------------------------------===//
// Bomb limits
//===----------------------------------------------------------------------===//

TEST_F(ZipPackageTest, EntryAboveTheCompressionRatioIsBlocked) {
  Entries Z;
  Z.file("index.js", IndexJs)
      .zeros("logs/debug.log", 2u << 20)   // 2 MiB of zeros deflate to ~2 KB: ~1000:1
      .zeros("assets/blank.bin", 512 * 1024); // as compressible, but under ratioMinEntryBytes
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  EXPECT_FALSE(P.unreadable.has_value());
  ASSERT_EQ(P.violations.size(), 1u);
  const LimitViolation &V = P.violations[0];
  EXPECT_EQ(V.kind, LimitViolation::Kind::CompressionRatio);
  EXPECT_EQ(V.member, "logs/debug.log");
  EXPECT_THAT(V.detail, HasSubstr(std::to_string(2u << 20) + " bytes"));
  EXPECT_THAT(V.detail, HasSubstr("more than limits.compression-ratio = 100"));

  std::string Error;
  EXPECT_EQ(P.open(*findEntry(P, "logs/debug.log"), Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("safety limit"));
  EXPECT_EQ(readEntry(P, *findEntry(P, "index.js")), IndexJs) << "other entries stay readable";
  EXPECT_EQ(readEntry(P, *findEntry(P, "assets/blank.bin")).size(), 512u * 1024);
}

TEST_F(ZipPackageTest, ManyEntriesOverTheRatioAreNamedTenThenCounted) {
  // A bomb of many compressible entries gives eleven lines, not one per entry.
  Entries Z;
  Z.file("index.js", IndexJs);
  for (int I = 0; I < 25; ++I)
    Z.zeros("logs/" + std::to_string(100 + I) + ".log", 2u << 20);
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  ASSERT_EQ(P.violations.size(), 11u);
  EXPECT_EQ(P.violations[0].member, "logs/100.log");
  EXPECT_EQ(P.violations[9].member, "logs/109.log");
  EXPECT_TRUE(P.violations[10].member.empty());
  EXPECT_EQ(P.violations[10].detail, "15 more entries inflate more than limits.compression-ratio = 100 (the first 10 "
                                     "are reported one by one); none of them was read");
  std::string Error;
  EXPECT_EQ(P.open(*findEntry(P, "logs/124.log"), Error), nullptr) << "counted, and blocked all the same";
  EXPECT_EQ(readEntry(P, *findEntry(P, "index.js")), IndexJs);
}

TEST_F(ZipPackageTest, CompressionRatioLimitIsConfigurable) {
  Entries Z;
  Z.file("index.js", IndexJs).file("dist/bundle.js", bundleJs(3000)); // repetitive source, ~20:1
  std::string Abs = write("fn.zip", Z.build());
  EXPECT_TRUE(loadFile(Abs, "fn.zip").packages[0]->violations.empty());
  ResourceLimits Limits;
  Limits.maxCompressionRatio = 5;
  Limits.ratioMinEntryBytes = 64 * 1024;
  Loaded L = loadFile(Abs, "fn.zip", Limits);
  ASSERT_EQ(L.packages[0]->violations.size(), 1u);
  EXPECT_EQ(L.packages[0]->violations[0].member, "dist/bundle.js");
  EXPECT_THAT(L.packages[0]->violations[0].detail, HasSubstr("more than limits.compression-ratio = 5)"));
}

TEST_F(ZipPackageTest, DeclaredTotalAboveTheCapBlocksTheWholeArchive) {
  Entries Z;
  Z.file("index.js", IndexJs).random("bin/orders-service", 60000, "store").zip("lib/commons.jar", commonsJar());
  ResourceLimits Limits;
  Limits.maxDeclaredBytes = 50000;
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip", Limits);
  ASSERT_EQ(L.packages.size(), 1u) << "nested archives of a blocked archive are not opened";
  const Package &P = *L.packages[0];
  ASSERT_EQ(P.violations.size(), 1u);
  EXPECT_EQ(P.violations[0].kind, LimitViolation::Kind::DeclaredTotal);
  EXPECT_TRUE(P.violations[0].member.empty());
  EXPECT_THAT(P.violations[0].detail, HasSubstr("more than limits.inflated-bytes = 50000 bytes"));
  EXPECT_EQ(P.entries.size(), 3u) << "the entries are still listed";
  for (const PackageEntry &E : P.entries) {
    std::string Error;
    EXPECT_EQ(P.open(E, Error), nullptr) << E.path;
    EXPECT_THAT(Error, HasSubstr("limits.inflated-bytes")) << E.path;
  }
}

TEST_F(ZipPackageTest, OverlappingEntriesAreDetectedFromTheCentralDirectory) {
  // The fixture builder's hand-written overlapping zip: 30 names, one payload.
  Fixture F;
  F.spec = std::make_shared<const YAML::Node>(YAML::Load("archive: bomb.zip\noverlap: {entries: 30, bytes: 20000}\n"));
  materialize(F, Tmp.path());
  Loaded L = loadFile(path("bomb.zip"), "bomb.zip");
  ASSERT_EQ(L.packages.size(), 1u);
  const Package &P = *L.packages[0];
  EXPECT_FALSE(P.unreadable.has_value());
  EXPECT_EQ(P.entries.size(), 30u);
  ASSERT_EQ(P.violations.size(), 1u);
  EXPECT_EQ(P.violations[0].kind, LimitViolation::Kind::OverlappingEntries);
  EXPECT_THAT(P.violations[0].detail, HasSubstr("600000 bytes"));
  std::string Error;
  EXPECT_EQ(P.open(P.entries[7], Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("overlap"));
}

TEST_F(ZipPackageTest, EntriesBeyondMaxEntriesAreNotListed) {
  Entries Z;
  for (int I = 0; I < 6; ++I)
    Z.file("src/handler" + std::to_string(I) + ".py", "def handler(event, context):\n    return " + std::to_string(I) + "\n");
  ResourceLimits Limits;
  Limits.maxEntries = 4;
  Loaded L = loadFile(write("fn.zip", Z.build()), "fn.zip", Limits);
  const Package &P = *L.packages[0];
  ASSERT_EQ(P.entries.size(), 4u);
  EXPECT_EQ(P.entries.back().path, "src/handler3.py");
  ASSERT_EQ(P.violations.size(), 1u);
  EXPECT_THAT(P.violations[0].detail, HasSubstr("6 entries"));
  EXPECT_THAT(P.violations[0].detail, HasSubstr("only the first 4 are read (limits.archive-entries = 4)"));
  EXPECT_EQ(readEntry(P, P.entries[2]), "def handler(event, context):\n    return 2\n");
}

//===----------------------------------------------------------------------===//
// In-memory archives
//===----------------------------------------------------------------------===//

TEST_F(ZipPackageTest, BufferLoadsLikeAFile) {
  Entries Z;
  Z.file("index.js", IndexJs).symlink("current", "releases/v2").zip("lib/commons.jar", commonsJar());
  std::string Bytes = Z.build();
  Loaded FromFile = loadFile(write("dist/fn.zip", Bytes), "dist/fn.zip");
  Location Where{"dist/fn.zip", {}, {}, {}};
  Loaded FromBuffer = loadBuffer(Bytes, Where);

  ASSERT_EQ(FromBuffer.packages.size(), 2u);
  const Package &P = *FromBuffer.packages[0];
  EXPECT_EQ(P.origin, Package::Origin::DiskArchive);
  EXPECT_EQ(P.location, Where);
  EXPECT_EQ(P.anchor, Where);
  EXPECT_EQ(P.archiveBytes, Bytes.size());
  ASSERT_EQ(P.entries.size(), FromFile.packages[0]->entries.size());
  for (std::size_t I = 0; I < P.entries.size(); ++I) {
    const PackageEntry &A = P.entries[I], &B = FromFile.packages[0]->entries[I];
    EXPECT_EQ(A.path, B.path);
    EXPECT_EQ(A.crc32, B.crc32);
    EXPECT_EQ(A.size, B.size);
    EXPECT_EQ(A.unixMode, B.unixMode);
    EXPECT_EQ(A.symlinkTarget, B.symlinkTarget);
  }
  EXPECT_EQ(findEntry(P, "current")->symlinkTarget, "releases/v2");
  EXPECT_EQ(readEntry(P, *findEntry(P, "index.js")), IndexJs);
  EXPECT_EQ(FromBuffer.packages[1]->location.displayPath(), "dist/fn.zip!/lib/commons.jar");
}

TEST_F(ZipPackageTest, BufferWithAMemberChainIsANestedPackage) {
  Entries Z;
  Z.file("index.js", IndexJs).zip("lib/commons.jar", commonsJar());
  Location Where{"dist/fn.zip", {"layers/shared.zip"}, {}, {}};
  Loaded L = loadBuffer(Z.build(), Where);
  ASSERT_EQ(L.packages.size(), 2u);
  const Package &P = *L.packages[0];
  EXPECT_EQ(P.origin, Package::Origin::NestedArchive);
  EXPECT_EQ(P.location, Where);
  EXPECT_EQ(P.anchor, (Location{"dist/fn.zip", {}, {}, {}})) << "the anchor is the file on disk";
  const Package &Jar = *L.packages[1];
  EXPECT_EQ(Jar.location.members, (std::vector<std::string>{"layers/shared.zip", "lib/commons.jar"}));
  EXPECT_EQ(Jar.anchor.displayPath(), "dist/fn.zip");
}

//===----------------------------------------------------------------------===//
// Determinism
//===----------------------------------------------------------------------===//

/// Everything observable about a load, as text, so two loads compare at once.
std::string describe(const Loaded &L) {
  std::string S;
  for (const auto &P : L.packages) {
    S += "package " + P->location.displayPath() + " depth " + std::to_string(P->depth) + " anchor " +
         P->anchor.displayPath() + (P->unreadable ? " unreadable " + *P->unreadable : "") + "\n";
    for (const PackageEntry &E : P->entries)
      S += "  " + std::to_string(E.index) + " " + E.path + " " + std::to_string(E.size) + " " +
           std::to_string(E.crc32) + " " + std::to_string(E.unixMode) + " " + E.symlinkTarget + "\n";
    for (const LimitViolation &V : P->violations)
      S += "  violation " + std::to_string(static_cast<int>(V.kind)) + " " + V.member + " " + V.detail + "\n";
  }
  for (const InputProblem &Pr : L.problems)
    S += "problem " + Pr.location.displayPath() + " " + Pr.message + "\n";
  return S;
}

TEST_F(ZipPackageTest, SameResultWithOneAndFourJobs) {
  Entries Z;
  Z.file("index.js", IndexJs);
  // Enough nested archives for the threads to finish out of order.
  for (int I = 0; I < 12; ++I) {
    Entries Jar = commonsJar();
    Jar.file("version.txt", std::to_string(I) + "\n");
    if (I % 3 == 0)
      Jar.zip("nested/inner" + std::to_string(I) + ".zip", Entries().file("README", "inner " + std::to_string(I) + "\n"));
    Z.zip("lib/dep" + std::to_string(11 - I) + ".jar", Jar);
  }
  Z.file("lib/broken.zip", "not really an archive, but named like one\n");
  std::string Abs = write("fn.zip", Z.build());
  ResourceLimits Limits;
  Limits.maxDepth = 1; // half the jars carry a violation too

  std::string One = describe(loadFile(Abs, "fn.zip", Limits, 1));
  EXPECT_THAT(One, HasSubstr("package fn.zip!/lib/dep0.jar depth 1"));
  EXPECT_THAT(One, HasSubstr("unreadable"));
  EXPECT_THAT(One, HasSubstr("violation"));
  for (int Round = 0; Round < 5; ++Round)
    EXPECT_EQ(describe(loadFile(Abs, "fn.zip", Limits, 4)), One) << "round " << Round;
  EXPECT_EQ(describe(loadBuffer(readFile(Abs), Location{"fn.zip", {}, {}, {}}, Limits, 4)), One);
}

} // namespace
