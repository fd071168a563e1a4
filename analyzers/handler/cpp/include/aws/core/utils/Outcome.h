// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

namespace Aws {
namespace Utils {
/// A result or an error.
template <typename R, typename E> class Outcome {
public:
  Outcome();
  Outcome(const R &result);
  Outcome(const E &error);
  bool IsSuccess() const;
  const R &GetResult() const;
  R &GetResult();
  R &&GetResultWithOwnership();
  const E &GetError() const;
};
} // namespace Utils
} // namespace Aws
