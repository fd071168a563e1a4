//===- cli/Config.cpp - .fnlint.yaml ----------------------------------------===//
#include "cli/Config.h"

#include "analyzers/iam/PolicyEval.h"
#include "cli/LimitOptions.h"
#include "core/RuleInfo.h"
#include "scanner/IgnoreRules.h"
#include "scanner/RuleFile.h"

#include <CLI/CLI.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fnlint::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view FileNames[] = {".fnlint.yaml", ".fnlint.yml"};
constexpr std::uintmax_t MaxConfigBytes = 1u << 20;

/// Reads one configuration document; throws RuleFileError at the offending node.
class ConfigReader {
public:
  explicit ConfigReader(ProjectConfig &Out) : Out(Out) {}

  void read(const YAML::Node &Root) {
    if (!Root || Root.IsNull())
      return; // an empty file configures nothing
    if (!Root.IsMap())
      failAt(Root, "expected a mapping of settings (rules, fail-on, thresholds, limits, exclude, third-party, ignore)");
    for (const auto &KV : Root) {
      std::string Key = scalarKey(KV.first);
      const YAML::Node &V = KV.second;
      if (Key == "rules")
        rules(V);
      else if (Key == "fail-on")
        Out.failOn = oneOf(V, "fail-on", {"error", "warning", "note", "none"});
      else if (Key == "thresholds")
        thresholds(V);
      else if (Key == "limits")
        limits(V);
      else if (Key == "exclude")
        Out.exclude = strings(V, "exclude");
      else if (Key == "third-party")
        thirdParty(V);
      else if (Key == "ignore")
        ignore(V);
      else if (Key == "require-reason")
        Out.requireReason = oneOf(V, "require-reason", {"true", "false"}) == "true";
      else
        unknownKey(KV.first, Key,
                   {"rules", "fail-on", "thresholds", "limits", "exclude", "third-party", "ignore",
                    "require-reason"});
    }
  }

private:
  ProjectConfig &Out;

  static std::string scalarKey(const YAML::Node &K) {
    if (!K.IsScalar())
      failAt(K, "expected a key");
    return K.Scalar();
  }

  [[noreturn]] static void unknownKey(const YAML::Node &K, const std::string &Key,
                                      std::initializer_list<const char *> Known) {
    std::string List;
    for (const char *Name : Known)
      List += (List.empty() ? "" : ", ") + std::string(Name);
    failAt(K, "unknown key '" + Key + "' (known: " + List + ")");
  }

  static std::string scalar(const YAML::Node &V, const std::string &Key) {
    if (!V.IsScalar() || V.Scalar().empty())
      failAt(V, "'" + Key + "' expects a value");
    return V.Scalar();
  }

  static std::string oneOf(const YAML::Node &V, const std::string &Key, std::initializer_list<const char *> Allowed) {
    std::string S = scalar(V, Key);
    std::string List;
    for (const char *A : Allowed) {
      if (S == A)
        return S;
      List += (List.empty() ? "" : ", ") + std::string(A);
    }
    failAt(V, "'" + Key + "' is '" + S + "'; expected one of " + List);
  }

  static std::vector<std::string> strings(const YAML::Node &V, const std::string &Key) {
    if (V.IsNull())
      return {};
    if (!V.IsSequence())
      failAt(V, "'" + Key + "' expects a list");
    std::vector<std::string> Items;
    for (const YAML::Node &Item : V)
      Items.push_back(scalar(Item, Key));
    return Items;
  }

  template <typename T> static T number(const YAML::Node &V, const std::string &Key, T Min, T Max) {
    T N{};
    try {
      N = V.as<T>();
    } catch (const YAML::Exception &) {
      failAt(V, "'" + Key + "' expects a number, got '" + (V.IsScalar() ? V.Scalar() : std::string("?")) + "'");
    }
    if (N < Min || N > Max) {
      std::ostringstream Range;
      Range << Min << " to " << Max;
      failAt(V, "'" + Key + "' is " + V.Scalar() + "; expected " + Range.str());
    }
    return N;
  }

  /// The rule ids \p Selector (an id or a glob) selects; an error when none.
  static std::vector<std::string> selectRules(const YAML::Node &Where, const std::string &Selector) {
    std::vector<std::string> Ids;
    for (const RuleInfo &R : ruleCatalogue())
      if (selectsRule(Selector, R.id))
        Ids.emplace_back(R.id);
    if (Ids.empty())
      failAt(Where, "no rule is '" + Selector + "' (see fnlint rules)");
    return Ids;
  }

  void ruleList(const YAML::Node &V, const std::string &Key, std::vector<std::string> &Into) {
    if (V.IsNull())
      return;
    if (!V.IsSequence())
      failAt(V, "'rules." + Key + "' expects a list of rule ids or globs");
    for (const YAML::Node &Item : V)
      for (std::string &Id : selectRules(Item, scalar(Item, "rules." + Key)))
        Into.push_back(std::move(Id));
  }

  void rules(const YAML::Node &V) {
    if (V.IsNull())
      return;
    if (!V.IsMap())
      failAt(V, "'rules' expects a mapping (enable, disable, levels)");
    for (const auto &KV : V) {
      std::string Key = scalarKey(KV.first);
      if (Key == "enable" || Key == "disable") {
        ruleList(KV.second, Key, Key == "enable" ? Out.enable : Out.disable);
      } else if (Key == "levels") {
        if (!KV.second.IsMap())
          failAt(KV.second, "'rules.levels' expects a mapping of rule id or glob to error, warning or note");
        for (const auto &Level : KV.second) {
          std::string Selector = scalarKey(Level.first);
          std::string Name = oneOf(Level.second, "rules.levels." + Selector, {"error", "warning", "note"});
          for (const std::string &Id : selectRules(Level.first, Selector))
            Out.levels[Id] = *parseLevel(Name);
        }
      } else {
        unknownKey(KV.first, Key, {"enable", "disable", "levels"});
      }
    }
  }

  void thresholds(const YAML::Node &V) {
    if (V.IsNull())
      return;
    if (!V.IsMap())
      failAt(V, "'thresholds' expects a mapping");
    for (const auto &KV : V) {
      std::string Key = scalarKey(KV.first);
      std::string Path = "thresholds." + Key;
      if (Key == "timeout-seconds") {
        Out.timeoutSeconds = number<std::int64_t>(KV.second, Path, 1, 900);
      } else if (Key == "near-limit-ratio") {
        Out.nearLimitRatio = number<double>(KV.second, Path, 0.01, 0.99);
      } else if (Key == "secret-min-entropy") {
        Out.secretMinEntropy = number<double>(KV.second, Path, 1.0, 8.0);
      } else if (Key == "max-archive-depth" || Key == "max-declared-size") {
        // The spellings before limits: existed.
        limit(KV.second, Key == "max-archive-depth" ? "archive-depth" : "inflated-bytes", Path);
      } else {
        unknownKey(KV.first, Key,
                   {"timeout-seconds", "near-limit-ratio", "secret-min-entropy", "max-archive-depth",
                    "max-declared-size"});
      }
    }
  }

  void limits(const YAML::Node &V) {
    if (V.IsNull())
      return;
    if (!V.IsMap())
      failAt(V, "'limits' expects a mapping (" + limitKeyList() + ")");
    for (const auto &KV : V) {
      std::string Key = scalarKey(KV.first);
      if (!findLimit(Key))
        failAt(KV.first, "unknown key '" + Key + "' (known: " + limitKeyList() + ")");
      limit(KV.second, Key, "limits." + Key);
    }
  }

  /// Checks one cap's value, written at \p Path, and records it.
  void limit(const YAML::Node &V, std::string_view Key, const std::string &Path) {
    const LimitSpec &Spec = *findLimit(Key);
    double Value = 0;
    std::string Error;
    ResourceLimits Scratch;
    if (!parseLimitValue(Spec, scalar(V, Path), Value, Error) || !setLimit(Scratch, Spec, Value, Error)) {
      // The messages name limits.KEY; quote the key as it is written in this file.
      std::string Written = "limits." + std::string(Key);
      if (Error.rfind(Written, 0) == 0)
        Error = "'" + Path + "'" + Error.substr(Written.size());
      failAt(V, Error);
    }
    Out.limits.emplace_back(std::string(Key), Value);
  }

  void thirdParty(const YAML::Node &V) {
    if (V.IsNull())
      return;
    if (!V.IsMap())
      failAt(V, "'third-party' expects a mapping (secrets, folders)");
    for (const auto &KV : V) {
      std::string Key = scalarKey(KV.first);
      if (Key == "secrets") {
        Out.dependencySecrets = oneOf(KV.second, "third-party.secrets", {"high-confidence", "all"});
      } else if (Key == "folders") {
        for (std::string &F : strings(KV.second, "third-party.folders")) {
          if (F.find('/') != std::string::npos)
            failAt(KV.second, "'third-party.folders' takes folder names, not paths: '" + F + "'");
          Out.thirdPartyFolders.push_back(std::move(F));
        }
      } else {
        unknownKey(KV.first, Key, {"secrets", "folders"});
      }
    }
  }

  void ignore(const YAML::Node &V) {
    if (V.IsNull())
      return;
    if (!V.IsSequence())
      failAt(V, "'ignore' expects a list of {rule, path, reason}");
    for (const YAML::Node &Item : V) {
      if (!Item.IsMap())
        failAt(Item, "an 'ignore' entry is a mapping {rule, path, reason}");
      PathSuppression S;
      S.line = static_cast<unsigned>(Item.Mark().line + 1);
      for (const auto &KV : Item) {
        std::string Key = scalarKey(KV.first);
        if (Key == "rule") {
          S.rule = scalar(KV.second, "ignore.rule");
          selectRules(KV.second, S.rule);
        } else if (Key == "path") {
          S.path = scalar(KV.second, "ignore.path");
        } else if (Key == "reason") {
          S.reason = scalar(KV.second, "ignore.reason");
        } else {
          unknownKey(KV.first, Key, {"rule", "path", "reason"});
        }
      }
      if (S.rule.empty() || S.path.empty())
        failAt(Item, "an 'ignore' entry needs both 'rule' and 'path'");
      if (S.reason.empty())
        failAt(Item, "an 'ignore' entry needs a 'reason': say why the finding does not apply");
      Out.ignore.push_back(std::move(S));
    }
  }
};

} // namespace

std::string findConfigFile(std::string_view Dir) {
  std::error_code EC;
  fs::path P = fs::absolute(fs::path(Dir), EC).lexically_normal();
  while (!P.empty()) {
    for (std::string_view Name : FileNames) {
      fs::path Candidate = P / Name;
      if (fs::is_regular_file(Candidate, EC))
        return Candidate.string();
    }
    if (P == P.root_path() || !P.has_parent_path() || P.parent_path() == P)
      break;
    P = P.parent_path();
  }
  return {};
}

bool parseConfig(std::string_view Text, std::string_view Name, ProjectConfig &Out, std::string &Error) {
  Out.file = std::string(Name);
  auto At = [&](const YAML::Mark &M, const std::string &Message) {
    Error = std::string(Name) + ":" + std::to_string(M.line + 1) + ":" + std::to_string(M.column + 1) + ": " + Message;
    return false;
  };
  try {
    YAML::Node Root = YAML::Load(std::string(Text));
    ConfigReader(Out).read(Root);
  } catch (const RuleFileError &E) {
    return At(E.where, E.what());
  } catch (const YAML::Exception &E) {
    return At(E.mark, E.msg);
  }
  return true;
}

bool loadConfig(const std::string &Path, ProjectConfig &Out, std::string &Error) {
  std::error_code EC;
  if (!fs::is_regular_file(Path, EC)) {
    Error = Path + ": no such configuration file";
    return false;
  }
  if (fs::file_size(Path, EC) > MaxConfigBytes) {
    Error = Path + ": larger than 1 MB; not a configuration file";
    return false;
  }
  std::ifstream In(Path, std::ios::binary);
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  if (!In && !In.eof()) {
    Error = Path + ": cannot be read";
    return false;
  }
  return parseConfig(Text, Path, Out, Error);
}

bool selectsRule(std::string_view Selector, std::string_view RuleId) {
  // Rule ids are lower-case words and '/': IAM's action wildcards (`*`, `?`)
  // are exactly the glob a selector needs.
  return iam::actionMatches(Selector, RuleId);
}

bool suppresses(const PathSuppression &Entry, std::string_view RuleId, std::string_view Path) {
  if (!selectsRule(Entry.rule, RuleId))
    return false;
  // Paths follow .fnlintignore's gitignore syntax: `policies/*.json`,
  // `**/admin.json`, a bare name for any folder.
  // A file inside a matching folder is covered too.
  IgnoreRules Rules;
  Rules.addFile(Entry.path, "");
  for (std::size_t Slash = Path.find('/'); Slash != std::string_view::npos; Slash = Path.find('/', Slash + 1))
    if (Rules.isIgnored(Path.substr(0, Slash), true))
      return true;
  return Rules.isIgnored(Path, false);
}

std::string_view starterConfig() {
  return R"(# fnlint configuration (https://github.com/fnlint/fnlint/blob/main/docs/configuration.md).
# fnlint reads the .fnlint.yaml of the scan root or the nearest folder above it;
# command-line options win over this file. Every key below is optional.

rules:
  # Rules that ship disabled, to turn on (ids or globs; see `fnlint rules`).
  enable: []
  #   - lambda/tracing-disabled
  # Rules never reported.
  disable: []
  #   - iam/wildcard-resource-write
  # Level overrides: error, warning or note.
  levels: {}
  #   lambda/timeout-excessive: error
  #   "secret/*": error

# Exit 1 when a finding at or above this level remains: error, warning, note or none.
fail-on: warning

thresholds:
  timeout-seconds: 300        # lambda/timeout-excessive fires at or above this
  near-limit-ratio: 0.8       # package/near-size-limit fires above this fraction of a limit
  secret-min-entropy: 3.5     # secret/generic-high-entropy: bits per character

# Caps on what one input may cost (docs/limits.md). Hitting one is reported,
# naming the key; raise it for an input you trust.
limits:
  archive-depth: 4            # archives nested deeper than this are not opened
  inflated-bytes: 4GB         # an archive declaring more uncompressed bytes is a zip bomb
  compression-ratio: 100      # an entry over 1 MB inflating more times its size is a zip bomb
  archive-entries: 1000000    # entries read from one archive
  nested-archive-bytes: 256MB # a larger nested archive is listed, not opened
  nested-total-bytes: 1GB     # nested archives inflated under one package, in all
  nested-archives: 1000       # archives opened under one package
  file-bytes: 256MB           # a larger file is not scanned for secrets
  source-bytes: 8MB           # larger handler source is not analysed
  template-bytes: 4MB         # a larger template, plan or policy is not read
  yaml-aliases: 100000        # nodes YAML aliases may add to one document
  file-seconds: 10            # time one analysis may spend on one file

# Paths left out of the scan, in .gitignore syntax, relative to the scan root.
exclude: []
#   - "tests/fixtures/"
#   - "*.min.js"

third-party:
  # Secret rules reported in dependency folders (node_modules, site-packages, vendor, ...):
  # high-confidence (key pairs, private keys, token formats) or all.
  secrets: high-confidence
  # More folder names holding third-party code.
  folders: []

# Suppressions for files that cannot carry a comment (JSON policies, plan JSON).
# Elsewhere prefer a comment next to the finding: `# fnlint:ignore[rule-id] reason`.
ignore: []
#   - rule: iam/wildcard-action
#     path: policies/break-glass-admin.json
#     reason: break-glass role, reviewed by security in SEC-1234

# Whether a `fnlint:ignore[...]` comment must say why (a comment without a reason
# then suppresses nothing and is reported).
require-reason: true
)";
}

} // namespace fnlint::cli
