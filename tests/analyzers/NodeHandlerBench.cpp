//===- tests/analyzers/NodeHandlerBench.cpp - Node.js analyzer throughput ===//
//
// Not a test: bench/handler-scan.sh runs it with
// --gtest_also_run_disabled_tests and FNLINT_NODE_BENCH_LIST set to a file
// listing JavaScript/TypeScript files. Reads them all into memory, then times
// tokenizing, locating the exported `handler`, running every Node.js handler
// rule and building the SDK call inventory on this one thread, and prints MB/s.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"
#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <fstream>

using namespace fnlint;

TEST(NodeHandlerBench, DISABLED_Throughput) {
  const char *List = std::getenv("FNLINT_NODE_BENCH_LIST");
  ASSERT_NE(List, nullptr) << "set FNLINT_NODE_BENCH_LIST to a file listing .js/.ts files";
  std::vector<std::string> Texts;
  std::size_t Bytes = 0;
  std::ifstream In(List);
  for (std::string Path; std::getline(In, Path);) {
    Texts.push_back(test::readFile(Path));
    Bytes += Texts.back().size();
  }
  const char *RoundsEnv = std::getenv("FNLINT_NODE_BENCH_ROUNDS");
  int Rounds = RoundsEnv ? std::atoi(RoundsEnv) : 5;
  auto Checks = node::makeNodeChecks();
  Location Where;
  Where.path = "bench.js";
  std::size_t Findings = 0, Handlers = 0, Calls = 0;
  auto Start = std::chrono::steady_clock::now();
  std::clock_t CpuStart = std::clock(); // CPU time too: the wall clock counts other processes sharing the core
  for (int R = 0; R < Rounds; ++R)
    for (const std::string &T : Texts) {
      FindingSink Sink;
      permissions::CallInventory Inv;
      Handlers += node::analyzeNodeText(T, "handler", Where, Checks, Sink, &Inv);
      Findings += Sink.findings().size();
      Calls += Inv.calls.size();
    }
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  double CpuSeconds = static_cast<double>(std::clock() - CpuStart) / CLOCKS_PER_SEC;
  double MB = static_cast<double>(Bytes) * Rounds / 1e6;
  auto PerRound = [&](std::size_t N) { return N / static_cast<std::size_t>(Rounds); };
  std::printf("node handler analysis: %zu files, %.2f MB x %d rounds in %.3f s: %.1f MB/s (%.1f MB/s of CPU "
              "time), %zu handlers, %zu findings, %zu SDK calls per round\n",
              Texts.size(), static_cast<double>(Bytes) / 1e6, Rounds, Seconds, MB / Seconds, MB / CpuSeconds,
              PerRound(Handlers), PerRound(Findings), PerRound(Calls));
}
