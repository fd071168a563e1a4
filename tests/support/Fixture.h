//===- tests/support/Fixture.h - Rule fixtures built at test time -*- C++ -*-===//
//
// A package fixture is a folder fixtures/<category>/<slug>/<case>/ holding a
// fixture.yaml: the archive or code folder to build (entries with their
// content, mode, compression), an optional template, and the findings the
// scan must produce. Cases named fires* must produce the rule of their
// folder; cases named clean* must not. Binary archives are built here rather
// than committed, so every byte that matters is visible in the YAML; the few
// shapes libzip cannot write (overlapping entries, duplicate names) are made
// by patching or by a small hand-written zip writer.
//
// fixture.yaml:
//   description: one line
//   archive: function.zip        # name of the zip to build (default)
//   folder: src/fn               # or: write the entries as files under this folder
//   template: |                  # optional template.yaml written at the root
//   entries:                     # path, text|random|zeros|zip|symlink|dir, mode, method,
//                                #   encrypt, no-unix-mode, copies (N copies, "{i}" numbers them)
//   post:                        # optional byte-level damage to the built zip
//     truncate: 100              #   keep the first N bytes
//     replace: [{from: a, to: b}]#   same-length byte replacement (duplicate names)
//     raw: "text"                #   replace the whole file with this text
//   overlap: {entries: 20, bytes: 2000000}  # a non-recursive overlapping zip bomb instead
//   limits: {archive-depth: 2, inflated-bytes: 1000, nested-archives: 20}  (keys of docs/limits.md)
//   expect:
//     - {rule: package/dev-artifacts, at: "function.zip"}
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Limits.h"

#include <yaml-cpp/yaml.h>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace fnlint::test {

struct Expectation {
  std::string rule;
  std::string at; ///< Location::displayPath() of the finding; empty: any
};

struct Fixture {
  std::string name;      ///< "package/dev-artifacts/fires-test-folders"
  std::string directory; ///< absolute path of the case folder
  std::string rule;      ///< "package/dev-artifacts"
  bool fires = false;    ///< case name starts with "fires"
  std::string description;
  std::vector<Expectation> expect;
  ResourceLimits limits;
  /// The parsed fixture.yaml. A shared pointer because YAML::Node assignment
  /// rebinds the *content* of the node it is assigned to, which would corrupt
  /// fixtures when a vector of them is sorted or copied.
  std::shared_ptr<const YAML::Node> spec;
};

/// Every fixture under fixtures/<Category>/, sorted by name.
std::vector<Fixture> findFixtures(const std::string &Category);

/// Writes the fixture's files into \p Root (an empty folder).
void materialize(const Fixture &F, const std::string &Root);

/// A fresh empty folder under the system temp dir, removed by the destructor.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return Path; }

private:
  std::string Path;
};

/// Builds a zip in memory from a YAML entry list (the `entries:` format).
std::string buildZip(const YAML::Node &Entries);

/// Reads a whole file.
std::string readFile(const std::string &Path);
/// Writes \p Bytes to \p Path, creating its folders; throws on failure.
void writeFile(const std::string &Path, const std::string &Bytes);

/// Names the fixture in test output instead of dumping its bytes.
void PrintTo(const Fixture &F, std::ostream *OS);

} // namespace fnlint::test
