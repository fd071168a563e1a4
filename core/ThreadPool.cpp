#include "core/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fnlint {

unsigned hardwareJobs() { return std::max(1u, std::thread::hardware_concurrency()); }

void parallelFor(std::size_t Count, unsigned Jobs, const std::function<void(std::size_t)> &Body) {
  if (Count == 0)
    return;
  std::size_t Threads = std::min<std::size_t>(std::max(1u, Jobs), Count);
  if (Threads == 1) {
    for (std::size_t I = 0; I < Count; ++I)
      Body(I);
    return;
  }
  std::atomic<std::size_t> Next{0};
  // An exception (bad_alloc, say) must not escape a worker thread, which
  // would call std::terminate: the first one is carried to the caller, the
  // other workers stop taking items.
  std::exception_ptr Failure;
  std::mutex FailureMu;
  auto Work = [&] {
    try {
      for (std::size_t I; (I = Next.fetch_add(1)) < Count;)
        Body(I);
    } catch (...) {
      std::lock_guard<std::mutex> Lock(FailureMu);
      if (!Failure)
        Failure = std::current_exception();
      Next = Count;
    }
  };
  std::vector<std::thread> Pool;
  Pool.reserve(Threads - 1);
  for (std::size_t T = 1; T < Threads; ++T)
    Pool.emplace_back(Work);
  Work();
  for (std::thread &T : Pool)
    T.join();
  if (Failure)
    std::rethrow_exception(Failure);
}

} // namespace fnlint
