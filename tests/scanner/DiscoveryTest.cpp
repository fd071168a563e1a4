//===- tests/scanner/DiscoveryTest.cpp - Walking and classifying files -----===//
//
// Discovery walks the scan paths of a realistic repository: SAM templates,
// built archives (some without an extension), sources, .git/ and
// node_modules/ (skipped), .fnlintignore files at several levels, symbolic
// links (never followed) and unreadable folders.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"

#include "scanner/Discovery.h"

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

const std::string TemplateYaml = "AWSTemplateFormatVersion: '2010-09-09'\n"
                                 "Transform: AWS::Serverless-2016-10-31\n"
                                 "Resources:\n"
                                 "  OrdersFunction:\n"
                                 "    Type: AWS::Serverless::Function\n"
                                 "    Properties:\n"
                                 "      CodeUri: src/orders/\n"
                                 "      Handler: app.handler\n"
                                 "      Runtime: python3.12\n";

const std::string HandlerCpp = "#include <aws/lambda-runtime/runtime.h>\n"
                               "using namespace aws::lambda_runtime;\n"
                               "static invocation_response handler(invocation_request const &req) {\n"
                               "  return invocation_response::success(\"{}\", \"application/json\");\n"
                               "}\n"
                               "int main() { run_handler(handler); }\n";

class DiscoveryTest : public ::testing::Test {
protected:
  TempDir Tmp;
  std::string Zip; ///< a small valid archive

  void SetUp() override {
    YAML::Node E = YAML::Load("[{path: index.js, text: \"exports.handler = async () => ({ statusCode: 200 });\\n\"}]");
    Zip = buildZip(E);
  }

  std::string abs(const std::string &Rel) const { return Tmp.path() + "/" + Rel; }
  void write(const std::string &Rel, const std::string &Bytes) { writeFile(abs(Rel), Bytes); }
  void link(const std::string &Rel, const std::string &Target) {
    fs::create_directories(fs::path(abs(Rel)).parent_path());
    ASSERT_EQ(::symlink(Target.c_str(), abs(Rel).c_str()), 0) << Rel;
  }

  Discovery discover(std::vector<std::string> Rels = {"."}) {
    std::vector<std::string> Paths;
    for (const std::string &R : Rels)
      Paths.push_back(R == "." ? Tmp.path() : abs(R));
    return discoverFiles(Tmp.path(), Paths);
  }

  /// The files discovery classified as something fnlint reads specially
  /// (archives, templates, C/C++); every other file is listed too, as Other.
  static std::vector<std::string> paths(const Discovery &D) {
    std::vector<std::string> Out;
    for (const DiscoveredFile &F : D.files)
      if (F.kind != FileKind::Other)
        Out.push_back(F.path);
    return Out;
  }
  static const DiscoveredFile *find(const Discovery &D, std::string_view Path) {
    for (const DiscoveredFile &F : D.files)
      if (F.path == Path)
        return &F;
    return nullptr;
  }
};

TEST(DiscoveryNames, ArchiveExtensionsInAnyCase) {
  for (const char *Name : {"fn.zip", "fn.ZIP", "dist/app.Zip", "lib/commons.jar", "lib/commons.JAR",
                           "six-1.16.0-py2.py3-none-any.whl", "six.WHL", "legacy-0.1.egg", "x.EGG", "app.war",
                           "app.ear"})
    EXPECT_TRUE(hasArchiveExtension(Name)) << Name;
  for (const char *Name : {"fn.zip.sha256", "zip", "fn.tar.gz", "fn.7z", "README.md", ".zip", "dist.zip/app.js",
                           "fn.zipx"})
    EXPECT_FALSE(hasArchiveExtension(Name)) << Name;
}

TEST(DiscoveryNames, ZipMagic) {
  EXPECT_TRUE(hasZipMagic(std::string_view("PK\x03\x04\x14\x00", 6)));
  EXPECT_TRUE(hasZipMagic(std::string_view("PK\x05\x06", 4))) << "an empty archive";
  EXPECT_FALSE(hasZipMagic(std::string_view("PK\x07\x08", 4))) << "a data descriptor is not a start";
  EXPECT_FALSE(hasZipMagic("PK"));
  EXPECT_FALSE(hasZipMagic("\x7f" "ELF"));
  EXPECT_FALSE(hasZipMagic(""));
}

TEST(DiscoveryNames, RelativeToRoot) {
  EXPECT_EQ(relativeToRoot("/repo", "/repo/src/fn/app.py"), "src/fn/app.py");
  EXPECT_EQ(relativeToRoot("/repo/", "/repo/./src//fn/"), "src/fn");
  EXPECT_EQ(relativeToRoot("/repo", "/repo"), ".");
  EXPECT_EQ(relativeToRoot("/repo", "/elsewhere/fn.zip"), "/elsewhere/fn.zip") << "outside the root: absolute";
  EXPECT_EQ(relativeToRoot("/repo", "/repository/fn.zip"), "/repository/fn.zip");
  EXPECT_EQ(relativeToRoot("/repo/sub", "/repo/fn.zip"), "/repo/fn.zip");
}

TEST_F(DiscoveryTest, ClassifiesByNameAndMagicBytes) {
  write("template.yaml", TemplateYaml);
  write("infra/stack.yml", TemplateYaml);
  write("infra/stack.template", TemplateYaml);
  write("events/create-order.json", "{\"body\": \"{\\\"id\\\": \\\"o-1\\\"}\"}\n");
  write("config/Samconfig.YAML", "version = 0.1\n");
  write("dist/orders.zip", Zip);
  write("dist/ORDERS-V2.ZIP", Zip);
  write("layers/commons.Jar", Zip);
  write("layers/six-1.16.0-py2.py3-none-any.whl", Zip);
  write("layers/legacy-0.1.EGG", Zip);
  write("build/function", Zip);                           // extension-less zip: by magic
  write("build/bootstrap", "#!/bin/sh\nexec ./server \"$@\"\n"); // extension-less, not a zip
  write("build/PK", "PK\x03\x04");                      // zip magic but too short for a zip
  write("LICENSE", "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n");
  write("cpp/handler.cpp", HandlerCpp);
  write("cpp/util.cc", "int add(int a, int b) { return a + b; }\n");
  write("cpp/legacy.c", "int main(void) { return 0; }\n");
  write("cpp/detail.cxx", "namespace detail {}\n");
  write("cpp/handler.h", "#pragma once\n");
  write("src/orders/app.py", "def handler(event, context):\n    return {}\n");
  write("src/web/index.js", "exports.handler = async () => ({});\n");
  write("README.md", "# Orders service\n");
  write("dist/orders.zip.sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  orders.zip\n");

  Discovery D = discover();
  EXPECT_TRUE(D.problems.empty());
  EXPECT_EQ(paths(D), (std::vector<std::string>{
                          "build/function", "config/Samconfig.YAML", "cpp/detail.cxx", "cpp/handler.cpp",
                          "cpp/legacy.c", "cpp/util.cc", "dist/ORDERS-V2.ZIP", "dist/orders.zip",
                          "events/create-order.json", "infra/stack.template", "infra/stack.yml",
                          "layers/commons.Jar", "layers/legacy-0.1.EGG", "layers/six-1.16.0-py2.py3-none-any.whl",
                          "template.yaml"}));
  for (const char *P : {"build/function", "dist/ORDERS-V2.ZIP", "dist/orders.zip", "layers/commons.Jar",
                        "layers/legacy-0.1.EGG", "layers/six-1.16.0-py2.py3-none-any.whl"})
    EXPECT_EQ(find(D, P)->kind, FileKind::Archive) << P;
  for (const char *P : {"config/Samconfig.YAML", "events/create-order.json", "infra/stack.template",
                        "infra/stack.yml", "template.yaml"})
    EXPECT_EQ(find(D, P)->kind, FileKind::TemplateCandidate) << P;
  for (const char *P : {"cpp/detail.cxx", "cpp/handler.cpp", "cpp/legacy.c", "cpp/util.cc"})
    EXPECT_EQ(find(D, P)->kind, FileKind::CppSource) << P;
  EXPECT_EQ(find(D, "dist/orders.zip")->size, Zip.size());
  EXPECT_EQ(find(D, "template.yaml")->size, TemplateYaml.size());
  EXPECT_EQ(D.filesSeen, 23u) << "every regular file below the root, kept or not; folders do not count";
}

TEST_F(DiscoveryTest, SkipsGitAndNodeModules) {
  write("template.yaml", TemplateYaml);
  write(".git/HEAD", "ref: refs/heads/main\n");
  write(".git/config.json", "{}\n");
  write(".git/objects/pack/pack-1.zip", Zip);
  write("src/web/node_modules/aws-sdk/package.json", "{\"name\": \"aws-sdk\"}\n");
  write("src/web/node_modules/fsevents/fsevents.zip", Zip);
  write("node_modules/.package-lock.json", "{}\n");
  write("src/web/package.json", "{\"name\": \"web\", \"dependencies\": {\"aws-sdk\": \"^2.1500.0\"}}\n");
  write("src/web/.github/workflows/ci.yml", "on: push\n"); // dot folders in general are walked

  Discovery D = discover();
  EXPECT_EQ(paths(D), (std::vector<std::string>{"src/web/.github/workflows/ci.yml", "src/web/package.json",
                                                "template.yaml"}));
}

TEST_F(DiscoveryTest, FileNamedLikeASkippedFolderIsKept) {
  write("docs/node_modules.json", "{}\n");
  write("tools/.git.yaml", "x: 1\n");
  Discovery D = discover();
  EXPECT_EQ(paths(D), (std::vector<std::string>{"docs/node_modules.json", "tools/.git.yaml"}));
}

TEST_F(DiscoveryTest, RootIgnoreFileWithNegationAndDirectoryOnlyPatterns) {
  write(".fnlintignore", "# build outputs\n"
                         "*.zip\n"
                         "!dist/release.zip\n"
                         "tmp/\n"
                         "/local.yaml\n");
  write("template.yaml", TemplateYaml);
  write("local.yaml", TemplateYaml);
  write("infra/local.yaml", TemplateYaml);       // '/local.yaml' is anchored to the root
  write("dist/orders.zip", Zip);
  write("dist/release.zip", Zip);                // re-included
  write("layers/nested/deps.zip", Zip);          // '*.zip' matches at any depth
  write("tmp/scratch.yaml", TemplateYaml);       // 'tmp/' is a directory
  write("cache/tmp", Zip);                       // a *file* named tmp is not matched by 'tmp/'
  write("services/tmp/old.json", "{}\n");        // 'tmp/' without a slash inside matches at any depth

  Discovery D = discover();
  EXPECT_EQ(paths(D), (std::vector<std::string>{"cache/tmp", "dist/release.zip", "infra/local.yaml",
                                                "template.yaml"}));
  EXPECT_EQ(find(D, "cache/tmp")->kind, FileKind::Archive);
}

TEST_F(DiscoveryTest, SubfolderIgnoreFileAppliesBelowItsFolderOnly) {
  write("services/orders/.fnlintignore", "events/\n*.json\n!package.json\n/fixtures.yaml\n");
  write("services/orders/template.yaml", TemplateYaml);
  write("services/orders/events/create.yaml", TemplateYaml);
  write("services/orders/package.json", "{\"name\": \"orders\"}\n");
  write("services/orders/tsconfig.json", "{}\n");
  write("services/orders/fixtures.yaml", TemplateYaml);
  write("services/orders/test/fixtures.yaml", TemplateYaml); // anchored to services/orders/
  write("services/users/events/create.yaml", TemplateYaml);  // another folder: not affected
  write("services/users/tsconfig.json", "{}\n");

  Discovery D = discover();
  EXPECT_EQ(paths(D), (std::vector<std::string>{"services/orders/package.json", "services/orders/template.yaml",
                                                "services/orders/test/fixtures.yaml",
                                                "services/users/events/create.yaml",
                                                "services/users/tsconfig.json"}));
}

TEST_F(DiscoveryTest, IgnoreFilesAboveAScannedSubfolderStillApply) {
  write(".fnlintignore", "*.zip\n");
  write("services/.fnlintignore", "drafts/\n");
  write("services/orders/dist/fn.zip", Zip);
  write("services/orders/drafts/template.yaml", TemplateYaml);
  write("services/orders/template.yaml", TemplateYaml);

  Discovery D = discover({"services/orders"});
  EXPECT_EQ(paths(D), std::vector<std::string>{"services/orders/template.yaml"});
}

TEST_F(DiscoveryTest, ExplicitlyNamedIgnoredFileIsStillScanned) {
  write(".fnlintignore", "dist/\n*.yaml\n");
  write("dist/orders.zip", Zip);
  write("template.yaml", TemplateYaml);

  EXPECT_TRUE(paths(discover()).empty());
  Discovery D = discover({"dist/orders.zip", "template.yaml"});
  EXPECT_EQ(paths(D), (std::vector<std::string>{"dist/orders.zip", "template.yaml"}));
  EXPECT_EQ(find(D, "dist/orders.zip")->kind, FileKind::Archive);
  EXPECT_EQ(find(D, "template.yaml")->kind, FileKind::TemplateCandidate);
  EXPECT_EQ(D.filesSeen, 2u);
}

TEST_F(DiscoveryTest, ExplicitlyNamedFileIsClassifiedByMagicToo) {
  write("build/function", Zip);
  write("build/notes", "release notes for the next deploy, nothing zipped here\n");
  Discovery D = discover({"build/function", "build/notes"});
  EXPECT_EQ(paths(D), std::vector<std::string>{"build/function"});
  EXPECT_EQ(D.files[0].kind, FileKind::Archive);
}

TEST_F(DiscoveryTest, SymlinkedDirectoriesAreNotFollowedEvenInALoop) {
  write("src/fn/app.py", "def handler(event, context):\n    return {}\n");
  write("src/fn/template.yaml", TemplateYaml);
  write("shared/layer.zip", Zip);
  link("src/fn/self", ".");          // a loop
  link("src/fn/up", "../..");        // back to the root: another loop
  link("src/fn/shared", "../../shared");
  link("src/fn/fn.zip", "../../shared/layer.zip"); // a linked file is not followed either
  link("src/fn/broken.yaml", "missing.yaml");

  Discovery D = discover();
  EXPECT_EQ(paths(D), (std::vector<std::string>{"shared/layer.zip", "src/fn/template.yaml"}));
  EXPECT_TRUE(D.problems.empty());
}

TEST_F(DiscoveryTest, ExplicitlyNamedSymlinkToAFileIsFollowedAndABrokenOneReported) {
  write("shared/layer.zip", Zip);
  link("dist/fn.zip", "../shared/layer.zip");
  link("dist/missing.zip", "../shared/never-built.zip");
  Discovery D = discover({"dist/fn.zip", "dist/missing.zip", "not-there.yaml"});
  EXPECT_EQ(paths(D), std::vector<std::string>{"dist/fn.zip"});
  EXPECT_EQ(D.files[0].size, Zip.size()) << "the size of the target, not of the link";
  ASSERT_EQ(D.problems.size(), 2u);
  std::sort(D.problems.begin(), D.problems.end(),
            [](const InputProblem &A, const InputProblem &B) { return A.location.path < B.location.path; });
  EXPECT_EQ(D.problems[0].location.path, "dist/missing.zip");
  EXPECT_THAT(D.problems[0].message, HasSubstr("broken symbolic link"));
  EXPECT_EQ(D.problems[1].location.path, "not-there.yaml");
  EXPECT_THAT(D.problems[1].message, HasSubstr("No such file"));
  EXPECT_EQ(D.problems[1].level, Level::Warning);
}

TEST_F(DiscoveryTest, UnreadableDirectoryIsAProblemNotACrash) {
  write("template.yaml", TemplateYaml);
  write("private/keys/deploy.zip", Zip);
  ASSERT_EQ(::chmod(abs("private").c_str(), 0), 0);
  Discovery D = discover();
  EXPECT_NE(find(D, "template.yaml"), nullptr) << "the rest of the tree is still read";
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root: permissions do not stop reads";
  EXPECT_EQ(find(D, "private/keys/deploy.zip"), nullptr);
  ASSERT_EQ(D.problems.size(), 1u);
  EXPECT_EQ(D.problems[0].location.path, "private");
  EXPECT_THAT(D.problems[0].message, HasSubstr("cannot read directory"));
  EXPECT_THAT(D.problems[0].message, HasSubstr("Permission denied"));
}

TEST_F(DiscoveryTest, PathsAreRelativeToTheRootWhateverIsScanned) {
  write("services/orders/template.yaml", TemplateYaml);
  write("services/orders/dist/fn.zip", Zip);
  write("services/users/template.yaml", TemplateYaml);

  Discovery D = discover({"services/orders"});
  EXPECT_EQ(paths(D), (std::vector<std::string>{"services/orders/dist/fn.zip", "services/orders/template.yaml"}));

  // A path spelled with '..' and a trailing '/' is normalised first.
  D = discoverFiles(Tmp.path(), {abs("services/users/../orders/dist/")});
  EXPECT_EQ(paths(D), std::vector<std::string>{"services/orders/dist/fn.zip"});
}

TEST_F(DiscoveryTest, PathsOutsideTheRootStayAbsolute) {
  TempDir Other;
  std::ofstream(Other.path() + "/fn.zip", std::ios::binary) << Zip;
  Discovery D = discoverFiles(Tmp.path(), {Other.path()});
  ASSERT_EQ(D.files.size(), 1u);
  EXPECT_EQ(D.files[0].path, Other.path() + "/fn.zip");
}

TEST_F(DiscoveryTest, OutputIsSortedAndDeduplicated) {
  write("template.yaml", TemplateYaml);
  write("b/fn.zip", Zip);
  write("a/fn.zip", Zip);
  write("a/b.yaml", TemplateYaml);
  write("a.yaml", TemplateYaml);

  Discovery D = discover({"template.yaml", "b", ".", "template.yaml", "a/fn.zip", "a"});
  EXPECT_EQ(paths(D), (std::vector<std::string>{"a.yaml", "a/b.yaml", "a/fn.zip", "b/fn.zip", "template.yaml"}))
      << "byte order of the whole path, each file once";
  EXPECT_TRUE(D.problems.empty());
}

TEST_F(DiscoveryTest, FilesSeenCountsEachFileOnceWhenPathsOverlap) {
  write("template.yaml", TemplateYaml);
  write("a/fn.zip", Zip);
  write(".git/HEAD", "ref: refs/heads/main\n");
  write("node_modules/x/index.js", "module.exports = 1;\n");
  EXPECT_EQ(discover().filesSeen, 2u) << "files in skipped folders are not seen";
  Discovery D = discover({"template.yaml", ".", "template.yaml", "a"});
  EXPECT_EQ(D.files.size(), 2u);
  EXPECT_EQ(D.filesSeen, 2u) << "a file named by several overlapping scan paths is seen once";
}

TEST_F(DiscoveryTest, EmptyTreeAndNoPaths) {
  EXPECT_TRUE(discover().files.empty());
  Discovery D = discoverFiles(Tmp.path(), {});
  EXPECT_TRUE(D.files.empty());
  EXPECT_TRUE(D.problems.empty());
  EXPECT_EQ(D.filesSeen, 0u);
}

} // namespace

namespace {

TEST(DiscoverySpecialFiles, NamedFifoIsAProblemNotAHang) {
  // A FIFO named like an archive would block zip_open forever.
  fnlint::test::TempDir Tmp;
  std::string Fifo = Tmp.path() + "/function.zip";
  ASSERT_EQ(::mkfifo(Fifo.c_str(), 0644), 0);
  fnlint::Discovery D = fnlint::discoverFiles(Tmp.path(), {Fifo, Tmp.path()});
  EXPECT_TRUE(D.files.empty());
  ASSERT_EQ(D.problems.size(), 1u);
  EXPECT_EQ(D.problems[0].location.path, "function.zip");
  EXPECT_NE(D.problems[0].message.find("not a regular file"), std::string::npos) << D.problems[0].message;
}

} // namespace

namespace {

TEST(DiscoveryAllFiles, EveryRegularFileIsListedForContentRules) {
  // Secret scanning reads every file, not only those fnlint classifies.
  fnlint::test::TempDir Tmp;
  fnlint::test::writeFile(Tmp.path() + "/src/app.py", "import os\n");
  fnlint::test::writeFile(Tmp.path() + "/.env", "DB_PASSWORD=x\n");
  fnlint::test::writeFile(Tmp.path() + "/template.yaml", "Resources: {}\n");
  fnlint::Discovery D = fnlint::discoverFiles(Tmp.path(), {Tmp.path()});
  ASSERT_EQ(D.files.size(), 3u);
  EXPECT_EQ(D.files[0].path, ".env");
  EXPECT_EQ(D.files[0].kind, fnlint::FileKind::Other);
  EXPECT_EQ(D.files[1].path, "src/app.py");
  EXPECT_EQ(D.files[2].kind, fnlint::FileKind::TemplateCandidate);
}

} // namespace
