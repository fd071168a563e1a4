// fnlint's declaration-only stand-in for the AWS SDK for C++ header of the same path,
// written by fnlint from the SDK's public interface. Declarations only.
#pragma once

#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <memory>

namespace Aws {
class AmazonWebServiceRequest {
public:
  AmazonWebServiceRequest();
  virtual ~AmazonWebServiceRequest();
  virtual const char *GetServiceRequestName() const = 0;
};
/// A request with a streamed body (S3 PutObject, Lambda Invoke, ...).
class AmazonStreamingWebServiceRequest : public AmazonWebServiceRequest {
public:
  AmazonStreamingWebServiceRequest();
  void SetBody(const std::shared_ptr<Aws::IOStream> &body);
  const std::shared_ptr<Aws::IOStream> &GetBody() const;
  void SetContentType(const Aws::String &contentType);
};
} // namespace Aws
