//===- fuzz/fuzz_secrets.cpp - The secret scanner on any content ---------===//
//
// The first byte chooses how the content is presented (its file name, and
// whether it is a binary's printable runs or third-party code); the rest is
// the content. Every detector whose keywords occur runs on it.
//
//===----------------------------------------------------------------------===//
#include "fuzz/FuzzTargets.h"
#include "analyzers/secrets/SecretEngine.h"

#include <array>
#include <cstdint>
#include <cstdlib>

using namespace fnlint::secrets;

int fnlint::fuzz::secrets(const std::uint8_t *Data, std::size_t Size) {
  static constexpr std::array<std::string_view, 8> Paths = {
      "app.py", "index.js", ".env", "config/settings.json", "credentials", ".aws/credentials", "id_rsa",
      "lib/app.class"};
  if (Size == 0)
    return 0;
  std::uint8_t Mode = Data[0];
  Content C;
  C.path = Paths[Mode % Paths.size()];
  C.binary = Mode & 0x08;
  C.thirdParty = Mode & 0x10;
  C.minEntropy = (Mode & 0x20) ? 3.0 : 0;
  C.text = std::string_view(reinterpret_cast<const char *>(Data + 1), Size - 1);
  for (const Hit &H : SecretEngine::get().scan(C)) {
    // Hits index into the content; a bad offset is a bug even if nothing reads it yet.
    if (H.begin > H.end || H.end > C.text.size() || H.gapBegin > H.gapEnd || H.gapEnd > H.end)
      std::abort();
    (void)redact(H.secret);
  }
  return 0;
}
