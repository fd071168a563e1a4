//===- core/Subprocess.cpp - Running a child process ----------------------===//
//
// stdin is one end of a socket pair rather than a pipe: send() with
// MSG_NOSIGNAL turns writing to a child that stopped reading into EPIPE
// instead of a SIGPIPE that would kill fnlint, without touching the process's
// signal dispositions (which a library must not). stdout and stderr are pipes.
// Every descriptor is created close-on-exec, so a child started by another
// thread at the same moment inherits none of them.
//
//===----------------------------------------------------------------------===//
#include "core/Subprocess.h"

#include "core/Fd.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

extern char **environ;

namespace fnlint {

namespace {

using Clock = std::chrono::steady_clock;

std::string errnoText(int Error) { return std::strerror(Error); }

/// The inherited environment with the names in \p Extra replaced by them.
std::vector<std::string> mergedEnvironment(const std::vector<std::string> &Extra) {
  auto nameOf = [](std::string_view Entry) { return Entry.substr(0, Entry.find('=') + 1); };
  std::vector<std::string> Merged;
  for (char **E = environ; *E; ++E) {
    std::string_view Entry = *E;
    bool Replaced = std::any_of(Extra.begin(), Extra.end(),
                                [&](const std::string &X) { return nameOf(X) == nameOf(Entry); });
    if (!Replaced)
      Merged.emplace_back(Entry);
  }
  Merged.insert(Merged.end(), Extra.begin(), Extra.end());
  return Merged;
}

/// A NULL-terminated char* array over \p Strings (which must outlive it).
std::vector<char *> cArray(std::vector<std::string> &Strings) {
  std::vector<char *> Out;
  Out.reserve(Strings.size() + 1);
  for (std::string &S : Strings)
    Out.push_back(S.data());
  Out.push_back(nullptr);
  return Out;
}

/// posix_spawn's two attribute objects, destroyed on every path.
struct SpawnPlan {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnPlan() {
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attr);
  }
  SpawnPlan(const SpawnPlan &) = delete;
  SpawnPlan &operator=(const SpawnPlan &) = delete;
  ~SpawnPlan() {
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
  }
};

/// A started child. Whoever leaves early (an exception, say) still kills and
/// reaps it, so no path leaves a zombie or a runaway behind.
class Child {
public:
  explicit Child(pid_t Pid) : Pid(Pid) {}
  Child(const Child &) = delete;
  Child &operator=(const Child &) = delete;
  ~Child() {
    if (Pid > 0) {
      kill();
      wait(/*Block=*/true, nullptr);
    }
  }

  void kill() {
    if (Pid > 0) // never kill(-1, ...): that signals every process we may signal
      ::kill(Pid, SIGKILL);
  }

  /// Reaps the child into \p R (when given); false while it still runs and
  /// \p Block is false.
  bool wait(bool Block, SubprocessResult *R) {
    if (Pid <= 0)
      return true; // already reaped: wait4(-1) would take someone else's child
    int Status = 0;
    rusage Usage{};
    pid_t Done;
    while ((Done = ::wait4(Pid, &Status, Block ? 0 : WNOHANG, &Usage)) < 0 && errno == EINTR) {
    }
    if (Done == 0)
      return false;
    Pid = -1;
    if (Done < 0 || !R)
      return true; // reaped by someone else: nothing more to learn
    if (WIFEXITED(Status))
      R->exitCode = WEXITSTATUS(Status);
    else if (WIFSIGNALED(Status))
      R->signal = WTERMSIG(Status);
    R->maxRssBytes = static_cast<std::uint64_t>(Usage.ru_maxrss) * 1024; // Linux reports KiB
    return true;
  }

private:
  pid_t Pid;
};

/// The parent's end of one of the child's outputs.
struct OutputStream {
  Fd fd;
  std::string *into;
  std::size_t cap;
  bool overflowed = false;
};

/// Reads what is available from \p S; closes it at end of file or on error.
void drain(OutputStream &S, char *Buffer, std::size_t Size) {
  ssize_t Got = ::read(S.fd.get(), Buffer, Size);
  if (Got < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
    return;
  if (Got <= 0) {
    S.fd.reset();
    return;
  }
  std::size_t Room = S.cap - std::min(S.cap, S.into->size());
  std::size_t Keep = std::min(Room, static_cast<std::size_t>(Got));
  S.into->append(Buffer, Keep);
  if (Keep < static_cast<std::size_t>(Got))
    S.overflowed = true;
}

bool setNonBlocking(int F) {
  int Flags = ::fcntl(F, F_GETFL);
  return Flags >= 0 && ::fcntl(F, F_SETFL, Flags | O_NONBLOCK) == 0;
}

bool makePipe(Fd &ReadEnd, Fd &WriteEnd) {
  int P[2];
  if (::pipe2(P, O_CLOEXEC) != 0)
    return false;
  ReadEnd.reset(P[0]);
  WriteEnd.reset(P[1]);
  return true;
}

/// Starts \p Argv on the child's ends of its streams (\p In may be empty: then
/// stdin is /dev/null). Returns 0 or an errno value.
int spawn(const std::vector<std::string> &Argv, const SubprocessOptions &Options, const Fd &In, const Fd &Out,
          const Fd &Err, pid_t &Pid) {
  SpawnPlan Plan;
  if (In)
    ::posix_spawn_file_actions_adddup2(&Plan.actions, In.get(), STDIN_FILENO);
  else
    ::posix_spawn_file_actions_addopen(&Plan.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(&Plan.actions, Out.get(), STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&Plan.actions, Err.get(), STDERR_FILENO);
  if (!Options.cwd.empty())
    ::posix_spawn_file_actions_addchdir_np(&Plan.actions, Options.cwd.c_str());
  // A clean signal state whatever the parent's threads have blocked or ignored:
  // a child that inherits an ignored SIGPIPE never learns its reader went away.
  sigset_t Empty, Defaults;
  sigemptyset(&Empty);
  sigemptyset(&Defaults);
  sigaddset(&Defaults, SIGPIPE);
  ::posix_spawnattr_setsigmask(&Plan.attr, &Empty);
  ::posix_spawnattr_setsigdefault(&Plan.attr, &Defaults);
  ::posix_spawnattr_setflags(&Plan.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> ArgStrings = Argv;
  std::vector<char *> Args = cArray(ArgStrings);
  std::vector<std::string> EnvStrings;
  if (!Options.env.empty())
    EnvStrings = mergedEnvironment(Options.env);
  std::vector<char *> Envp = cArray(EnvStrings);
  char **Environment = Options.env.empty() ? environ : Envp.data();
  // glibc reports a failed exec here and has then already reaped the child.
  if (Argv[0].find('/') == std::string::npos)
    return ::posix_spawnp(&Pid, Args[0], &Plan.actions, &Plan.attr, Args.data(), Environment);
  return ::posix_spawn(&Pid, Args[0], &Plan.actions, &Plan.attr, Args.data(), Environment);
}

/// Milliseconds left until \p Deadline for poll(): -1 without a limit.
int msUntil(std::optional<Clock::time_point> Deadline) {
  if (!Deadline)
    return -1;
  auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(*Deadline - Clock::now()).count();
  return Left <= 0 ? 0 : static_cast<int>(std::min<long long>(Left, INT_MAX));
}

/// Feeds \p Input to \p In and drains \p Out and \p Err until both close, the
/// deadline passes or stdout overflows its cap under OverCap::Kill. Returns
/// whether the child must be killed.
bool exchange(Fd &In, std::string_view Input, OutputStream &Out, OutputStream &Err, OverCap Policy,
              std::optional<Clock::time_point> Deadline, SubprocessResult &R) {
  setNonBlocking(Out.fd.get());
  setNonBlocking(Err.fd.get());
  char Buffer[65536];
  while (Out.fd || Err.fd) {
    int Wait = msUntil(Deadline);
    if (Wait == 0) {
      R.timedOut = true;
      return true;
    }
    pollfd P[3];
    OutputStream *Polled[2] = {};
    nfds_t N = 0;
    for (OutputStream *S : {&Out, &Err})
      if (S->fd) {
        Polled[N] = S;
        P[N++] = {S->fd.get(), POLLIN, 0};
      }
    const nfds_t InIdx = N;
    if (In)
      P[N++] = {In.get(), POLLOUT, 0};
    if (::poll(P, N, Wait) < 0) {
      if (errno == EINTR)
        continue;
      return true; // cannot happen with valid descriptors; do not wait forever
    }
    for (nfds_t I = 0; I < InIdx; ++I)
      if (P[I].revents)
        drain(*Polled[I], Buffer, sizeof Buffer);
    if (InIdx < N && P[InIdx].revents) {
      ssize_t Sent = ::send(In.get(), Input.data(), Input.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (Sent > 0)
        Input.remove_prefix(static_cast<std::size_t>(Sent));
      // All written, or the child stopped reading (EPIPE): no more input.
      if (Input.empty() || (Sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        In.reset();
    }
    if (Out.overflowed && Policy == OverCap::Kill)
      return true;
  }
  return false;
}

} // namespace

SubprocessResult runSubprocess(const std::vector<std::string> &Argv, const SubprocessOptions &Options) {
  SubprocessResult R;
  if (Argv.empty()) {
    R.spawnError = errnoText(EINVAL);
    return R;
  }
  Fd InParent, InChild, OutParent, OutChild, ErrParent, ErrChild;
  if (!Options.input.empty()) {
    int Pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair) != 0) {
      R.spawnError = errnoText(errno);
      return R;
    }
    InParent.reset(Pair[0]);
    InChild.reset(Pair[1]);
  }
  if (!makePipe(OutParent, OutChild) || !makePipe(ErrParent, ErrChild)) {
    R.spawnError = errnoText(errno);
    return R;
  }

  const Clock::time_point Start = Clock::now();
  std::optional<Clock::time_point> Deadline;
  if (Options.timeout.count() > 0)
    Deadline = Start + Options.timeout;
  pid_t Pid = -1;
  int SpawnError = spawn(Argv, Options, InChild, OutChild, ErrChild, Pid);
  // The child holds its own copies; ours would keep its stdin open and its
  // outputs from ever reaching end of file.
  InChild.reset();
  OutChild.reset();
  ErrChild.reset();
  if (SpawnError != 0) {
    R.spawnError = errnoText(SpawnError);
    return R;
  }
  R.started = true;
  Child Proc(Pid);

  OutputStream Out{std::move(OutParent), &R.out, Options.maxStdout};
  OutputStream Err{std::move(ErrParent), &R.err, Options.maxStderr};
  bool Kill = exchange(InParent, Options.input, Out, Err, Options.stdoutOverCap, Deadline, R);
  R.stdoutTooLarge = Out.overflowed;
  // Killed before its pipes close, or it might die of SIGPIPE first and report that.
  if (Kill)
    Proc.kill();
  InParent.reset();
  Out.fd.reset();
  Err.fd.reset();

  // Its outputs are closed, so the child should exit at once; the limit holds
  // until it does.
  if (!Kill && Deadline) {
    auto Pause = std::chrono::milliseconds(1);
    while (!Proc.wait(/*Block=*/false, &R)) {
      if (Clock::now() >= *Deadline) {
        R.timedOut = true;
        Proc.kill();
        break;
      }
      std::this_thread::sleep_for(Pause);
      Pause = std::min(Pause * 2, std::chrono::milliseconds(20));
    }
  }
  Proc.wait(/*Block=*/true, &R);
  R.wallSeconds = std::chrono::duration<double>(Clock::now() - Start).count();
  return R;
}

} // namespace fnlint
