#include "core/Project.h"

namespace fnlint {

const Deployable *Project::findDeployable(std::string_view TemplatePath,
                                          std::string_view LogicalId) const {
  for (const Deployable &D : deployables)
    if (D.location.path == TemplatePath && D.logicalId == LogicalId)
      return &D;
  return nullptr;
}

} // namespace fnlint
