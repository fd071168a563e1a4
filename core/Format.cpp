#include "core/Format.h"

#include <cstdio>

namespace fnlint {

std::string humanBytes(std::uint64_t Bytes) {
  static constexpr const char *Units[] = {"bytes", "KB", "MB", "GB", "TB"};
  if (Bytes < 1024)
    return std::to_string(Bytes) + (Bytes == 1 ? " byte" : " bytes");
  double V = static_cast<double>(Bytes);
  int U = 0;
  while (V >= 1024.0 && U < 4) {
    V /= 1024.0;
    ++U;
  }
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%.1f %s", V, Units[U]);
  return Buf;
}

std::string exactBytes(std::uint64_t Bytes) {
  std::string Digits = std::to_string(Bytes);
  std::string Out;
  for (std::size_t I = 0; I < Digits.size(); ++I) {
    if (I && (Digits.size() - I) % 3 == 0)
      Out += ',';
    Out += Digits[I];
  }
  return Out + (Bytes == 1 ? " byte" : " bytes");
}

std::string octalMode(std::uint32_t Mode) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%04o", Mode & 07777);
  return Buf;
}

} // namespace fnlint
