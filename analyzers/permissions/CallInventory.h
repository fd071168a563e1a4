//===- analyzers/permissions/CallInventory.h - AWS calls a handler makes -*- C++ -*-===//
//
// The meeting point of the handler analyzers (Python, Node.js, C/C++) and the
// least-privilege rules: each language analyzer lists the AWS SDK calls of a
// handler as written in the code; analyzers/permissions maps them to IAM
// actions (through its data tables and the action database) and compares
// them with what the function's role allows. Language analyzers know nothing
// of IAM; the permissions analyzer knows nothing of any language's syntax.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Location.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fnlint::permissions {

/// The SDK a call goes through: it decides how the service and operation
/// names below are spelled and therefore how they map to IAM.
enum class Sdk : std::uint8_t {
  Boto3, ///< service "s3" (boto3.client/resource name), operation "get_object"
  JsV3,  ///< service "client-s3" (the @aws-sdk/ package), operation "GetObjectCommand" or, for
         ///< aggregated clients (`new S3().getObject()`), "getObject"; DocumentClient: "lib-dynamodb"
  JsV2,  ///< service "S3" or "DynamoDB.DocumentClient" (the AWS.* class), operation "getObject"
  Cpp,   ///< service "S3" (the Aws::<Service> namespace), operation "GetObject" (the client method)
};

/// One AWS API call, as written.
struct SdkCall {
  Sdk sdk = Sdk::Boto3;
  std::string service;
  std::string operation;
  Location location; ///< the call (method name or command construction)
};

/// Why an inventory may be missing calls.
struct PartialReason {
  std::string reason; ///< "client method chosen at run time: getattr(s3, name)"
  Location location;
};

/// The AWS calls of one handler: the handler function, what it calls in the
/// same file, and module-level code of that file.
struct CallInventory {
  /// The function (Deployable::logicalId) whose configured Handler names this
  /// code; empty when the handler was found by convention or, for C/C++,
  /// through run_handler (permissions links those to functions by package).
  std::string functionId;
  /// The configuration file declaring that function (Deployable::location's
  /// path), telling apart same-named functions of different templates; empty
  /// when unknown (then functionId alone links the inventory).
  std::string functionFile;
  Location handler; ///< the handler's definition (path, region, logical name)
  std::vector<SdkCall> calls;
  /// Non-empty: calls whose service or operation is computed at run time (or
  /// otherwise not followed) exist, so the inventory is partial and
  /// permissions/unused-grant stays silent.
  std::vector<PartialReason> partial;
};

} // namespace fnlint::permissions
