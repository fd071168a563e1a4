//===- scanner/TemplateContext.h - Shared by the template loader's units -*- C++ -*-===//
//
// Internal to the CloudFormation/SAM loader: TemplateLoader.cpp reads each
// function's own settings and SAM events; TemplateLinks.cpp reads the
// resources that point at functions (event source mappings, permissions,
// invoke configs, URLs, aliases, S3/SNS/EventBridge/... wiring).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "scanner/Intrinsics.h"
#include "scanner/TemplateLoader.h"
#include "scanner/YamlSource.h"

#include <map>
#include <optional>
#include <string>

namespace fnlint {

struct TemplateContext {
  const YamlSource &src;
  const Intrinsics &intrinsics;
  YAML::Node resources;
  TemplateLoad &out;
  std::map<std::string, std::size_t> functionById;   ///< logical id -> index in out.deployables
  std::map<std::string, std::size_t> functionByName; ///< literal FunctionName -> index

  Location at(const YAML::Node &N, const std::string &Id, const std::string &Path) const {
    return src.location(src.region(N), {Id, Path, "property"});
  }
  std::optional<std::string> typeOf(const std::string &Id) const {
    return stringField(field(resources, Id.c_str()), "Type");
  }
  /// The key node of resource \p Id (where resource-level findings point);
  /// an undefined node when there is none.
  YAML::Node keyOf(const std::string &Id) const {
    for (const auto &KV : resources)
      if (KV.first.IsScalar() && KV.first.Scalar() == Id)
        return KV.first;
    return YAML::Node(YAML::NodeType::Undefined);
  }

  /// Reads \p N (a property value, maybe an Fn::If or an intrinsic) into
  /// \p S: absent when not written or AWS::NoValue, known when it resolves,
  /// unknown otherwise.
  void readInt(Setting<std::int64_t> &S, const YAML::Node &N, const std::string &Id, const std::string &Path) const;
  void readString(Setting<std::string> &S, const YAML::Node &N, const std::string &Id,
                  const std::string &Path) const;
  /// The items of a list property, Fn::If resolved; nullopt when the list
  /// itself is computed.
  std::optional<std::vector<YAML::Node>> readList(const YAML::Node &N) const;

  /// The function \p N points at (Ref, GetAtt, Sub, a literal name or ARN,
  /// an alias or version resource), and whether it points at a qualified one.
  struct Target {
    std::size_t index;
    bool qualified;
  };
  std::optional<Target> functionTarget(const YAML::Node &N, int Depth = 0) const;

  /// An SQS queue declared in the template, by logical id.
  std::optional<QueueInfo> queue(const std::string &Id) const;
};

/// Reads the resources that point at the template's functions.
void linkTemplateResources(TemplateContext &Ctx);
/// Reads the template's IAM roles, users, groups and policies, and each
/// function's execution role (TemplatePolicies.cpp).
void linkTemplatePolicies(TemplateContext &Ctx);
/// The policy SAM makes of the policy template \p Key: \p Value in function
/// \p FunctionId's Policies (at \p Path), named \p PolicyName; nullopt, with
/// an input problem saying why, when fnlint does not know the template or a
/// parameter is missing (SamPolicyTemplates.cpp).
std::optional<Policy> expandSamPolicyTemplate(TemplateContext &Ctx, const YAML::Node &Key, const YAML::Node &Value,
                                              const std::string &FunctionId, const std::string &Path,
                                              std::string PolicyName);

} // namespace fnlint
