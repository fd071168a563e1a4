//===- reporters/HtmlReport.h - Pieces of the HTML report -------*- C++ -*-===//
//
// What writeHtml() is made of, exposed for its tests: escaping of hostile
// text, the small Markdown subset rule help is written in, and the grouping
// of findings by function.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/ScanReport.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint::html {

/// \p S safe inside HTML text and quoted attribute values: & < > " ' as
/// entities, control characters as \xHH, invalid UTF-8 as U+FFFD.
std::string escape(std::string_view S);

/// \p Json safe inside a <script type="application/json"> element: no '<',
/// '>' or '&' left, so no "</script>" or "<!--" can end it early.
std::string escapeScriptJson(std::string_view Json);

/// Rule help (headings, paragraphs, lists, code fences, `inline code`) as
/// HTML; every character of \p Markdown is escaped, links stay plain text.
std::string markdownToHtml(std::string_view Markdown);

/// The findings of one function or layer: those in its template resource
/// and those inside its code package. A finding in a package shared by two
/// functions is listed under both.
struct FunctionGroup {
  const Inventory::FunctionInfo *function = nullptr; ///< nullptr: the findings no function owns
  std::vector<const Finding *> findings;
};
/// One group per inventory function (inventory order, empty ones included),
/// then a last group (function nullptr) with the rest, when there is a rest.
std::vector<FunctionGroup> groupByFunction(const ScanReport &R);

} // namespace fnlint::html
