// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

namespace Aws {
namespace Utils {
class StringUtils {
public:
  static Aws::String ToLower(const char *source);
  static Aws::String ToUpper(const char *source);
  static Aws::String URLEncode(const char *unsafe);
  static Aws::String URLDecode(const char *safe);
  static Aws::Vector<Aws::String> Split(const Aws::String &toSplit, char splitOn);
  static long long ConvertToInt64(const char *source);
  static Aws::String Trim(const char *source);
};
} // namespace Utils
} // namespace Aws
