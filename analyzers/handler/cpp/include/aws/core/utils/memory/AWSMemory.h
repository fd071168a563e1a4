// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <memory>
#include <utility>

namespace Aws {
/// The SDK's allocation-tagged make_shared / make_unique.
template <typename T, typename... Args> std::shared_ptr<T> MakeShared(const char *allocationTag, Args &&...args);
template <typename T, typename... Args> std::unique_ptr<T> MakeUnique(const char *allocationTag, Args &&...args);
template <typename T, typename... Args> T *New(const char *allocationTag, Args &&...args);
template <typename T> void Delete(T *pointer);
} // namespace Aws
