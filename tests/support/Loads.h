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

} // namespace fnlint::test
