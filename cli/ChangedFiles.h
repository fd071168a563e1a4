//===- cli/ChangedFiles.h - Scanning and reporting a change -----*- C++ -*-===//
//
// `fnlint scan --changed FILE...` (the pre-commit hook) is given the files a
// change touches, not the folders to scan. Function rules need more than
// those files: a handler's least privilege needs its template and role, a
// package rule needs the whole code folder. So the change is expanded to the
// units it belongs to (a changed file inside a function's CodeUri/Code folder
// brings in that function's template and code; a changed template brings in
// its code), and the findings of that bigger scan are then cut back to the
// ones the change is answerable for:
//   - every finding located in a changed file (archives included: a finding
//     in a member points at the archive);
//   - the function-level findings of the functions whose code changed, even
//     where they point into an unchanged template: their package/* findings,
//     their permissions/* findings (by function, or by the role they run
//     as), and lambda/handler-not-found.
// The filter takes only a ChangeScope, so any source of changed files (git
// diff against a ref, a pre-commit file list) can share it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/ScanReport.h"

#include <set>
#include <string>
#include <vector>

namespace fnlint::cli {

/// A function or layer whose code a change touches.
struct TouchedFunction {
  std::string declaredIn;    ///< the template (or other configuration file), relative to the root
  std::string logicalId;     ///< as findings name it
  std::string rolePrincipal; ///< its execution role's principal id in that file; empty when unknown
  std::string code;          ///< its code folder or archive, relative to the root
};

struct ChangeScope {
  /// The changed files, relative to the scan root, '/' separated, that the
  /// scan reads (ignored and deleted files left out).
  std::set<std::string, std::less<>> files;
  std::vector<TouchedFunction> functions;
  /// What to scan: the changed files and the configuration files declaring
  /// the touched functions (the scanner reads the code those declare), or
  /// declaring any function when they changed themselves. Sorted, no
  /// duplicates, nothing inside a folder that is listed too.
  std::vector<std::string> scanPaths;
};

/// Expands the changed files \p Changed (relative to the current directory
/// or absolute) under the absolute scan root \p Root. Reads every
/// configuration file under the root (templates are small; archives and
/// sources are not opened) to find which functions deploy the changed
/// files. \p Excludes are the configuration's extra ignore patterns.
ChangeScope expandChangedFiles(const std::string &Root, const std::vector<std::string> &Changed,
                               const std::vector<std::string> &Excludes);

/// Whether the change in \p Scope is answerable for \p F (see the file comment).
bool belongsToChange(const Finding &F, const ChangeScope &Scope);

/// Keeps only the findings (reported and suppressed) that belong to the change.
void keepChangeFindings(ScanReport &Report, const ChangeScope &Scope);

} // namespace fnlint::cli
