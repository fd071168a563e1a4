#include "core/ScanReport.h"

#include <algorithm>

namespace fnlint {

std::size_t ScanReport::count(Level L) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [L](const Finding &F) { return F.level == L; }));
}

} // namespace fnlint
