//===- fuzz/FuzzTargets.h - The fuzz targets' entry points ------*- C++ -*-===//
//
// One function per target, each taking one input. The libFuzzer executables
// call them from FuzzMain.cpp; the unit test FuzzRegressionsTest replays
// every input of fuzz/regressions/<target>/ through the same functions, so a
// crash fixed once stays fixed in an ordinary (unsanitized) test run too.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fnlint::fuzz {

using Target = int (*)(const std::uint8_t *Data, std::size_t Size);

int archive(const std::uint8_t *Data, std::size_t Size);
int template_(const std::uint8_t *Data, std::size_t Size);
int policy(const std::uint8_t *Data, std::size_t Size);
int secrets(const std::uint8_t *Data, std::size_t Size);
int python(const std::uint8_t *Data, std::size_t Size);
int node(const std::uint8_t *Data, std::size_t Size);
int config(const std::uint8_t *Data, std::size_t Size);

struct NamedTarget {
  std::string_view name; ///< "archive": fuzz/fuzz_archive.cpp, fuzz/regressions/archive/
  Target run;
};

inline constexpr NamedTarget AllTargets[] = {
    {"archive", archive}, {"template", template_}, {"policy", policy}, {"secrets", secrets},
    {"python", python},   {"node", node},          {"config", config},
};

} // namespace fnlint::fuzz
