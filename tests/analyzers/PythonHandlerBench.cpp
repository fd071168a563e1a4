//===- tests/analyzers/PythonHandlerBench.cpp - Python analyzer throughput ===//
//
// Not a test: bench/handler-scan.sh runs it with
// --gtest_also_run_disabled_tests and FNLINT_PY_BENCH_LIST set to a file
// listing .py files. Reads them all into memory, then times tokenizing,
// finding defs and running every Python handler rule over them (each file's
// handler found by convention) on this one thread, and prints MB/s.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"
#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

using namespace fnlint;

TEST(PythonHandlerBench, DISABLED_Throughput) {
  const char *List = std::getenv("FNLINT_PY_BENCH_LIST");
  ASSERT_NE(List, nullptr) << "set FNLINT_PY_BENCH_LIST to a file listing .py files";
  std::vector<std::string> Texts;
  std::size_t Bytes = 0;
  std::ifstream In(List);
  for (std::string Path; std::getline(In, Path);) {
    Texts.push_back(test::readFile(Path));
    Bytes += Texts.back().size();
  }
  const char *RoundsEnv = std::getenv("FNLINT_PY_BENCH_ROUNDS");
  int Rounds = RoundsEnv ? std::atoi(RoundsEnv) : 5;
  auto Checks = python::makePythonChecks();
  Location Where;
  Where.path = "bench.py";
  std::size_t Findings = 0;
  auto Start = std::chrono::steady_clock::now();
  for (int R = 0; R < Rounds; ++R)
    for (const std::string &T : Texts) {
      FindingSink Sink;
      python::analyzePythonText(T, {}, Where, Checks, Sink);
      Findings += Sink.findings().size();
    }
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  double MB = static_cast<double>(Bytes) * Rounds / 1e6;
  std::printf("python handler analysis: %zu files, %.2f MB x %d rounds in %.3f s: %.1f MB/s, %zu findings/round\n",
              Texts.size(), static_cast<double>(Bytes) / 1e6, Rounds, Seconds, MB / Seconds,
              Findings / static_cast<std::size_t>(Rounds));
}
