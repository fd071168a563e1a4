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
#include "core/AsciiCase.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace fnlint::secrets {

namespace {

/// An identifier made of words (SignatureV4SignWithCredentials,
/// webIdentityTokenFile): words of four or more letters cover most of it.
/// Random strings rarely hold one such word, never mostly words.
bool wordyIdentifier(std::string_view V) {
  if (V.empty() || !(std::isalpha(static_cast<unsigned char>(V.front())) || V.front() == '_' || V.front() == '$'))
    return false;
  std::size_t Words = 0, WordLetters = 0;
  for (std::size_t I = 0; I < V.size();) {
    auto C = static_cast<unsigned char>(V[I]);
    if (!std::isalnum(C) && C != '_' && C != '$')
      return false;
    std::size_t Start = I;
    if (std::isupper(C))
      ++I;
    while (I < V.size() && std::islower(static_cast<unsigned char>(V[I])))
      ++I;
    if (I == Start) {
      ++I;
      continue;
    }
    if (I - Start >= 4) {
      ++Words;
      WordLetters += I - Start;
    }
  }
  return Words >= 2 && WordLetters * 10 >= V.size() * 6;
}

bool looksLikeCode(std::string_view V) {
  // getSecret(), config.password, self.token, os.environ['X'], a?.b, a Java
  // or C++ identifier: values read from somewhere, not values.
  if (V.find('(') != std::string_view::npos || V.find("::") != std::string_view::npos ||
      V.find("->") != std::string_view::npos || V.find("?.") != std::string_view::npos || V.back() == '.' ||
      V.front() == '!')
    return true;
  if (wordyIdentifier(V))
    return true;
  // String concatenation: 'x-amz-security-token:'+options.credentials.sessionToken
  while (!V.empty() && (V.front() == '+' || V.front() == ' '))
    V.remove_prefix(1);
  if (V.empty())
    return true;
  bool Dotted = V.find('.') != std::string_view::npos &&
                std::all_of(V.begin(), V.end(), [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '.' || C == '_'; });
  return Dotted && !std::isdigit(static_cast<unsigned char>(V.front()));
}

bool looksLikeWordsOrPath(std::string_view V) {
  if (V.find('/') != std::string_view::npos && V.find("://") == std::string_view::npos &&
      std::count(V.begin(), V.end(), '/') >= 2)
    return true; // a path, not base64 (which has few slashes)
  if (V.rfind("http://", 0) == 0 || V.rfind("https://", 0) == 0 || V.rfind("arn:", 0) == 0 || looksLikeName(V))
    return true;
  // Letters, '_', '-' and '.' only: identifiers and words (a "password" of
  // real entropy has digits or symbols).
  return std::all_of(V.begin(), V.end(), [](char C) {
    return std::isalpha(static_cast<unsigned char>(C)) || C == '_' || C == '-' || C == '.';
  });
}

/// Tokens that are not credentials: pagination cursors (NextToken,
/// ContinuationToken), idempotency and CSRF tokens, KMS grant tokens.
/// Judged on the name written just before the value.
bool benignTokenName(std::string_view Text, std::size_t ValueBegin) {
  std::size_t From = ValueBegin > 48 ? ValueBegin - 48 : 0;
  std::size_t LineStart = Text.rfind('\n', ValueBegin);
  if (LineStart != std::string_view::npos && LineStart + 1 > From)
    From = LineStart + 1;
  std::string Name(Text.substr(From, ValueBegin - From));
  if (Name.find("://") != std::string::npos)
    return true; // user:password@host in a URL is connection-string's to judge
  Name = toLowerAscii(Name);
  for (std::string_view Benign : {"nexttoken", "next_token", "continuationtoken", "continuation_token",
                                  "paginationtoken", "pagetoken", "page_token", "synctoken", "granttoken",
                                  "clienttoken", "client_token", "idempotency", "csrf", "xsrf", "nextmarker",
                                  "cursor", "token_type", "tokentype", "termtoken",
                                  // a presigned URL's credential scope: key id/date/region/service
                                  "x-amz-credential"})
    if (Name.find(Benign) != std::string::npos)
      return true;
  return false;
}

bool isTypeScript(std::string_view Path) {
  for (std::string_view Ext : {".ts", ".tsx", ".mts", ".cts"})
    if (Path.ends_with(Ext))
      return true;
  return false;
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
      // TypeScript's non-null assertion on an unquoted expression:
      // creds.SessionToken! is code, whatever the '!' does to its shape.
      std::string_view Judged = V;
      bool Quoted = B > 0 && (C.text[B - 1] == '"' || C.text[B - 1] == '\'' || C.text[B - 1] == '`');
      if (!Quoted && isTypeScript(C.path))
        while (Judged.size() > 1 && Judged.back() == '!')
          Judged.remove_suffix(1);
      if (looksLikeCode(Judged) || looksLikeWordsOrPath(V) || benignTokenName(C.text, B))
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
    }, /*Binary=*/false, C.minEntropy > 0 ? C.minEntropy : -1);
  }

private:
  Pattern Assignment;
};

} // namespace

std::unique_ptr<Detector> makeGenericHighEntropy() { return std::make_unique<GenericHighEntropy>(); }

} // namespace fnlint::secrets
