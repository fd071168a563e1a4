//===- tests/e2e/HostileInputTest.cpp - Bad input is normal input -----------===//
//
// Inputs found in review to crash, hang, leak or mislead fnlint. Each must
// end in a clear report, the right exit code and the rest of the scan intact.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"
#include "support/Sanitizers.h"

#include "core/Package.h"
#include "reporters/Reporters.h"
#include "scanner/Discovery.h"
#include "scanner/IgnoreRules.h"
#include "scanner/Scanner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sys/stat.h>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

YAML::Node entries(const std::string &Yaml) { return YAML::Load(Yaml); }

TEST(HostileInput, InvalidUtf8InAnArchiveStillGivesValidJsonAndSarif) {
  TempDir Tmp;
  YAML::Node E = entries("[{path: index.js, text: \"exports.handler = 1;\\n\"}]");
  YAML::Node Link;
  Link["path"] = "lib/current";
  Link["symlink"] = std::string("../../\xff\xfe/evil"); // escapes: reported with its target
  E.push_back(Link);
  YAML::Node Bad;
  Bad["path"] = std::string("caf\xe9.js");
  Bad["text"] = "x";
  Bad["mode"] = "0600";
  E.push_back(Bad);
  writeFile(Tmp.path() + "/fn.zip", buildZip(E));
  for (const char *Format : {"json", "sarif"}) {
    ProcessResult R = runFnlint({"scan", ".", "--format", Format}, Tmp.path());
    EXPECT_EQ(R.exitCode, 1) << Format << ": " << R.err;
    EXPECT_NO_THROW((void)nlohmann::json::parse(R.out)) << Format;
    EXPECT_NE(R.out.find("\xef\xbf\xbd"), std::string::npos) << Format << ": bad bytes become U+FFFD";
  }
}

TEST(HostileInput, ControlCharactersInNamesCannotForgeReportLines) {
  TempDir Tmp;
  YAML::Node E = entries("[{path: index.js, text: \"x\"}]");
  YAML::Node Forged;
  Forged["path"] = "../x\nfn.zip: note: all good [package/none]";
  Forged["text"] = "x";
  E.push_back(Forged);
  writeFile(Tmp.path() + "/fn.zip", buildZip(E));
  ProcessResult R = runFnlint({"scan", "."}, Tmp.path());
  EXPECT_EQ(R.out.find("\nfn.zip: note: all good"), std::string::npos) << R.out;
  EXPECT_NE(R.out.find("../x\\x0afn.zip: note: all good"), std::string::npos) << R.out;
  EXPECT_EQ(printable("a\tb\x1b[31m"), "a\\x09b\\x1b[31m");
}

TEST(HostileInput, ManyArchivesDoNotRunOutOfFileDescriptors) {
  // Each archive's libzip handle is an open file; they are closed once the
  // archive is loaded, so 200 archives scan under a 64-descriptor limit.
  if (fnlint::test::UnderSanitizer)
    GTEST_SKIP() << "UBSan's vptr check probes memory through a pipe; with no descriptor left it reports "
                    "every virtual call as invalid";
  TempDir Tmp;
  std::string Zip = buildZip(entries("[{path: index.js, text: \"exports.handler = async () => 1;\\n\"}]"));
  for (int I = 0; I < 200; ++I)
    writeFile(Tmp.path() + "/fn" + std::to_string(I) + ".zip", Zip);
  ProcessResult R = run({"/usr/bin/prlimit", "--nofile=64", FNLINT_EXE, "scan", ".", "--format", "json"}, Tmp.path());
  ASSERT_EQ(R.exitCode, 0) << R.err << R.out.substr(0, 2000);
  auto J = nlohmann::json::parse(R.out);
  EXPECT_TRUE(J["findings"].empty()) << J["findings"][0].dump();
  EXPECT_EQ(J["inventory"]["packages"].size(), 200u);
}

TEST(HostileInput, SizesFromACentralDirectoryNeverWrap) {
  EXPECT_EQ(addSaturating(UINT64_MAX - 1, 5), UINT64_MAX);
  EXPECT_EQ(addSaturating(1ull << 63, 1ull << 63), UINT64_MAX);
  EXPECT_EQ(addSaturating(2, 3), 5u);
}

TEST(HostileInput, FnlintignoreThatIsNotAFileIsAProblemNotAHang) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/a/fn.zip", buildZip(entries("[{path: index.js, text: x}]")));
  ASSERT_EQ(::mkfifo((Tmp.path() + "/.fnlintignore").c_str(), 0644), 0);
  fs::create_directories(Tmp.path() + "/a/.fnlintignore");
  Discovery D = discoverFiles(Tmp.path(), {Tmp.path()});
  ASSERT_EQ(D.files.size(), 1u) << "the rest of the scan goes on";
  ASSERT_EQ(D.problems.size(), 2u);
  for (const InputProblem &P : D.problems)
    EXPECT_NE(P.message.find("not a regular file"), std::string::npos) << P.message;
}

TEST(HostileInput, RepeatedDoubleStarsMatchLikeOne) {
  // "**/" ten times over used to take minutes of backtracking on a deep path.
  IgnoreRules Many, One;
  Many.addFile("**/**/**/**/**/**/**/**/**/**/secret.json\n", "");
  One.addFile("**/secret.json\n", "");
  std::string Deep;
  for (int I = 0; I < 60; ++I)
    Deep += "d" + std::to_string(I) + "/";
  for (const std::string &Path : {Deep + "secret.json", Deep + "other.json", std::string("secret.json")})
    EXPECT_EQ(Many.isIgnored(Path, false), One.isIgnored(Path, false)) << Path;
  EXPECT_TRUE(Many.isIgnored(Deep + "secret.json", false));
}

TEST(HostileInput, TemplateCannotPointTheScanOutsideTheRoot) {
  TempDir Tmp;
  writeFile(Tmp.path() + "/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"
                                           "Resources:\n"
                                           "  Fn:\n"
                                           "    Type: AWS::Lambda::Function\n"
                                           "    Properties:\n"
                                           "      Code: /\n"
                                           "      Handler: index.handler\n"
                                           "      Runtime: nodejs20.x\n");
  ScanOptions S;
  S.root = Tmp.path();
  S.paths = {Tmp.path()};
  Project P = scanProject(S);
  EXPECT_TRUE(P.packages.empty()) << "/ is not read";
  ASSERT_EQ(P.problems.size(), 1u);
  EXPECT_NE(P.problems[0].message.find("outside the scan root"), std::string::npos) << P.problems[0].message;
  EXPECT_EQ(P.problems[0].location.region.startLine, 6u);
}

TEST(HostileInput, ReportThatCannotBeWrittenIsAnError) {
  ProcessResult R = run({"/bin/sh", "-c", std::string(FNLINT_EXE) + " scan examples > /dev/full"}, FNLINT_SOURCE_DIR);
  EXPECT_EQ(R.exitCode, 2) << R.err;
  EXPECT_NE(R.err.find("cannot write the report"), std::string::npos) << R.err;
}

TEST(HostileInput, UnknownCommandIsNamed) {
  ProcessResult R = runFnlint({"sacn", "."});
  EXPECT_EQ(R.exitCode, 2);
  EXPECT_NE(R.err.find("unknown command 'sacn'"), std::string::npos) << R.err;
}

TEST(HostileInput, SymlinkedFolderNamedOnTheCommandLineIsScanned) {
  TempDir Tmp;
  fs::create_symlink(std::string(FNLINT_SOURCE_DIR) + "/examples", Tmp.path() + "/examples-link");
  ProcessResult R = runFnlint({"scan", "examples-link", "--format", "json", "--now", "2026-11-30"}, Tmp.path());
  EXPECT_EQ(R.exitCode, 1) << R.err;
  auto J = nlohmann::json::parse(R.out);
  EXPECT_EQ(J["summary"]["warning"], 4) << "the same report as scanning examples/ itself";
}

} // namespace

namespace {

TEST(HostileInput, DeeplyNestedTemplateIsAClearProblem) {
  TempDir Tmp;
  std::string Deep = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Fn\": {\"Type\": "
                     "\"AWS::Lambda::Function\", \"Properties\": {\"Timeout\": ";
  for (int I = 0; I < 20000; ++I)
    Deep += "[";
  writeFile(Tmp.path() + "/template.json", Deep);
  ProcessResult R = runFnlint({"scan", ".", "--format", "json"}, Tmp.path());
  ASSERT_EQ(R.signal, 0);
  EXPECT_EQ(R.exitCode, 0) << R.err;
  auto J = nlohmann::json::parse(R.out);
  ASSERT_EQ(J["problems"].size(), 1u) << R.out;
  EXPECT_NE(J["problems"][0]["message"].get<std::string>().find("nested deeper than the parser allows"),
            std::string::npos)
      << R.out;
}

} // namespace
