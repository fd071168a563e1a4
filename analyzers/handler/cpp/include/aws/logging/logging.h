// fnlint's declaration-only stand-in for aws-lambda-cpp's <aws/logging/logging.h>,
// written by fnlint from the runtime's public interface.
#pragma once

namespace aws {
namespace logging {
enum class verbosity { error, info, debug };
void log(verbosity v, char const *tag, char const *msg, ...);
} // namespace logging
} // namespace aws

#define AWS_LOGF_ERROR(tag, ...) ::aws::logging::log(::aws::logging::verbosity::error, tag, __VA_ARGS__)
#define AWS_LOGF_INFO(tag, ...) ::aws::logging::log(::aws::logging::verbosity::info, tag, __VA_ARGS__)
#define AWS_LOGF_DEBUG(tag, ...) ::aws::logging::log(::aws::logging::verbosity::debug, tag, __VA_ARGS__)
