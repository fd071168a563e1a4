//===- analyzers/permissions/PermissionsCheck.h - Rule interface -*- C++ -*-===//
//
// One permissions rule = one PermissionsCheck subclass in its own file,
// registered in PermissionsModule.cpp. A check sees one execution role whose
// policies are all known, every function of the scan using it, and what
// each function's code calls.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/permissions/CallInventory.h"
#include "analyzers/permissions/SdkMapping.h"
#include "core/FindingSink.h"
#include "core/Project.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::permissions {

/// A call of the code and the IAM actions it needs.
struct NeededCall {
  const SdkCall *call = nullptr;
  MappedCall mapped;
};

/// A function using the role, and what its code calls.
struct RoleUser {
  const Deployable *function = nullptr;
  const CallInventory *inventory = nullptr; ///< null: no handler analysed for it
  std::vector<NeededCall> calls;
};

/// An execution role whose policies are all known.
struct RoleView {
  const Project *project = nullptr;
  const IamPrincipal *role = nullptr;
  /// Every identity policy of the role: those of the scan, then the managed
  /// Lambda policies it attaches by ARN (rules/data/lambda-managed-policies.yaml).
  std::vector<const Policy *> policies;
  std::vector<const Policy *> scanned; ///< those of the scan alone
  std::vector<RoleUser> users;
};

/// Why the functions of a role may need actions no call shows: lower-case
/// action -> what needs it ("Lambda writes the function's logs").
using ServiceNeeds = std::map<std::string, std::string>;

/// What Lambda itself does with the execution role of \p F (logs, X-Ray,
/// event source mappings, VPC, DLQ and destinations, KMS); false with \p Why
/// when it needs permissions fnlint does not list.
bool serviceNeeds(const Deployable &F, ServiceNeeds &Out, std::string &Why);

/// The text of a value as its file writes it (`!GetAtt Table.Arn`), when the
/// scanner kept the file and the value is on one line; else empty.
std::string writtenText(const Project &P, const Location &Where);

/// "get_object (s3, boto3)" as messages name a call.
std::string callName(const SdkCall &C);
/// "function OrdersFunction" or "functions A, B".
std::string functionsName(const RoleView &R);

class PermissionsCheck {
public:
  virtual ~PermissionsCheck();
  virtual std::string_view ruleId() const = 0;
  virtual void check(const RoleView &R, FindingSink &Out) const = 0;
};

std::unique_ptr<PermissionsCheck> makeMissingGrant();
std::unique_ptr<PermissionsCheck> makeUnusedGrant();

} // namespace fnlint::permissions
