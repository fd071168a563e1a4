//===- core/Project.h - Everything a scan found -----------------*- C++ -*-===//
//
// The scanner fills a Project; analyzers read it and nothing else. Functions
// and layers come from templates; packages from archives on disk, archives
// nested in them, and the folders templates point at.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Location.h"
#include "core/Package.h"

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

/// A Lambda function or layer declared in a template.
struct Deployable {
  enum class Kind : std::uint8_t { Function, Layer };
  Kind kind = Kind::Function;
  std::string logicalId;   ///< "OrdersFunction"
  std::string resourceType; ///< "AWS::Serverless::Function"
  Location location;       ///< the resource in its template
  std::optional<std::string> runtime; ///< when written as a literal
  std::optional<std::string> handler;
  /// SAM Metadata.BuildMethod (makefile, esbuild, rust-cargolambda, ...).
  std::optional<std::string> buildMethod;
  std::optional<CodeReference> code;
  std::vector<std::string> layers; ///< logical ids of layers in the same template
  /// Environment variables whose values are literal strings (SAM Globals merged).
  std::map<std::string, std::string> environment;
  /// The package the code reference resolved to, set by linking.
  const Package *package = nullptr;
};

struct Project {
  std::string root; ///< absolute scan root; all paths are relative to it
  std::vector<std::unique_ptr<Package>> packages; ///< sorted by displayPath()
  std::vector<Deployable> deployables;            ///< sorted by template path, then logical id
  std::vector<std::string> templates;             ///< template files found
  std::vector<std::string> cppSources;            ///< C/C++ sources found (handler analysis)
  std::vector<InputProblem> problems;
  std::uint64_t filesSeen = 0;

  /// Text of files the scanner has already read (templates), for fingerprints.
  std::map<std::string, std::string> texts;

  const Deployable *findDeployable(std::string_view TemplatePath, std::string_view LogicalId) const;
};

} // namespace fnlint
