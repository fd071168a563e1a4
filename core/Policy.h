//===- core/Policy.h - IAM policy documents with positions --------*- C++ -*-===//
//
// Every IAM policy fnlint reads, whatever file it comes from (a standalone
// policy JSON, `aws iam` CLI outputs, CloudFormation/SAM roles and policies,
// SAM policy templates, Terraform plan IAM resources, serverless.yml iam
// statements, Lambda resource policies), as one model in which each element
// keeps its file, line and column. Values written as intrinsics or known
// only after apply are kept, marked unknown: semantics treat them as such.
//
// Policies are grouped by the principal they attach to (a role, a user, a
// group, a function's resource policy), so rules can judge a principal's
// policies as a whole.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Location.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// A string element of a policy as written. Not known when the
/// configuration computes it (`!Sub`, `${var.x}`, unknown after apply).
struct PolicyString {
  std::string value;
  Location location;
  bool known = true;
};

struct PolicyCondition {
  std::string op;  ///< "StringEquals", "ForAnyValue:StringLike", "ArnLike", "Null", ... as written
  std::string key; ///< "aws:SourceArn", as written
  std::vector<PolicyString> values;
  Location location; ///< the key
  Location operatorLocation;
};

struct PolicyPrincipal {
  std::string type; ///< "*" (the string form), "AWS", "Service", "Federated", "CanonicalUser"
  std::vector<PolicyString> values;
  Location location;
};

struct PolicyStatement {
  Location location; ///< the statement's opening
  std::optional<PolicyString> sid;
  std::optional<PolicyString> effect;
  bool notAction = false;
  std::vector<PolicyString> actions; ///< Action or NotAction
  bool hasAction = false;            ///< either element written
  bool notResource = false;
  std::vector<PolicyString> resources;
  bool hasResource = false;
  bool notPrincipal = false;
  std::vector<PolicyPrincipal> principals;
  bool hasPrincipal = false;
  std::vector<PolicyCondition> conditions;
  /// Elements that are not part of the grammar ("Actions", "Condtion").
  std::vector<PolicyString> unknownElements;
  /// The statement is there only under a condition fnlint could not
  /// evaluate (an `Fn::If` in a template).
  bool conditional = false;
};

struct Policy {
  enum class Kind : std::uint8_t {
    Identity, ///< attached to a role, user or group
    Trust,    ///< a role's AssumeRolePolicyDocument
    Resource, ///< a Lambda function's resource-based policy
  };
  Kind kind = Kind::Identity;
  /// "OrdersFunctionRole/Policies/orders-table" , "AWSLambda_FullAccess",
  /// "OrdersFunction/Policies/DynamoDBCrudPolicy" (a SAM policy template):
  /// how messages name it.
  std::string name;
  Location location; ///< the document
  /// Where it comes from: "inline", "managed", "sam-template" (the
  /// statements SAM deploys for a policy template, rules/data/
  /// sam-policy-templates.yaml), "standalone".
  std::string source;
  std::optional<PolicyString> version;
  std::vector<PolicyStatement> statements;
  std::vector<PolicyString> unknownElements; ///< top-level elements outside the grammar
  /// Characters of the document without whitespace, when the document is
  /// literal text (policy size limits count these); 0 when unknown.
  std::uint64_t characters = 0;
  /// The document could not be read as a policy (not an object, invalid
  /// JSON in a string): why. Statements are empty then.
  std::optional<std::string> invalid;
};

/// Who a set of policies applies to.
struct IamPrincipal {
  enum class Kind : std::uint8_t { Role, User, Group, Function };
  Kind kind = Kind::Role;
  std::string id;     ///< logical id, Terraform address, role name or ARN
  Location location;
  /// The 12-digit account the principal belongs to, when the input says
  /// (a role ARN in `aws iam` output or a Terraform state, Terraform's
  /// data.aws_caller_identity); empty when unknown.
  std::string account;
  std::vector<std::size_t> policies; ///< indices into Project::policies
  /// AWS managed policies attached by name or ARN and not in the scan
  /// ("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole").
  std::vector<PolicyString> managedPolicyArns;
  /// SAM policy templates fnlint could not expand (a name it does not know,
  /// a parameter missing), by name; the others are in policies.
  std::vector<PolicyString> unexpandedTemplates;
};

/// The account field of an ARN ("123456789012", "*", empty for AWS managed
/// policies); nullopt when \p Arn is not an ARN.
std::optional<std::string_view> arnAccount(std::string_view Arn);

/// The 12-digit account an AWS principal value names: "123456789012", or an
/// ARN in that account ("arn:aws:iam::123456789012:role/x"); empty otherwise.
std::string principalAccount(std::string_view AwsPrincipal);

/// The role an execution role ARN ("arn:aws:iam::123456789012:role/path/name")
/// names among \p Principals, declared in a file other than \p FunctionFile
/// (`aws iam` output beside `aws lambda` output): by name, and by account when
/// the principal's is known. Null when \p RoleArn is not a role ARN or no
/// principal matches.
const IamPrincipal *roleByArn(const std::vector<IamPrincipal> &Principals, std::string_view RoleArn,
                              std::string_view FunctionFile);

} // namespace fnlint
