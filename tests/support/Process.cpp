#include "support/Process.h"

#include "core/Subprocess.h"

#include <stdexcept>

namespace fnlint::test {

ProcessResult run(const std::vector<std::string> &Argv, const std::string &Cwd,
                  const std::vector<std::string> &Env) {
  SubprocessOptions Options;
  Options.cwd = Cwd;
  Options.env = Env;
  SubprocessResult R = runSubprocess(Argv, Options);
  if (!R.started)
    throw std::runtime_error("cannot run " + (Argv.empty() ? std::string("nothing") : Argv[0]) +
                             (Cwd.empty() ? "" : " in " + Cwd) + ": " + R.spawnError);
  return {R.exitCode, R.signal, std::move(R.out), std::move(R.err), R.maxRssBytes, R.wallSeconds};
}

ProcessResult runFnlint(const std::vector<std::string> &Args, const std::string &Cwd) {
  std::vector<std::string> Argv = {FNLINT_EXE};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  // No CI variable games: tests must behave the same inside and outside CI.
  return run(Argv, Cwd);
}

} // namespace fnlint::test
