// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/logging/LogSystemInterface.h>

namespace Aws {
namespace Utils {
namespace Logging {
/// Writes log lines to stdout (CloudWatch Logs on Lambda).
class ConsoleLogSystem : public LogSystemInterface {
public:
  explicit ConsoleLogSystem(LogLevel logLevel);
  LogLevel GetLogLevel() const override;
  void Log(LogLevel logLevel, const char *tag, const char *formatStr, ...) override;
  void LogStream(LogLevel logLevel, const char *tag, const Aws::OStringStream &messageStream) override;
  void Flush() override;
};
} // namespace Logging
} // namespace Utils
} // namespace Aws
