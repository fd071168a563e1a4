//===- core/FileBudget.h - Wall time one analysis may spend on one file -*- C++ -*-===//
//
// limits.file-seconds: whatever a file holds, no analysis spends more than
// that long on it. The code that works through one file opens a FileBudget
// for it on its thread; loops over the file's content ask expired() now and
// then and stop when it says so, keeping what they found, and the owner of
// the budget reports that it was hit. The deadline is thread-local, so
// parallel workers each have their own, and nothing is passed through the
// layers between the owner and the loops.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace fnlint {

class FileBudget {
public:
  /// A budget of \p Seconds (0: unlimited) for the calling thread, until
  /// this object is destroyed. Budgets nest: the inner one applies, capped
  /// by the outer one.
  explicit FileBudget(std::uint64_t Seconds);
  ~FileBudget();
  FileBudget(const FileBudget &) = delete;
  FileBudget &operator=(const FileBudget &) = delete;

  /// Whether the calling thread's budget is spent. Reads the monotonic
  /// clock: call it every few thousand steps of a loop, not every step.
  static bool expired();

  /// Whether expired() returned true while this budget was the innermost.
  bool hit() const;

private:
  std::int64_t OuterDeadline;
  bool OuterHit;
};

} // namespace fnlint
