//===- scanner/Intrinsics.h - CloudFormation intrinsic functions -*- C++ -*-===//
//
// Resolves what a template's intrinsics stand for where the template alone
// decides it: `Ref` to a parameter (its Default), `Fn::FindInMap` with known
// keys, `Fn::Sub` and `Fn::Join` over known parts, `Fn::Select`, `Fn::If` on
// a condition that evaluates (Fn::Equals/And/Or/Not over known values).
// Everything else (pseudo parameters, attributes of resources, imports) is
// unknown, and callers treat it so: a rule never fires on an unknown value.
// Short-form tags (`!Ref X`) and long forms (`{"Ref": "X"}`) are the same.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace fnlint {

/// The intrinsic \p N is, as its long-form name ("Ref", "Fn::If",
/// "Condition"), with its argument; empty name when \p N is not one.
struct IntrinsicCall {
  std::string name;
  YAML::Node argument;
};
IntrinsicCall intrinsicOf(const YAML::Node &N);

class Intrinsics {
public:
  /// \p Root is the whole template.
  explicit Intrinsics(const YAML::Node &Root);

  /// The string \p N stands for, or nullopt when unknown. \p From, when
  /// given, is set to how it was resolved ("the default of parameter
  /// Timeout") and left empty for a literal.
  std::optional<std::string> string(const YAML::Node &N, std::string *From = nullptr) const;
  /// string() as a whole number; nullopt when unknown or not a number.
  std::optional<long long> integer(const YAML::Node &N, std::string *From = nullptr) const;

  /// Chooses the branch of `Fn::If` (recursively): the node itself when it
  /// is no If; an undefined node for `AWS::NoValue` and for a null or
  /// missing \p N (the property is absent);
  /// nullopt when the condition cannot be evaluated.
  std::optional<YAML::Node> select(const YAML::Node &N) const;

  /// A condition's value, when it evaluates.
  std::optional<bool> condition(std::string_view Name) const;

  /// The logical id \p N names: `Ref X`, `Fn::GetAtt [X, Attr]` / `X.Attr`,
  /// `Fn::Sub "${X}"` or `"${X.Arn}"` with nothing else in the string.
  /// \p Attribute gets the attribute ("Arn", "Alias") when there is one.
  static std::string referencedId(const YAML::Node &N, std::string *Attribute = nullptr);

  bool isParameter(std::string_view Name) const;

private:
  YAML::Node Parameters, Mappings, Conditions;
  mutable std::map<std::string, std::optional<bool>> ConditionCache;
  mutable std::set<std::string> Evaluating; ///< conditions being evaluated: a cycle is unknown

  std::optional<std::string> resolve(const YAML::Node &N, std::string *From, int Depth) const;
  std::optional<bool> evaluate(const YAML::Node &N, int Depth) const;
};

} // namespace fnlint
