//===- fuzz/fuzz_node.cpp - JavaScript/TypeScript tokenizer and handler rules ===//
//
// Tokenizes the input (with and without comments), then finds the exported
// `handler`, runs every Node.js handler rule on it and lists its AWS SDK calls.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "analyzers/handler/node/NodeCheck.h"
#include "analyzers/handler/node/Tokenizer.h"

#include <cstdint>
#include <cstdlib>

using namespace fnlint;
using namespace fnlint::node;

int fnlint::fuzz::node(const std::uint8_t *Data, std::size_t Size) {
  static const std::vector<std::unique_ptr<NodeCheck>> Checks = makeNodeChecks();
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  const char *End = Text.data() + Text.size();
  for (const Token &T : tokenize(Text, {/*keepComments=*/true}))
    if (T.text.data() < Text.data() || T.text.data() + T.text.size() > End)
      std::abort(); // a token outside the source
  Location File;
  File.path = "index.js";
  FindingSink Sink;
  permissions::CallInventory Inventory;
  analyzeNodeText(Text, "handler", File, Checks, Sink, &Inventory);
  return 0;
}
