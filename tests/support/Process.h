//===- tests/support/Process.h - Running fnlint as users do -----*- C++ -*-===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fnlint::test {

struct ProcessResult {
  int exitCode = -1; ///< -1 when killed by a signal
  int signal = 0;
  std::string out, err;
  std::uint64_t maxRssBytes = 0; ///< peak RSS; see SubprocessResult::maxRssBytes
  double wallSeconds = 0;
};

/// Runs \p Argv (Argv[0] a path, or a name looked up on PATH) in \p Cwd with
/// stdin from /dev/null, capturing stdout and stderr. Extra environment
/// entries are "NAME=value". Throws std::runtime_error when it cannot start.
ProcessResult run(const std::vector<std::string> &Argv, const std::string &Cwd = "",
                  const std::vector<std::string> &Env = {});

/// Runs the fnlint binary under test from the source tree's root.
ProcessResult runFnlint(const std::vector<std::string> &Args, const std::string &Cwd = FNLINT_SOURCE_DIR);

} // namespace fnlint::test
