//===- AwsSdk.h - AWS SDK for JavaScript clients in a module ----*- C++ -*-===//
//
// Recognizes the construction of AWS SDK clients, v3 (`new S3Client(…)`,
// the aggregated `new S3(…)`, `DynamoDBDocumentClient.from(…)`) and v2
// (`new AWS.S3(…)`, `new AWS.DynamoDB.DocumentClient()`, a class required
// from `aws-sdk/clients/s3`), through the module's imports. Shared by
// handler/client-per-invocation and the SDK call inventory.
//
//===----------------------------------------------------------------------===//
#ifndef FNLINT_ANALYZERS_HANDLER_NODE_AWSSDK_H
#define FNLINT_ANALYZERS_HANDLER_NODE_AWSSDK_H

#include "analyzers/handler/node/JsSyntax.h"
#include "analyzers/permissions/CallInventory.h"

#include <optional>
#include <string>

namespace fnlint::node {

struct ClientConstruction {
  permissions::Sdk sdk = permissions::Sdk::JsV3;
  /// A v3 client whose operations are sent as commands (`S3Client`,
  /// `DynamoDBDocumentClient`); otherwise operations are methods.
  bool sendsCommands = false;
  std::string service; ///< spelled as CallInventory.h documents for the Sdk
  std::string written; ///< "S3Client", "AWS.S3", "DynamoDBDocumentClient.from"
  std::size_t open = 0; ///< the '(' of the constructor or from() arguments
};

/// The client constructed by the expression starting at token \p I (`new` or
/// the class name of `X.from(`), if it is an AWS SDK client.
std::optional<ClientConstruction> clientConstructionAt(const NodeModule &M, const Imports &Imp, std::size_t I);

/// Whether the constructor arguments opened at \p Open give the client its own
/// credentials (`{ credentials: … }`, v2 also `accessKeyId`, `sessionToken`):
/// credentials obtained per request, as after AssumeRole, not the function's role.
bool hasOwnCredentials(const NodeModule &M, std::size_t Open);

/// The v3 service ("client-s3", "lib-dynamodb", "lib-storage") of a module name, or empty.
std::string_view v3Service(std::string_view Module);

/// A class of a v3 package named at token \p I: `S3Client` imported by
/// name, or `client_s3_1.S3Client` through a namespace (TypeScript's
/// CommonJS output); \p After is set to the token after the name.
struct V3Class {
  std::string_view service; ///< "client-s3"
  std::string_view name;    ///< the exported name, whatever the local alias
};
std::optional<V3Class> v3ClassAt(const std::vector<Token> &T, const Imports &Imp, std::size_t I, std::size_t &After);

} // namespace fnlint::node

#endif
