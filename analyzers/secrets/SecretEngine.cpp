#include "analyzers/secrets/SecretEngine.h"
#include "core/AsciiCase.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>

namespace fnlint::secrets {

Detector::~Detector() = default;

struct SecretEngine::Impl {
  std::vector<std::unique_ptr<Detector>> Detectors;
  std::vector<std::string> Keywords;            ///< unique, lower case
  std::map<std::string, int, std::less<>> KeywordIndex;
  std::vector<std::vector<int>> DetectorKeywords; ///< per detector
  std::unique_ptr<RE2::Set> Prefilter;
};

SecretEngine::SecretEngine() {
  auto Impl_ = std::make_shared<Impl>();
  Impl_->Detectors.push_back(makePatternRules());
  Impl_->Detectors.push_back(makeAwsKeys());
  Impl_->Detectors.push_back(makePrivateKey());
  Impl_->Detectors.push_back(makeGenericHighEntropy());
  Impl_->Detectors.push_back(makeCredentialsFile());
  RE2::Options Opts;
  Opts.set_case_sensitive(false);
  Opts.set_encoding(RE2::Options::EncodingLatin1);
  Opts.set_log_errors(false);
  // A set of plain literals compiles to a small DFA; the budget is generous
  // so RE2 never falls back to the slower NFA on large content.
  Opts.set_max_mem(64 << 20);
  Impl_->Prefilter = std::make_unique<RE2::Set>(Opts, RE2::UNANCHORED);
  for (const auto &D : Impl_->Detectors) {
    std::vector<int> Ids;
    for (const std::string &K : D->keywords()) {
      auto [It, New] = Impl_->KeywordIndex.try_emplace(K, static_cast<int>(Impl_->Keywords.size()));
      if (New) {
        Impl_->Keywords.push_back(K);
        std::string Error;
        if (Impl_->Prefilter->Add(RE2::QuoteMeta(K), &Error) < 0)
          throw std::logic_error("secret keyword '" + K + "' does not compile: " + Error);
      }
      Ids.push_back(It->second);
    }
    Impl_->DetectorKeywords.push_back(std::move(Ids));
  }
  if (!Impl_->Prefilter->Compile())
    throw std::logic_error("the secret keyword prefilter does not compile");
  I = std::move(Impl_);
}

const SecretEngine &SecretEngine::get() {
  static const SecretEngine Engine;
  return Engine;
}

std::vector<Hit> SecretEngine::scan(const Content &C) const {
  std::vector<int> Matched;
  RE2::Set::ErrorInfo Error;
  if (!I->Prefilter->Match(C.text, &Matched, &Error) && Error.kind != RE2::Set::kNoError) {
    // The DFA ran out of memory: be safe rather than fast, run everything.
    Matched.clear();
    for (std::size_t K = 0; K < I->Keywords.size(); ++K)
      Matched.push_back(static_cast<int>(K));
  }
  std::vector<bool> Present(I->Keywords.size(), false);
  for (int M : Matched)
    Present[static_cast<std::size_t>(M)] = true;
  KeywordTest Has = [&](std::string_view K) {
    auto It = I->KeywordIndex.find(K);
    return It != I->KeywordIndex.end() && Present[static_cast<std::size_t>(It->second)];
  };

  std::vector<Hit> Hits;
  for (std::size_t D = 0; D < I->Detectors.size(); ++D) {
    bool Any = I->Detectors[D]->wantsContent(C);
    for (int K : I->DetectorKeywords[D])
      Any = Any || Present[static_cast<std::size_t>(K)];
    if (Any)
      I->Detectors[D]->scan(C, Has, Hits);
  }

  // Where spans overlap, the most specific rule wins: a paired AWS key over
  // the lone secret, a token format over the generic assignment rule. Kept
  // parts never overlap one another, so they sit in a map by begin and one
  // lookup per part finds any overlap: n log n however many hits there are.
  std::stable_sort(Hits.begin(), Hits.end(), [](const Hit &A, const Hit &B) {
    return A.priority != B.priority ? A.priority > B.priority : A.begin < B.begin;
  });
  std::map<std::size_t, std::size_t> Taken; // begin -> end of every kept part
  auto Overlaps = [&](std::size_t B, std::size_t E) {
    auto It = Taken.lower_bound(E); // the first part starting at or after E
    if (B >= E || It == Taken.begin())
      return false;
    --It; // the part starting last before E, which ends last of those
    return It->second > B;
  };
  std::vector<Hit> Kept;
  for (Hit &H : Hits) {
    auto Parts = H.parts();
    if (std::any_of(Parts.begin(), Parts.end(), [&](const auto &P) { return Overlaps(P.first, P.second); }))
      continue;
    for (const auto &[B, E] : Parts)
      if (B < E)
        Taken[B] = E;
    Kept.push_back(std::move(H));
  }
  std::sort(Kept.begin(), Kept.end(), [](const Hit &A, const Hit &B) {
    return A.begin != B.begin ? A.begin < B.begin : A.ruleId < B.ruleId;
  });
  return Kept;
}

double shannonEntropy(std::string_view S) {
  if (S.empty())
    return 0;
  std::array<unsigned, 256> Counts{};
  for (unsigned char C : S)
    ++Counts[C];
  double H = 0, N = static_cast<double>(S.size());
  for (unsigned Count : Counts)
    if (Count) {
      double P = Count / N;
      H -= P * std::log2(P);
    }
  return H;
}

std::string redact(std::string_view Secret) {
  // Characters, not bytes: a cut through a UTF-8 sequence would print an
  // invalid byte, and its length would not be the one a reader counts.
  auto IsLead = [](char C) { return (static_cast<unsigned char>(C) & 0xC0) != 0x80; };
  std::size_t Chars = static_cast<std::size_t>(std::count_if(Secret.begin(), Secret.end(), IsLead));
  std::size_t Keep = std::min<std::size_t>(4, Chars / 4); // short secrets show less
  std::size_t Bytes = 0;
  for (std::size_t Kept = 0; Bytes < Secret.size(); ++Bytes) {
    if (IsLead(Secret[Bytes]) && Kept++ == Keep)
      break;
  }
  std::string Out(Secret.substr(0, Bytes));
  Out += "\u2026 (" + std::to_string(Chars) + " characters)";
  return Out;
}

static bool isWordChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}

bool atWordBoundary(std::string_view Text, std::size_t Begin, std::size_t End) {
  if (Begin > 0 && isWordChar(Text[Begin - 1]))
    return false;
  return End >= Text.size() || !isWordChar(Text[End]);
}

bool looksLikePlaceholder(std::string_view V) {
  if (V.empty())
    return true;
  std::string L = toLowerAscii(V);
  // References to be filled in elsewhere.
  for (std::string_view Ref : {"${", "{{", "$(", "%(", "<%", "#{", "process.env", "os.environ", "getenv("})
    if (L.find(Ref) != std::string::npos)
      return true;
  if ((L.front() == '<' && L.back() == '>') || (L.front() == '%' && L.back() == '%') ||
      (L.front() == '[' && L.back() == ']') || L.front() == '$')
    return true;
  // One character repeated ("xxxxxxxx", "********", "00000000").
  if (std::all_of(L.begin(), L.end(), [&](char C) { return C == L.front(); }))
    return true;
  for (std::string_view Word : {"your", "example", "changeme", "change_me", "change-me", "placeholder", "dummy",
                                "redacted", "replace", "insert", "xxxx", "****", "todo", "fixme", "sample",
                                "<secret>", "secret_here", "key_here", "token_here", "password_here"})
    if (L.find(Word) != std::string::npos)
      return true;
  return false;
}

bool isSecretVariableName(std::string_view Name) {
  std::string U = toUpperAscii(Name);
  bool Secretish = false;
  for (std::string_view W : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY",
                             "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY", "CLIENT_SECRET", "SIGNING_KEY"})
    Secretish = Secretish || U.find(W) != std::string::npos;
  if (!Secretish)
    return false;
  for (std::string_view W : {"_ARN", "_NAME", "_ID", "_TABLE", "_PARAM", "_PATH", "_TTL", "_EXPIR", "_LENGTH",
                             "_URL", "_URI", "_ENDPOINT", "_REGION", "_FILE", "_HEADER", "_FIELD", "_ENABLED",
                             "_TYPE", "_MODE", "_KEY_ID", "_ISSUER", "_AUDIENCE", "_SECONDS", "_MINUTES",
                             "_DOMAIN", "_CALLBACK", "_RESET", "_HOST", "_PORT"})
    if (U.find(W) != std::string::npos)
      return false;
  return true;
}

/// Names of where a secret lives, not secrets: "prod/orders/db-credentials",
/// "alias/jwt-signing", "__Host-session-token", "orders-db-password-v2",
/// "myapp-prod-". Words (lower case, or capitalised, with at most two
/// digits after them: v2, db01) joined by / - _ . or :.
bool looksLikeName(std::string_view V) {
  auto Separator = [](char C) { return C == '/' || C == '-' || C == '_' || C == '.' || C == ':'; };
  auto Is = [](int (*F)(int), char C) { return F(static_cast<unsigned char>(C)) != 0; };
  bool Separated = false;
  for (std::size_t I = 0; I < V.size();) {
    if (Separator(V[I])) {
      Separated = true;
      ++I;
      continue;
    }
    if (Is(std::isupper, V[I]))
      ++I;
    std::size_t Letters = I;
    while (I < V.size() && Is(std::islower, V[I]))
      ++I;
    if (I == Letters)
      return false; // no lower-case letters: not a word
    std::size_t Digits = I;
    while (I < V.size() && Is(std::isdigit, V[I]))
      ++I;
    if (I - Digits > 2 || (I < V.size() && !Separator(V[I])))
      return false;
  }
  return Separated;
}

bool looksLikeSecretValue(std::string_view V) {
  if (V.size() < 8 || looksLikePlaceholder(V) || looksLikeName(V))
    return false;
  std::string U = toUpperAscii(V);
  if (U == "TRUE" || U == "FALSE" || U == "ENABLED" || U == "DISABLED" || U == "NONE" || U == "NULL")
    return false;
  // Where a secret lives, not the secret: URLs, paths, ARNs, domains.
  if (V.find("://") != std::string_view::npos || V.front() == '/' || V.front() == '.' ||
      V.rfind("arn:", 0) == 0 || V.rfind("~/", 0) == 0)
    return false;
  bool Digit = false, Upper = false, Lower = false, Other = false;
  for (char C : V) {
    auto Ch = static_cast<unsigned char>(C);
    Digit |= std::isdigit(Ch) != 0;
    Upper |= std::isupper(Ch) != 0;
    Lower |= std::islower(Ch) != 0;
    Other |= !std::isalnum(Ch);
  }
  if (Digit && !Upper && !Lower && !Other)
    return false; // a number
  return (Digit + Upper + Lower + Other) >= 2;
}

bool isExampleDataPath(std::string_view Path) {
  auto EndsWith = [&](std::string_view Suffix) {
    return Path.size() >= Suffix.size() && Path.substr(Path.size() - Suffix.size()) == Suffix;
  };
  return EndsWith(".examples.json") || EndsWith("/examples-1.json") || Path == "examples-1.json" ||
         EndsWith(".d.ts") || EndsWith(".d.mts") || EndsWith(".d.cts");
}

bool isThirdPartyPath(std::string_view Path, const std::vector<std::string> &MoreFolders) {
  // Whole components only: payment-vendor/ and my_node_modules_notes/ are a
  // project's own folders. Members of an archive ("fn.zip!/lib/x.jar!/A")
  // are components too.
  std::string_view Previous;
  for (std::size_t Pos = 0; Pos < Path.size();) {
    std::size_t Slash = Path.find('/', Pos);
    bool Folder = Slash != std::string_view::npos;
    std::string_view Part = Path.substr(Pos, Folder ? Slash - Pos : std::string_view::npos);
    Pos = Folder ? Slash + 1 : Path.size();
    if (!Part.empty() && Part.back() == '!')
      Part.remove_suffix(1);
    if (Folder && (Part == "node_modules" || Part == "site-packages" || Part == "dist-packages" ||
                   Part == "bower_components" || Part == "vendor" || Part.ends_with(".dist-info") ||
                   Part.ends_with(".egg-info")))
      return true;
    if (Folder && std::find(MoreFolders.begin(), MoreFolders.end(), Part) != MoreFolders.end())
      return true;
    // A Lambda Java package's dependencies: the jars in lib/ (java/lib/ in a
    // layer), and anything inside them. A project's own lib/ folder of
    // sources is not third-party.
    if (Previous == "lib" && Part.size() > 4 && Part.ends_with(".jar"))
      return true;
    Previous = Part;
  }
  return false;
}

} // namespace fnlint::secrets
