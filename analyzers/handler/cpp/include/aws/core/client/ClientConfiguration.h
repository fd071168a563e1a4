// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <memory>

namespace Aws {
namespace Http {
enum class Scheme { HTTP, HTTPS };
} // namespace Http
namespace Client {
class RetryStrategy;
/// How a service client connects: region, endpoint, TLS, timeouts, proxy.
struct ClientConfiguration {
  ClientConfiguration();
  explicit ClientConfiguration(const char *profileName, bool shouldDisableIMDS = false);
  virtual ~ClientConfiguration() = default;

  Aws::String userAgent;
  Aws::Http::Scheme scheme = Aws::Http::Scheme::HTTPS;
  Aws::String region;
  bool useDualStack = false;
  bool useFIPS = false;
  unsigned maxConnections = 25;
  long httpRequestTimeoutMs = 0;
  long requestTimeoutMs = 3000;
  long connectTimeoutMs = 1000;
  bool enableTcpKeepAlive = true;
  std::shared_ptr<RetryStrategy> retryStrategy;
  Aws::String endpointOverride;
  Aws::Http::Scheme proxyScheme = Aws::Http::Scheme::HTTP;
  Aws::String proxyHost;
  unsigned proxyPort = 0;
  Aws::String proxyUserName;
  Aws::String proxyPassword;
  /// Whether the server's TLS certificate is checked; true by default.
  bool verifySSL = true;
  Aws::String caPath;
  Aws::String caFile;
  bool followRedirects = true;
  bool disableExpectHeader = false;
  bool enableClockSkewAdjustment = true;
  bool enableEndpointDiscovery = false;
};
} // namespace Client
} // namespace Aws
