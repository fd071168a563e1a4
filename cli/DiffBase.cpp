//===- cli/DiffBase.cpp - Files changed since a git ref ---------------------===//
#include "cli/DiffBase.h"

#include "scanner/Discovery.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fnlint::cli {

namespace {

namespace fs = std::filesystem;

struct CommandResult {
  int status = -1; ///< exit code; -1 when it could not start or was killed
  std::string out, err;
};

/// Runs `git -C Dir Argv...` (git looked up on PATH) and collects both streams.
CommandResult run(const std::vector<std::string> &Argv, const std::string &Dir) {
  CommandResult R;
  int Out[2], Err[2];
  if (::pipe(Out) != 0)
    return R;
  if (::pipe(Err) != 0) {
    ::close(Out[0]);
    ::close(Out[1]);
    return R;
  }
  std::vector<std::string> Full = {"git", "-C", Dir};
  Full.insert(Full.end(), Argv.begin(), Argv.end());
  std::vector<char *> Args;
  for (std::string &A : Full)
    Args.push_back(A.data());
  Args.push_back(nullptr);
  posix_spawn_file_actions_t Actions;
  ::posix_spawn_file_actions_init(&Actions);
  ::posix_spawn_file_actions_adddup2(&Actions, Out[1], STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&Actions, Err[1], STDERR_FILENO);
  ::posix_spawn_file_actions_addclose(&Actions, Out[0]);
  ::posix_spawn_file_actions_addclose(&Actions, Err[0]);
  ::posix_spawn_file_actions_addopen(&Actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t Pid = 0;
  int Spawned = ::posix_spawnp(&Pid, "git", &Actions, nullptr, Args.data(), environ);
  ::posix_spawn_file_actions_destroy(&Actions);
  ::close(Out[1]);
  ::close(Err[1]);
  if (Spawned != 0) {
    ::close(Out[0]);
    ::close(Err[0]);
    R.err = std::strerror(Spawned);
    return R;
  }
  // Both pipes at once, so a chatty stderr cannot block git while we wait on stdout.
  pollfd Fds[2] = {{Out[0], POLLIN, 0}, {Err[0], POLLIN, 0}};
  std::string *Sinks[2] = {&R.out, &R.err};
  int Open = 2;
  char Buffer[65536];
  while (Open > 0) {
    if (::poll(Fds, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t N = ::read(Fds[I].fd, Buffer, sizeof Buffer);
      if (N > 0) {
        Sinks[I]->append(Buffer, static_cast<std::size_t>(N));
        continue;
      }
      if (N < 0 && errno == EINTR)
        continue;
      ::close(Fds[I].fd);
      Fds[I].fd = -1;
      --Open;
    }
  }
  for (pollfd &P : Fds)
    if (P.fd >= 0)
      ::close(P.fd);
  int Status = 0;
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  R.status = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  return R;
}

std::string firstLine(std::string_view S) {
  S = S.substr(0, S.find('\n'));
  return std::string(S);
}

/// Appends the NUL-separated paths of \p Listing (relative to \p Top), as
/// \p Root spells them when under \p RealRoot (the root with symlinks resolved).
void addPaths(std::string_view Listing, const std::string &Top, const std::string &Root, const std::string &RealRoot,
              std::vector<std::string> &Changed) {
  while (!Listing.empty()) {
    std::size_t End = Listing.find('\0');
    std::string_view Path = Listing.substr(0, End);
    if (!Path.empty()) {
      std::string Real = (fs::path(Top) / std::string(Path)).lexically_normal().generic_string();
      std::string Relative = relativeToRoot(RealRoot, Real);
      Changed.push_back(Relative.empty() || Relative.front() == '/' ? Real : Root + "/" + Relative);
    }
    if (End == std::string_view::npos)
      break;
    Listing.remove_prefix(End + 1);
  }
}

} // namespace

bool changedFilesSince(std::string_view Ref, const std::string &Dir, const std::string &Root,
                       std::vector<std::string> &Changed, std::string &Error) {
  if (Ref.empty() || Ref.front() == '-') {
    Error = "'" + std::string(Ref) + "' is not a git revision";
    return false;
  }
  CommandResult Top = run({"rev-parse", "--show-toplevel"}, Dir);
  if (Top.status != 0) {
    Error = Top.status < 0 ? "cannot run git: " + Top.err
                           : "'" + Dir + "' is not in a git work tree" + (Top.err.empty() ? "" : ": " + firstLine(Top.err));
    return false;
  }
  std::string TopDir = firstLine(Top.out);
  std::string Commit = std::string(Ref) + "^{commit}";
  if (run({"rev-parse", "--verify", "--quiet", Commit}, TopDir).status != 0) {
    Error = "'" + std::string(Ref) + "' is not a commit in " + TopDir;
    return false;
  }
  // Against the merge base, as a pull request's diff is: changes on the base
  // branch since the fork point are not this branch's.
  CommandResult Diff =
      run({"diff", "--name-only", "-z", "--diff-filter=d", "--merge-base", std::string(Ref), "--"}, TopDir);
  if (Diff.status != 0) {
    Error = "git diff against '" + std::string(Ref) + "' failed: " + firstLine(Diff.err);
    return false;
  }
  CommandResult Untracked = run({"ls-files", "-z", "--others", "--exclude-standard"}, TopDir);
  if (Untracked.status != 0) {
    Error = "git ls-files failed: " + firstLine(Untracked.err);
    return false;
  }
  // git names the top level with symlinks resolved; so must the root.
  std::error_code EC;
  std::string RealRoot = fs::weakly_canonical(Root, EC).generic_string();
  if (EC)
    RealRoot = Root;
  addPaths(Diff.out, TopDir, Root, RealRoot, Changed);
  addPaths(Untracked.out, TopDir, Root, RealRoot, Changed);
  std::sort(Changed.begin(), Changed.end());
  return true;
}

} // namespace fnlint::cli
