//===- fuzz/FuzzMain.cpp - libFuzzer's entry point for one target --------===//
//
// Compiled once per target with FNLINT_FUZZ_TARGET naming its function.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *Data, std::size_t Size) {
  return fnlint::fuzz::FNLINT_FUZZ_TARGET(Data, Size);
}
