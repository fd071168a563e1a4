// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Client {
template <typename ERROR_TYPE> class AWSError {
public:
  AWSError();
  const ERROR_TYPE GetErrorType() const;
  const Aws::String &GetExceptionName() const;
  const Aws::String &GetMessage() const;
  bool ShouldRetry() const;
  int GetResponseCode() const;
};
} // namespace Client
} // namespace Aws
