// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/auth/AWSCredentialsProvider.h>

namespace Aws {
namespace Auth {
class AWSCredentialsProviderChain : public AWSCredentialsProvider {
public:
  AWSCredentials GetAWSCredentials() override;
};
/// Environment, profile, container and instance credentials, in that order.
class DefaultAWSCredentialsProviderChain : public AWSCredentialsProviderChain {
public:
  DefaultAWSCredentialsProviderChain();
};
} // namespace Auth
} // namespace Aws
