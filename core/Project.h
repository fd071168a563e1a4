//===- core/Project.h - Everything a scan found -----------------*- C++ -*-===//
//
// The scanner fills a Project; analyzers read it and nothing else. Functions
// and layers come from templates; packages from archives on disk, archives
// nested in them, and the folders templates point at.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/FunctionConfig.h"
#include "core/Limits.h"
#include "core/Location.h"
#include "core/Package.h"
#include "core/Policy.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fnlint {

/// A reference from a template to local code: SAM CodeUri/ContentUri, or a
/// CloudFormation Code/Content written as a path for `aws cloudformation package`.
struct CodeReference {
  std::string path;  ///< resolved, relative to the scan root; empty when not local
  Location location; ///< the property value in the template
};

/// One environment variable of a function, as its configuration writes it.
struct EnvironmentVariable {
  std::string name;
  /// The value when it is a plain string (or number/boolean written as one).
  /// Empty with literal=false when the value is computed: an intrinsic
  /// (!Ref, !Sub, Fn::GetAtt ...), a Terraform unknown, a variable.
  std::string value;
  bool literal = false;
  Location location; ///< the value in its file; the name's position when the value has none
  /// CloudFormation/SAM: the template parameter the value names (`!Ref P`,
  /// `{Ref: P}`), empty otherwise (literals, other intrinsics, references
  /// to resources and pseudo parameters). literal stays false: what the
  /// function gets is decided at deploy time, and is the Default unless the
  /// deployer overrides it.
  std::string reference;
  bool noEcho = false;                          ///< the referenced parameter has `NoEcho: true`
  /// Its Type: for AWS::SSM::Parameter::Value<...> the Default is the name of
  /// an SSM parameter, not the value.
  std::string parameterType;
  std::optional<std::string> parameterDefault; ///< its Default, when written as a literal
  /// Where the referenced parameter's Default is written (its value), or
  /// the parameter's name when it has no Default.
  Location parameterLocation;
};

/// A Lambda function or layer declared in a configuration file (see
/// Project::templates for the formats).
struct Deployable {
  enum class Kind : std::uint8_t { Function, Layer };
  Kind kind = Kind::Function;
  /// "OrdersFunction"; a Terraform address ("module.api.aws_lambda_function.this");
  /// a FunctionName (":version" appended when not $LATEST); a serverless.yml function name.
  std::string logicalId;
  /// "AWS::Serverless::Function", "AWS::Lambda::Function", "aws_lambda_function",
  /// "AWS::Lambda::Function (API)", "serverless:function", ...
  std::string resourceType;
  Location location;       ///< the resource in its file (a JSON object: its opening brace)
  std::optional<std::string> runtime; ///< when written as a literal
  std::optional<std::string> handler;
  /// SAM Metadata.BuildMethod (makefile, esbuild, rust-cargolambda, ...).
  std::optional<std::string> buildMethod;
  std::optional<CodeReference> code;
  std::vector<std::string> layers; ///< logical ids of layers in the same template
  /// Environment variables whose values are literal strings (SAM Globals,
  /// serverless.yml provider.environment merged).
  std::map<std::string, std::string> environment;
  /// Every environment variable with its position, literal or not, sorted by
  /// name (SAM Globals and serverless.yml provider.environment merged, the
  /// function winning).
  std::vector<EnvironmentVariable> environmentVariables;
  /// The package the code reference resolved to, set by linking.
  const Package *package = nullptr;
  /// Functions: settings with positions, invokers, resource policy, URL.
  FunctionConfig config;
};

/// A file found by discovery that is not itself an archive: source code,
/// configuration, anything a secret could hide in. Read through
/// Project::openFile, never directly.
struct SourceFile {
  std::string path; ///< relative to the scan root
  std::uint64_t size = 0;
};

/// A suppression written in a template resource's Metadata
/// (`Metadata: {fnlint: {ignore: [{id: rule, reason: why}]}}`): it covers the
/// findings that point into the resource's lines.
struct ResourceSuppression {
  std::string rule;     ///< id or glob, as written
  std::string reason;   ///< empty when none was written
  Location location;    ///< the entry (template path, line)
  std::string resource; ///< logical id
  std::uint32_t firstLine = 0, lastLine = 0; ///< the resource's lines in the template
};

struct Project {
  std::string root; ///< absolute scan root; all paths are relative to it
  std::vector<std::unique_ptr<Package>> packages; ///< sorted by displayPath()
  std::vector<Deployable> deployables;            ///< sorted by template path, then logical id
  /// Configuration files that declare functions, whatever their format:
  /// CloudFormation/SAM templates, Terraform plan/state JSON (`terraform show
  /// -json`), Lambda API JSON (`aws lambda get-function` and friends) and
  /// serverless.yml. Their texts are in \c texts.
  std::vector<std::string> templates;
  std::vector<std::string> cppSources;            ///< C/C++ sources found (handler analysis)
  std::vector<SourceFile> files;                  ///< every regular file discovered, archives excepted
  std::vector<InputProblem> problems;
  std::uint64_t filesSeen = 0;
  /// The caps the scan was run with, for the analyzers to honour too.
  ResourceLimits limits;
  /// Every IAM policy read, sorted by file and position, and the principals
  /// they attach to (indices into policies).
  std::vector<Policy> policies;
  std::vector<IamPrincipal> iamPrincipals;
  /// Suppressions written in template resources' Metadata.
  std::vector<ResourceSuppression> resourceSuppressions;

  /// Text of files the scanner has already read (configuration files), for fingerprints.
  std::map<std::string, std::string> texts;

  const Deployable *findDeployable(std::string_view TemplatePath, std::string_view LogicalId) const;

  /// Opens a file of \c files (or any path relative to the root) for reading.
  std::unique_ptr<EntryReader> openFile(std::string_view Path, std::string &Error) const;
};

} // namespace fnlint
