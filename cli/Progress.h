//===- cli/Progress.h - A progress line for long scans ----------*- C++ -*-===//
#pragma once

#include "scanner/Scanner.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace fnlint::cli {

/// Shows "scanning: N files, A/B archives" on stderr once a scan has run for a
/// second, refreshed a few times per second and erased at the end; only on a
/// terminal and never in CI logs (CI set) or pipes.
class ProgressLine {
public:
  explicit ProgressLine(const ScanProgress &Counters);
  ~ProgressLine();
  /// Whether a progress line may be shown here at all.
  static bool wanted();

private:
  const ScanProgress &Counters;
  std::mutex Mu;
  std::condition_variable Done;
  bool Finished = false;
  bool Shown = false;
  std::thread Worker;
  void run();
};

} // namespace fnlint::cli
