//===- scanner/UserRules.cpp - Rules users add with --rules DIR -------------===//
#include "scanner/UserRules.h"

#include "scanner/RuleFile.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace fnlint {

namespace {

namespace fs = std::filesystem;

std::string text(const YAML::Node &Doc, const char *Key, bool Required) {
  YAML::Node N = Doc[Key];
  if (!N) {
    if (Required)
      failAt(Doc, std::string("missing required key '") + Key + "'");
    return "";
  }
  if (!N.IsScalar() || N.Scalar().empty())
    failAt(N, std::string("'") + Key + "' must be a non-empty string");
  return N.Scalar();
}

std::vector<std::string> texts(const YAML::Node &Doc, const char *Key) {
  std::vector<std::string> Out;
  YAML::Node N = Doc[Key];
  if (!N)
    return Out;
  if (!N.IsSequence())
    failAt(N, std::string("'") + Key + "' must be a list of strings");
  for (const YAML::Node &I : N) {
    if (!I.IsScalar())
      failAt(I, std::string("'") + Key + "' must be a list of strings");
    Out.push_back(I.Scalar());
  }
  return Out;
}

RuntimeRule readRule(const YAML::Node &Doc, const std::string &File) {
  if (!Doc.IsMap())
    failAt(Doc, "a rule file is a YAML map (id, title, level, message, match, ...)");
  static const std::set<std::string> Known = {"id",   "title", "level",      "message", "match",
                                              "help", "tags",  "references", "enabled", "description",
                                              "precision", "security-severity"};
  for (const auto &KV : Doc)
    if (!Known.count(KV.first.Scalar()))
      failAt(KV.first, "unknown key '" + KV.first.Scalar() + "' (docs/rule-language.md)");
  RuntimeRule R;
  R.definition = File;
  R.id = text(Doc, "id", true);
  std::size_t Slash = R.id.find('/');
  if (Slash == std::string::npos || R.id.find('/', Slash + 1) != std::string::npos ||
      !isKebabCase(std::string_view(R.id).substr(0, Slash)) || !isKebabCase(std::string_view(R.id).substr(Slash + 1)))
    failAt(Doc["id"], "id '" + R.id + "' must be category/slug in kebab-case, e.g. org/no-admin-roles");
  R.category = R.id.substr(0, Slash);
  R.name = pascalRuleName(R.id);
  R.title = text(Doc, "title", true);
  if (R.title.find('\n') != std::string::npos)
    failAt(Doc["title"], "title must be one line");
  std::string Level = text(Doc, "level", true);
  if (Level != "error" && Level != "warning" && Level != "note")
    failAt(Doc["level"], "level must be error, warning or note");
  R.level = Level == "error" ? Level::Error : Level == "warning" ? Level::Warning : Level::Note;
  R.message = text(Doc, "message", true);
  R.description = text(Doc, "description", false);
  if (R.description.empty())
    R.description = R.title;
  R.help = text(Doc, "help", false);
  if (R.help.empty())
    R.help = R.description;
  R.precision = text(Doc, "precision", false);
  if (R.precision.empty())
    R.precision = "medium";
  if (R.precision != "very-high" && R.precision != "high" && R.precision != "medium" && R.precision != "low")
    failAt(Doc["precision"], "precision must be very-high, high, medium or low");
  R.tags = texts(Doc, "tags");
  if (R.tags.empty())
    R.tags = {"custom"};
  R.references = texts(Doc, "references");
  R.securitySeverity = text(Doc, "security-severity", false);
  if (!R.securitySeverity.empty()) {
    char *End = nullptr;
    double Score = std::strtod(R.securitySeverity.c_str(), &End);
    if (*End != '\0' || !(Score > 0.0 && Score <= 10.0))
      failAt(Doc["security-severity"], "security-severity must be a number in (0, 10]");
  }
  if (std::string Enabled = text(Doc, "enabled", false); !Enabled.empty()) {
    if (Enabled != "true" && Enabled != "false")
      failAt(Doc["enabled"], "enabled must be true or false");
    R.enabledByDefault = Enabled == "true";
  }
  YAML::Node Match = Doc["match"];
  if (!Match)
    failAt(Doc, "missing required key 'match'");
  R.match = checkMatchBlock(Match);
  return R;
}

} // namespace

bool loadRuleDirectory(std::string_view Dir, std::vector<RuntimeRule> &Out, std::string &Error) {
  std::error_code EC;
  if (!fs::is_directory(fs::path(Dir), EC)) {
    Error = std::string(Dir) + ": not a directory";
    return false;
  }
  std::vector<fs::path> Files;
  for (const fs::directory_entry &E : fs::directory_iterator(fs::path(Dir), EC)) {
    std::string Ext = E.path().extension().string();
    if ((Ext == ".yaml" || Ext == ".yml") && E.is_regular_file(EC))
      Files.push_back(E.path());
  }
  if (EC) {
    Error = std::string(Dir) + ": " + EC.message();
    return false;
  }
  std::sort(Files.begin(), Files.end());
  if (Files.empty()) {
    Error = std::string(Dir) + ": no rule files (*.yaml, *.yml)";
    return false;
  }
  for (const fs::path &F : Files) {
    std::string Name = F.generic_string();
    try {
      Out.push_back(readRule(YAML::LoadFile(F.string()), Name));
    } catch (const RuleFileError &E) {
      Error = Name + ":" + std::to_string(E.where.line + 1) + ":" + std::to_string(E.where.column + 1) + ": " + E.what();
      return false;
    } catch (const YAML::Exception &E) {
      Error = Name + ":" + std::to_string(E.mark.line + 1) + ":" + std::to_string(E.mark.column + 1) + ": " + E.msg;
      return false;
    }
  }
  return true;
}

} // namespace fnlint
