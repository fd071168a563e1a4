// The Node.js tokenizer and handler locator over the real code of
// /work/shared/corpus/serverless-patterns: every .js/.mjs/.cjs/.ts/.mts file
// outside node_modules tokenizes without crashing (and its brackets mostly
// balance), the handler named by each SAM template is found, and the
// throughput on one core is printed (not asserted: machines differ).
#include "analyzers/Analyzers.h"
#include "analyzers/handler/node/HandlerLocator.h"
#include "scanner/Scanner.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace fnlint::node {
namespace {

namespace fs = std::filesystem;

const fs::path CorpusRoot = "/work/shared/corpus/serverless-patterns";

std::string readFile(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::ostringstream S;
  S << In.rdbuf();
  return S.str();
}

bool isNodeSource(const fs::path &P) {
  std::string E = P.extension().string();
  return E == ".js" || E == ".mjs" || E == ".cjs" || E == ".ts" || E == ".mts";
}

/// Regular files under Root accepted by Keep, skipping node_modules and build output.
template <typename Pred> std::vector<fs::path> filesUnder(const fs::path &Root, Pred Keep) {
  std::vector<fs::path> Out;
  std::error_code EC;
  for (auto It = fs::recursive_directory_iterator(Root, fs::directory_options::skip_permission_denied, EC);
       It != fs::recursive_directory_iterator(); It.increment(EC)) {
    if (EC)
      break;
    std::string Name = It->path().filename().string();
    if (It->is_directory(EC) && (Name == "node_modules" || Name == ".aws-sam" || Name == "cdk.out")) {
      It.disable_recursion_pending();
      continue;
    }
    if (It->is_regular_file(EC) && Keep(It->path()))
      Out.push_back(It->path());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

TEST(NodeCorpus, EveryFileTokenizesAndThroughputIsPrinted) {
  if (!fs::is_directory(CorpusRoot))
    GTEST_SKIP() << "no corpus at " << CorpusRoot;
  std::vector<std::string> Sources;
  std::size_t Bytes = 0;
  for (const fs::path &P : filesUnder(CorpusRoot, isNodeSource)) {
    Sources.push_back(readFile(P));
    Bytes += Sources.back().size();
  }
  ASSERT_GT(Sources.size(), 100u);

  std::size_t Unbalanced = 0, Tokens = 0;
  for (const std::string &S : Sources) {
    NodeModule M(S);
    (void)M.findHandler("handler");
    Tokens += M.tokens().size();
    std::size_t Covered = 0;
    for (const TokenRange &R : M.topLevelStatements()) {
      EXPECT_EQ(R.begin, Covered); // statements tile the token vector
      Covered = R.end;
    }
    EXPECT_EQ(Covered, M.tokens().size());
    if (!M.tokens().empty() && M.tokens().back().depth != 0)
      ++Unbalanced;
  }
  // Balanced brackets at the end are a cheap sign that regex/division and templates were told apart.
  EXPECT_LE(Unbalanced * 100, Sources.size()) << Unbalanced << " files end inside brackets";

  constexpr int Runs = 5;
  auto Start = std::chrono::steady_clock::now();
  std::size_t Sink = 0;
  for (int Run = 0; Run < Runs; ++Run)
    for (const std::string &S : Sources)
      Sink += tokenize(S).size();
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  auto Start2 = std::chrono::steady_clock::now();
  for (int Run = 0; Run < Runs; ++Run)
    for (const std::string &S : Sources)
      Sink += NodeModule(S).findHandler("handler").has_value();
  double Seconds2 = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start2).count();
  double MB = static_cast<double>(Bytes) * Runs / 1e6;
  std::cout << "[ node ] " << Sources.size() << " files, " << Bytes << " bytes, " << Tokens << " tokens, "
            << Unbalanced << " end unbalanced\n"
            << "[ node ] tokenize: " << MB / Seconds << " MB/s; tokenize+statements+findHandler: " << MB / Seconds2
            << " MB/s (one core, " << Runs << " runs, sink " << Sink << ")\n";
}

/// A SAM function's Handler, CodeUri and Runtime, with Globals as defaults.
struct SamFunction {
  fs::path templateDir;
  std::string logicalId, handler, codeUri, runtime;
};

std::string scalarOr(const YAML::Node &N, const std::string &Fallback) {
  return N && N.IsScalar() ? N.as<std::string>() : Fallback;
}

std::vector<SamFunction> samNodeFunctions(const fs::path &Template) {
  std::vector<SamFunction> Out;
  YAML::Node Doc;
  try {
    Doc = YAML::LoadFile(Template.string());
  } catch (const std::exception &) {
    return Out;
  }
  if (!Doc.IsMap() || !Doc["Resources"] || !Doc["Resources"].IsMap())
    return Out;
  YAML::Node G = Doc["Globals"] && Doc["Globals"].IsMap() ? Doc["Globals"]["Function"] : YAML::Node();
  std::string GHandler = G && G.IsMap() ? scalarOr(G["Handler"], "") : "";
  std::string GCode = G && G.IsMap() ? scalarOr(G["CodeUri"], "") : "";
  std::string GRuntime = G && G.IsMap() ? scalarOr(G["Runtime"], "") : "";
  for (const auto &R : Doc["Resources"]) {
    const YAML::Node &Res = R.second;
    if (!Res.IsMap() || scalarOr(Res["Type"], "") != "AWS::Serverless::Function")
      continue;
    YAML::Node P = Res["Properties"];
    bool HasProps = P && P.IsMap();
    SamFunction F{Template.parent_path(), R.first.as<std::string>(),
                  HasProps ? scalarOr(P["Handler"], GHandler) : GHandler,
                  HasProps ? scalarOr(P["CodeUri"], GCode) : GCode, HasProps ? scalarOr(P["Runtime"], GRuntime) : GRuntime};
    if (F.runtime.rfind("nodejs", 0) == 0 && !F.handler.empty())
      Out.push_back(F);
  }
  return Out;
}

TEST(NodeCorpus, HandlersNamedBySamTemplatesAreFound) {
  if (!fs::is_directory(CorpusRoot))
    GTEST_SKIP() << "no corpus at " << CorpusRoot;
  auto Templates = filesUnder(CorpusRoot, [](const fs::path &P) {
    std::string N = P.filename().string();
    return N == "template.yaml" || N == "template.yml";
  });
  std::size_t Functions = 0, WithFile = 0, Found = 0, Resolved = 0;
  std::vector<std::string> Misses, Unresolved;
  for (const fs::path &T : Templates) {
    for (const SamFunction &F : samNodeFunctions(T)) {
      ++Functions;
      auto Setting = parseHandlerSetting(F.handler);
      if (!Setting)
        continue;
      fs::path Dir = F.templateDir / F.codeUri;
      fs::path File;
      for (const std::string &C : Setting->candidateFiles())
        if (fs::is_regular_file(Dir / C)) {
          File = Dir / C;
          break;
        }
      if (File.empty())
        continue; // built elsewhere (esbuild entry points, a dist folder)
      ++WithFile;
      std::string Source = readFile(File);
      NodeModule M(Source);
      auto H = M.findHandler(Setting->exportName);
      std::string Where = fs::relative(File, CorpusRoot).string() + " (" + Setting->exportName + ")";
      if (!H) {
        Misses.push_back(Where);
        continue;
      }
      ++Found;
      if (H->resolved)
        ++Resolved;
      else
        Unresolved.push_back(Where);
    }
  }
  std::cout << "[ node ] " << Templates.size() << " SAM templates, " << Functions << " Node.js functions, "
            << WithFile << " with the handler file present, " << Found << " handlers found, " << Resolved
            << " with the function body located\n";
  for (std::size_t I = 0; I < Misses.size() && I < 15; ++I)
    std::cout << "[ node ] not found: " << Misses[I] << "\n";
  for (std::size_t I = 0; I < Unresolved.size() && I < 15; ++I)
    std::cout << "[ node ] found, body not located: " << Unresolved[I] << "\n";
  ASSERT_GT(WithFile, 50u);
  EXPECT_GE(Found * 100, WithFile * 90) << "handlers found in fewer than 90% of the handler files";
}

TEST(NodeCorpus, HandlerRulesAndInventoriesOverTheCorpus) {
  if (!fs::is_directory(CorpusRoot))
    GTEST_SKIP() << "no corpus at " << CorpusRoot;
  ScanOptions S;
  S.root = CorpusRoot.string();
  S.paths = {CorpusRoot.string()};
  Project P = scanProject(S);
  Analysis A = analyzeProject(P, AnalysisOptions{});
  std::map<std::string, int> PerRule;
  for (const Finding &F : A.findings) {
    const std::string &Path = F.location.path;
    std::string Ext = fs::path(Path).extension().string();
    if (F.ruleId.rfind("handler/", 0) == 0 && Ext != ".py")
      ++PerRule[F.ruleId];
  }
  std::size_t Configured = 0, Calls = 0, Partial = 0, WithCalls = 0;
  std::map<int, int> BySdk;
  for (const auto &Inv : A.inventories) {
    Configured += !Inv.functionId.empty();
    Calls += Inv.calls.size();
    Partial += !Inv.partial.empty();
    WithCalls += !Inv.calls.empty();
    for (const auto &C : Inv.calls)
      ++BySdk[static_cast<int>(C.sdk)];
  }
  std::cout << "[ node ] " << A.inventories.size() << " handler inventories (" << Configured
            << " named by a configuration), " << WithCalls << " with calls, " << Calls << " calls (v3 "
            << BySdk[static_cast<int>(permissions::Sdk::JsV3)] << ", v2 " << BySdk[static_cast<int>(permissions::Sdk::JsV2)]
            << "), " << Partial << " partial\n";
  if (std::getenv("FNLINT_NODE_INVENTORY_DUMP")) // one line per call, for reviewing the inventory by hand
    for (const auto &Inv : A.inventories) {
      std::cout << "inventory " << Inv.handler.path << ":" << Inv.handler.region.startLine << " [" << Inv.functionId
                << "] " << Inv.calls.size() << " calls\n";
      for (const auto &C : Inv.calls)
        std::cout << "  call " << C.service << " " << C.operation << " @" << C.location.region.startLine << "\n";
      for (const auto &R : Inv.partial)
        std::cout << "  partial " << R.reason << " @" << R.location.region.startLine << "\n";
    }
  for (const auto &[Rule, N] : PerRule)
    std::cout << "[ node ] " << Rule << ": " << N << "\n";
  EXPECT_GT(A.inventories.size(), 100u);
  EXPECT_GT(Calls, 100u);
}

} // namespace
} // namespace fnlint::node
