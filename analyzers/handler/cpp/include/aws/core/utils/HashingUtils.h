// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Utils {
class HashingUtils {
public:
  static Aws::String Base64Encode(const ByteBuffer &message);
  static ByteBuffer Base64Decode(const Aws::String &encoded);
  static Aws::String HexEncode(const ByteBuffer &message);
  static ByteBuffer CalculateSHA256(const Aws::String &str);
  static ByteBuffer CalculateMD5(const Aws::String &str);
};
} // namespace Utils
} // namespace Aws
