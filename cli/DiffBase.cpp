//===- cli/DiffBase.cpp - Files changed since a git ref ---------------------===//
#include "cli/DiffBase.h"

#include "core/Subprocess.h"
#include "scanner/Discovery.h"

#include <algorithm>
#include <filesystem>

namespace fnlint::cli {

namespace {

namespace fs = std::filesystem;

struct CommandResult {
  int status = -1; ///< exit code; -1 when it could not start or was killed
  std::string out, err;
};

/// Runs `git -C Dir Argv...` (git looked up on PATH) and collects both streams.
CommandResult run(const std::vector<std::string> &Argv, const std::string &Dir) {
  std::vector<std::string> Full = {"git", "-C", Dir};
  Full.insert(Full.end(), Argv.begin(), Argv.end());
  SubprocessResult Git = runSubprocess(Full);
  if (!Git.started)
    return {-1, {}, std::move(Git.spawnError)};
  return {Git.exitCode, std::move(Git.out), std::move(Git.err)};
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
