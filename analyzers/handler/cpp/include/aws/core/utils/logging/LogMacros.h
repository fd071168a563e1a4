// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once
//
// The SDK's logging macros. The real ones collect the stream expression in an
// Aws::OStringStream and hand it to the log system; here they write it to the
// stream that Aws::Utils::Logging::LogStream returns, which keeps what is logged
// visible to fnlint's rules.

#include <aws/core/utils/logging/LogLevel.h>
#include <ostream>

namespace Aws {
namespace Utils {
namespace Logging {
std::ostream &LogStream(LogLevel logLevel, const char *tag);
void Log(LogLevel logLevel, const char *tag, const char *formatStr, ...);
} // namespace Logging
} // namespace Utils
} // namespace Aws

#define AWS_LOG(level, tag, ...) ::Aws::Utils::Logging::Log(level, tag, __VA_ARGS__)
#define AWS_LOG_FATAL(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Fatal, tag, __VA_ARGS__)
#define AWS_LOG_ERROR(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Error, tag, __VA_ARGS__)
#define AWS_LOG_WARN(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Warn, tag, __VA_ARGS__)
#define AWS_LOG_INFO(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Info, tag, __VA_ARGS__)
#define AWS_LOG_DEBUG(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Debug, tag, __VA_ARGS__)
#define AWS_LOG_TRACE(tag, ...) AWS_LOG(::Aws::Utils::Logging::LogLevel::Trace, tag, __VA_ARGS__)
#define AWS_LOGSTREAM(level, tag, streamExpression) \
  do { ::Aws::Utils::Logging::LogStream(level, tag) << streamExpression; } while (0)
#define AWS_LOGSTREAM_FATAL(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Fatal, tag, s)
#define AWS_LOGSTREAM_ERROR(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Error, tag, s)
#define AWS_LOGSTREAM_WARN(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Warn, tag, s)
#define AWS_LOGSTREAM_INFO(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Info, tag, s)
#define AWS_LOGSTREAM_DEBUG(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Debug, tag, s)
#define AWS_LOGSTREAM_TRACE(tag, s) AWS_LOGSTREAM(::Aws::Utils::Logging::LogLevel::Trace, tag, s)
