// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <string>

namespace Aws {
using String = std::string; // the SDK's allocator-aware string; std::string keeps handlers parsing
} // namespace Aws
