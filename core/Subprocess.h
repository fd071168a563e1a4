//===- core/Subprocess.h - Running a child process --------------*- C++ -*-===//
//
// The one place fnlint starts a child process (git for --diff-base, the
// fnlint-cpp helper, the test suite's runs of fnlint): posix_spawn, stdin fed
// and stdout/stderr drained by one poll loop so no pipe can deadlock, optional
// time limit and output caps, and the child always reaped.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// What happens when stdout grows past SubprocessOptions::maxStdout.
enum class OverCap {
  Kill,    ///< the child is a runaway: SIGKILL it and stop reading
  Truncate ///< keep the first maxStdout bytes, discard the rest, let it run
};

struct SubprocessOptions {
  std::string cwd;              ///< empty: the parent's working directory
  std::vector<std::string> env; ///< "NAME=value", added to or replacing the inherited environment
  std::string_view input;       ///< written to stdin; empty: stdin is /dev/null
  std::chrono::milliseconds timeout{0}; ///< 0: no limit; else SIGKILL when it passes
  std::size_t maxStdout = std::numeric_limits<std::size_t>::max();
  OverCap stdoutOverCap = OverCap::Kill;
  std::size_t maxStderr = std::numeric_limits<std::size_t>::max(); ///< excess is dropped
};

struct SubprocessResult {
  bool started = false;
  std::string spawnError; ///< why it did not start (strerror text)
  int exitCode = -1;      ///< -1 unless it exited normally
  int signal = 0;         ///< the signal that terminated it, else 0
  std::string out, err;
  bool timedOut = false;
  bool stdoutTooLarge = false; ///< stdout passed maxStdout (and was truncated or the child killed)
  /// Peak resident set size (wait4's ru_maxrss) in bytes. Linux counts the
  /// memory the process had when it called exec, and posix_spawn execs from
  /// the parent's address space, so this is at least the parent's own peak:
  /// an upper bound that is exact whenever the child outgrows the parent.
  std::uint64_t maxRssBytes = 0;
  double wallSeconds = 0; ///< from spawn to reaping
};

/// Runs \p Argv; Argv[0] is looked up on PATH (the parent's) when it has no
/// '/'. Whatever the child does is reported in the result, not thrown, and
/// the child is reaped on every path (timeout, cap, exception, failed spawn).
SubprocessResult runSubprocess(const std::vector<std::string> &Argv, const SubprocessOptions &Options = {});

} // namespace fnlint
