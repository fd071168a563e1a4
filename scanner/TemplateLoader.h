//===- scanner/TemplateLoader.h - CloudFormation/SAM templates --*- C++ -*-===//
//
// Reads CloudFormation and SAM templates (YAML with short-form tags, or JSON)
// with yaml-cpp, keeping line and column of every value. This first loader
// extracts what packaging needs: the functions and layers, their code
// locations, literal runtimes, handlers, layers and environment, with SAM
// Globals merged. Values written with intrinsics are left unknown.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Finding.h"
#include "core/Project.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

struct TemplateLoad {
  bool isTemplate = false;
  std::vector<Deployable> deployables;
  std::vector<InputProblem> problems;
};

/// A cheap test on raw text before parsing: does this file mention the
/// markers every CloudFormation template has?
bool looksLikeTemplate(std::string_view Text);

/// Parses \p Text, the file at \p RelativePath (relative to the scan root).
/// Code paths are resolved against the template's folder and made relative
/// to the scan root.
TemplateLoad loadTemplate(std::string_view RelativePath, const std::string &Text);

} // namespace fnlint
