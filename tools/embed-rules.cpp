//===- tools/embed-rules.cpp - rules/*.yaml -> C++ catalogue ---------------===//
//
// Build-time generator. Reads every rule YAML and data table under rules/,
// checks each against the rule schema (a malformed rule fails the build, not a
// user's scan), and writes a C++ file defining ruleCatalogue() and dataTables()
// as constant data.
//
// usage: embed-rules SOURCE_DIR OUTPUT.cpp RULE.yaml... -- TABLE.yaml|TABLE.tsv...
//
//===----------------------------------------------------------------------===//
#include "scanner/RuleFile.h"

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using fnlint::checkMatchBlock;
using fnlint::RuleFileError;
using fnlint::yamlToJson;

namespace {

struct Rule {
  std::string id, category, name, title, description, help, level, securitySeverity,
      precision, implementation, definition, detect, match, message;
  std::vector<std::string> tags, references;
  bool enabled = true;
};

struct Table {
  std::string name, version, date, source, json;
};

[[noreturn]] void fail(const std::string &File, const std::string &Msg) {
  std::cerr << File << ": error: " << Msg << "\n";
  std::exit(1);
}

std::string scalar(const YAML::Node &Doc, const std::string &Key, const std::string &File,
                   bool Required = true) {
  YAML::Node N = Doc[Key];
  if (!N) {
    if (Required)
      fail(File, "missing required key '" + Key + "'");
    return "";
  }
  if (!N.IsScalar())
    fail(File, "key '" + Key + "' must be a string");
  return N.as<std::string>();
}

std::vector<std::string> list(const YAML::Node &Doc, const std::string &Key,
                              const std::string &File) {
  std::vector<std::string> Out;
  YAML::Node N = Doc[Key];
  if (!N)
    return Out;
  if (!N.IsSequence())
    fail(File, "key '" + Key + "' must be a list");
  for (const auto &Item : N)
    Out.push_back(Item.as<std::string>());
  return Out;
}

/// The `detect:` block of a pattern rule (docs/rule-schema.md), checked here
/// so that a regex RE2 cannot compile, or one that misses its own examples,
/// fails the build rather than a user's scan.
std::string loadDetect(const YAML::Node &D, const std::string &F) {
  static const std::set<std::string> Known = {"regex", "secret-group", "keywords", "min-entropy", "confidence",
                                              "boundary", "allow", "examples", "min-length"};
  if (!D.IsMap())
    fail(F, "detect must be a map");
  for (const auto &KV : D)
    if (!Known.count(KV.first.as<std::string>()))
      fail(F, "unknown key 'detect." + KV.first.as<std::string>() + "'");
  std::string Regex = scalar(D, "regex", F);
  RE2 Re(Regex);
  if (!Re.ok())
    fail(F, "detect.regex does not compile: " + Re.error());
  std::vector<std::string> Keywords = list(D, "keywords", F);
  if (Keywords.empty())
    fail(F, "detect.keywords must list the literals the regex needs (the prefilter)");
  for (const std::string &K : Keywords)
    for (char C : K)
      if (std::isupper(static_cast<unsigned char>(C)))
        fail(F, "detect.keywords are matched case-insensitively; write them in lower case");
  int Group = D["secret-group"] ? D["secret-group"].as<int>() : (Re.NumberOfCapturingGroups() > 0 ? 1 : 0);
  if (Group < 0 || Group > Re.NumberOfCapturingGroups())
    fail(F, "detect.secret-group names no group of the regex");
  std::string Confidence = D["confidence"] ? D["confidence"].as<std::string>() : "high";
  if (Confidence != "high" && Confidence != "medium")
    fail(F, "detect.confidence must be high or medium");
  for (const std::string &A : list(D, "allow", F))
    if (!RE2(A).ok())
      fail(F, "detect.allow regex does not compile: " + A);
  if (YAML::Node Ex = D["examples"]) {
    for (const std::string &M : list(Ex, "match", F))
      if (!RE2::PartialMatch(M, Re))
        fail(F, "detect.regex misses its own example: " + M);
    for (const std::string &M : list(Ex, "no-match", F))
      if (RE2::PartialMatch(M, Re) && !D["allow"] && !D["min-entropy"])
        fail(F, "detect.regex matches its no-match example and nothing else filters it: " + M);
  }
  nlohmann::json J = yamlToJson(D);
  J["secret-group"] = Group;
  J["confidence"] = Confidence;
  return J.dump();
}

Rule loadRule(const fs::path &SourceDir, const fs::path &File) {
  std::string F = fs::relative(File, SourceDir).generic_string();
  YAML::Node Doc;
  try {
    Doc = YAML::LoadFile(File.string());
  } catch (const YAML::Exception &E) {
    fail(F, E.what());
  }
  static const std::set<std::string> Known = {
      "id", "title", "level", "security-severity", "precision", "tags", "description",
      "help", "references", "implementation", "detect", "enabled", "match", "message"};
  for (const auto &KV : Doc) {
    std::string K = KV.first.as<std::string>();
    if (!Known.count(K))
      fail(F, "unknown key '" + K + "'");
  }
  Rule R;
  R.definition = F;
  R.id = scalar(Doc, "id", F);
  auto Slash = R.id.find('/');
  if (Slash == std::string::npos || R.id.find('/', Slash + 1) != std::string::npos)
    fail(F, "id '" + R.id + "' must be category/slug");
  R.category = R.id.substr(0, Slash);
  std::string Slug = R.id.substr(Slash + 1);
  if (!fnlint::isKebabCase(R.category) || !fnlint::isKebabCase(Slug))
    fail(F, "id '" + R.id + "' must be kebab-case");
  std::string Expected = "rules/" + R.id + ".yaml";
  if (F != Expected)
    fail(F, "rule '" + R.id + "' must live in " + Expected);
  R.name = fnlint::pascalRuleName(R.id);
  R.title = scalar(Doc, "title", F);
  R.description = scalar(Doc, "description", F);
  R.help = scalar(Doc, "help", F);
  R.level = scalar(Doc, "level", F);
  if (R.level != "error" && R.level != "warning" && R.level != "note")
    fail(F, "level must be error, warning or note");
  R.precision = scalar(Doc, "precision", F);
  if (R.precision != "very-high" && R.precision != "high" && R.precision != "medium" &&
      R.precision != "low")
    fail(F, "precision must be very-high, high, medium or low");
  R.tags = list(Doc, "tags", F);
  R.references = list(Doc, "references", F);
  R.implementation = scalar(Doc, "implementation", F);
  R.securitySeverity = scalar(Doc, "security-severity", F, /*Required=*/false);
  if (std::string Enabled = scalar(Doc, "enabled", F, /*Required=*/false); !Enabled.empty()) {
    if (Enabled != "true" && Enabled != "false")
      fail(F, "enabled must be true or false");
    R.enabled = Enabled == "true";
  }

  // GitHub code scanning limits and conventions (research/sarif-ci.md §1.1-1.3).
  if (R.title.size() > 1024 || R.description.size() > 1024)
    fail(F, "title and description must be at most 1024 characters");
  if (R.title.find('\n') != std::string::npos)
    fail(F, "title must be one line");
  if (R.tags.empty() || R.tags.size() > 10)
    fail(F, "a rule needs between 1 and 10 tags");
  bool Security = std::find(R.tags.begin(), R.tags.end(), "security") != R.tags.end();
  if (Security != !R.securitySeverity.empty())
    fail(F, "security-severity is required exactly when tags include 'security'");
  if (Security) {
    char *End = nullptr;
    double Score = std::strtod(R.securitySeverity.c_str(), &End);
    if (*End != '\0' || !(Score > 0.0 && Score <= 10.0))
      fail(F, "security-severity must be a number in (0, 10] written as a string");
  }
  for (const char *Section : {"## Why", "## What to do", "## Example"})
    if (R.help.find(Section) == std::string::npos)
      fail(F, std::string("help must have a '") + Section + "' section");
  if (!fs::exists(SourceDir / R.implementation))
    fail(F, "implementation '" + R.implementation + "' does not exist");
  if (YAML::Node D = Doc["detect"])
    R.detect = loadDetect(D, F);
  if (YAML::Node M = Doc["match"]) {
    try {
      R.match = checkMatchBlock(M);
    } catch (const RuleFileError &E) {
      fail(F + ":" + std::to_string(E.where.line + 1), E.what());
    }
    R.message = scalar(Doc, "message", F);
  } else if (Doc["message"]) {
    fail(F, "message is for declarative rules (with a match block)");
  }
  return R;
}

/// A table too large for YAML (rules/data/iam-actions.tsv): embedded whole by
/// tools/embed-text into its own object file; here only its header lines
/// (`KEY<TAB>VALUE` before the first record) become the catalogue entry, so
/// `--version` and SARIF name it like the others.
Table loadTextTable(const fs::path &SourceDir, const fs::path &File) {
  std::string F = fs::relative(File, SourceDir).generic_string();
  std::ifstream In(File);
  if (!In)
    fail(F, "cannot read");
  nlohmann::json Header = nlohmann::json::object();
  for (std::string Line; std::getline(In, Line);) {
    if (Line.empty() || Line[0] == '#')
      continue;
    auto Tab = Line.find('\t');
    std::string Key = Line.substr(0, Tab);
    if (Tab == std::string::npos || Key.size() == 1) // records have one-letter kinds
      break;
    Header[Key] = Line.substr(Tab + 1);
  }
  Table T;
  for (const char *Key : {"table", "version", "date", "source"})
    if (!Header.contains(Key))
      fail(F, std::string("missing header line '") + Key + "'");
  T.name = Header["table"];
  T.version = Header["version"];
  T.date = Header["date"];
  T.source = Header["source"];
  if (F != "rules/data/" + T.name + ".tsv")
    fail(F, "table '" + T.name + "' must live in rules/data/" + T.name + ".tsv");
  T.json = Header.dump();
  return T;
}

Table loadTable(const fs::path &SourceDir, const fs::path &File) {
  if (File.extension() == ".tsv")
    return loadTextTable(SourceDir, File);
  std::string F = fs::relative(File, SourceDir).generic_string();
  YAML::Node Doc;
  try {
    Doc = YAML::LoadFile(File.string());
  } catch (const YAML::Exception &E) {
    fail(F, E.what());
  }
  Table T;
  T.name = scalar(Doc, "table", F);
  T.version = scalar(Doc, "version", F);
  T.date = scalar(Doc, "date", F);
  T.source = scalar(Doc, "source", F);
  if (!Doc["values"])
    fail(F, "missing required key 'values'");
  if (F != "rules/data/" + T.name + ".yaml")
    fail(F, "table '" + T.name + "' must live in rules/data/" + T.name + ".yaml");
  T.json = yamlToJson(Doc).dump();
  return T;
}

/// A C++ raw string literal holding \p S.
std::string literal(const std::string &S) {
  const std::string Delim = "fnlint";
  if (S.find(")" + Delim + "\"") != std::string::npos) {
    std::cerr << "embed-rules: text contains the raw-string delimiter\n";
    std::exit(1);
  }
  return "R\"" + Delim + "(" + S + ")" + Delim + "\"";
}

std::string views(const std::string &Name, const std::vector<std::string> &Items) {
  std::ostringstream O;
  O << "constexpr std::string_view " << Name << "[] = {";
  for (const auto &I : Items)
    O << literal(I) << ", ";
  if (Items.empty())
    O << "\"\"";
  O << "};\n";
  return O.str();
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::cerr << "usage: embed-rules SOURCE_DIR OUTPUT.cpp RULE.yaml... -- TABLE.yaml...\n";
    return 2;
  }
  fs::path SourceDir = argv[1];
  std::string Output = argv[2];
  std::vector<Rule> Rules;
  std::vector<Table> Tables;
  bool InTables = false;
  for (int I = 3; I < argc; ++I) {
    std::string A = argv[I];
    if (A == "--") {
      InTables = true;
      continue;
    }
    if (InTables)
      Tables.push_back(loadTable(SourceDir, A));
    else
      Rules.push_back(loadRule(SourceDir, A));
  }
  std::sort(Rules.begin(), Rules.end(), [](const Rule &A, const Rule &B) { return A.id < B.id; });
  std::sort(Tables.begin(), Tables.end(), [](const Table &A, const Table &B) { return A.name < B.name; });
  for (std::size_t I = 1; I < Rules.size(); ++I)
    if (Rules[I].id == Rules[I - 1].id)
      fail(Rules[I].definition, "duplicate rule id " + Rules[I].id);

  std::ostringstream O;
  O << "// Generated by tools/embed-rules from rules/. Do not edit.\n"
       "#include \"core/RuleInfo.h\"\n\n#include <algorithm>\n\nnamespace fnlint {\nnamespace {\n";
  for (std::size_t I = 0; I < Rules.size(); ++I) {
    O << views("Tags" + std::to_string(I), Rules[I].tags);
    O << views("Refs" + std::to_string(I), Rules[I].references);
  }
  O << "constexpr RuleInfo Rules[] = {\n";
  for (std::size_t I = 0; I < Rules.size(); ++I) {
    const Rule &R = Rules[I];
    std::string Level = R.level == "error" ? "Level::Error" : R.level == "warning" ? "Level::Warning" : "Level::Note";
    O << "  {" << literal(R.id) << ", " << literal(R.category) << ", " << literal(R.name) << ",\n   "
      << literal(R.title) << ",\n   " << literal(R.description) << ",\n   " << literal(R.help)
      << ",\n   " << Level << ", " << literal(R.securitySeverity) << ", " << literal(R.precision)
      << ",\n   std::span<const std::string_view>(Tags" << I << ", " << R.tags.size() << ")"
      << ", std::span<const std::string_view>(Refs" << I << ", " << R.references.size() << ")"
      << ",\n   " << literal(R.implementation) << ", " << literal(R.definition) << ",\n   "
      << literal(R.detect) << ", " << (R.enabled ? "true" : "false") << ", " << literal(R.match) << ", "
      << literal(R.message) << "},\n";
  }
  O << "};\n";
  O << "constexpr DataTableInfo Tables[] = {\n";
  for (const Table &T : Tables)
    O << "  {" << literal(T.name) << ", " << literal(T.version) << ", " << literal(T.date) << ", "
      << literal(T.source) << ",\n   " << literal(T.json) << "},\n";
  if (Tables.empty())
    O << "  {\"\", \"\", \"\", \"\", \"\"},\n";
  O << "};\n} // namespace\n\n"
       "std::span<const RuleInfo> builtinRuleCatalogue() { return {Rules, " << Rules.size() << "}; }\n"
       "std::span<const DataTableInfo> dataTables() { return {Tables, " << Tables.size() << "}; }\n"
       "const DataTableInfo *findDataTable(std::string_view Name) {\n"
       "  for (const DataTableInfo &T : dataTables())\n"
       "    if (T.name == Name)\n      return &T;\n  return nullptr;\n}\n"
       "} // namespace fnlint\n";

  std::string Text = O.str();
  // Leave an unchanged file alone so dependants are not rebuilt.
  std::ifstream In(Output);
  std::stringstream Old;
  Old << In.rdbuf();
  if (Old.str() == Text)
    return 0;
  std::ofstream Out(Output);
  Out << Text;
  return Out ? 0 : 1;
}
