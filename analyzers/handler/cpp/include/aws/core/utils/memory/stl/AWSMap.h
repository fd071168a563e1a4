// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <map>

namespace Aws {
template <typename K, typename V> using Map = std::map<K, V>;
} // namespace Aws
