//===- GenericHighEntropy.cpp - secret/generic-high-entropy -----------------===//
//
// A random-looking value assigned to a name that says it is secret
// (password, api_key, client_secret, ...). The pattern and entropy come from
// the rule's detect block; this unit adds what a pattern cannot say: the
// value must not be code (a call, a member access, a variable), a path, a
// URL, a number, or words.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace fnlint::secrets {

namespace {

bool looksLikeCode(std::string_view V) {
  // getSecret(), config.password, self.token, os.environ['X'], a Java/C++
  // identifier: values read from somewhere, not values.
  if (V.find('(') != std::string_view::npos || V.find("::") != std::string_view::npos ||
      V.find("->") != std::string_view::npos)
    return true;
  bool Dotted = V.find('.') != std::string_view::npos &&
                std::all_of(V.begin(), V.end(), [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '.' || C == '_'; });
  return Dotted && !std::isdigit(static_cast<unsigned char>(V.front()));
}

bool looksLikeWordsOrPath(std::string_view V) {
  if (V.find('/') != std::string_view::npos && V.find("://") == std::string_view::npos &&
      std::count(V.begin(), V.end(), '/') >= 2)
    return true; // a path, not base64 (which has few slashes)
  if (V.rfind("http://", 0) == 0 || V.rfind("https://", 0) == 0 || V.rfind("arn:", 0) == 0)
    return true;
  // Letters, '_', '-' and '.' only: identifiers and words (a "password" of
  // real entropy has digits or symbols).
  return std::all_of(V.begin(), V.end(), [](char C) {
    return std::isalpha(static_cast<unsigned char>(C)) || C == '_' || C == '-' || C == '.';
  });
}

class GenericHighEntropy final : public Detector {
public:
  GenericHighEntropy() : Assignment("secret/generic-high-entropy") {}

  std::vector<std::string> keywords() const override { return Assignment.keywords(); }

  void scan(const Content &C, const KeywordTest &, std::vector<Hit> &Out) const override {
    if (C.thirdParty || C.binary)
      return; // medium confidence: dependencies and binaries are full of such names
    Assignment.forEach(C.text, [&](std::size_t B, std::size_t E) {
      std::string_view V = C.text.substr(B, E - B);
      if (looksLikeCode(V) || looksLikeWordsOrPath(V))
        return;
      Hit H;
      H.ruleId = "secret/generic-high-entropy";
      H.begin = B;
      H.end = E;
      H.secret = std::string(V);
      char Entropy[16];
      std::snprintf(Entropy, sizeof Entropy, "%.1f", shannonEntropy(V));
      H.message = "high-entropy value " + redact(V) + " (" + Entropy + " bits per character) assigned to a secret name";
      H.priority = 10;
      Out.push_back(std::move(H));
    });
  }

private:
  Pattern Assignment;
};

} // namespace

std::unique_ptr<Detector> makeGenericHighEntropy() { return std::make_unique<GenericHighEntropy>(); }

} // namespace fnlint::secrets
