//===- core/FindingSink.h - Where checks report -----------------*- C++ -*-===//
#pragma once

#include "core/Finding.h"

#include <string>
#include <string_view>
#include <vector>

namespace fnlint {

/// Collects the findings of one unit of work (one package, one template).
/// Each parallel task has its own sink; results are merged and sorted after,
/// so output does not depend on scheduling.
class FindingSink {
public:
  /// Records a finding of rule \p RuleId at its catalogue level. The rule must
  /// exist in rules/ (a check reporting an unknown id is a bug, caught by the
  /// catalogue tests). Returns the finding so the caller can add a key and
  /// properties.
  Finding &report(std::string_view RuleId, std::string Message, Location Where);

  std::vector<Finding> &findings() { return Findings; }

private:
  std::vector<Finding> Findings;
};

} // namespace fnlint
