//===- cli/DiffBase.h - Files changed since a git ref -----------*- C++ -*-===//
//
// `--diff-base REF` keeps only findings in files changed since REF: what a
// pull request adds, not what the repository already had. The files come from
// git itself (committed, staged, unstaged and untracked changes since the
// merge base), so renames and .gitignore behave as git says.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fnlint::cli {

/// The files changed since \p Ref in the git work tree holding \p Dir, as
/// absolute paths under \p Root's spelling (git resolves symlinks; the scan
/// root may not), sorted. Deleted files are left out (they hold no
/// findings). False with \p Error when git is missing, \p Dir is not in a
/// work tree or \p Ref is not a commit. Which findings a change answers for
/// is cli/ChangedFiles.h's to say, as for `--changed`.
bool changedFilesSince(std::string_view Ref, const std::string &Dir, const std::string &Root,
                       std::vector<std::string> &Changed, std::string &Error);

} // namespace fnlint::cli
