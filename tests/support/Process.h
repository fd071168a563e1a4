//===- tests/support/Process.h - Running fnlint as users do -----*- C++ -*-===//
#pragma once

#include <string>
#include <vector>

namespace fnlint::test {

struct ProcessResult {
  int exitCode = -1; ///< -1 when killed by a signal
  int signal = 0;
  std::string out, err;
};

/// Runs \p Argv (Argv[0] is a path) in \p Cwd with stdin from /dev/null,
/// capturing stdout and stderr. Extra environment entries are "NAME=value".
ProcessResult run(const std::vector<std::string> &Argv, const std::string &Cwd = "",
                  const std::vector<std::string> &Env = {});

/// Runs the fnlint binary under test from the source tree's root.
ProcessResult runFnlint(const std::vector<std::string> &Args, const std::string &Cwd = FNLINT_SOURCE_DIR);

} // namespace fnlint::test
