//===- core/ThreadPool.h - Parallel loops -----------------------*- C++ -*-===//
#pragma once

#include <cstddef>
#include <functional>

namespace fnlint {

/// The number of hardware threads, at least 1.
unsigned hardwareJobs();

/// Calls \p Body(I) for every I in [0, Count) on up to \p Jobs threads
/// (the calling thread included). Work is handed out one index at a time, so
/// uneven items balance. Returns when every call has returned; if a call
/// threw, the first exception is rethrown here, on the caller's thread.
void parallelFor(std::size_t Count, unsigned Jobs, const std::function<void(std::size_t)> &Body);

} // namespace fnlint
