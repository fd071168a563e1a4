// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Environment {
/// The value of an environment variable, empty when unset.
Aws::String GetEnv(const char *name);
} // namespace Environment
} // namespace Aws
