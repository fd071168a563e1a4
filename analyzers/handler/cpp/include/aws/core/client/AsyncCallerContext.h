// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Client {
class AsyncCallerContext {
public:
  AsyncCallerContext();
  explicit AsyncCallerContext(const Aws::String &uuid);
  virtual ~AsyncCallerContext();
  const Aws::String &GetUUID() const;
};
} // namespace Client
} // namespace Aws
