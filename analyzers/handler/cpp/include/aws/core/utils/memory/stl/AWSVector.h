// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <vector>

namespace Aws {
template <typename T> using Vector = std::vector<T>;
} // namespace Aws
