//===- scanner/IgnoreRules.h - .fnlintignore (gitignore syntax) -*- C++ -*-===//
//
// Patterns follow gitignore(5): '#' comments, blank lines, '!' negation,
// trailing '/' for directories only, a '/' at the start or in the middle
// anchors the pattern to the file's directory, '*' '?' '[...]' and '**'
// wildcards, '\' escapes, trailing spaces trimmed unless escaped. Later
// patterns win; a file inside an ignored directory stays ignored (git cannot
// re-include it either).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

class IgnoreRules {
public:
  /// Adds the patterns of one ignore file. \p BaseDir is the directory holding
  /// the file, relative to the scan root ("" for the root), '/' separated.
  void addFile(std::string_view Contents, std::string_view BaseDir);

  /// Whether \p Path (relative to the scan root, '/' separated) is ignored.
  /// Callers walk top-down and do not descend into ignored directories, so
  /// only the path itself is tested here, not its parents.
  bool isIgnored(std::string_view Path, bool IsDirectory) const;

  bool empty() const { return Patterns.empty(); }

private:
  struct Pattern {
    std::string baseDir;  ///< directory of the ignore file, "" for the root
    std::string glob;     ///< pattern with the anchoring '/' and trailing '/' removed
    bool negated = false;
    bool directoryOnly = false;
    bool anchored = false; ///< matched against the path relative to baseDir, else against the basename
  };
  std::vector<Pattern> Patterns;

  /// gitignore wildcard match of \p Text (no '/' crossed except by "**").
  static bool globMatch(std::string_view Glob, std::string_view Text);
  /// Matches an anchored pattern against a path relative to its baseDir,
  /// literal prefix first, as git does.
  static bool matchPathname(std::string_view Glob, std::string_view Rel);
};

} // namespace fnlint
