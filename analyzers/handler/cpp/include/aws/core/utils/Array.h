// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <cstddef>

namespace Aws {
namespace Utils {
class ByteBuffer {
public:
  ByteBuffer();
  explicit ByteBuffer(std::size_t size);
  ByteBuffer(const unsigned char *data, std::size_t size);
  std::size_t GetLength() const;
  unsigned char *GetUnderlyingData() const;
  unsigned char &operator[](std::size_t index);
};
} // namespace Utils
} // namespace Aws
