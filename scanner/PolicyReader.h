//===- scanner/PolicyReader.h - Policy documents into core::Policy -*- C++ -*-===//
//
// One reader for every IAM policy document fnlint meets: a map in a template
// or JSON file, or a JSON string holding one (get-policy, get-role-policy
// URL-decoded, Terraform's `policy` attributes). Elements of a map keep their
// own positions; elements inside a string all point at the string.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Policy.h"

#include <string>
#include <string_view>

namespace YAML {
class Node;
}

namespace fnlint {

class Intrinsics;
class YamlSource;

/// Reads the document \p Doc. \p In resolves template intrinsics (Fn::If on
/// known conditions, Sub/Join of known parts); without it intrinsic values
/// are unknown. Never throws: a document of the wrong shape sets invalid.
Policy readPolicy(const YamlSource &Src, const YAML::Node &Doc, Policy::Kind Kind, std::string Name,
                  std::string Source, const Intrinsics *In = nullptr);

/// Reads \p Statements, statements written without their document (a YAML
/// list in serverless.yml `provider.iam.role.statements`), as one policy.
/// Its version is left unset: the caller knows what the tool writes.
Policy readStatements(const YamlSource &Src, const YAML::Node &Statements, Policy::Kind Kind, std::string Name,
                      std::string Source);

/// How a policy file names the policy it holds: its file name without the
/// extension ("AdministratorAccess", "orders-role-policy").
std::string policyFileStem(std::string_view Path);

/// Decodes `%XX` escapes (get-role-policy and get-account-authorization-details
/// print documents URL-encoded).
std::string urlDecode(std::string_view Text);

} // namespace fnlint
