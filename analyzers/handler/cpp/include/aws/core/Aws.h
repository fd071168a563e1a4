// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/logging/LogLevel.h>
#include <aws/core/utils/logging/LogSystemInterface.h>
#include <aws/core/utils/memory/AWSMemory.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <functional>
#include <memory>

namespace Aws {
/// Options of the SDK as a whole, passed to InitAPI and again to ShutdownAPI.
struct SDKOptions {
  struct LoggingOptions {
    Aws::Utils::Logging::LogLevel logLevel = Aws::Utils::Logging::LogLevel::Off;
    const char *defaultLogPrefix = "aws_sdk_";
    std::function<std::shared_ptr<Aws::Utils::Logging::LogSystemInterface>()> logger_create_fn;
  } loggingOptions;
  struct HttpOptions {
    bool installSigPipeHandler = false;
  } httpOptions;
  struct CryptoOptions {
    bool initAndCleanupOpenSSL = true;
  } cryptoOptions;
};

/// Initialises the SDK; call once at start-up, before creating any client.
void InitAPI(const SDKOptions &options);
/// Releases the SDK's resources; call once, after the last client is gone.
void ShutdownAPI(const SDKOptions &options);
} // namespace Aws
