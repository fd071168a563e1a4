//===- core/Sha256.h - SHA-256 ----------------------------------*- C++ -*-===//
//
// Secrets are identified by their SHA-256 in fingerprints and baselines, so a
// report never needs to hold the secret itself (FIPS 180-4; a small,
// dependency-free implementation, checked against the NIST test vectors).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace fnlint {

/// The SHA-256 digest of \p Data as 64 lowercase hex digits.
std::string sha256Hex(std::string_view Data);

} // namespace fnlint
