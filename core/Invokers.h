//===- core/Invokers.h - Which services invoke Lambda, and how ---*- C++ -*-===//
//
// rules/data/invokers.yaml as lookups: every loader classes what it finds
// (a SAM event type, a permission's principal, a serverless.yml event, an
// event source mapping's ARN) through the same table, so a function's
// invokers mean the same whatever format declared them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/FunctionConfig.h"

#include <optional>
#include <string>
#include <string_view>

namespace fnlint {

struct InvokerSourceInfo {
  std::string key;   ///< "api-rest", "s3", "sqs", ...
  std::string title; ///< "API Gateway REST API"
  InvocationKind kind = InvocationKind::Asynchronous;
  /// The longest the caller waits, when it is a hard, documented cap.
  std::optional<std::int64_t> callerTimeoutSeconds;
  std::string callerTimeoutSource;
};

const InvokerSourceInfo *invokerSource(std::string_view Key);
/// By SAM event type ("Api", "SQS"), case-sensitive as SAM is.
const InvokerSourceInfo *invokerForSamEvent(std::string_view Type);
/// By serverless.yml event name ("http", "sqs").
const InvokerSourceInfo *invokerForServerlessEvent(std::string_view Name);
/// By service principal: "s3.amazonaws.com", regional "logs.eu-west-1.amazonaws.com",
/// China "s3.amazonaws.com.cn". Null for accounts, ARNs and "*".
const InvokerSourceInfo *invokerForPrincipal(std::string_view Principal);
/// By an event source mapping's EventSourceArn ("arn:aws:sqs:...").
const InvokerSourceInfo *invokerForEventSourceArn(std::string_view Arn);

/// An Invoker of \p Source with its evidence.
Invoker makeInvoker(const InvokerSourceInfo &Source, std::string Evidence, Location Where);

} // namespace fnlint
