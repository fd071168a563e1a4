//===- core/Fingerprint.h - Stable identities for findings ------*- C++ -*-===//
//
// Two fingerprints per finding:
//  - fnlint's own ("fnlint/v1"): a hash of rule id, artifact path, member
//    chain, logical location and the finding's key (or its line's text
//    without whitespace), so it survives line shifts and reformatting.
//    Baselines and SARIF partialFingerprints use it; baselines also keep the
//    same hash without the path (contentHash) to survive renames.
//  - GitHub code scanning's primaryLocationLineHash, computed with GitHub's
//    own algorithm (codeql-action src/fingerprints.ts) for real text files,
//    so local and CI runs agree; for archive members and binaries, a stable
//    value of our own in the same "hex:n" shape (GitHub cannot hash those).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// GitHub's primaryLocationLineHash for every line of \p Text (UTF-8):
/// element I is the value for line I+1, formatted "<hex>:<occurrence>".
std::vector<std::string> githubLineHashes(std::string_view Text);

/// 64-bit FNV-1a of \p Data, continuing from \p Seed.
std::uint64_t fnv1a64(std::string_view Data, std::uint64_t Seed = 0xcbf29ce484222325ULL);

/// Returns the text of the artifact at a scan-root-relative path, or nullptr
/// when it is not a readable text file.
using TextLookup = std::function<const std::string *(std::string_view Path)>;

/// Fills Finding::fingerprint and Finding::primaryLocationLineHash for every
/// finding. Deterministic: depends only on the findings and the texts. Files
/// are hashed on up to \p Jobs threads; \p Texts is only called on this one.
void fingerprintFindings(std::vector<Finding> &Findings, const TextLookup &Texts, unsigned Jobs = 1);

} // namespace fnlint
