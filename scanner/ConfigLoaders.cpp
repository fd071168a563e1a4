#include "scanner/ConfigLoaders.h"

#include "core/AsciiCase.h"
#include "scanner/LoaderParts.h"
#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace fnlint {

namespace {

bool contains(std::string_view Text, std::string_view Needle) { return Text.find(Needle) != std::string_view::npos; }

/// A `Key:` at the start of a line (a top-level YAML key).
bool hasTopLevelKey(std::string_view Text, std::string_view Key) {
  if (Text.rfind("\xEF\xBB\xBF", 0) == 0)
    Text.remove_prefix(3);
  for (std::size_t At = 0; (At = Text.find(Key, At)) != std::string_view::npos; At += Key.size()) {
    if ((At == 0 || Text[At - 1] == '\n') && At + Key.size() < Text.size() && Text[At + Key.size()] == ':')
      return true;
  }
  return false;
}

/// Lambda API outputs: those that describe a function have its name and ARN;
/// those that name one have its ARN beside their own keys; get-policy has
/// the ARN only inside its escaped policy string.
bool looksLikeLambdaApi(std::string_view Text) {
  if (contains(Text, "\"FunctionArn\""))
    for (std::string_view Key : {"\"FunctionName\"", "\"EventSourceArn\"", "\"UUID\"", "\"FunctionUrl\"",
                                 "\"DestinationConfig\"", "\"MaximumEventAgeInSeconds\""})
      if (contains(Text, Key))
        return true;
  return contains(Text, "\"Policy\"") && contains(Text, "\"RevisionId\"") && contains(Text, "lambda:");
}

/// IAM policy JSON: a JSON object (never YAML: policies are JSON) that
/// mentions a document's elements, or a key only `aws iam` outputs print
/// (their documents may be URL-encoded, hiding "Statement").
bool looksLikeIamPolicy(std::string_view Text) {
  std::size_t First = Text.find_first_not_of(" \t\r\n", Text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  if (First == std::string_view::npos || Text[First] != '{')
    return false;
  if (contains(Text, "\"Statement\"") && (contains(Text, "\"Version\"") || contains(Text, "\"Effect\"")))
    return true;
  for (std::string_view Key : {"\"PolicyVersion\"", "\"PolicyDocument\"", "\"AssumeRolePolicyDocument\"",
                               "\"RoleDetailList\"", "\"UserDetailList\"", "\"GroupDetailList\""})
    if (contains(Text, Key))
      return true;
  return false;
}

/// An IAM policy file that is not valid JSON is still a policy, an invalid
/// one: the load holds it, with the reason, where the syntax error \p Syntax is.
TemplateLoad invalidPolicyLoad(std::string_view Path, const InputProblem &Syntax) {
  TemplateLoad Out;
  Out.isTemplate = true;
  Out.format = ConfigFormat::IamPolicy;
  Policy P;
  std::string Name = policyFileStem(Path);
  P.name = Name;
  P.source = "standalone";
  P.location = Syntax.location;
  P.location.logical = {Name, "", "resource"};
  std::string Reason = Syntax.message;
  if (std::size_t Colon = Reason.find(": "); Colon != std::string::npos)
    Reason = Reason.substr(Colon + 2);
  P.invalid = "the policy is not valid JSON: " + Reason;
  Out.policies.push_back(std::move(P));
  return Out;
}

using DocumentLoader = std::function<void(const YamlSource &, const YAML::Node &, TemplateLoad &)>;

TemplateLoad loadWith(std::string_view Path, const std::string &Text, ConfigFormat Format,
                      const DocumentLoader &Load, const ResourceLimits &Limits = {}) {
  TemplateLoad Out;
  YamlSource Source(Path, Text);
  YAML::Node Root;
  if (!parseYaml(Path, Text, configFormatName(Format), Root, Out.problems, &Limits))
    return Format == ConfigFormat::IamPolicy && Out.problems.front().level == Level::Error
               ? invalidPolicyLoad(Path, Out.problems.front()) // not JSON: an invalid policy
               : Out;
  try {
    Load(Source, Root, Out);
  } catch (const YAML::Exception &E) {
    Out = TemplateLoad();
    Out.problems.push_back(yamlProblem(Path, Text, configFormatName(Format), E));
  }
  return Out;
}

} // namespace

bool isServerlessFileName(std::string_view Path) {
  std::string_view Name = Path.substr(Path.rfind('/') == std::string_view::npos ? 0 : Path.rfind('/') + 1);
  std::string Lower = toLowerAscii(Name);
  return Lower == "serverless.yml" || Lower == "serverless.yaml" || Lower == "serverless.json";
}

bool looksLikeTerraformJsonHead(std::string_view Head) {
  return contains(Head, "\"format_version\"") && contains(Head, "\"terraform_version\"");
}

ConfigFormat sniffConfig(std::string_view Path, std::string_view Text) {
  if (isServerlessFileName(Path))
    return ConfigFormat::Serverless;
  if (contains(Text, "\"format_version\"") && contains(Text, "\"root_module\""))
    return ConfigFormat::TerraformJson;
  if (looksLikeTemplate(Text))
    return ConfigFormat::CloudFormation;
  if (looksLikeLambdaApi(Text))
    return ConfigFormat::LambdaApi;
  if (hasTopLevelKey(Text, "service") && hasTopLevelKey(Text, "provider"))
    return ConfigFormat::Serverless;
  if (looksLikeIamPolicy(Text))
    return ConfigFormat::IamPolicy;
  return ConfigFormat::None;
}

std::string_view configFormatName(ConfigFormat Format) {
  switch (Format) {
  case ConfigFormat::CloudFormation:
    return "template";
  case ConfigFormat::TerraformJson:
    return "Terraform JSON";
  case ConfigFormat::LambdaApi:
    return "Lambda API JSON";
  case ConfigFormat::Serverless:
    return "serverless.yml";
  case ConfigFormat::IamPolicy:
    return "IAM policy";
  case ConfigFormat::None:
    break;
  }
  return "configuration";
}

TemplateLoad loadConfig(std::string_view RelativePath, const std::string &Text, const ResourceLimits &Limits) {
  ConfigFormat Hint = sniffConfig(RelativePath, Text);
  if (Hint == ConfigFormat::None)
    return {};
  bool ByName = isServerlessFileName(RelativePath);
  // The sniff only decides whether to parse (and how to name a syntax
  // error); the document's shape decides the format.
  return loadWith(RelativePath, Text, Hint, [ByName](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
    loadTemplateDocument(S, Root, Out);
    if (!Out.isTemplate)
      loadTerraformDocument(S, Root, Out);
    if (!Out.isTemplate)
      loadLambdaApiDocument(S, Root, Out);
    if (!Out.isTemplate)
      loadServerlessDocument(S, Root, ByName, Out);
    if (!Out.isTemplate)
      loadIamPolicyDocument(S, Root, Out);
  }, Limits);
}

TemplateLoad loadTerraformJson(std::string_view RelativePath, const std::string &Text) {
  return loadWith(RelativePath, Text, ConfigFormat::TerraformJson,
                  [](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    loadTerraformDocument(S, Root, Out);
                  });
}

TemplateLoad loadLambdaApiJson(std::string_view RelativePath, const std::string &Text) {
  return loadWith(RelativePath, Text, ConfigFormat::LambdaApi,
                  [](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    loadLambdaApiDocument(S, Root, Out);
                  });
}

TemplateLoad loadIamPolicyJson(std::string_view RelativePath, const std::string &Text) {
  return loadWith(RelativePath, Text, ConfigFormat::IamPolicy,
                  [](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    loadIamPolicyDocument(S, Root, Out);
                  });
}

TemplateLoad loadServerlessConfig(std::string_view RelativePath, const std::string &Text) {
  bool ByName = isServerlessFileName(RelativePath);
  return loadWith(RelativePath, Text, ConfigFormat::Serverless,
                  [ByName](const YamlSource &S, const YAML::Node &Root, TemplateLoad &Out) {
                    loadServerlessDocument(S, Root, ByName, Out);
                  });
}

} // namespace fnlint

