// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

namespace Aws {
namespace Utils {
namespace Logging {
enum class LogLevel : int { Off = 0, Fatal = 1, Error = 2, Warn = 3, Info = 4, Debug = 5, Trace = 6 };
} // namespace Logging
} // namespace Utils
} // namespace Aws
