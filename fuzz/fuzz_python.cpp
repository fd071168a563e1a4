//===- fuzz/fuzz_python.cpp - Python tokenizer and handler rules ---------===//
//
// Tokenizes the input, builds the function table, runs every Python handler
// rule on the conventional handler and lists its boto3 calls, following one
// local import into the same text (so module-following code runs too).
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "analyzers/handler/python/PythonCheck.h"
#include "analyzers/handler/python/SdkCalls.h"

#include <cstdint>
#include <cstdlib>

using namespace fnlint;
using namespace fnlint::python;

int fnlint::fuzz::python(const std::uint8_t *Data, std::size_t Size) {
  static const std::vector<std::unique_ptr<PythonCheck>> Checks = makePythonChecks();
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  Location File;
  File.path = "app.py";

  for (const Token &T : tokenize(Text))
    if (std::size_t(T.offset) + T.length > Text.size())
      std::abort(); // a token outside the source
  FindingSink Sink;
  analyzePythonText(Text, {}, File, Checks, Sink);

  Source S(Text);
  int Handler = S.topLevelFunction("lambda_handler");
  if (Handler < 0)
    Handler = S.topLevelFunction("handler");
  if (Handler < 0)
    return 0;
  HandlerFile H{S, Handler, File, "Fn"};
  LocalModuleLoader Load = [&](std::string_view Module) -> std::optional<LocalModule> {
    if (Module != "utils")
      return std::nullopt;
    Location Utils;
    Utils.path = "utils.py";
    return LocalModule{std::string(Text), Utils};
  };
  (void)sdkCalls(H, Load);
  return 0;
}
