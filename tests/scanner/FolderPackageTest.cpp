//===- tests/scanner/FolderPackageTest.cpp - A code folder as a package ----===//
//
// A SAM CodeUri folder is read as `sam build` would zip it: every file,
// directory and symbolic link below it with its mode on disk; symbolic links
// are listed, never followed while walking, and open() refuses those that
// lead out of the package.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "scanner/FolderPackage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace fnlint;
using namespace fnlint::test;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

namespace {

const std::string AppPy = "import json\n"
                          "import os\n"
                          "\n"
                          "import boto3\n"
                          "\n"
                          "TABLE = boto3.resource(\"dynamodb\").Table(os.environ[\"ORDERS_TABLE\"])\n"
                          "\n"
                          "\n"
                          "def handler(event, context):\n"
                          "    order = json.loads(event[\"body\"])\n"
                          "    TABLE.put_item(Item=order)\n"
                          "    return {\"statusCode\": 201, \"body\": json.dumps({\"id\": order[\"id\"]})}\n";

const std::string Requirements = "boto3==1.34.14\nrequests==2.31.0\n";

class FolderPackageTest : public ::testing::Test {
protected:
  TempDir Tmp;
  std::vector<InputProblem> Problems;

  std::string abs(const std::string &Rel) const { return Tmp.path() + "/" + Rel; }

  void write(const std::string &Rel, const std::string &Text, mode_t Mode = 0644) {
    writeFile(abs(Rel), Text);
    ASSERT_EQ(::chmod(abs(Rel).c_str(), Mode), 0);
  }
  void mkdir(const std::string &Rel, mode_t Mode = 0755) {
    fs::create_directories(abs(Rel));
    ASSERT_EQ(::chmod(abs(Rel).c_str(), Mode), 0);
  }
  void link(const std::string &Rel, const std::string &Target) {
    fs::create_directories(fs::path(abs(Rel)).parent_path());
    ASSERT_EQ(::symlink(Target.c_str(), abs(Rel).c_str()), 0) << Rel;
  }

  std::unique_ptr<Package> load(const std::string &Rel, std::uint64_t MaxEntries = 1'000'000) {
    return loadFolderPackage(Tmp.path(), Rel, MaxEntries, Problems);
  }

  static const PackageEntry *find(const Package &P, std::string_view Path) {
    for (const PackageEntry &E : P.entries)
      if (E.path == Path)
        return &E;
    return nullptr;
  }

  static std::vector<std::string> paths(const Package &P) {
    std::vector<std::string> Out;
    for (const PackageEntry &E : P.entries)
      Out.push_back(E.path);
    return Out;
  }

  static std::string read(const Package &P, const PackageEntry &E) {
    std::string Error, Out;
    auto R = P.open(E, Error);
    if (!R) {
      ADD_FAILURE() << E.path << ": " << Error;
      return {};
    }
    EXPECT_TRUE(R->readAll(Out, 1 << 20)) << E.path << ": " << R->error();
    return Out;
  }
};

TEST_F(FolderPackageTest, ListsFilesAndDirectoriesWithTheirModesOnDisk) {
  write("src/orders/app.py", AppPy);
  write("src/orders/requirements.txt", Requirements);
  const std::string Migrate = "#!/usr/bin/env python3\nprint('migrating')\n", Env = "DB_PASSWORD=changeme\n";
  write("src/orders/bin/migrate", Migrate, 0755);
  write("src/orders/config/.env", Env, 0600);
  mkdir("src/orders/config", 0750);
  write("template.yaml", "# outside the package\n");

  auto P = load("src/orders");
  EXPECT_TRUE(Problems.empty());
  EXPECT_EQ(P->origin, Package::Origin::Folder);
  EXPECT_TRUE(P->isFolder());
  EXPECT_EQ(P->role, Package::Role::Other);
  EXPECT_EQ(P->location.path, "src/orders");
  EXPECT_TRUE(P->location.members.empty());
  EXPECT_EQ(P->anchor, P->location);
  EXPECT_EQ(P->archiveBytes, 0u);
  EXPECT_EQ(P->depth, 0u);
  EXPECT_FALSE(P->unreadable.has_value());

  EXPECT_EQ(paths(*P), (std::vector<std::string>{"app.py", "bin", "bin/migrate", "config", "config/.env",
                                                 "requirements.txt"}));
  for (std::size_t I = 0; I < P->entries.size(); ++I)
    EXPECT_EQ(P->entries[I].index, I);

  const PackageEntry *App = find(*P, "app.py");
  ASSERT_NE(App, nullptr);
  EXPECT_TRUE(App->isFile());
  EXPECT_EQ(App->size, AppPy.size());
  EXPECT_EQ(App->compressedSize, AppPy.size());
  EXPECT_EQ(App->compressionMethod, 0);
  EXPECT_TRUE(App->hasUnixMode);
  EXPECT_EQ(App->unixMode, S_IFREG | 0644u);
  EXPECT_FALSE(App->encrypted);

  EXPECT_EQ(find(*P, "bin/migrate")->permissions(), 0755u);
  EXPECT_EQ(find(*P, "config/.env")->permissions(), 0600u) << "hidden files are part of the package";
  const PackageEntry *Config = find(*P, "config");
  EXPECT_TRUE(Config->isDirectory());
  EXPECT_TRUE(S_ISDIR(Config->unixMode));
  EXPECT_EQ(Config->permissions(), 0750u);
  EXPECT_EQ(Config->size, 0u);

  EXPECT_EQ(P->unpackedBytes(), AppPy.size() + Requirements.size() + Migrate.size() + Env.size());
  EXPECT_EQ(read(*P, *App), AppPy);
  EXPECT_EQ(P->entryLocation(*App), (Location{"src/orders/app.py", {}, {}, {}}))
      << "a folder entry is a file of its own in the repository";
}

TEST_F(FolderPackageTest, OrderIsDeterministicParentsFirstSiblingsSorted) {
  // Created in an order readdir would not sort.
  for (const char *F : {"zeta.js", "Alpha.js", "lib/z.js", "lib/a.js", "lib-extra.js", "lib.d.ts", "a/b/c.js", "_private.js"})
    write(std::string("fn/") + F, "module.exports = {};\n");
  auto P = load("fn");
  EXPECT_EQ(paths(*P), (std::vector<std::string>{"Alpha.js", "_private.js", "a", "a/b", "a/b/c.js", "lib",
                                                 "lib/a.js", "lib/z.js", "lib-extra.js", "lib.d.ts", "zeta.js"}));
}

TEST_F(FolderPackageTest, SymlinksAreListedWithTargetsNotFollowed) {
  write("src/fn/index.mjs", "export const handler = async () => ({ statusCode: 204 });\n");
  write("src/shared/logger.mjs", "export const log = (...a) => console.log(JSON.stringify(a));\n");
  write("src/shared/deep/secret.txt", "not part of fn\n");
  link("src/fn/shared", "../shared");                 // a directory outside the package
  link("src/fn/logger.mjs", "../shared/logger.mjs");  // a file outside the package
  link("src/fn/current.mjs", "index.mjs");             // a file inside
  link("src/fn/dangling", "does-not-exist.mjs");
  link("src/fn/loop", ".");                            // would loop if followed

  auto P = load("src/fn");
  ASSERT_EQ(Problems.size(), 1u) << "only the link back to its own folder is said";
  EXPECT_EQ(Problems[0].location.path, "src/fn/loop");
  EXPECT_THAT(Problems[0].message, HasSubstr("points back to a folder that holds it"));
  EXPECT_EQ(paths(*P), (std::vector<std::string>{"current.mjs", "dangling", "index.mjs", "logger.mjs", "loop",
                                                 "shared"}))
      << "nothing below a linked directory is listed";
  for (const char *Name : {"current.mjs", "dangling", "logger.mjs", "loop", "shared"}) {
    const PackageEntry *E = find(*P, Name);
    ASSERT_NE(E, nullptr) << Name;
    EXPECT_TRUE(E->isSymlink()) << Name;
    EXPECT_TRUE(S_ISLNK(E->unixMode)) << Name;
  }
  EXPECT_EQ(find(*P, "shared")->symlinkTarget, "../shared");
  EXPECT_EQ(find(*P, "logger.mjs")->symlinkTarget, "../shared/logger.mjs");
  EXPECT_EQ(find(*P, "current.mjs")->symlinkTarget, "index.mjs");
  EXPECT_EQ(find(*P, "loop")->symlinkTarget, ".");

  // A link inside the package reads its target.
  EXPECT_EQ(read(*P, *find(*P, "current.mjs")), "export const handler = async () => ({ statusCode: 204 });\n");
  // A dangling one fails to open, with the system's reason.
  std::string Error;
  EXPECT_EQ(P->open(*find(*P, "dangling"), Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("No such file"));
}

TEST_F(FolderPackageTest, SymlinkLeavingThePackageIsRefused) {
  write("src/fn/index.js", "exports.handler = async () => 'ok';\n");
  write("src/shared/logger.js", "module.exports = console;\n");
  write("secrets/prod.env", "STRIPE_KEY=sk_live_51H8example\n");
  link("src/fn/logger.js", "../shared/logger.js");
  link("src/fn/prod.env", "../../secrets/prod.env");
  link("src/fn/passwd", "/etc/passwd");
  link("src/fn/sub/sneaky", "../../../secrets/prod.env"); // relative to its own folder

  auto P = load("src/fn");
  for (const char *Name : {"logger.js", "prod.env", "passwd", "sub/sneaky"}) {
    const PackageEntry *E = find(*P, Name);
    ASSERT_NE(E, nullptr) << Name;
    std::string Error;
    EXPECT_EQ(P->open(*E, Error), nullptr) << Name << " must not be read";
    EXPECT_THAT(Error, HasSubstr("leaves the package")) << Name;
  }
}

TEST_F(FolderPackageTest, SymlinkLeavingThroughAnotherSymlinkIsRefused) {
  // Each link looks local on its own; together they lead outside.
  write("src/fn/index.js", "exports.handler = async () => 'ok';\n");
  write("secrets/prod.env", "STRIPE_KEY=sk_live_51H8example\n");
  link("src/fn/vendor", "../../secrets");
  link("src/fn/config.env", "vendor/prod.env");
  link("src/fn/hop", "config.env");

  auto P = load("src/fn");
  for (const char *Name : {"config.env", "hop"}) {
    const PackageEntry *E = find(*P, Name);
    ASSERT_NE(E, nullptr) << Name;
    std::string Error;
    auto R = P->open(*E, Error);
    EXPECT_EQ(R, nullptr) << Name << " resolves to " << abs("secrets/prod.env") << " and must not be read";
    if (!R)
      EXPECT_THAT(Error, HasSubstr("leaves the package")) << Name;
  }
}

TEST_F(FolderPackageTest, DirectoryEntryCannotBeOpened) {
  write("fn/lib/util.js", "module.exports = {};\n");
  auto P = load("fn");
  std::string Error;
  EXPECT_EQ(P->open(*find(*P, "lib"), Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("directory"));
}

TEST_F(FolderPackageTest, FileRemovedAfterListingFailsToOpenWithTheReason) {
  write("fn/app.py", AppPy);
  auto P = load("fn");
  fs::remove(abs("fn/app.py"));
  std::string Error;
  EXPECT_EQ(P->open(*find(*P, "app.py"), Error), nullptr);
  EXPECT_THAT(Error, HasSubstr("No such file"));
}

TEST_F(FolderPackageTest, MaxEntriesCutsTheListingWithAProblem) {
  for (int I = 0; I < 5; ++I)
    write("src/fn/handlers/h" + std::to_string(I) + ".py", "def handler(event, context):\n    return " +
                                                               std::to_string(I) + "\n");
  write("src/fn/app.py", AppPy);

  auto P = load("src/fn", 4);
  EXPECT_EQ(paths(*P), (std::vector<std::string>{"app.py", "handlers", "handlers/h0.py", "handlers/h1.py"}));
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(Problems[0].level, Level::Warning);
  EXPECT_EQ(Problems[0].location.path, "src/fn") << "the folder itself, no trailing '/'";
  EXPECT_FALSE(Problems[0].location.region.known());
  EXPECT_THAT(Problems[0].message, HasSubstr("more than 4 entries"));
}

TEST_F(FolderPackageTest, ExactlyMaxEntriesIsNotTruncated) {
  write("fn/a.js", "1\n");
  write("fn/b.js", "2\n");
  write("fn/lib/c.js", "3\n");
  auto P = load("fn", 4);
  EXPECT_EQ(P->entries.size(), 4u);
  EXPECT_TRUE(Problems.empty());
}

TEST_F(FolderPackageTest, ScanRootItselfAsAFolder) {
  write("app.py", AppPy);
  write("requirements.txt", Requirements);
  auto P = load(".");
  EXPECT_EQ(paths(*P), (std::vector<std::string>{"app.py", "requirements.txt"}));
  EXPECT_EQ(P->entryLocation(*find(*P, "app.py")).path, "app.py");
  EXPECT_EQ(read(*P, *find(*P, "app.py")), AppPy);
}

TEST_F(FolderPackageTest, MissingFolderGivesAProblemAndNoEntries) {
  auto P = load("src/never-created");
  EXPECT_TRUE(P->entries.empty());
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(Problems[0].location.path, "src/never-created");
  EXPECT_THAT(Problems[0].message, HasSubstr("cannot read directory"));
}

TEST_F(FolderPackageTest, UnreadableSubfolderIsAProblemAndTheRestIsListed) {
  write("fn/app.py", AppPy);
  write("fn/private/key.pem", "-----BEGIN PRIVATE KEY-----\n");
  mkdir("fn/private", 0);
  auto P = load("fn");
  EXPECT_NE(find(*P, "app.py"), nullptr);
  const PackageEntry *Private = find(*P, "private");
  ASSERT_NE(Private, nullptr);
  EXPECT_EQ(Private->permissions(), 0u);
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root: permissions do not stop reads";
  EXPECT_EQ(find(*P, "private/key.pem"), nullptr);
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(Problems[0].location.path, "fn/private");
  EXPECT_THAT(Problems[0].message, HasSubstr("Permission denied"));
}

} // namespace
