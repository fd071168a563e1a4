// Tests of core/Subprocess: exit and signal reporting, both outputs drained at
// once, stdin fed without deadlock or SIGPIPE, time limit, output caps,
// working directory and environment, spawn failures, and resource figures.
#include "core/Subprocess.h"

#include "support/Fixture.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <sys/wait.h>

using namespace fnlint;

namespace {

constexpr std::size_t MiB = 1u << 20;

SubprocessResult sh(const std::string &Script, const SubprocessOptions &Options = {}) {
  return runSubprocess({"/bin/sh", "-c", Script}, Options);
}

/// No child of this process is left unreaped (nor running).
void expectNoChildren() {
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

/// This process's own peak resident set size (VmHWM), in bytes.
std::uint64_t ownPeakRss() {
  std::ifstream Status("/proc/self/status");
  std::string Key;
  while (Status >> Key) {
    if (Key == "VmHWM:") {
      std::uint64_t KiB = 0;
      Status >> KiB;
      return KiB * 1024;
    }
    Status.ignore(1 << 16, '\n');
  }
  return 0;
}

TEST(Subprocess, ReportsTheExitCode) {
  SubprocessResult R = sh("echo out; echo err >&2; exit 3");
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 3);
  EXPECT_EQ(R.signal, 0);
  EXPECT_EQ(R.out, "out\n");
  EXPECT_EQ(R.err, "err\n");
  EXPECT_FALSE(R.timedOut);
  EXPECT_FALSE(R.stdoutTooLarge);
  EXPECT_GT(R.wallSeconds, 0);
  EXPECT_LT(R.wallSeconds, 10);
  expectNoChildren();
}

TEST(Subprocess, ReportsTheSignalThatEndedTheChild) {
  SubprocessResult R = sh("kill -SEGV $$");
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.signal, SIGSEGV);
  EXPECT_EQ(R.exitCode, -1);
}

TEST(Subprocess, LooksUpABareProgramNameOnPath) {
  SubprocessResult R = runSubprocess({"sh", "-c", "exit 7"});
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 7);
}

TEST(Subprocess, DrainsLargeStdoutAndStderrTogether) {
  // Interleaved 64 KiB writes to both: reading one stream to its end before
  // the other would block the child on the full other pipe.
  SubprocessResult R = runSubprocess(
      {"/usr/bin/perl", "-e", "$| = 1; for (1..40) { print STDOUT 'o' x 65536; print STDERR 'e' x 65536 }"});
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 0) << R.err.substr(0, 200);
  EXPECT_EQ(R.out, std::string(40 * 65536, 'o'));
  EXPECT_EQ(R.err, std::string(40 * 65536, 'e'));
}

TEST(Subprocess, StdinLargerThanThePipeBufferComesBackIdentical) {
  std::string Input(4 * MiB, '\0');
  std::mt19937 Random(42);
  for (char &C : Input)
    C = static_cast<char>(Random());
  SubprocessOptions O;
  O.input = Input;
  SubprocessResult R = runSubprocess({"cat"}, O);
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_TRUE(R.out == Input) << "got " << R.out.size() << " of " << Input.size() << " bytes";
}

TEST(Subprocess, AChildThatNeverReadsStdinCostsItsInputNotTheParent) {
  // The child closes stdin unread: the parent's write fails with EPIPE, which
  // would be a fatal SIGPIPE without MSG_NOSIGNAL.
  std::string Input(4 * MiB, 'x');
  SubprocessOptions O;
  O.input = Input;
  SubprocessResult R = sh("exec 0<&-; sleep 0.2; echo survived", O);
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_EQ(R.out, "survived\n");
}

TEST(Subprocess, EmptyInputIsDevNull) {
  SubprocessResult R = runSubprocess({"wc", "-c"});
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.out, "0\n");
}

TEST(Subprocess, TimeoutKillsTheChild) {
  SubprocessOptions O;
  O.timeout = std::chrono::milliseconds(300);
  SubprocessResult R = runSubprocess({"sleep", "30"}, O);
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_TRUE(R.timedOut);
  EXPECT_EQ(R.signal, SIGKILL);
  EXPECT_GE(R.wallSeconds, 0.25);
  EXPECT_LT(R.wallSeconds, 5);
  expectNoChildren();
}

TEST(Subprocess, TimeoutHoldsAfterTheChildClosesItsOutputs) {
  SubprocessOptions O;
  O.timeout = std::chrono::milliseconds(300);
  SubprocessResult R = sh("exec >&- 2>&-; sleep 30", O);
  EXPECT_TRUE(R.timedOut);
  EXPECT_EQ(R.signal, SIGKILL);
  EXPECT_LT(R.wallSeconds, 5);
  expectNoChildren();
}

TEST(Subprocess, ARunawayStdoutIsKilledAtTheCap) {
  SubprocessOptions O;
  O.maxStdout = MiB;
  O.stdoutOverCap = OverCap::Kill;
  SubprocessResult R = runSubprocess({"yes"}, O);
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_TRUE(R.stdoutTooLarge);
  EXPECT_EQ(R.signal, SIGKILL);
  EXPECT_EQ(R.out.size(), MiB);
  expectNoChildren();
}

TEST(Subprocess, TruncatedStdoutLetsTheChildFinish) {
  SubprocessOptions O;
  O.maxStdout = 1000;
  O.stdoutOverCap = OverCap::Truncate;
  SubprocessResult R = sh("head -c 200000 /dev/zero; echo done >&2", O);
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_TRUE(R.stdoutTooLarge);
  EXPECT_EQ(R.out, std::string(1000, '\0'));
  EXPECT_EQ(R.err, "done\n");
}

TEST(Subprocess, StderrIsTruncatedAtItsCap) {
  SubprocessOptions O;
  O.maxStderr = 16 << 10;
  SubprocessResult R = sh("head -c 100000 /dev/zero | tr '\\0' e >&2; echo done", O);
  EXPECT_EQ(R.exitCode, 0);
  EXPECT_EQ(R.err, std::string(16 << 10, 'e'));
  EXPECT_EQ(R.out, "done\n");
  EXPECT_FALSE(R.stdoutTooLarge);
}

TEST(Subprocess, RunsInTheGivenDirectoryWithTheGivenEnvironment) {
  test::TempDir Tmp;
  std::string Dir = std::filesystem::canonical(Tmp.path()).string();
  SubprocessOptions O;
  O.cwd = Dir;
  O.env = {"FNLINT_SUBPROCESS_TEST=added", "HOME=/replaced"};
  SubprocessResult R = sh("pwd -P; echo \"$FNLINT_SUBPROCESS_TEST\"; echo \"$HOME\"; env | grep -c '^HOME='", O);
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.out, Dir + "\nadded\n/replaced\n1\n");
  // The inherited environment is still there.
  EXPECT_EQ(sh("echo \"$PATH\"", O).out, std::string(std::getenv("PATH")) + "\n");
}

TEST(Subprocess, AMissingProgramIsASpawnError) {
  for (const char *Program : {"/nonexistent/fnlint-no-such-program", "fnlint-no-such-program"}) {
    SubprocessResult R = runSubprocess({Program});
    EXPECT_FALSE(R.started) << Program;
    EXPECT_EQ(R.spawnError, std::strerror(ENOENT)) << Program;
  }
  SubprocessOptions O;
  O.cwd = "/nonexistent/fnlint-no-such-dir";
  EXPECT_FALSE(sh("true", O).started);
  EXPECT_FALSE(runSubprocess({}).started);
  expectNoChildren();
}

TEST(Subprocess, MeasuresTheChildsPeakRss) {
  // maxRssBytes can include this process's own peak (see Subprocess.h), so the
  // child allocates that much more, and the check cannot pass on ours alone.
  const std::uint64_t Ours = ownPeakRss();
  const std::uint64_t Alloc = Ours + 100 * MiB;
  SubprocessResult R = runSubprocess({"/usr/bin/perl", "-e", "my $x = 'a' x $ARGV[0];", std::to_string(Alloc)});
  ASSERT_TRUE(R.started) << R.spawnError;
  EXPECT_EQ(R.exitCode, 0) << R.err;
  EXPECT_GE(R.maxRssBytes, Ours + 90 * MiB) << "this process's peak: " << Ours;
  // A small child is not charged the big one's memory.
  EXPECT_LT(sh("true").maxRssBytes, Alloc);
}

} // namespace
