//===- analyzers/permissions/Permissions.h - Least-privilege rules -*- C++ -*-===//
//
// permissions/missing-grant and permissions/unused-grant compare what a
// function's code calls (the CallInventory of its handler, mapped to IAM by
// SdkMapping.h) with what its execution role allows. They run after every
// language analyzer has filled Analysis::inventories.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analyzers/permissions/CallInventory.h"
#include "core/Finding.h"
#include "core/Project.h"

#include <vector>

namespace fnlint::permissions {

void analyzePermissions(const Project &P, const std::vector<CallInventory> &Inventories,
                        std::vector<Finding> &Findings);

} // namespace fnlint::permissions
