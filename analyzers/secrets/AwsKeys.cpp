//===- AwsKeys.cpp - AWS credentials ----------------------------------------===//
//
// secret/aws-access-key: a key id with a 40-character secret access key near
// it (the pair is a working credential). secret/aws-access-key-id: a lone
// long-term (AKIA) key id. secret/aws-secret-key: a secret access key in an
// assignment that names it. secret/aws-session-token: a session token so
// named.
//
// The secret access key has no shape of its own (40 base64 characters, like
// many hashes), so a bare 40-character string counts only next to a key id,
// with the entropy of a random key; the key id's base32 body decodes offline
// to its AWS account (research/secrets.md §2.3), which the finding names.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

namespace fnlint::secrets {

namespace {

constexpr std::size_t PairDistance = 1024; ///< bytes between a key id and its secret

/// The AWS documentation's own example credentials, copied into countless
/// READMEs and tests.
bool isDocumentationExample(std::string_view S) {
  return S.find("EXAMPLE") != std::string_view::npos;
}

} // namespace

std::optional<std::string> awsAccountOfKeyId(std::string_view KeyId) {
  if (KeyId.size() < 20 || KeyId[4] == 'I' || KeyId[4] == 'J')
    return std::nullopt; // old-format ids (AKIAI..., AKIAJ...) encode no account
  std::uint64_t Bits = 0;
  int NBits = 0;
  unsigned char Bytes[10];
  int NBytes = 0;
  for (char C : KeyId.substr(4, 16)) {
    int V = C >= 'A' && C <= 'Z' ? C - 'A' : C >= '2' && C <= '7' ? C - '2' + 26 : -1;
    if (V < 0)
      return std::nullopt;
    Bits = (Bits << 5) | static_cast<std::uint64_t>(V);
    NBits += 5;
    if (NBits >= 8) {
      NBits -= 8;
      Bytes[NBytes++] = static_cast<unsigned char>(Bits >> NBits);
      Bits &= (1ull << NBits) - 1;
    }
  }
  std::uint64_t Z = 0;
  for (int I = 0; I < 6; ++I)
    Z = (Z << 8) | Bytes[I];
  std::uint64_t Account = (Z & 0x7fffffffff80ull) >> 7;
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%012llu", static_cast<unsigned long long>(Account));
  return std::string(Buf);
}

namespace {

bool isBase64Char(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '+' || C == '/' || C == '=';
}

bool isHex(char C) { return std::isxdigit(static_cast<unsigned char>(C)) != 0; }

/// Whether the 40 characters at [SB, SE) of \p Text stand on their own, not
/// a slice of a longer base64 or URL-encoded run (a presigned URL's
/// X-Amz-Security-Token is hundreds of such characters with %2F and %2B
/// between them). '=' before is an assignment (KEY=value). In a binary,
/// a string that a length byte of 40 ('(') announces ends where the length
/// says, whatever follows (a .pyc's next constant starts with its type byte).
bool standsAlone(std::string_view Text, std::size_t SB, std::size_t SE, bool Binary) {
  if (SB > 0) {
    char Before = Text[SB - 1];
    if (Before == '%' || (Before != '=' && isBase64Char(Before)))
      return false;
  }
  bool LengthPrefixed = Binary && SB > 0 && Text[SB - 1] == static_cast<char>(SE - SB);
  if (SE < Text.size() && !LengthPrefixed) {
    if (isBase64Char(Text[SE]))
      return false;
    if (Text[SE] == '%' && SE + 2 < Text.size() && isHex(Text[SE + 1]) && isHex(Text[SE + 2]))
      return false;
  }
  return true;
}

class AwsKeys final : public Detector {
public:
  AwsKeys()
      : KeyIds("secret/aws-access-key"), KeyedSecret("secret/aws-secret-key"), SessionToken("secret/aws-session-token") {
    RE2::Options O;
    O.set_encoding(RE2::Options::EncodingLatin1);
    O.set_log_errors(false);
    SecretShape = std::make_unique<RE2>("[A-Za-z0-9+/]{40}", O);
  }

  std::vector<std::string> keywords() const override {
    std::vector<std::string> K = KeyIds.keywords();
    K.insert(K.end(), KeyedSecret.keywords().begin(), KeyedSecret.keywords().end());
    K.insert(K.end(), SessionToken.keywords().begin(), SessionToken.keywords().end());
    return K;
  }

  void scan(const Content &C, const KeywordTest &Has, std::vector<Hit> &Out) const override {
    auto Any = [&](const Pattern &P) {
      return std::any_of(P.keywords().begin(), P.keywords().end(), [&](const std::string &K) { return Has(K); });
    };
    if (Any(KeyIds))
      scanKeyIds(C, Out);
    if (!C.thirdParty && Any(KeyedSecret))
      KeyedSecret.forEach(C.text, [&](std::size_t B, std::size_t E) {
        std::string_view S = C.text.substr(B, E - B);
        if (isDocumentationExample(S) || shannonEntropy(S) <= 4.0)
          return;
        Out.push_back(hit("secret/aws-secret-key", B, E, C, "AWS secret access key " + redact(S), 60));
      });
    if (!C.thirdParty && Any(SessionToken))
      SessionToken.forEach(C.text, [&](std::size_t B, std::size_t E) {
        std::string_view S = C.text.substr(B, E - B);
        // Every STS token's base64 carries "aws" (YXdz) or "origin_ec" (Jb3JpZ2luX2Vj).
        if (S.find("YXdz") == std::string_view::npos && S.find("Jb3JpZ2luX2Vj") == std::string_view::npos)
          return;
        Out.push_back(hit("secret/aws-session-token", B, E, C, "AWS session token " + redact(S), 50));
      });
  }

private:
  Pattern KeyIds, KeyedSecret, SessionToken;
  std::unique_ptr<RE2> SecretShape;

  static Hit hit(std::string_view Rule, std::size_t B, std::size_t E, const Content &C, std::string Message,
                 int Priority) {
    Hit H;
    H.ruleId = Rule;
    H.begin = B;
    H.end = E;
    H.secret = std::string(C.text.substr(B, E - B));
    H.message = std::move(Message);
    H.priority = Priority;
    return H;
  }

  /// The 40-character secret nearest to the key id at [B, E), within
  /// PairDistance bytes and not already paired with another key id
  /// (\p Used holds the begins of those).
  std::optional<std::pair<std::size_t, std::size_t>> nearbySecret(const Content &C, std::size_t B, std::size_t E,
                                                                  const std::set<std::size_t> &Used) const {
    std::string_view Text = C.text;
    std::size_t From = B > PairDistance ? B - PairDistance : 0;
    std::size_t To = std::min(Text.size(), E + PairDistance);
    std::optional<std::pair<std::size_t, std::size_t>> Best;
    std::size_t BestDistance = SIZE_MAX;
    re2::StringPiece Match;
    std::size_t Pos = From;
    while (Pos < To && SecretShape->Match(re2::StringPiece(Text.data(), Text.size()), Pos, To, RE2::UNANCHORED,
                                          &Match, 1)) {
      std::size_t SB = static_cast<std::size_t>(Match.data() - Text.data()), SE = SB + Match.size();
      Pos = SB + 1;
      if (!standsAlone(Text, SB, SE, C.binary))
        continue;
      Pos = SE;
      std::string_view S = Text.substr(SB, SE - SB);
      if (Used.count(SB) || isDocumentationExample(S) || shannonEntropy(S) <= 4.25 ||
          std::all_of(S.begin(), S.end(), [](char Ch) { return std::isxdigit(static_cast<unsigned char>(Ch)); }))
        continue;
      std::size_t Distance = SB >= E ? SB - E : B - SE;
      if (Distance < BestDistance) {
        BestDistance = Distance;
        Best = {SB, SE};
      }
    }
    return Best;
  }

  void scanKeyIds(const Content &C, std::vector<Hit> &Out) const {
    // Key ids in order, each with the nearest secret no earlier key id took:
    // two pairs written interleaved (ID_DEV, ID_PROD, SECRET_DEV,
    // SECRET_PROD) are two pairs, not one pair and a lost key id.
    std::set<std::size_t> Used;
    KeyIds.forEach(C.text, [&](std::size_t B, std::size_t E) {
      keyId(C, B, E, Used, Out);
    }, C.binary);
  }

  void keyId(const Content &C, std::size_t B, std::size_t E, std::set<std::size_t> &Used,
             std::vector<Hit> &Out) const {
    {
      std::string_view Id = C.text.substr(B, E - B);
      if (isDocumentationExample(Id))
        return;
      std::optional<std::string> Account = awsAccountOfKeyId(Id);
      bool LongTerm = Id.rfind("AKIA", 0) == 0;
      std::string Kind = LongTerm ? "long-term" : Id.rfind("ASIA", 0) == 0 ? "temporary" : "service";
      std::string Who = Account ? " of account " + *Account : "";
      if (auto Secret = nearbySecret(C, B, E, Used)) {
        auto [SB, SE] = *Secret;
        Used.insert(SB);
        std::size_t Lines = static_cast<std::size_t>(std::count(C.text.begin() + static_cast<std::ptrdiff_t>(std::min(SB, B)),
                                                                C.text.begin() + static_cast<std::ptrdiff_t>(std::max(SB, B)), '\n'));
        std::string Where = Lines == 0 ? "on the same line" : std::to_string(Lines) + (Lines == 1 ? " line " : " lines ") +
                                                                  (SB > B ? "below" : "above");
        Hit H = hit("secret/aws-access-key", std::min(B, SB), std::max(E, SE), C,
                    "AWS access key " + redact(Id) + Who + " (" + Kind + ") with its secret access key " +
                        redact(C.text.substr(SB, SE - SB)) + " " + Where,
                    100);
        H.secret = std::string(Id) + ":" + std::string(C.text.substr(SB, SE - SB));
        // Only the key id and the secret are the finding's secret, not what
        // lies between them.
        H.gapBegin = std::min(E, SE);
        H.gapEnd = std::max(B, SB);
        H.properties = {{"keyType", Kind}};
        if (Account)
          H.properties["account"] = *Account;
        H.regionBegin = B; // the finding points at the key id
        H.regionEnd = E;
        Out.push_back(std::move(H));
        return;
      }
      if (!LongTerm || C.thirdParty)
        return; // a lone temporary id (presigned URLs carry one) is not a credential
      Hit H = hit("secret/aws-access-key-id", B, E, C,
                  "AWS access key id " + redact(Id) + Who + " (long-term); its secret access key may be elsewhere",
                  50);
      H.properties = {{"keyType", Kind}};
      if (Account)
        H.properties["account"] = *Account;
      Out.push_back(std::move(H));
    }
  }
};

} // namespace

std::unique_ptr<Detector> makeAwsKeys() { return std::make_unique<AwsKeys>(); }

} // namespace fnlint::secrets
