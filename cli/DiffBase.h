//===- cli/DiffBase.h - Files changed since a git ref -----------*- C++ -*-===//
//
// `--diff-base REF` keeps only findings in files changed since REF: what a
// pull request adds, not what the repository already had. The files come from
// git itself (committed, staged, unstaged and untracked changes since the
// merge base), so renames and .gitignore behave as git says.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::cli {

/// The files changed since \p Ref in the git work tree holding \p Dir, as
/// finding locations name them: relative to \p Root, or absolute outside it.
/// Deleted files are left out (they hold no findings). False with \p Error
/// when git is missing, \p Dir is not in a work tree or \p Ref is not a commit.
bool changedFilesSince(std::string_view Ref, const std::string &Dir, const std::string &Root,
                       std::set<std::string> &Changed, std::string &Error);

/// Removes from \p Findings those outside \p Changed (an archive counts as
/// changed when its file on disk is); returns how many were removed.
std::size_t keepChangedFiles(std::vector<Finding> &Findings, const std::set<std::string> &Changed);

} // namespace fnlint::cli
