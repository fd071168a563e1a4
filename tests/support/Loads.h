//===- tests/support/Loads.h - Looking into a TemplateLoad -------*- C++ -*-===//
#pragma once

#include "scanner/TemplateLoader.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace fnlint::test {

/// The logical ids of what a load found, in order.
inline std::vector<std::string> ids(const TemplateLoad &L) {
  std::vector<std::string> Out;
  for (const Deployable &D : L.deployables)
    Out.push_back(D.logicalId);
  return Out;
}

/// The deployable \p Id; a test failure when there is none.
inline const Deployable *find(const TemplateLoad &L, std::string_view Id) {
  for (const Deployable &D : L.deployables)
    if (D.logicalId == Id)
      return &D;
  ADD_FAILURE() << "no deployable " << Id;
  return nullptr;
}

/// \p L starts at \p Line and \p Column (1-based).
inline void expectAt(const Location &L, std::uint32_t Line, std::uint32_t Column) {
  EXPECT_EQ(L.region.startLine, Line);
  EXPECT_EQ(L.region.startColumn, Column);
}

/// \p S is known, holds \p Value, and is written at \p Line and \p Column.
template <class T, class V>
void expectKnown(const Setting<T> &S, const V &Value, std::uint32_t Line, std::uint32_t Column) {
  EXPECT_TRUE(S.known());
  EXPECT_EQ(S.value, T(Value));
  expectAt(S.location, Line, Column);
}

/// The principal \p Id; a test failure when there is none.
inline const IamPrincipal *principal(const TemplateLoad &L, std::string_view Id) {
  for (const IamPrincipal &P : L.principals)
    if (P.id == Id)
      return &P;
  ADD_FAILURE() << "no principal " << Id;
  return nullptr;
}

/// The names of \p P's policies, in order.
inline std::vector<std::string> policyNames(const TemplateLoad &L, const IamPrincipal &P) {
  std::vector<std::string> Out;
  for (std::size_t I : P.policies)
    Out.push_back(L.policies.at(I).name);
  return Out;
}

/// The policy named \p Name; a test failure when there is none.
inline const Policy *policy(const TemplateLoad &L, std::string_view Name) {
  for (const Policy &P : L.policies)
    if (P.name == Name)
      return &P;
  ADD_FAILURE() << "no policy " << Name;
  return nullptr;
}

/// The condition of \p S on \p Key; a test failure when there is none.
inline const PolicyCondition *condition(const PolicyStatement &S, std::string_view Key) {
  for (const PolicyCondition &C : S.conditions)
    if (C.key == Key)
      return &C;
  ADD_FAILURE() << "no condition " << Key;
  return nullptr;
}

/// The values of policy strings, in order.
inline std::vector<std::string> values(const std::vector<PolicyString> &Strings) {
  std::vector<std::string> Out;
  for (const PolicyString &S : Strings)
    Out.push_back(S.value);
  return Out;
}

} // namespace fnlint::test
