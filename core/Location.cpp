#include "core/Location.h"

#include <tuple>

namespace fnlint {

std::uint32_t utf16Units(std::string_view Bytes) {
  std::uint32_t Units = 0;
  for (std::size_t I = 0; I < Bytes.size();) {
    auto C = static_cast<unsigned char>(Bytes[I]);
    std::size_t Len = C < 0x80 ? 1 : (C >> 5) == 0x6 ? 2 : (C >> 4) == 0xE ? 3 : (C >> 3) == 0x1E ? 4 : 1;
    if (I + Len > Bytes.size())
      Len = 1;
    for (std::size_t K = 1; K < Len; ++K)
      if ((static_cast<unsigned char>(Bytes[I + K]) & 0xC0) != 0x80) {
        Len = 1;
        break;
      }
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

namespace {

struct LineCol {
  std::uint32_t Line, Col, Col16;
};

LineCol lineColAt(std::string_view Text, std::size_t Offset) {
  if (Offset > Text.size())
    Offset = Text.size();
  std::uint32_t Line = 1;
  std::size_t LineStart = 0;
  for (std::size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++Line;
      LineStart = I + 1;
    }
  std::string_view Prefix = Text.substr(LineStart, Offset - LineStart);
  return {Line, static_cast<std::uint32_t>(Prefix.size() + 1), utf16Units(Prefix) + 1};
}
} // namespace

Region Region::fromOffsets(std::string_view Text, std::size_t Begin, std::size_t End) {
  LineCol B = lineColAt(Text, Begin);
  LineCol E = lineColAt(Text, End < Begin ? Begin : End);
  Region R;
  R.startLine = B.Line;
  R.startColumn = B.Col;
  R.startColumnUtf16 = B.Col16;
  R.endLine = E.Line;
  R.endColumn = E.Col;
  R.endColumnUtf16 = E.Col16;
  return R;
}

Region Region::fromLineColumn(std::string_view Text, std::uint32_t Line,
                              std::uint32_t Column, std::uint32_t Length) {
  std::size_t Offset = 0;
  for (std::uint32_t L = 1; L < Line && Offset < Text.size(); ++L) {
    std::size_t NL = Text.find('\n', Offset);
    if (NL == std::string_view::npos) {
      Offset = Text.size();
      break;
    }
    Offset = NL + 1;
  }
  std::size_t Begin = Offset + (Column ? Column - 1 : 0);
  return fromOffsets(Text, Begin, Begin + Length);
}

std::string Location::displayPath() const {
  std::string Out = path;
  for (const std::string &M : members) {
    Out += "!/";
    Out += M;
  }
  return Out;
}

bool lessLocation(const Location &A, const Location &B) {
  return std::tie(A.path, A.members, A.region.startLine, A.region.startColumn,
                  A.logical.fullyQualifiedName) <
         std::tie(B.path, B.members, B.region.startLine, B.region.startColumn,
                  B.logical.fullyQualifiedName);
}

} // namespace fnlint
