#include "support/Process.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fnlint::test {

ProcessResult run(const std::vector<std::string> &Argv, const std::string &Cwd,
                  const std::vector<std::string> &Env) {
  int Out[2], Err[2];
  if (::pipe2(Out, O_CLOEXEC) != 0 || ::pipe2(Err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], 1);
  posix_spawn_file_actions_adddup2(&Actions, Err[1], 2);

  if (!Cwd.empty())
    posix_spawn_file_actions_addchdir_np(&Actions, Cwd.c_str());
  std::vector<std::string> Full = Argv;
  std::vector<char *> Args;
  for (std::string &A : Full)
    Args.push_back(A.data());
  Args.push_back(nullptr);
  std::vector<std::string> EnvStrings;
  for (char **E = environ; *E; ++E) {
    std::string_view Entry = *E;
    bool Overridden = false; // an explicit NAME=value replaces the inherited one
    for (const std::string &X : Env)
      Overridden |= Entry.substr(0, Entry.find('=') + 1) == X.substr(0, X.find('=') + 1);
    if (!Overridden)
      EnvStrings.emplace_back(Entry);
  }
  EnvStrings.insert(EnvStrings.end(), Env.begin(), Env.end());
  std::vector<char *> Envp;
  for (std::string &E : EnvStrings)
    Envp.push_back(E.data());
  Envp.push_back(nullptr);

  pid_t Pid;
  int Rc = posix_spawn(&Pid, Args[0], &Actions, nullptr, Args.data(), Envp.data());
  posix_spawn_file_actions_destroy(&Actions);
  ::close(Out[1]);
  ::close(Err[1]);
  if (Rc != 0) {
    ::close(Out[0]);
    ::close(Err[0]);
    throw std::runtime_error("posix_spawn failed for " + Full[0]);
  }
  ProcessResult R;
  pollfd Fds[2] = {{Out[0], POLLIN, 0}, {Err[0], POLLIN, 0}};
  std::string *Bufs[2] = {&R.out, &R.err};
  int Open = 2;
  while (Open > 0) {
    if (::poll(Fds, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char Buf[65536];
      ssize_t N = ::read(Fds[I].fd, Buf, sizeof Buf);
      if (N > 0) {
        Bufs[I]->append(Buf, static_cast<std::size_t>(N));
      } else {
        ::close(Fds[I].fd);
        Fds[I].fd = -1;
        --Open;
      }
    }
  }
  int Status = 0;
  ::waitpid(Pid, &Status, 0);
  if (WIFEXITED(Status))
    R.exitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    R.signal = WTERMSIG(Status);
  return R;
}

ProcessResult runFnlint(const std::vector<std::string> &Args, const std::string &Cwd) {
  std::vector<std::string> Argv = {FNLINT_EXE};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  // No CI variable games: tests must behave the same inside and outside CI.
  return run(Argv, Cwd);
}

} // namespace fnlint::test
