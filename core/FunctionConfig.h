//===- core/FunctionConfig.h - A function's configuration and its invokers -*- C++ -*-===//
//
// What the lambda/* rules judge: a function's settings as its configuration
// file writes them, and everything that invokes it or may invoke it (event
// sources, resource-policy statements, a function URL). Every loader
// (CloudFormation/SAM, Terraform JSON, Lambda API JSON, serverless.yml)
// fills the same model, with the file, line and column of every value.
//
// A setting is in one of three states. Absent: the file does not write it,
// so the service default applies (and is known). Unknown: written, but as an
// intrinsic, a variable or a value known only after apply that fnlint could
// not resolve. Known: a literal, or an intrinsic fnlint resolved. Rules
// never fire on an unknown value.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Location.h"

#include <cstdint>
#include <string_view>
#include <utility>
#include <optional>
#include <string>
#include <vector>

namespace fnlint {

template <class T> struct Setting {
  enum class State : std::uint8_t { Absent, Unknown, Known };
  State state = State::Absent;
  T value{};         ///< meaningful when Known
  Location location; ///< the value in its file; empty when Absent
  /// How fnlint got the value when it was not a literal ("the default of
  /// parameter TimeoutParam"); empty for literals.
  std::string resolvedFrom;

  bool absent() const { return state == State::Absent; }
  bool known() const { return state == State::Known; }
  bool unknown() const { return state == State::Unknown; }
  /// Written in the file, known or not (a `!GetAtt Dlq.Arn` DLQ is configured).
  bool written() const { return state != State::Absent; }

  void set(T V, Location L, std::string From = {}) {
    state = State::Known;
    value = std::move(V);
    location = std::move(L);
    resolvedFrom = std::move(From);
  }
  void setUnknown(Location L) {
    state = State::Unknown;
    location = std::move(L);
  }
};

/// How a service calls a function (rules/data/invokers.yaml).
enum class InvocationKind : std::uint8_t {
  Synchronous,  ///< the caller waits for the result (API Gateway, ALB, Cognito, function URL)
  Asynchronous, ///< Lambda queues the event; errors are retried, then dropped or sent to a DLQ/destination
  Polled,       ///< an event source mapping reads a queue or stream (SQS, Kinesis, DynamoDB, Kafka)
};

std::string_view invocationKindName(InvocationKind K); ///< "synchronous", "asynchronous", "polled"

/// An SQS queue that feeds a function, as far as the configuration shows it.
struct QueueInfo {
  std::string name;                    ///< logical id, Terraform address or ARN
  Location location;                   ///< the queue resource
  Setting<std::int64_t> visibilityTimeout; ///< seconds; absent: 30
  Setting<bool> redrivePolicy;         ///< a dead-letter queue is configured (written = yes)
  bool fifo = false;
};

/// One thing that invokes the function: an event source, a resource-policy
/// statement's service, a function URL.
struct Invoker {
  /// Key into rules/data/invokers.yaml: "api-rest", "api-http", "alb",
  /// "cognito", "function-url", "s3", "sns", "eventbridge", "schedule",
  /// "cloudwatch-logs", "sqs", "kinesis", "dynamodb", "kafka", "mq", ...
  std::string source;
  InvocationKind kind = InvocationKind::Asynchronous;
  /// What declares it, for messages and --explain-invocations: "SAM event
  /// GetOrders (Api)", "AWS::Lambda::Permission S3InvokePermission (s3.amazonaws.com)".
  std::string evidence;
  Location location;
  /// Bound to an alias or a version rather than to the unqualified function.
  /// Unknown (not written) for sources that cannot say.
  Setting<bool> qualified;

  // Synchronous callers.
  /// The caller's integration timeout when the configuration raises or
  /// lowers it (API Gateway TimeoutInMillis), in milliseconds.
  Setting<std::int64_t> integrationTimeoutMs;

  // Event source mappings (polled).
  Setting<std::string> onFailureDestination; ///< DestinationConfig.OnFailure (streams)
  Setting<std::int64_t> maximumRetryAttempts; ///< absent: -1 (infinite) for streams
  Setting<std::int64_t> maximumRecordAgeSeconds; ///< absent: -1 (until the record leaves the stream)
  Setting<std::int64_t> batchingWindowSeconds;
  /// The SQS queue, when the mapping names one the configuration declares.
  std::optional<QueueInfo> queue;
};

/// A statement of the function's resource-based policy: an
/// AWS::Lambda::Permission, an aws_lambda_permission, a `get-policy` statement.
struct PermissionGrant {
  std::string id;                ///< logical id, Terraform address, statement Sid
  Location location;             ///< the statement/resource
  Setting<std::string> principal; ///< "*", "s3.amazonaws.com", "123456789012", an ARN
  Setting<std::string> action;   ///< "lambda:InvokeFunction", "lambda:InvokeFunctionUrl"
  Setting<std::string> sourceArn;
  Setting<std::string> sourceAccount;
  Setting<std::string> principalOrgId;
  Setting<std::string> functionUrlAuthType; ///< FunctionUrlAuthType (NONE marks a public URL's grant)
  /// InvokedViaFunctionUrl: the lambda:InvokeFunction grant a public URL
  /// also needs since October 2025.
  Setting<std::string> invokedViaFunctionUrl;
  /// Some other condition restricts who may call (a get-policy Condition
  /// other than those above).
  bool otherCondition = false;
};

struct FunctionUrl {
  Location location;           ///< the URL configuration
  Setting<std::string> authType; ///< NONE or AWS_IAM
  bool corsAllowsAnyOrigin = false;
  Location corsLocation;
  Setting<bool> qualified;     ///< bound to an alias
};

/// Everything about a function the lambda/* rules judge.
struct FunctionConfig {
  /// False for a function known only from what refers to it (a get-policy
  /// output with no get-function beside it): its settings are all unknown,
  /// not absent.
  bool settingsKnown = true;
  /// The format's defaults: 3 s and 128 MB for the Lambda API,
  /// CloudFormation, SAM and Terraform; 6 s and 1,024 MB for serverless.yml.
  std::int64_t defaultTimeout = 3;
  std::int64_t defaultMemory = 128;

  Setting<std::string> runtime;
  Setting<std::string> handler;
  Setting<std::string> packageType;     ///< Zip or Image
  /// The code is written in the configuration (SAM InlineCode, CloudFormation
  /// Code.ZipFile): no package holds it.
  bool inlineCode = false;
  Setting<std::int64_t> timeout;        ///< seconds
  Setting<std::int64_t> memorySize;     ///< MB
  Setting<std::int64_t> ephemeralStorage; ///< MB
  Setting<std::int64_t> reservedConcurrency;
  Setting<std::int64_t> layerCount;     ///< known only when every item is countable
  Setting<std::int64_t> subnetCount;    ///< VpcConfig SubnetIds
  Setting<std::string> deadLetterTarget;
  Setting<std::string> onFailureDestination; ///< EventInvokeConfig / destinations / onError
  Setting<std::string> tracingMode;     ///< Active or PassThrough
  Setting<std::string> kmsKeyArn;
  /// FileSystemConfigs is written (EFS or S3 Files mounts; read from
  /// CloudFormation/SAM only, false for other formats).
  bool fileSystems = false;
  Setting<std::string> autoPublishAlias; ///< SAM AutoPublishAlias, or an alias resource
  /// The execution role: its ARN or reference as written (Role, role, SAM's
  /// generated role when Policies are given instead).
  Setting<std::string> role;
  /// The IamPrincipal id of that role when the same file declares it
  /// (a logical id, a Terraform address); empty otherwise.
  std::string rolePrincipal;
  /// Bytes of Environment.Variables as Lambda counts them (keys and literal
  /// values); unknown when a value is not literal.
  Setting<std::int64_t> environmentBytes;

  std::vector<Invoker> invokers;
  std::vector<PermissionGrant> permissions;
  std::optional<FunctionUrl> url;

  /// The effective timeout: the written value, or the format's default when
  /// absent; nullopt when unknown.
  std::optional<std::int64_t> effectiveTimeout() const {
    if (timeout.known())
      return timeout.value;
    if (timeout.absent() && settingsKnown)
      return defaultTimeout;
    return std::nullopt;
  }
};

/// Configuration that names a function rather than declaring it: the Lambda
/// API outputs `get-policy`, `list-event-source-mappings`,
/// `get-function-event-invoke-config` and `get-function-url-config`. The
/// scanner links each to the function of that name found anywhere in the
/// scan (a get-function output beside it), or to a function known only from
/// what refers to it (FunctionConfig::settingsKnown false).
struct FunctionAttachment {
  /// A function name, a (partial) ARN, with or without a qualifier.
  std::string functionRef;
  std::optional<Invoker> invoker;
  std::optional<PermissionGrant> permission;
  std::optional<FunctionUrl> url;
  Setting<std::string> onFailureDestination; ///< get-function-event-invoke-config
};

/// The function name in a name, a partial ARN (123456789012:function:name)
/// or an ARN, without its qualifier; empty when \p Ref is none of these.
std::string functionNameOf(std::string_view Ref);
/// The qualifier (alias or version) of a function ARN or name:qualifier; empty when unqualified.
std::string functionQualifierOf(std::string_view Ref);

} // namespace fnlint
