// Tests of the C/C++ handler module: fnlint's side (CppModule.cpp) driving the
// real fnlint-cpp helper over fixtures/handler/cpp, and the failure paths
// (helper missing, hanging, crashing, failing, talking nonsense) with small
// stand-in scripts.
#include "analyzers/handler/cpp/CppModule.h"

#include "analyzers/Analyzers.h"
#include "scanner/Scanner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace fnlint::cpp {
namespace {

namespace fs = std::filesystem;

const std::string FixtureRoot = FNLINT_SOURCE_DIR "/fixtures/handler/cpp";
const std::string HelperPath = FNLINT_BINARY_DIR "/cli/fnlint-cpp";

#define REQUIRE_HELPER()                                                                             \
  do {                                                                                               \
    if (::access(HelperPath.c_str(), X_OK) != 0)                                                     \
      GTEST_SKIP() << "fnlint-cpp is not built at " << HelperPath                                    \
                   << " (configure with -DFNLINT_BUILD_CPP_MODULE=ON and build target fnlint-cpp)";  \
  } while (0)

CppOptions withHelper(const std::string &Path, unsigned Timeout = 120) {
  CppOptions O;
  O.helperPath = Path;
  O.timeoutSeconds = Timeout;
  return O;
}

const HandlerInfo *handlerIn(const CppAnalysis &A, const std::string &File) {
  for (const HandlerInfo &H : A.handlers)
    if (H.location.path == File)
      return &H;
  return nullptr;
}

std::vector<const InputProblem *> problemsIn(const CppAnalysis &A, const std::string &File) {
  std::vector<const InputProblem *> Out;
  for (const InputProblem &P : A.problems)
    if (P.location.path == File)
      Out.push_back(&P);
  return Out;
}

std::string describe(const CppAnalysis &A) {
  std::string S = "ran=" + std::string(A.ran ? "true" : "false") + "\nhandlers:\n";
  for (const HandlerInfo &H : A.handlers)
    S += "  " + H.function + " @ " + H.location.path + ":" + std::to_string(H.location.region.startLine) + ":" +
         std::to_string(H.location.region.startColumn) + "\n";
  S += "problems:\n";
  for (const InputProblem &P : A.problems)
    S += "  " + P.location.path + ":" + std::to_string(P.location.region.startLine) + ": " + P.message + "\n";
  return S;
}

/// A scratch directory removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::string Pattern = (fs::temp_directory_path() / "fnlint-cpp-test-XXXXXX").string();
    if (::mkdtemp(Pattern.data()))
      Path = Pattern;
  }
  ~TempDir() {
    std::error_code EC;
    if (!Path.empty())
      fs::remove_all(Path, EC);
  }
  /// Writes an executable shell script \p Name with \p Body; returns its path.
  std::string script(const std::string &Name, const std::string &Body) const {
    std::string P = Path + "/" + Name;
    std::ofstream(P) << "#!/bin/sh\n" << Body << "\n";
    ::chmod(P.c_str(), 0755);
    return P;
  }
  std::string Path;
};

TEST(CppModuleTest, FindsHandlersInFixtures) {
  REQUIRE_HELPER();
  CppAnalysis A = analyzeSources(FixtureRoot,
                                 {"api_handler.cpp", "lambda_handler.cpp", "function_handler.cpp", "no_handler.cpp"},
                                 withHelper(HelperPath));
  SCOPED_TRACE(describe(A));
  EXPECT_TRUE(A.ran);
  EXPECT_TRUE(A.findings.empty());
  EXPECT_TRUE(A.problems.empty());
  ASSERT_EQ(A.handlers.size(), 3u);

  const HandlerInfo *Api = handlerIn(A, "api_handler.cpp");
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(Api->function, "my_handler");
  EXPECT_EQ(Api->location.region.startLine, 9u);
  EXPECT_EQ(Api->location.region.startColumn, 28u); // the name in `static invocation_response my_handler(`
  EXPECT_EQ(Api->location.region.startColumnUtf16, 28u);
  EXPECT_EQ(Api->location.logical.name, "my_handler");
  EXPECT_EQ(Api->location.logical.kind, "function");

  const HandlerInfo *Lambda = handlerIn(A, "lambda_handler.cpp");
  ASSERT_NE(Lambda, nullptr);
  EXPECT_EQ(Lambda->function, "main::<lambda>");
  EXPECT_EQ(Lambda->location.region.startLine, 12u);
  EXPECT_EQ(Lambda->location.region.startColumn, 19u); // the lambda's '['
  EXPECT_EQ(Lambda->location.logical.name, "<lambda>");

  const HandlerInfo *Wrapped = handlerIn(A, "function_handler.cpp");
  ASSERT_NE(Wrapped, nullptr);
  EXPECT_EQ(Wrapped->function, "orders::handle"); // seen through the std::function variable
  EXPECT_EQ(Wrapped->location.region.startLine, 11u);
  EXPECT_EQ(Wrapped->location.logical.name, "handle");
  EXPECT_EQ(Wrapped->location.logical.fullyQualifiedName, "orders::handle");

  EXPECT_EQ(handlerIn(A, "no_handler.cpp"), nullptr); // mine::run_handler is not the runtime's
}

/// "S3:GetObject@36" for each call of \p Inv, in order.
std::vector<std::string> callsOf(const permissions::CallInventory &Inv) {
  std::vector<std::string> Out;
  for (const permissions::SdkCall &C : Inv.calls) {
    EXPECT_EQ(C.sdk, permissions::Sdk::Cpp);
    Out.push_back(C.service + ":" + C.operation + "@" + std::to_string(C.location.region.startLine));
  }
  return Out;
}

TEST(CppModuleTest, InventoriesTheHandlersSdkCalls) {
  REQUIRE_HELPER();
  CppAnalysis A = analyzeSources(FixtureRoot, {"sdk_calls.cpp"}, withHelper(HelperPath));
  SCOPED_TRACE(describe(A));
  EXPECT_TRUE(A.problems.empty());
  ASSERT_EQ(A.handlers.size(), 1u);
  ASSERT_EQ(A.inventories.size(), 1u);
  const permissions::CallInventory &Inv = A.inventories[0];
  EXPECT_TRUE(Inv.functionId.empty());
  EXPECT_EQ(Inv.handler.path, "sdk_calls.cpp");
  EXPECT_EQ(Inv.handler.region.startLine, 52u);
  // The handler's own calls (Async and Callable folded into the operation), a
  // helper's, then main's.
  EXPECT_EQ(callsOf(Inv), (std::vector<std::string>{"S3:GetObject@36", "DynamoDB:PutItem@37", "SQS:SendMessage@38",
                                                    "Lambda:Invoke@29", "SecretsManager:GetSecretValue@49"}));
  EXPECT_EQ(Inv.calls[0].location.region.startColumn, 22u); // `GetObject` in `c.s3.GetObject(get)`
  ASSERT_EQ(Inv.partial.size(), 1u);
  EXPECT_EQ(Inv.partial[0].location.region.startLine, 40u);
  EXPECT_NE(Inv.partial[0].reason.find("record_metric"), std::string::npos) << Inv.partial[0].reason;
}

TEST(CppModuleTest, AnalysisCarriesTheInventories) {
  REQUIRE_HELPER();
  ScanOptions S;
  S.root = FixtureRoot;
  S.paths = {FixtureRoot + "/sdk_calls.cpp"};
  AnalysisOptions O;
  O.cpp = withHelper(HelperPath);
  Analysis A = analyzeProject(scanProject(S), O);
  ASSERT_EQ(A.inventories.size(), 1u);
  EXPECT_EQ(A.inventories[0].calls.size(), 5u);
  EXPECT_EQ(A.inventories[0].handler.logical.fullyQualifiedName, "main::<lambda>");
}

TEST(CppModuleTest, UnresolvedCodeIsReportedAndMakesTheInventoryPartial) {
  REQUIRE_HELPER();
  CppAnalysis A = analyzeSources(FixtureRoot, {"unresolved_sdk.cpp"}, withHelper(HelperPath));
  SCOPED_TRACE(describe(A));
  ASSERT_EQ(A.inventories.size(), 1u);
  EXPECT_EQ(callsOf(A.inventories[0]), (std::vector<std::string>{"S3:DeleteObject@12"}));
  ASSERT_FALSE(A.inventories[0].partial.empty());
  EXPECT_NE(A.inventories[0].partial[0].reason.find("compile errors"), std::string::npos);
  // The missing header (at its #include), then what could not resolve without it.
  auto Problems = problemsIn(A, "unresolved_sdk.cpp");
  ASSERT_GE(Problems.size(), 2u);
  EXPECT_EQ(Problems[0]->location.region.startLine, 5u);
  EXPECT_NE(Problems[0]->message.find("'aws/rekognition/RekognitionClient.h' not found"), std::string::npos)
      << Problems[0]->message;
  EXPECT_NE(Problems[1]->message.find("Rekognition"), std::string::npos) << Problems[1]->message;
  // What did parse is still checked.
  ASSERT_EQ(A.findings.size(), 1u);
  EXPECT_EQ(A.findings[0].ruleId, "handler/client-per-invocation");
  EXPECT_EQ(A.findings[0].location.region.startLine, 11u);
}

TEST(CppModuleTest, AHandlerWithoutABodyHasAPartialInventory) {
  REQUIRE_HELPER();
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  std::ofstream(T.Path + "/serve.cpp") << "#include <aws/lambda-runtime/runtime.h>\n"
                                          "using namespace aws::lambda_runtime;\n"
                                          "void serve(std::function<invocation_response(invocation_request const &)> h) {\n"
                                          "  run_handler(h);\n"
                                          "}\n";
  CppAnalysis A = analyzeSources(T.Path, {"serve.cpp"}, withHelper(HelperPath));
  SCOPED_TRACE(describe(A));
  ASSERT_EQ(A.inventories.size(), 1u);
  EXPECT_TRUE(A.inventories[0].calls.empty());
  ASSERT_EQ(A.inventories[0].partial.size(), 1u);
  EXPECT_EQ(A.inventories[0].partial[0].location.path, "serve.cpp");
  EXPECT_EQ(A.inventories[0].partial[0].location.region.startLine, 3u); // the parameter h
}

/// A handler whose include directory and macro only its compilation database knows.
void writeProjectNeedingDatabase(const std::string &Root) {
  fs::create_directories(Root + "/src");
  fs::create_directories(Root + "/config");
  std::ofstream(Root + "/config/settings.h") << "#pragma once\n#define OUTPUT_FILE \"/var/task/out.txt\"\n";
  std::ofstream(Root + "/src/handler.cpp")
      << "#include <aws/lambda-runtime/runtime.h>\n"
         "#include <cstdio>\n"
         "#include \"settings.h\"\n"
         "using namespace aws::lambda_runtime;\n"
         "static invocation_response h(invocation_request const &) {\n"
         "  std::FILE *f = std::fopen(OUTPUT_FILE, \"w\");\n"
         "  return invocation_response::success(\"{}\", \"application/json\");\n"
         "}\n"
         "int main() { run_handler(h); }\n";
}

void writeDatabase(const std::string &Dir, const std::string &Root) {
  fs::create_directories(Dir);
  std::ofstream(Dir + "/compile_commands.json")
      << "[{\"directory\": \"" << Root << "\", \"file\": \"" << Root
      << "/src/handler.cpp\", \"command\": \"c++ -std=c++17 -I" << Root << "/config -c src/handler.cpp\"}]\n";
}

TEST(CppModuleTest, UsesTheCompilationDatabase) {
  REQUIRE_HELPER();
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  std::string Root = fs::canonical(T.Path).string();
  writeProjectNeedingDatabase(Root);

  // No database: settings.h is not found, the problem says so, the handler is still found.
  CppAnalysis None = analyzeSources(Root, {"src/handler.cpp"}, withHelper(HelperPath));
  SCOPED_TRACE(describe(None));
  ASSERT_FALSE(problemsIn(None, "src/handler.cpp").empty());
  EXPECT_NE(problemsIn(None, "src/handler.cpp")[0]->message.find("settings.h"), std::string::npos);

  // build/compile_commands.json is found on its own.
  writeDatabase(Root + "/build", Root);
  CppAnalysis Found = analyzeSources(Root, {"src/handler.cpp"}, withHelper(HelperPath));
  SCOPED_TRACE(describe(Found));
  EXPECT_TRUE(Found.problems.empty());
  ASSERT_EQ(Found.findings.size(), 1u);
  EXPECT_EQ(Found.findings[0].ruleId, "handler/write-outside-tmp");
  EXPECT_EQ(Found.findings[0].location.region.startLine, 6u);

  // -p names a database elsewhere.
  fs::remove_all(Root + "/build");
  TempDir Elsewhere;
  writeDatabase(Elsewhere.Path + "/out", Root);
  CppOptions O = withHelper(HelperPath);
  O.compileCommandsDir = Elsewhere.Path + "/out";
  CppAnalysis Named = analyzeSources(Root, {"src/handler.cpp"}, O);
  SCOPED_TRACE(describe(Named));
  EXPECT_TRUE(Named.problems.empty());
  EXPECT_EQ(Named.findings.size(), 1u);
}

TEST(CppModuleTest, BrokenFileIsAProblemNotAFailure) {
  REQUIRE_HELPER();
  CppAnalysis A = analyzeSources(FixtureRoot, {"broken.cpp", "no_handler.cpp", "api_handler.cpp", "missing.cpp"},
                                 withHelper(HelperPath));
  SCOPED_TRACE(describe(A));
  EXPECT_TRUE(A.ran);

  std::vector<const InputProblem *> Broken = problemsIn(A, "broken.cpp");
  ASSERT_EQ(Broken.size(), 1u);
  EXPECT_EQ(Broken[0]->location.region.startLine, 8u);
  EXPECT_EQ(Broken[0]->location.region.startColumn, 37u);
  EXPECT_NE(Broken[0]->message.find("expected ';'"), std::string::npos);
  EXPECT_EQ(Broken[0]->level, Level::Warning);

  EXPECT_TRUE(problemsIn(A, "no_handler.cpp").empty());
  EXPECT_TRUE(problemsIn(A, "api_handler.cpp").empty());
  ASSERT_EQ(problemsIn(A, "missing.cpp").size(), 1u);
  EXPECT_NE(problemsIn(A, "missing.cpp")[0]->message.find("no such file"), std::string::npos);

  // The other files were still analysed; Clang recovers enough of broken.cpp
  // to see its handler too.
  ASSERT_NE(handlerIn(A, "api_handler.cpp"), nullptr);
  EXPECT_EQ(handlerIn(A, "api_handler.cpp")->function, "my_handler");
  ASSERT_NE(handlerIn(A, "broken.cpp"), nullptr);
  EXPECT_EQ(handlerIn(A, "broken.cpp")->function, "broken_handler");
  EXPECT_EQ(handlerIn(A, "broken.cpp")->location.region.startLine, 7u);
}

TEST(CppModuleTest, HelperVersion) {
  REQUIRE_HELPER();
  std::string Cmd = "'" + HelperPath + "' --version";
  FILE *P = ::popen(Cmd.c_str(), "r");
  ASSERT_NE(P, nullptr);
  char Buf[256] = {};
  std::string Out;
  while (std::fgets(Buf, sizeof Buf, P))
    Out += Buf;
  EXPECT_EQ(::pclose(P), 0);
  EXPECT_EQ(Out.rfind("fnlint-cpp ", 0), 0u) << Out;
  EXPECT_NE(Out.find("(LLVM 14."), std::string::npos) << Out;
}

TEST(CppModuleTest, MissingHelperSkipsWithAProblem) {
  CppAnalysis A = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper("/nonexistent/dir/fnlint-cpp"));
  EXPECT_FALSE(A.ran);
  EXPECT_TRUE(A.handlers.empty());
  ASSERT_EQ(A.problems.size(), 1u);
  EXPECT_NE(A.problems[0].message.find("fnlint-cpp is not installed"), std::string::npos) << A.problems[0].message;
  EXPECT_NE(A.problems[0].message.find("/nonexistent/dir/fnlint-cpp"), std::string::npos) << A.problems[0].message;
}

TEST(CppModuleTest, NoSourcesStartsNothing) {
  CppAnalysis A = analyzeSources(FixtureRoot, {}, withHelper("/nonexistent/dir/fnlint-cpp"));
  EXPECT_FALSE(A.ran);
  EXPECT_TRUE(A.problems.empty());
}

TEST(CppModuleTest, DefaultHelperPathIsBesideTheExecutableOrInLibexec) {
  std::string P = defaultHelperPath();
  std::string Exe = fs::read_symlink("/proc/self/exe").parent_path().string();
  EXPECT_TRUE(P == Exe + "/fnlint-cpp" || P == fs::path(Exe).parent_path().string() + "/libexec/fnlint/fnlint-cpp")
      << P;
}

TEST(CppModuleTest, TimeoutKillsTheHelper) {
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  std::string Sleepy = T.script("sleepy", "exec sleep 30");
  auto Start = std::chrono::steady_clock::now();
  CppAnalysis A = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper(Sleepy, 1));
  auto Took = std::chrono::steady_clock::now() - Start;
  EXPECT_LT(Took, std::chrono::seconds(10));
  EXPECT_TRUE(A.handlers.empty());
  ASSERT_EQ(A.problems.size(), 1u);
  EXPECT_NE(A.problems[0].message.find("C/C++ analysis timed out after 1 s"), std::string::npos)
      << A.problems[0].message;
}

TEST(CppModuleTest, CrashIsAProblemNamingTheSignal) {
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  std::string Crashy = T.script("crashy", "cat >/dev/null; kill -SEGV $$");
  CppAnalysis A = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper(Crashy));
  EXPECT_TRUE(A.handlers.empty());
  ASSERT_EQ(A.problems.size(), 1u);
  EXPECT_NE(A.problems[0].message.find("crashed"), std::string::npos) << A.problems[0].message;
  EXPECT_NE(A.problems[0].message.find("SIGSEGV"), std::string::npos) << A.problems[0].message;
}

TEST(CppModuleTest, FailureAndMalformedReplyAreProblems) {
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  // Exits without reading its input: the request write must not kill us (SIGPIPE).
  std::string Failing = T.script("failing", "echo 'fnlint-cpp: bad request: nope' >&2; exit 2");
  CppAnalysis F = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper(Failing));
  ASSERT_EQ(F.problems.size(), 1u);
  EXPECT_NE(F.problems[0].message.find("exit status 2"), std::string::npos) << F.problems[0].message;
  EXPECT_NE(F.problems[0].message.find("bad request: nope"), std::string::npos) << F.problems[0].message;

  std::string Garbage = T.script("garbage", "cat >/dev/null; echo 'this is not json'");
  CppAnalysis G = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper(Garbage));
  ASSERT_EQ(G.problems.size(), 1u);
  EXPECT_NE(G.problems[0].message.find("malformed"), std::string::npos) << G.problems[0].message;

  std::string Future = T.script("future", "cat >/dev/null; echo '{\"version\":2}'");
  CppAnalysis V = analyzeSources(FixtureRoot, {"api_handler.cpp"}, withHelper(Future));
  ASSERT_EQ(V.problems.size(), 1u);
  EXPECT_NE(V.problems[0].message.find("protocol version 2"), std::string::npos) << V.problems[0].message;
}

TEST(CppModuleTest, ReplyMapsIntoTheModel) {
  // The protocol's element shapes, findings included, without Clang.
  TempDir T;
  ASSERT_FALSE(T.Path.empty());
  std::string Reply =
      R"json({"version":1,"handlers":[{"function":"ns::Functor::operator()","kind":"functor","file":"a.cpp","line":3,"column":5,)json"
      R"json("calls":[{"service":"S3","operation":"GetObject","file":"a.cpp","line":5,"column":7}],)json"
      R"json("partial":[{"reason":"r","file":"a.cpp","line":6,"column":1}]}],)json"
      R"json("findings":[{"ruleId":"handler/command-injection","level":"error","message":"m","file":"a.cpp","line":4,"column":2,)json"
      R"json("endLine":4,"endColumn":9,"fingerprintKey":"k","properties":{"x":1}},)json"
      R"json({"ruleId":"handler/logs-event-payload","message":"n","file":"a.cpp","line":8,"column":1},)json"
      R"json({"ruleId":"handler/no-such-rule","message":"z","file":"a.cpp","line":9,"column":1}],)json"
      R"json("problems":[{"file":"b.cpp","line":0,"column":0,"level":"note","message":"p"}]})json";
  std::string Echo = T.script("echo", "cat >/dev/null; cat <<'EOF'\n" + Reply + "\nEOF");
  CppAnalysis A = analyzeSources(FixtureRoot, {"a.cpp"}, withHelper(Echo));
  EXPECT_TRUE(A.ran);
  ASSERT_EQ(A.handlers.size(), 1u);
  EXPECT_EQ(A.handlers[0].location.logical.name, "operator()");
  EXPECT_EQ(A.handlers[0].location.region.startLine, 3u);
  ASSERT_EQ(A.inventories.size(), 1u);
  const permissions::CallInventory &Inv = A.inventories[0];
  EXPECT_TRUE(Inv.functionId.empty());
  EXPECT_EQ(Inv.handler.region.startLine, 3u);
  ASSERT_EQ(Inv.calls.size(), 1u);
  EXPECT_EQ(Inv.calls[0].sdk, permissions::Sdk::Cpp);
  EXPECT_EQ(Inv.calls[0].service, "S3");
  EXPECT_EQ(Inv.calls[0].operation, "GetObject");
  EXPECT_EQ(Inv.calls[0].location.region.startLine, 5u);
  ASSERT_EQ(Inv.partial.size(), 1u);
  EXPECT_EQ(Inv.partial[0].reason, "r");
  ASSERT_EQ(A.findings.size(), 2u);
  EXPECT_EQ(A.findings[1].level, Level::Warning); // no level: the catalogue's (logs-event-payload is a warning)
  const Finding &F = A.findings[0];
  EXPECT_EQ(F.ruleId, "handler/command-injection");
  EXPECT_EQ(F.level, Level::Error);
  EXPECT_EQ(F.location.path, "a.cpp");
  EXPECT_EQ(F.location.region.endColumn, 9u);
  EXPECT_EQ(F.location.region.endColumnUtf16, 9u);
  EXPECT_EQ(F.fingerprintKey, "k");
  EXPECT_EQ(F.properties["x"], 1);
  ASSERT_EQ(A.problems.size(), 2u); // the unknown rule is a problem, not a finding
  EXPECT_NE(A.problems[0].message.find("handler/no-such-rule"), std::string::npos);
  EXPECT_EQ(A.problems[1].level, Level::Note);
  EXPECT_FALSE(A.problems[1].location.region.known());
}

} // namespace
} // namespace fnlint::cpp
