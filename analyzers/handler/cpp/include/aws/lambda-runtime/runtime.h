// fnlint's declaration-only stand-in for <aws/lambda-runtime/runtime.h>.
//
// fnlint-cpp maps this file into the compiler's view of the file system (under
// a virtual include directory that is searched last) so that a handler parses
// even when the real aws-lambda-cpp runtime is not installed. It states the
// runtime's public interface as documented by aws-lambda-cpp; it declares and
// never defines, because nothing is ever linked against it. A user's own
// compile_commands.json that finds the real header always wins.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace aws {
namespace lambda_runtime {

/// One invocation as the Runtime API hands it to the handler.
struct invocation_request {
  std::string payload;          ///< the event, UTF-8 JSON text
  std::string request_id;       ///< the invocation's id
  std::string xray_trace_id;    ///< X-Ray trace header of the invocation
  std::string client_context;   ///< mobile SDK client context, if any
  std::string cognito_identity; ///< mobile SDK Cognito identity, if any
  std::string function_arn;     ///< the ARN that was invoked
  std::chrono::time_point<std::chrono::system_clock> deadline; ///< when Lambda stops the invocation

  /// Time left until the deadline.
  inline std::chrono::milliseconds get_time_remaining() const;
};

/// What the handler returns: a payload with its content type, or an error.
class invocation_response {
public:
  /// A response with an arbitrary body; \p success tells the runtime which
  /// Runtime API endpoint to post it to.
  invocation_response(std::string const &payload, std::string const &content_type, bool success);

  /// A successful response carrying \p payload of MIME type \p content_type.
  static invocation_response success(std::string payload, std::string content_type);

  /// An error response; the runtime serialises it as JSON.
  static invocation_response failure(std::string const &error_message, std::string const &error_type);

  std::string const &get_content_type() const;
  std::string const &get_payload() const;
  bool is_success() const;

private:
  invocation_response() = default;
  std::string m_payload;
  std::string m_content_type;
  bool m_success = false;
};

inline std::chrono::milliseconds invocation_request::get_time_remaining() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::system_clock::now());
}

/// Polls the Runtime API for invocations and calls \p handler for each one;
/// returns only when the runtime shuts down.
void run_handler(std::function<invocation_response(invocation_request const &)> const &handler);

} // namespace lambda_runtime
} // namespace aws
