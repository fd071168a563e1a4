//===- tests/support/ReviewedList.h - Lists of reviewed real-world findings -*- C++ -*-===//
//
// A reviewed list is a text file: `#` lines (what the list is, how it was
// reviewed), then one entry a line. Tests over real-world corpora keep such a
// list exactly equal to what they find, so that every change is reviewed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace fnlint::test {

/// Holds the reviewed list \p ListFile to \p Found. With FNLINT_UPDATE_GOLDEN
/// set, rewrites it (header kept, entries in \p Found's order) and returns
/// true: skip the test then. Otherwise adds a test failure for each entry
/// found but not listed (\p Unlisted(entry) says what it is and what to do)
/// and for each listed entry no longer found, and returns false.
bool updateOrCheckReviewedList(const std::string &ListFile, const std::vector<std::string> &Found,
                               const std::function<std::string(const std::string &)> &Unlisted);

} // namespace fnlint::test
