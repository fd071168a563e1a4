//===- core/Format.h - Numbers for people -----------------------*- C++ -*-===//
#pragma once

#include <cstdint>
#include <string>

namespace fnlint {

/// "57.3 MB" with Lambda's convention that 1 MB = 1024 KB = 1,048,576 bytes.
std::string humanBytes(std::uint64_t Bytes);
/// "60,123,456 bytes".
std::string exactBytes(std::uint64_t Bytes);
/// "0644": a permission or mode in octal.
std::string octalMode(std::uint32_t Mode);

} // namespace fnlint
