//===- core/AsciiCase.h - ASCII-only case folding ---------------*- C++ -*-===//
//
// IAM actions, condition keys, file extensions and AWS names compare
// case-insensitively in ASCII only. These helpers never consult the C locale
// (std::tolower does), so results are the same on every machine and a UTF-8
// byte is never changed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace fnlint {

constexpr char lowerAscii(char C) { return C >= 'A' && C <= 'Z' ? static_cast<char>(C - 'A' + 'a') : C; }
constexpr char upperAscii(char C) { return C >= 'a' && C <= 'z' ? static_cast<char>(C - 'a' + 'A') : C; }

inline std::string toLowerAscii(std::string_view S) {
  std::string Out(S);
  for (char &C : Out)
    C = lowerAscii(C);
  return Out;
}

inline std::string toUpperAscii(std::string_view S) {
  std::string Out(S);
  for (char &C : Out)
    C = upperAscii(C);
  return Out;
}

constexpr bool equalsIgnoringCase(std::string_view A, std::string_view B) {
  if (A.size() != B.size())
    return false;
  for (std::size_t I = 0; I < A.size(); ++I)
    if (lowerAscii(A[I]) != lowerAscii(B[I]))
      return false;
  return true;
}

constexpr bool startsWithIgnoringCase(std::string_view S, std::string_view Prefix) {
  return S.size() >= Prefix.size() && equalsIgnoringCase(S.substr(0, Prefix.size()), Prefix);
}

constexpr bool endsWithIgnoringCase(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && equalsIgnoringCase(S.substr(S.size() - Suffix.size()), Suffix);
}

} // namespace fnlint
