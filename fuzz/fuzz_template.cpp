//===- fuzz/fuzz_template.cpp - Configuration files through a scan -------===//
//
// CloudFormation/SAM templates (YAML with short-form intrinsic tags, JSON),
// serverless.yml, Terraform JSON and Lambda API JSON: the first byte picks
// the file name, the rest is its text. The whole scan and every analyzer run.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "fuzz/FuzzSupport.h"

#include <array>

int fnlint::fuzz::template_(const std::uint8_t *Data, std::size_t Size) {
  static constexpr std::array<std::string_view, 4> Names = {"template.yaml", "template.json", "serverless.yml",
                                                            "plan.json"};
  if (Size == 0)
    return 0;
  std::string_view Name = Names[Data[0] % Names.size()];
  fnlint::fuzz::scanOneFile(Name, std::string_view(reinterpret_cast<const char *>(Data + 1), Size - 1));
  return 0;
}
