#include "cli/Progress.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace fnlint::cli {

bool ProgressLine::wanted() {
  if (!::isatty(STDERR_FILENO))
    return false;
  if (std::getenv("CI") || std::getenv("GITHUB_ACTIONS"))
    return false;
  const char *Term = std::getenv("TERM");
  return !(Term && std::strcmp(Term, "dumb") == 0);
}

ProgressLine::ProgressLine(const ScanProgress &Counters) : Counters(Counters) {
  Worker = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard<std::mutex> Lock(Mu);
    Finished = true;
  }
  Done.notify_all();
  Worker.join();
  if (Shown) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
}

void ProgressLine::run() {
  // One second by default; the tests shorten it to see the line at all.
  long DelayMs = 1000;
  if (const char *Env = std::getenv("FNLINT_PROGRESS_AFTER_MS"))
    DelayMs = std::strtol(Env, nullptr, 10);
  std::unique_lock<std::mutex> Lock(Mu);
  if (Done.wait_for(Lock, std::chrono::milliseconds(DelayMs), [this] { return Finished; }))
    return;
  while (!Finished) {
    std::fprintf(stderr, "\r\033[Kfnlint: scanning: %llu files, %llu/%llu archives",
                 static_cast<unsigned long long>(Counters.filesFound.load()),
                 static_cast<unsigned long long>(Counters.archivesDone.load()),
                 static_cast<unsigned long long>(Counters.archivesTotal.load()));
    std::fflush(stderr);
    Shown = true;
    Done.wait_for(Lock, std::chrono::milliseconds(250), [this] { return Finished; });
  }
}

} // namespace fnlint::cli
