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

/// Decodes `%XX` escapes (get-role-policy and get-account-authorization-details
/// print documents URL-encoded).
std::string urlDecode(std::string_view Text);

} // namespace fnlint
