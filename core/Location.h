//===- core/Location.h - Where a finding is ---------------------*- C++ -*-===//
//
// A location is an artifact path relative to the scan root, the chain of
// archive members leading into it (outermost first), a region inside the
// innermost artifact, and optionally a logical location (a template resource,
// a policy statement, a function).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// A 1-based text region. Zero means "unknown". Columns are kept both in bytes
/// (what the text report prints, like compilers do) and in UTF-16 code units
/// (what SARIF's columnKind "utf16CodeUnits" means); end columns are exclusive.
struct Region {
  std::uint32_t startLine = 0;
  std::uint32_t startColumn = 0;
  std::uint32_t endLine = 0;
  std::uint32_t endColumn = 0;
  std::uint32_t startColumnUtf16 = 0;
  std::uint32_t endColumnUtf16 = 0;

  bool known() const { return startLine != 0; }

  /// The whole of line \p Line with unknown columns.
  static Region line(std::uint32_t Line) {
    Region R;
    R.startLine = Line;
    return R;
  }
  /// The region covering bytes [Begin, End) of \p Text.
  static Region fromOffsets(std::string_view Text, std::size_t Begin,
                            std::size_t End);
  /// A region at 1-based \p Line and byte \p Column of \p Text spanning
  /// \p Length bytes on that line.
  static Region fromLineColumn(std::string_view Text, std::uint32_t Line,
                               std::uint32_t Column, std::uint32_t Length);

  friend bool operator==(const Region &, const Region &) = default;
};

/// A named element inside an artifact: a template resource or property, a
/// policy statement, a handler function.
struct LogicalLocation {
  std::string name;               ///< e.g. "OrdersFunction"
  std::string fullyQualifiedName; ///< e.g. "Resources.OrdersFunction.Properties.CodeUri"
  std::string kind;               ///< SARIF logicalLocation kind: "resource", "member", "function", "module", ...

  bool empty() const { return name.empty() && fullyQualifiedName.empty(); }
  friend bool operator==(const LogicalLocation &, const LogicalLocation &) = default;
};

struct Location {
  std::string path;                 ///< relative to the scan root, '/' separated
  std::vector<std::string> members; ///< archive member chain, outermost first
  Region region;                    ///< inside the innermost artifact
  LogicalLocation logical;

  /// "dist/fn.zip!/node_modules/x.zip!/lib/a.js": the path with its member chain.
  std::string displayPath() const;

  friend bool operator==(const Location &, const Location &) = default;
};

/// Orders locations by path, member chain, then region; used to sort output.
bool lessLocation(const Location &A, const Location &B);

/// Number of UTF-16 code units in a UTF-8 byte range, as SARIF columns count
/// them: one per code point, two outside the BMP (4-byte sequences), one per
/// invalid byte (as a decoder replacing it with U+FFFD would).
std::uint32_t utf16Units(std::string_view Bytes);

} // namespace fnlint
