//===- PatternRules.cpp - Rules that are patterns ---------------------------===//
//
// Runs every rule whose YAML names this file as its implementation: token
// formats (GitHub, Slack, Stripe, ...) and connection strings. Each is fully
// described by its detect: block; this unit compiles the blocks and applies
// their filters. Also the home of Pattern, which the code rules use for the
// patterns in their own detect: blocks.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"

#include "core/RuleInfo.h"

#include <re2/re2.h>

#include <mutex>
#include <stdexcept>

namespace fnlint::secrets {

struct Pattern::Impl {
  const RuleInfo *Rule = nullptr;
  std::string Regex;
  std::vector<std::string> AllowRegexes;
  // Compiled on first use: a scan meets the keywords of few formats, and
  // compiling every pattern up front was a fifth of a small scan's CPU time
  // (the pre-commit hook's, bench/pre-commit-hook.sh).
  std::once_flag Compiled;
  std::unique_ptr<RE2> Re;
  std::vector<std::unique_ptr<RE2>> Allow;
  int Group = 0;
  double MinEntropy = 0;
  std::size_t MinLength = 0;
  bool Boundary = false;
  bool High = true;
  std::vector<std::string> Keywords;

  /// The compiled regular expression (and the allow list's), compiled once.
  const RE2 &re();
};

namespace {

RE2::Options patternOptions() {
  RE2::Options O;
  // Content is bytes, not always valid UTF-8, and every pattern is ASCII:
  // Latin-1 matches byte by byte, faster and without decoding surprises.
  O.set_encoding(RE2::Options::EncodingLatin1);
  O.set_log_errors(false);
  O.set_max_mem(32 << 20);
  return O;
}

} // namespace

const RE2 &Pattern::Impl::re() {
  std::call_once(Compiled, [this] {
    auto Compiled = std::make_unique<RE2>(Regex, patternOptions());
    if (!Compiled->ok())
      throw std::logic_error("rule " + std::string(Rule->id) + ": " + Compiled->error());
    for (const std::string &A : AllowRegexes)
      Allow.push_back(std::make_unique<RE2>(A, patternOptions()));
    Re = std::move(Compiled);
  });
  return *Re;
}

Pattern::Pattern(std::string_view RuleId) : I(std::make_unique<Impl>()) {
  I->Rule = findRule(RuleId);
  if (!I->Rule || I->Rule->detect.empty())
    throw std::logic_error("rule " + std::string(RuleId) + " has no detect block");
  auto D = nlohmann::json::parse(I->Rule->detect);
  I->Regex = D.at("regex").get<std::string>();
  I->Group = D.value("secret-group", 0);
  I->MinEntropy = D.value("min-entropy", 0.0);
  I->MinLength = D.value("min-length", 0u);
  I->Boundary = D.value("boundary", false);
  I->High = D.value("confidence", std::string("high")) == "high";
  for (const auto &A : D.value("allow", nlohmann::json::array()))
    I->AllowRegexes.push_back(A.get<std::string>());
  I->Keywords = D.value("keywords", std::vector<std::string>{});
}

bool Pattern::endsAtFixedLength(std::string_view Match) const {
  // Could one more word character extend the match? If not, the format
  // fixes where it ends (ghp_ and 36 characters); if so (sk_live_ and 24 to
  // 247), the word character glued to it may be part of it.
  std::string Longer(Match);
  Longer += ' ';
  for (char C : std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")) {
    Longer.back() = C;
    if (RE2::FullMatch(Longer, I->re()))
      return false;
  }
  return true;
}

Pattern::Pattern(Pattern &&) noexcept = default;
Pattern::~Pattern() = default;

std::string_view Pattern::ruleId() const { return I->Rule->id; }
const std::vector<std::string> &Pattern::keywords() const { return I->Keywords; }
bool Pattern::highConfidence() const { return I->High; }

void Pattern::forEach(std::string_view Text, const std::function<void(std::size_t Begin, std::size_t End)> &Found,
                      bool Binary, double MinEntropy) const {
  const int NSub = I->Group + 1;
  std::vector<re2::StringPiece> Sub(static_cast<std::size_t>(NSub));
  const RE2 &Re = I->re();
  std::size_t Pos = 0;
  while (Pos <= Text.size() &&
         Re.Match(re2::StringPiece(Text.data(), Text.size()), Pos, Text.size(), RE2::UNANCHORED, Sub.data(), NSub)) {
    const re2::StringPiece &Whole = Sub[0];
    std::size_t MatchBegin = static_cast<std::size_t>(Whole.data() - Text.data());
    std::size_t MatchEnd = MatchBegin + Whole.size();
    Pos = MatchEnd > MatchBegin ? MatchEnd : MatchBegin + 1;
    const re2::StringPiece &S = Sub[static_cast<std::size_t>(I->Group)];
    if (S.data() == nullptr || S.empty())
      continue;
    std::size_t Begin = static_cast<std::size_t>(S.data() - Text.data()), End = Begin + S.size();
    std::string_view Secret = Text.substr(Begin, S.size());
    if (I->Boundary && !(Binary ? atWordBoundary(Text, 0, MatchEnd) || endsAtFixedLength(Whole)
                                : atWordBoundary(Text, MatchBegin, MatchEnd)))
      continue;
    if (Secret.size() < I->MinLength)
      continue;
    if (double Min = MinEntropy >= 0 ? MinEntropy : I->MinEntropy; Min > 0 && shannonEntropy(Secret) <= Min)
      continue;
    bool Allowed = false;
    for (const auto &A : I->Allow)
      Allowed = Allowed || RE2::PartialMatch(re2::StringPiece(Secret.data(), Secret.size()), *A);
    if (Allowed || looksLikePlaceholder(Secret))
      continue;
    Found(Begin, End);
  }
}

namespace {

class PatternRules final : public Detector {
public:
  PatternRules() {
    for (const RuleInfo &R : ruleCatalogue())
      if (R.implementation == "analyzers/secrets/PatternRules.cpp" && !R.detect.empty())
        Patterns.emplace_back(R.id);
  }

  std::vector<std::string> keywords() const override {
    std::vector<std::string> All;
    for (const Pattern &P : Patterns)
      All.insert(All.end(), P.keywords().begin(), P.keywords().end());
    return All;
  }

  void scan(const Content &C, const KeywordTest &Has, std::vector<Hit> &Out) const override {
    for (const Pattern &P : Patterns) {
      if (C.thirdParty && !P.highConfidence())
        continue;
      bool Any = false;
      for (const std::string &K : P.keywords())
        Any = Any || Has(K);
      if (!Any)
        continue;
      const RuleInfo *Rule = findRule(P.ruleId());
      P.forEach(C.text, [&](std::size_t Begin, std::size_t End) {
        Hit H;
        H.ruleId = P.ruleId();
        H.begin = Begin;
        H.end = End;
        H.secret = std::string(C.text.substr(Begin, End - Begin));
        H.message = std::string(Rule->title) + ": " + redact(H.secret);
        H.priority = 80;
        Out.push_back(std::move(H));
      }, C.binary);
    }
  }

private:
  std::vector<Pattern> Patterns;
};

} // namespace

std::unique_ptr<Detector> makePatternRules() { return std::make_unique<PatternRules>(); }

} // namespace fnlint::secrets
