//===- scanner/TemplateCycles.h - Resources that depend on each other ---*- C++ -*-===//
//
// CloudFormation orders resources by their references (Ref, Fn::GetAtt,
// Fn::Sub) and DependsOn, and rejects a template whose resources depend on
// each other in a circle ("Circular dependency between resources"). Such a
// template never deploys; the loader says so, once per circle.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Project.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <vector>

namespace fnlint {

/// Adds one error to \p Problems per group of resources of \p Resources (the
/// template's Resources mapping) that depend on each other in a circle, a
/// resource that refers to itself included.
void reportCircularDependencies(const YamlSource &Src, const YAML::Node &Resources,
                                std::vector<InputProblem> &Problems);

} // namespace fnlint
