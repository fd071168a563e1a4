//===- core/Level.h - Finding levels ---------------------------*- C++ -*-===//
//
// The three SARIF result levels fnlint uses, ordered so that a larger value is
// more severe. `--fail-on` compares against this order.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fnlint {

enum class Level : std::uint8_t { Note = 0, Warning = 1, Error = 2 };

constexpr std::string_view levelName(Level L) {
  switch (L) {
  case Level::Note:
    return "note";
  case Level::Warning:
    return "warning";
  case Level::Error:
    return "error";
  }
  return "warning";
}

constexpr std::optional<Level> parseLevel(std::string_view Name) {
  if (Name == "note")
    return Level::Note;
  if (Name == "warning")
    return Level::Warning;
  if (Name == "error")
    return Level::Error;
  return std::nullopt;
}

} // namespace fnlint
