// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/logging/LogSystemInterface.h>
#include <memory>

namespace Aws {
namespace Utils {
namespace Logging {
void InitializeAWSLogging(const std::shared_ptr<LogSystemInterface> &logSystem);
void ShutdownAWSLogging();
LogSystemInterface *GetLogSystem();
} // namespace Logging
} // namespace Utils
} // namespace Aws
