//===- scanner/ConfigLoaders.h - Functions from every configuration format -*- C++ -*-===//
//
// Besides CloudFormation/SAM templates (TemplateLoader.h), Lambda functions
// are declared, or described, by
//   - Terraform JSON: `terraform show -json plan.out` (planned_values, with
//     values unknown until apply listed in resource_changes[].change.
//     after_unknown), or `terraform show -json` of a state (values);
//   - Lambda API JSON as the AWS CLI prints it: `aws lambda
//     get-function-configuration` (the configuration at the top level),
//     `get-function` (under Configuration) and `list-functions` (Functions[])
//     declare functions; `get-policy`, `list-event-source-mappings`,
//     `get-function-event-invoke-config` and `get-function-url-config`
//     name one (TemplateLoad::attachments);
//   - the Serverless Framework's serverless.yml (provider defaults merged
//     into each function);
//   - IAM policy JSON: a policy document alone, or what `aws iam
//     get-policy-version`, `get-role-policy` (and the user and group forms),
//     `get-role` and `get-account-authorization-details` print. These
//     declare no function, only policies and the principals they attach to.
// Each loader turns its format into Deployables with positions, like the
// template loader does. loadConfig() is the one entry point the scanner
// uses: a cheap sniff on the file's name and text first (package-lock.json
// and other data files are never parsed), then one parse, then the loader
// the document's shape calls for.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Limits.h"
#include "scanner/TemplateLoader.h"

#include <string>
#include <string_view>

namespace fnlint {

/// Which format the file at \p Path with text \p Text may be in, from its
/// name and substring searches only (no parsing): None means it is not worth
/// parsing. Serverless by file name, then Terraform JSON ("format_version"
/// and "root_module"), CloudFormation (looksLikeTemplate), Lambda API JSON
/// ("FunctionArn" with "FunctionName" or another output's key; get-policy's
/// "Policy" and "RevisionId"), Serverless by its top-level `service:`
/// and `provider:` keys.
ConfigFormat sniffConfig(std::string_view Path, std::string_view Text);

/// serverless.yml, serverless.yaml or serverless.json, in any folder.
bool isServerlessFileName(std::string_view Path);

/// Whether the first bytes of a file (too large to be read) say it is
/// `terraform show -json` output.
bool looksLikeTerraformJsonHead(std::string_view Head);

/// How problem messages name a format: "template", "Terraform JSON", ...
std::string_view configFormatName(ConfigFormat Format);

/// Sniffs, parses and loads the file at \p RelativePath (relative to the
/// scan root) in whichever format its content has. isTemplate is false, with
/// no problem, for files of no configuration format; a file that sniffs as
/// one but does not parse gives one error at the line of the syntax error,
/// except IAM policy JSON: that gives one Policy whose invalid says why (at
/// the syntax error), for the IAM rules to report.
TemplateLoad loadConfig(std::string_view RelativePath, const std::string &Text, const ResourceLimits &Limits = {});

/// One format each, on text; isTemplate is false when the document is not
/// of that format.
TemplateLoad loadTerraformJson(std::string_view RelativePath, const std::string &Text);
TemplateLoad loadLambdaApiJson(std::string_view RelativePath, const std::string &Text);
/// \p RelativePath's name matters: serverless.yml is taken for one even
/// without `service:`; other names need `service:` and an aws `provider:`.
TemplateLoad loadServerlessConfig(std::string_view RelativePath, const std::string &Text);
TemplateLoad loadIamPolicyJson(std::string_view RelativePath, const std::string &Text);

} // namespace fnlint
