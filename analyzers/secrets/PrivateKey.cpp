//===- PrivateKey.cpp - secret/private-key ----------------------------------===//
//
// A PEM or OpenSSH private key block, checked for structure: a BEGIN line, a
// matching END line, and between them enough base64 to be a key. "-----BEGIN
// RSA PRIVATE KEY-----" followed by "..." in a README is not a key; a key
// written into a string literal with "\n" escapes and '+' concatenation is.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"

#include <cctype>

namespace fnlint::secrets {

namespace {

constexpr std::size_t MaxKeyBytes = 32 * 1024; ///< far beyond a 16384-bit RSA key in PEM
constexpr std::size_t MinBodyChars = 64;       ///< the shortest real key (Ed25519 PKCS#8) has 64 base64 chars

class PrivateKey final : public Detector {
public:
  PrivateKey() : Begin("secret/private-key") {}

  std::vector<std::string> keywords() const override { return Begin.keywords(); }

  void scan(const Content &C, const KeywordTest &, std::vector<Hit> &Out) const override {
    Begin.forEach(C.text, [&](std::size_t B, std::size_t E) {
      std::string_view Header = C.text.substr(B, E - B); // "-----BEGIN RSA PRIVATE KEY-----"
      std::size_t LabelBegin = Header.find("BEGIN ");
      if (LabelBegin == std::string_view::npos)
        return;
      std::string_view Label = Header.substr(LabelBegin + 6);
      while (!Label.empty() && Label.back() == '-')
        Label.remove_suffix(1);
      std::string EndLine = "-----END " + std::string(Label) + "-----";
      std::string_view Rest = C.text.substr(E, std::min(MaxKeyBytes, C.text.size() - E));
      std::size_t EndPos = Rest.find(EndLine);
      if (EndPos == std::string_view::npos)
        return;
      std::string_view Body = Rest.substr(0, EndPos);
      // Keep the base64 of the body: drop escaped newlines, quotes and
      // concatenation of string literals, and PEM headers (Proc-Type: ...).
      std::string Key;
      bool Encrypted = Label.find("ENCRYPTED") != std::string_view::npos;
      // A key written as string literals ("...\n" + "...") has code and
      // comments between them: only what is inside quotes is key data.
      bool Quoted = Body.find('"') != std::string_view::npos || Body.find('\'') != std::string_view::npos ||
                    Body.find('`') != std::string_view::npos;
      bool InString = true; // the BEGIN line's string is still open after the header
      std::size_t LineStart = 0;
      while (LineStart < Body.size()) {
        std::size_t LineEnd = Body.find('\n', LineStart);
        if (LineEnd == std::string_view::npos)
          LineEnd = Body.size();
        std::string_view Line = Body.substr(LineStart, LineEnd - LineStart);
        LineStart = LineEnd + 1;
        if (Line.find("Proc-Type:") != std::string_view::npos || Line.find("DEK-Info:") != std::string_view::npos) {
          Encrypted = Encrypted || Line.find("ENCRYPTED") != std::string_view::npos;
          continue;
        }
        for (std::size_t I = 0; I < Line.size(); ++I) {
          char Ch = Line[I];
          if (Ch == '\\' && I + 1 < Line.size() && (Line[I + 1] == 'n' || Line[I + 1] == 'r')) {
            ++I;
            continue;
          }
          if (Quoted && (Ch == '"' || Ch == '\'' || Ch == '`')) {
            InString = !InString;
            continue;
          }
          if (Quoted && !InString)
            continue;
          if (std::isalnum(static_cast<unsigned char>(Ch)) || Ch == '/' || Ch == '=' ||
              (Ch == '+' && I + 1 < Line.size() && Line[I + 1] != ' ' && Line[I + 1] != '\n'))
            Key += Ch;
        }
      }
      if (Key.size() < MinBodyChars || looksLikePlaceholder(Key))
        return;
      Hit H;
      H.ruleId = "secret/private-key";
      H.begin = B;
      H.end = E + EndPos + EndLine.size();
      H.regionBegin = B;
      H.regionEnd = E; // the BEGIN line
      H.secret = Key;
      std::string Kind(Label); // "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY"
      H.message = Kind + " block (" + std::to_string(Key.size()) + " characters of key data" +
                  (Encrypted ? ", encrypted" : "") + "), starting " + redact(Key);
      H.properties = {{"label", Kind}, {"encrypted", Encrypted}};
      H.priority = 90;
      Out.push_back(std::move(H));
    });
  }

private:
  Pattern Begin;
};

} // namespace

std::unique_ptr<Detector> makePrivateKey() { return std::make_unique<PrivateKey>(); }

} // namespace fnlint::secrets
