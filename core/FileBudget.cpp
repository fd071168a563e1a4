//===- core/FileBudget.cpp - Wall time one analysis may spend on one file ---===//
#include "core/FileBudget.h"

#include <algorithm>
#include <chrono>

namespace fnlint {

namespace {

// Constant-initialised thread-locals: no constructor runs at start-up.
thread_local std::int64_t DeadlineNs = 0; ///< steady clock; 0: none
thread_local bool Hit = false;

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace

FileBudget::FileBudget(std::uint64_t Seconds) : OuterDeadline(DeadlineNs), OuterHit(Hit) {
  Hit = false;
  if (Seconds == 0)
    return; // the outer deadline, if any, still applies
  constexpr std::uint64_t MaxSeconds = 100ull * 365 * 24 * 3600;
  std::int64_t Mine = nowNs() + static_cast<std::int64_t>(std::min(Seconds, MaxSeconds)) * 1'000'000'000;
  DeadlineNs = OuterDeadline ? std::min(OuterDeadline, Mine) : Mine;
}

FileBudget::~FileBudget() {
  DeadlineNs = OuterDeadline;
  Hit = OuterHit || Hit;
}

bool FileBudget::expired() {
  if (DeadlineNs == 0)
    return false;
  if (Hit)
    return true;
  Hit = nowNs() >= DeadlineNs;
  return Hit;
}

bool FileBudget::hit() const { return Hit; }

} // namespace fnlint
