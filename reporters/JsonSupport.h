//===- reporters/JsonSupport.h - JSON helpers shared by reporters -*- C++ -*-===//
#pragma once

#include <nlohmann/json.hpp>

namespace fnlint {

/// Copies \p J (std::map-ordered) into an insertion-ordered document. Strings
/// from archives (entry names, link targets) may be invalid UTF-8; they are
/// written with U+FFFD in place of the bad bytes instead of failing.
inline nlohmann::ordered_json toOrdered(const nlohmann::json &J) {
  return nlohmann::ordered_json::parse(J.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace fnlint
