//===- scanner/LoaderParts.h - One loader per configuration format -*- C++ -*-===//
//
// Internal to the scanner: ConfigLoaders.cpp sniffs and parses a file, then
// hands the document to the loader of its format, one unit each.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "scanner/TemplateLoader.h"

namespace YAML {
class Node;
}

namespace fnlint {

class YamlSource;

void loadTerraformDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out);
void loadLambdaApiDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out);
/// \p ByName: the file is named serverless.yml (taken for one even without `service:`).
void loadServerlessDocument(const YamlSource &Source, const YAML::Node &Root, bool ByName, TemplateLoad &Out);
/// A policy document alone or `aws iam` output (get-policy-version,
/// get-role-policy, get-role, get-account-authorization-details).
void loadIamPolicyDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out);
/// Each function of \p Out with permissions (AWS::Lambda::Permission,
/// aws_lambda_permission) gets them as its resource-based policy, one
/// statement each, attached to a Function principal (PermissionPolicies.cpp).
void addPermissionPolicies(TemplateLoad &Out);

} // namespace fnlint
