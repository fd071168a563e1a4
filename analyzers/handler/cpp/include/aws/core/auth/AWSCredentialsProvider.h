// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <memory>

namespace Aws {
namespace Auth {
class AWSCredentialsProvider {
public:
  AWSCredentialsProvider();
  virtual ~AWSCredentialsProvider();
  virtual AWSCredentials GetAWSCredentials() = 0;
};
/// Always returns the credentials it was constructed with.
class SimpleAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  SimpleAWSCredentialsProvider(const Aws::String &awsAccessKeyId, const Aws::String &awsSecretAccessKey,
                               const Aws::String &sessionToken = "");
  explicit SimpleAWSCredentialsProvider(const AWSCredentials &credentials);
  AWSCredentials GetAWSCredentials() override;
};
/// Reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (what Lambda sets).
class EnvironmentAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  EnvironmentAWSCredentialsProvider();
  AWSCredentials GetAWSCredentials() override;
};
class ProfileConfigFileAWSCredentialsProvider : public AWSCredentialsProvider {
public:
  ProfileConfigFileAWSCredentialsProvider();
  explicit ProfileConfigFileAWSCredentialsProvider(const char *profile);
  AWSCredentials GetAWSCredentials() override;
};
class InstanceProfileCredentialsProvider : public AWSCredentialsProvider {
public:
  InstanceProfileCredentialsProvider();
  AWSCredentials GetAWSCredentials() override;
};
} // namespace Auth
} // namespace Aws
