//===- core/SamPolicyTemplates.h - What SAM's policy templates grant -*- C++ -*-===//
//
// rules/data/sam-policy-templates.yaml as a lookup: for each SAM policy
// template (DynamoDBCrudPolicy, S3ReadPolicy, ...) its parameters and the
// statements SAM writes into the function's role, with `${Parameter}` and
// `${AWS::Partition}`-style placeholders still in the text. The template
// loader fills the parameters in (scanner/SamPolicyTemplates.cpp).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

struct SamTemplateCondition {
  std::string op;  ///< "StringEquals"
  std::string key; ///< "elasticfilesystem:AccessPointArn"
  std::vector<std::string> values;
};

struct SamTemplateStatement {
  std::string effect; ///< "Allow" in every template SAM has
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  std::vector<SamTemplateCondition> conditions;
};

struct SamPolicyTemplate {
  std::string name;                    ///< "DynamoDBCrudPolicy"
  std::vector<std::string> parameters; ///< "TableName"; SAM requires every one
  std::vector<SamTemplateStatement> statements;
};

/// Every template, sorted by name.
std::span<const SamPolicyTemplate> samPolicyTemplates();
/// The template SAM names \p Name (case-sensitive, as SAM is), or null.
const SamPolicyTemplate *findSamPolicyTemplate(std::string_view Name);

} // namespace fnlint
