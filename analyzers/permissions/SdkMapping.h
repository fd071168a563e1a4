//===- analyzers/permissions/SdkMapping.h - SDK calls to IAM actions -*- C++ -*-===//
//
// Turns an AWS call as a handler writes it (CallInventory.h) into the IAM
// actions it needs: the SDK's service name to an IAM prefix, the operation to
// an action, through rules/data/sdk-iam-map.yaml for the names that differ and
// the action database for the rest. A call whose action fnlint cannot name is
// unmapped, never guessed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/permissions/CallInventory.h"
#include "core/IamActions.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint::permissions {

/// "boto3", "js-v3", "js-v2", "cpp": the SDK's key in the table and in output.
std::string_view sdkName(Sdk S);

/// The IAM prefix of \p Service as \p S spells it ("stepfunctions" -> "states",
/// "client-secrets-manager" -> "secretsmanager"); empty when unknown.
std::string iamPrefixFor(Sdk S, std::string_view Service, const IamDatabase &Db);

/// "list_objects_v2", "listObjectsV2", "ListObjectsV2Command" -> "ListObjectsV2".
std::string normalizeOperation(std::string_view Operation);

struct MappedCall {
  enum class Kind : std::uint8_t {
    Actions,      ///< needs every action in actions
    NoPermission, ///< needs none (sts:GetCallerIdentity)
    Unmapped,     ///< fnlint cannot tell: reason says why
  };
  Kind kind = Kind::Unmapped;
  std::vector<std::string> actions; ///< "s3:GetObject", the database's spelling
  /// Action patterns the service may use with the caller's permissions on the
  /// call's behalf (Athena reading S3 and Glue, the RDS Data API reading the
  /// secret): never missing, but not unused either.
  std::vector<std::string> indirect;
  std::string reason;
};

MappedCall mapCall(const SdkCall &Call, const IamDatabase &Db);

} // namespace fnlint::permissions
