// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Auth {
/// An access key id, a secret key and an optional session token.
class AWSCredentials {
public:
  AWSCredentials();
  AWSCredentials(const Aws::String &awsAccessKeyId, const Aws::String &awsSecretKey);
  AWSCredentials(const Aws::String &awsAccessKeyId, const Aws::String &awsSecretKey,
                 const Aws::String &sessionToken);
  const Aws::String &GetAWSAccessKeyId() const;
  const Aws::String &GetAWSSecretKey() const;
  const Aws::String &GetSessionToken() const;
  bool IsEmpty() const;
  bool IsExpired() const;
  void SetAWSAccessKeyId(const Aws::String &accessKeyId);
  void SetAWSSecretKey(const Aws::String &secretKey);
  void SetSessionToken(const Aws::String &sessionToken);
  void SetAWSAccessKeyId(const char *accessKeyId);
  void SetAWSSecretKey(const char *secretKey);
  void SetSessionToken(const char *sessionToken);
};
} // namespace Auth
} // namespace Aws
