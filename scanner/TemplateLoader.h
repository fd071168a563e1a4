//===- scanner/TemplateLoader.h - CloudFormation/SAM templates --*- C++ -*-===//
//
// Reads CloudFormation and SAM templates (YAML with short-form tags, or JSON)
// with yaml-cpp, keeping line and column of every value. This first loader
// extracts what packaging and the secret scanner need: the functions and
// layers, their code locations, literal runtimes, handlers, layers and every
// environment variable (with SAM Globals merged, and what a `!Ref` to a
// template parameter stands for). Values written with intrinsics are left
// unknown. The other configuration formats are in ConfigLoaders.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Project.h"

#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace fnlint {

class YamlSource;

/// The configuration formats fnlint reads functions from.
enum class ConfigFormat : std::uint8_t {
  None,
  CloudFormation, ///< CloudFormation or SAM template, YAML or JSON
  TerraformJson,  ///< `terraform show -json` of a plan (or of a state)
  LambdaApi,      ///< `aws lambda get-function`, `get-function-configuration`, `list-functions`
  Serverless,     ///< Serverless Framework serverless.yml
  IamPolicy,      ///< a policy document alone, or `aws iam` CLI output holding policies
};

/// What a configuration loader found in one file.
struct TemplateLoad {
  /// The file is one of the configuration formats (a template with no
  /// function in it is still a template).
  bool isTemplate = false;
  ConfigFormat format = ConfigFormat::None;
  std::vector<Deployable> deployables;
  /// Configuration naming functions declared elsewhere (Lambda API outputs).
  std::vector<FunctionAttachment> attachments;
  /// IAM policies and the principals they attach to; IamPrincipal::policies
  /// index into this load's policies (the scanner renumbers them).
  std::vector<Policy> policies;
  std::vector<IamPrincipal> principals;
  std::vector<ResourceSuppression> suppressions; ///< resource Metadata.fnlint.ignore entries
  std::vector<InputProblem> problems;
};

/// A cheap test on raw text before parsing: does this file mention the
/// markers every CloudFormation template has?
bool looksLikeTemplate(std::string_view Text);

/// Parses \p Text, the file at \p RelativePath (relative to the scan root).
/// Code paths are resolved against the template's folder and made relative
/// to the scan root.
TemplateLoad loadTemplate(std::string_view RelativePath, const std::string &Text);

/// loadTemplate() on a document already parsed: fills \p Out when \p Root
/// is a template. May throw YAML::Exception on a node of an unexpected shape.
void loadTemplateDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out);

} // namespace fnlint
