#include "core/Project.h"


namespace fnlint {

const Deployable *Project::findDeployable(std::string_view TemplatePath,
                                          std::string_view LogicalId) const {
  for (const Deployable &D : deployables)
    if (D.location.path == TemplatePath && D.logicalId == LogicalId)
      return &D;
  return nullptr;
}

std::unique_ptr<EntryReader> Project::openFile(std::string_view Path, std::string &Error) const {
  std::string Abs = !Path.empty() && Path.front() == '/' ? std::string(Path) : root + "/" + std::string(Path);
  return openDiskFile(Abs, Error);
}

} // namespace fnlint
