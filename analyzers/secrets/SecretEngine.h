//===- analyzers/secrets/SecretEngine.h - Finding secrets in content -*- C++ -*-===//
//
// Every file of every package goes through one prefilter pass: a single
// RE2::Set of the lower-case literals ("keywords") the rules need. Only the
// detectors whose keywords occur in the content then run their regexes, so
// no regex ever runs per line per rule, and content with none of the
// keywords (most of node_modules) costs one DFA pass.
//
// Detectors come in families, one unit each: PatternRules.cpp runs every
// rule described by a detect: block (token formats, connection strings);
// AwsKeys.cpp, PrivateKey.cpp, GenericHighEntropy.cpp and CredentialsFile.cpp
// hold the rules that need code (pairing, structure, context, file names).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "core/Location.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnlint::secrets {

/// One piece of content: a file, an archive entry, a configuration value.
struct Content {
  std::string_view path; ///< the content's own path (entry path inside an archive), for name-based rules
  std::string_view text; ///< the bytes scanned (a window of them for large content)
  bool binary = false;   ///< text holds the printable runs of a binary
  /// Inside a dependency folder, or data that exists to show examples (SDK
  /// *.examples.json, TypeScript declarations): only high-confidence rules
  /// report.
  bool thirdParty = false;
  /// secret/generic-high-entropy's threshold from the configuration; 0: the rule's.
  double minEntropy = 0;
};

/// A secret a detector found, before it becomes a finding.
struct Hit {
  std::string_view ruleId;
  std::size_t begin = 0, end = 0; ///< the secret's bytes in Content::text
  /// Bytes inside [begin, end) that are not part of the secret: the text
  /// between a key id and its secret key. Both 0: no gap. Overlaps with other
  /// hits are judged on the parts only, so a pair never hides what lies
  /// between its key id and its secret.
  std::size_t gapBegin = 0, gapEnd = 0;
  /// Where the finding points, when not at the secret itself (a key pair
  /// points at its key id); both 0: at [begin, end).
  std::size_t regionBegin = 0, regionEnd = 0;
  std::string secret;             ///< hashed and redacted, never printed
  std::string message;            ///< what was found, already redacted; the location says where
  nlohmann::json properties = nlohmann::json::object();
  int priority = 0;               ///< where spans overlap, only the highest is kept

  bool hasGap() const { return gapEnd > gapBegin; }
  /// The secret's parts in Content::text: [begin, end), or the two pieces
  /// around the gap.
  std::vector<std::pair<std::size_t, std::size_t>> parts() const {
    if (!hasGap())
      return {{begin, end}};
    return {{begin, gapBegin}, {gapEnd, end}};
  }
};

/// Which prefilter keywords occur in the content.
using KeywordTest = std::function<bool(std::string_view Keyword)>;

class Detector {
public:
  virtual ~Detector();
  /// Lower-case literals; the detector runs only when one occurs in the content.
  virtual std::vector<std::string> keywords() const = 0;
  /// Runs on content whatever the keywords (file-name rules).
  virtual bool wantsContent(const Content &C) const { return false; }
  virtual void scan(const Content &C, const KeywordTest &Has, std::vector<Hit> &Out) const = 0;
};

/// A rule's detect: block, compiled (docs/rule-schema.md).
class Pattern {
public:
  /// Compiles the detect block of \p RuleId; throws std::logic_error when the
  /// rule has none (a programming error the catalogue tests catch).
  explicit Pattern(std::string_view RuleId);
  Pattern(Pattern &&) noexcept;
  ~Pattern();

  std::string_view ruleId() const;
  const std::vector<std::string> &keywords() const;
  bool highConfidence() const;

  /// Calls \p Found(Begin, End) for every secret (the secret group of a
  /// match) in \p Text that passes the block's filters: boundary, length,
  /// entropy, allow-list and placeholder checks.
  /// In \p Binary content (printable runs) only the end of a match is
  /// checked for a word boundary: compiled files put a length byte right
  /// before a string (.pyc, .class), which a boundary check would reject.
  /// Nor is the end checked when the format fixes the length
  /// (endsAtFixedLength): Go puts string literals back to back, a .pyc puts
  /// the next constant's type byte right after a string.
  /// A non-negative \p MinEntropy replaces the block's min-entropy.
  void forEach(std::string_view Text, const std::function<void(std::size_t Begin, std::size_t End)> &Found,
               bool Binary = false, double MinEntropy = -1) const;

  /// Whether \p Match (a whole match of the pattern) cannot be extended by
  /// one more letter, digit or '_': the format says where it ends.
  bool endsAtFixedLength(std::string_view Match) const;

private:
  struct Impl;
  std::unique_ptr<Impl> I;
};

std::unique_ptr<Detector> makePatternRules();
std::unique_ptr<Detector> makeAwsKeys();
std::unique_ptr<Detector> makePrivateKey();
std::unique_ptr<Detector> makeGenericHighEntropy();
std::unique_ptr<Detector> makeCredentialsFile();

class SecretEngine {
public:
  /// Built on first use (compiling the rule set costs milliseconds, which a
  /// scan without content does not pay).
  static const SecretEngine &get();

  /// Finds the secrets in \p C, overlaps resolved by priority, in offset order.
  std::vector<Hit> scan(const Content &C) const;

private:
  SecretEngine();
  struct Impl;
  std::shared_ptr<const Impl> I;
};

// Helpers shared by the detectors.

/// The 12-digit AWS account an access key id belongs to, decoded offline from
/// its base32 body (research/secrets.md §2.3); none for old-format ids.
std::optional<std::string> awsAccountOfKeyId(std::string_view KeyId);

/// Shannon entropy in bits per character.
double shannonEntropy(std::string_view S);
/// "ghp_… (40 characters)": never more than the first 4 characters, and
/// never part of one (UTF-8).
std::string redact(std::string_view Secret);
/// Whether the characters around [Begin, End) of \p Text are not part of a
/// longer word (letters, digits, '_').
bool atWordBoundary(std::string_view Text, std::size_t Begin, std::size_t End);
/// Placeholders and references that are not secrets: "${VAR}", "<your-key>",
/// "xxxxxxxx", "changeme", "your_api_key_here", "{{ secret }}", "%s" ...
bool looksLikePlaceholder(std::string_view Value);
/// DB_PASSWORD, STRIPE_API_KEY, JWT_SECRET ... but not SECRET_ARN,
/// TOKEN_TTL, AUTH_CALLBACK_PATH: names of where a secret lives or of settings.
bool isSecretVariableName(std::string_view Name);
/// The name of where a secret lives, not a secret: words (lower case or
/// capitalised, at most two digits after each) joined by / - _ . or :
/// ("prod/orders/db-credentials", "alias/jwt-signing", "__Host-session-token").
bool looksLikeName(std::string_view Value);
/// A value that could be a password: long enough, mixed, and not a flag, a
/// number, a word, a name, a URL, a path, an ARN or a domain.
bool looksLikeSecretValue(std::string_view Value);

/// Whether \p Path (with its member chain, "fn.zip!/lib/x.jar!/a.class")
/// lies in a dependency: a folder named node_modules, site-packages, vendor
/// ... (whole path components), a jar in lib/. Pass the path below the
/// scanned folder, so what lies above it does not count. \p MoreFolders are
/// further folder names the configuration calls third-party.
bool isThirdPartyPath(std::string_view Path, const std::vector<std::string> &MoreFolders = {});
/// Files whose values are examples by design: AWS SDK *.examples.json and
/// botocore examples-1.json, TypeScript declarations (.d.ts).
bool isExampleDataPath(std::string_view Path);

} // namespace fnlint::secrets
