//===- tests/analyzers/SecretAccuracyTest.cpp - Precision and recall of secret/* ===//
//
// Scans the labelled corpus of fixtures/secrets/ (its README.md says how it is
// labelled) in one run of the whole pipeline and matches every secret/*
// finding to the labels by rule, display path and line: a labelled secret
// found is a true positive, one not found a false negative, a finding with no
// label a false positive (a trap that fired, or noise nobody labelled). Prints
// the per-rule table and every FP and FN, then holds the scanner to
// precision and recall of at least 0.97. A second test runs the binary in
// every output format and checks that no fake secret of the corpus is ever
// printed in full.
//
//===----------------------------------------------------------------------===//
#include "support/Fixture.h"
#include "support/Process.h"

#include "cli/Pipeline.h"
#include "core/RuleInfo.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

using namespace fnlint;
using namespace fnlint::test;
namespace fs = std::filesystem;

namespace {

const std::string CorpusDir = FNLINT_SOURCE_DIR "/fixtures/secrets";
constexpr double MinPrecision = 0.97, MinRecall = 0.97;
constexpr std::size_t MinSecrets = 80, MinTraps = 80, MinLabelsPerRule = 2;

/// A secret the scan must report: one of \c rules at \c path, line \c line
/// (0: anywhere in the file, for binaries).
struct Label {
  std::vector<std::string> rules;
  std::string path;
  std::uint32_t line = 0;
  std::string origin; ///< where the label is written, for messages
};

/// Something no rule may report.
struct Trap {
  std::string path;
  std::uint32_t line = 0; ///< 0: anywhere in the file (binaries)
  std::string what;
};

struct Corpus {
  std::vector<Label> labels;
  std::vector<Trap> traps;
  std::vector<std::string> secrets;        ///< secrets.txt
  std::vector<std::string> texts;          ///< every corpus file's bytes, for the secrets.txt check
  std::vector<std::string> inlineProblems; ///< consistency problems found while reading
};

std::string trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\r'))
    S.remove_suffix(1);
  return std::string(S);
}

std::vector<std::string> splitRules(const std::string &S) {
  std::vector<std::string> Out;
  std::stringstream In(S);
  for (std::string R; std::getline(In, R, '|');)
    if (!R.empty())
      Out.push_back(R);
  return Out;
}

std::string joined(const std::vector<std::string> &Rules) {
  std::string S;
  for (const std::string &R : Rules)
    S += (S.empty() ? "" : "|") + R;
  return S;
}

/// Reads the `fnlint-expect:` and `fnlint-trap:` markers of \p Text, a file
/// shown as \p Path. Also checks that each expect line holds one of the
/// listed secrets (PEM BEGIN lines excepted: the key is on the lines below).
void readInlineLabels(const std::string &Text, const std::string &Path, Corpus &C) {
  std::stringstream In(Text);
  std::uint32_t LineNo = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++LineNo;
    for (std::size_t P = Line.find("fnlint-expect:"); P != std::string::npos;
         P = Line.find("fnlint-expect:", P + 1)) {
      std::size_t B = Line.find_first_not_of(' ', P + 14);
      if (B == std::string::npos) {
        C.inlineProblems.push_back(Path + ":" + std::to_string(LineNo) + ": fnlint-expect names no rule");
        continue;
      }
      std::size_t E = Line.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789/|-", B);
      std::string Rule = Line.substr(B, E == std::string::npos ? std::string::npos : E - B);
      C.labels.push_back({splitRules(Rule), Path, LineNo, Path + ":" + std::to_string(LineNo)});
      bool HasSecret = Line.find("-----BEGIN ") != std::string::npos ||
                       std::any_of(C.secrets.begin(), C.secrets.end(),
                                   [&](const std::string &S) { return Line.find(S) != std::string::npos; });
      if (!HasSecret)
        C.inlineProblems.push_back(Path + ":" + std::to_string(LineNo) +
                                   ": an expect line without any value listed in secrets.txt");
    }
    for (std::size_t P = Line.find("fnlint-trap:"); P != std::string::npos; P = Line.find("fnlint-trap:", P + 1)) {
      std::string What = Line.substr(P + 12);
      for (std::string_view End : {"-->", "*/"})
        if (auto Pos = What.find(End); Pos != std::string::npos)
          What.resize(Pos);
      C.traps.push_back({Path, LineNo, trim(What)});
    }
  }
}

/// The `expect:` and `traps:` lists of a sidecar or a fixture.yaml; \p Prefix
/// is prepended to `at:`, \p DefaultAt used when there is none.
void readLabelLists(const YAML::Node &Doc, const std::string &Prefix, const std::string &DefaultAt,
                    const std::string &Origin, Corpus &C) {
  auto At = [&](const YAML::Node &N) {
    if (N["at"])
      return Prefix + N["at"].as<std::string>();
    if (DefaultAt.empty())
      C.inlineProblems.push_back(Origin + ": a label without at:");
    return DefaultAt;
  };
  for (const auto &E : Doc["expect"]) {
    Label L;
    L.rules = splitRules(E["rule"].as<std::string>());
    L.path = At(E);
    L.line = E["line"] ? E["line"].as<std::uint32_t>() : 0;
    L.origin = Origin;
    C.labels.push_back(std::move(L));
  }
  for (const auto &T : Doc["traps"])
    C.traps.push_back({At(T), T["line"] ? T["line"].as<std::uint32_t>() : 0, T["what"].as<std::string>()});
}

/// Inline markers in the text entries of a fixture's (nested) zip entries.
void readEntryLabels(const YAML::Node &Entries, const std::string &Prefix, Corpus &C) {
  for (const auto &E : Entries) {
    std::string Path = Prefix + E["path"].as<std::string>();
    if (E["zip"]) {
      readEntryLabels(E["zip"], Path + "!/", C);
    } else if (E["text"]) {
      std::string Text = E["text"].as<std::string>();
      if (Text.find('\0') == std::string::npos) // binaries are labelled in the lists
        readInlineLabels(Text, Path, C);
    }
  }
}

/// Reads the corpus and writes it into \p Root: plain files copied with their
/// relative paths, archive cases built into archives/<case>/.
Corpus buildCorpus(const std::string &Root) {
  Corpus C;
  {
    std::stringstream In(readFile(CorpusDir + "/secrets.txt"));
    for (std::string Line; std::getline(In, Line);)
      if (!trim(Line).empty() && Line.front() != '#')
        C.secrets.push_back(trim(Line));
  }
  std::vector<fs::path> Files;
  for (const auto &E : fs::recursive_directory_iterator(CorpusDir))
    if (E.is_regular_file())
      Files.push_back(E.path());
  std::sort(Files.begin(), Files.end());
  for (const fs::path &Abs : Files) {
    std::string Rel = fs::relative(Abs, CorpusDir).generic_string();
    if (Rel == "README.md" || Rel == "secrets.txt" || Rel.rfind("archives/", 0) == 0)
      continue;
    std::string Text = readFile(Abs.string());
    C.texts.push_back(Text);
    const std::string Suffix = ".expect.yaml";
    if (Rel.size() > Suffix.size() && Rel.compare(Rel.size() - Suffix.size(), Suffix.size(), Suffix) == 0) {
      std::string Target = Rel.substr(0, Rel.size() - Suffix.size());
      std::string TargetText = readFile(CorpusDir + "/" + Target);
      if (TargetText.empty())
        C.inlineProblems.push_back(Rel + ": labels a file that does not exist");
      std::size_t Labels = C.labels.size(), Traps = C.traps.size();
      readLabelLists(YAML::LoadFile(Abs.string()), "", Target, Rel, C);
      auto Lines = static_cast<std::uint32_t>(std::count(TargetText.begin(), TargetText.end(), '\n'));
      for (std::size_t I = Labels; I < C.labels.size(); ++I)
        if (C.labels[I].line == 0 || C.labels[I].line > Lines)
          C.inlineProblems.push_back(Rel + ": label line " + std::to_string(C.labels[I].line) + " is not a line of " + Target);
      for (std::size_t I = Traps; I < C.traps.size(); ++I)
        if (C.traps[I].line == 0 || C.traps[I].line > Lines)
          C.inlineProblems.push_back(Rel + ": trap line " + std::to_string(C.traps[I].line) + " is not a line of " + Target);
      continue;
    }
    writeFile(Root + "/" + Rel, Text);
    readInlineLabels(Text, Rel, C);
  }
  for (const Fixture &F : findFixtures("secrets")) {
    std::string Dir = fs::relative(F.directory, CorpusDir).generic_string(); // "archives/go-bootstrap"
    C.texts.push_back(readFile(F.directory + "/fixture.yaml"));
    materialize(F, Root + "/" + Dir);
    const YAML::Node &Spec = *F.spec;
    std::string Archive = Spec["archive"] ? Spec["archive"].as<std::string>() : "function.zip";
    std::string Prefix = Spec["folder"] ? Dir + "/" + Spec["folder"].as<std::string>() + "/" : Dir + "/" + Archive + "!/";
    readEntryLabels(Spec["entries"], Prefix, C);
    readLabelLists(Spec, Dir + "/", "", F.name, C);
  }
  return C;
}

/// A secret/* finding, as the matching sees it.
struct Seen {
  std::string rule, path, message;
  std::uint32_t line = 0;
  bool used = false;
};

struct RuleCounts {
  std::size_t tp = 0, fp = 0, fn = 0;
};

std::string ratio(std::size_t Num, std::size_t Den) {
  if (Den == 0)
    return "   -  ";
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%6.3f", static_cast<double>(Num) / static_cast<double>(Den));
  return Buf;
}

class SecretAccuracy : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    Root = std::make_unique<TempDir>();
    Data = std::make_unique<Corpus>(buildCorpus(Root->path()));
  }
  static void TearDownTestSuite() {
    Data.reset();
    Root.reset();
  }
  static std::unique_ptr<TempDir> Root;
  static std::unique_ptr<Corpus> Data;
};

std::unique_ptr<TempDir> SecretAccuracy::Root;
std::unique_ptr<Corpus> SecretAccuracy::Data;

TEST_F(SecretAccuracy, CorpusIsConsistent) {
  const Corpus &C = *Data;
  for (const std::string &P : C.inlineProblems)
    ADD_FAILURE() << P;
  EXPECT_GE(C.labels.size(), MinSecrets) << "labelled secrets";
  EXPECT_GE(C.traps.size(), MinTraps) << "labelled traps";
  // Every listed secret is used somewhere, so the leak test checks real values.
  for (const std::string &S : C.secrets)
    EXPECT_TRUE(std::any_of(C.texts.begin(), C.texts.end(), [&](const std::string &T) { return T.find(S) != std::string::npos; }))
        << "secrets.txt lists a value the corpus does not use: " << S.substr(0, 4) << "...";
  // Labels name real rules, and every secret rule is exercised.
  std::map<std::string, std::size_t> PerRule;
  for (const Label &L : C.labels)
    for (const std::string &R : L.rules) {
      EXPECT_NE(findRule(R), nullptr) << L.origin << ": unknown rule " << R;
      ++PerRule[R];
    }
  for (const RuleInfo &R : ruleCatalogue()) {
    if (R.category == "secret") {
      EXPECT_GE(PerRule[std::string(R.id)], MinLabelsPerRule) << R.id << " has too few labelled secrets in the corpus";
    }
  }
}

TEST_F(SecretAccuracy, PrecisionAndRecallPerRule) {
  const Corpus &C = *Data;
  ScanOptions S;
  S.root = Root->path();
  S.paths = {Root->path()};
  S.jobs = 2;
  AnalysisOptions A;
  A.jobs = 2;
  ScanReport R = cli::runPipeline(S, A);

  // The same rule twice on one line (a Globals variable seen by two
  // functions) is one answer for the matching; the duplicates are listed.
  std::vector<Seen> Findings;
  std::map<std::tuple<std::string, std::string, std::uint32_t>, std::size_t> Index;
  std::vector<std::string> Duplicates;
  for (const Finding &F : R.findings) {
    if (F.ruleId.rfind("secret/", 0) != 0)
      continue;
    Seen Sn{F.ruleId, F.location.displayPath(), F.message, F.location.region.startLine};
    auto Key = std::make_tuple(Sn.rule, Sn.path, Sn.line);
    if (Index.count(Key)) {
      Duplicates.push_back(Sn.rule + " at " + Sn.path + ":" + std::to_string(Sn.line));
      continue;
    }
    Index[Key] = Findings.size();
    Findings.push_back(std::move(Sn));
  }

  std::map<std::string, RuleCounts> Counts;
  for (const RuleInfo &Ri : ruleCatalogue())
    if (Ri.category == "secret")
      Counts[std::string(Ri.id)];
  std::vector<std::string> FalseNegatives;
  for (const Label &L : C.labels) {
    Seen *Match = nullptr;
    for (Seen &F : Findings)
      if (!F.used && F.path == L.path && (L.line == 0 || F.line == L.line) &&
          std::find(L.rules.begin(), L.rules.end(), F.rule) != L.rules.end()) {
        Match = &F;
        break;
      }
    if (Match) {
      Match->used = true;
      ++Counts[Match->rule].tp;
      continue;
    }
    ++Counts[L.rules.front()].fn;
    std::string Also;
    for (const Seen &F : Findings)
      if (F.path == L.path && (L.line == 0 || F.line == L.line))
        Also += " [reported instead: " + F.rule + "]";
    FalseNegatives.push_back(joined(L.rules) + " at " + L.path + (L.line ? ":" + std::to_string(L.line) : "") + Also);
  }
  std::vector<std::string> FalsePositives;
  for (const Seen &F : Findings) {
    if (F.used)
      continue;
    ++Counts[F.rule].fp;
    std::string Why = "no label";
    for (const Trap &T : C.traps)
      if (T.path == F.path && (T.line == 0 || T.line == F.line)) {
        Why = "trap: " + T.what;
        break;
      }
    for (const Label &L : C.labels)
      if (L.path == F.path && L.line == F.line && L.line != 0)
        Why = std::find(L.rules.begin(), L.rules.end(), F.rule) == L.rules.end()
                  ? "wrong rule: the line is labelled " + joined(L.rules)
                  : "a second finding for a secret labelled once";
    FalsePositives.push_back(F.rule + " at " + F.path + (F.line ? ":" + std::to_string(F.line) : "") + " (" + Why +
                             "): " + F.message);
  }

  std::size_t Tp = 0, Fp = 0, Fn = 0;
  std::ostringstream Table;
  char Row[160];
  std::snprintf(Row, sizeof Row, "%-36s %4s %4s %4s %9s %7s\n", "rule", "TP", "FP", "FN", "precision", "recall");
  Table << Row;
  for (const auto &[Rule, K] : Counts) {
    std::snprintf(Row, sizeof Row, "%-36s %4zu %4zu %4zu    %s  %s\n", Rule.c_str(), K.tp, K.fp, K.fn,
                  ratio(K.tp, K.tp + K.fp).c_str(), ratio(K.tp, K.tp + K.fn).c_str());
    Table << Row;
    Tp += K.tp, Fp += K.fp, Fn += K.fn;
  }
  std::snprintf(Row, sizeof Row, "%-36s %4zu %4zu %4zu    %s  %s\n", "total", Tp, Fp, Fn, ratio(Tp, Tp + Fp).c_str(),
                ratio(Tp, Tp + Fn).c_str());
  Table << Row;
  Table << C.labels.size() << " labelled secrets, " << C.traps.size() << " labelled traps\n";
  if (!FalsePositives.empty()) {
    Table << "\nFalse positives (" << FalsePositives.size() << "):\n";
    for (const std::string &F : FalsePositives)
      Table << "  FP " << F << "\n";
  }
  if (!FalseNegatives.empty()) {
    Table << "\nFalse negatives (" << FalseNegatives.size() << "):\n";
    for (const std::string &F : FalseNegatives)
      Table << "  FN " << F << "\n";
  }
  if (!Duplicates.empty()) {
    Table << "\nReported more than once at the same place (" << Duplicates.size() << "):\n";
    for (const std::string &D : Duplicates)
      Table << "  " << D << "\n";
  }
  std::cout << Table.str();
  RecordProperty("secret_tp", static_cast<int>(Tp));
  RecordProperty("secret_fp", static_cast<int>(Fp));
  RecordProperty("secret_fn", static_cast<int>(Fn));

  EXPECT_GE(Tp, MinSecrets) << "true positives";
  EXPECT_GE(C.traps.size(), MinTraps) << "labelled traps";
  double Precision = Tp + Fp ? static_cast<double>(Tp) / static_cast<double>(Tp + Fp) : 0;
  double Recall = Tp + Fn ? static_cast<double>(Tp) / static_cast<double>(Tp + Fn) : 0;
  EXPECT_GE(Precision, MinPrecision) << "precision; the table and the false positives are above";
  EXPECT_GE(Recall, MinRecall) << "recall; the table and the false negatives are above";
}

/// Every string of a JSON document (keys too), unescaped.
void jsonStrings(const nlohmann::json &J, std::string &Out) {
  if (J.is_string()) {
    Out += J.get<std::string>();
    Out += '\n';
  } else if (J.is_object()) {
    for (const auto &[K, V] : J.items()) {
      Out += K;
      Out += '\n';
      jsonStrings(V, Out);
    }
  } else if (J.is_array()) {
    for (const auto &V : J)
      jsonStrings(V, Out);
  }
}

/// Where \p Output shows \p Secret, in full or a piece of its random tail (a
/// redaction keeps at most the first 4 characters): empty when nowhere.
std::string leak(const std::string &Output, const std::string &Secret) {
  if (Output.find(Secret) != std::string::npos)
    return "in full";
  constexpr std::size_t Window = 10;
  for (std::size_t P = Secret.size() / 2; P + Window <= Secret.size(); ++P)
    if (Output.find(Secret.substr(P, Window)) != std::string::npos)
      return "characters " + std::to_string(P) + ".." + std::to_string(P + Window) + " of its tail";
  return "";
}

TEST_F(SecretAccuracy, NoOutputFormatPrintsASecret) {
  const Corpus &C = *Data;
  ASSERT_FALSE(C.secrets.empty());
  for (const char *Format : {"text", "json", "sarif"}) {
    ProcessResult P = runFnlint({"scan", ".", "--format", Format}, Root->path());
    ASSERT_EQ(P.exitCode, 1) << Format << ": the corpus has findings, so fnlint exits 1\n" << P.err;
    EXPECT_NE(P.out.find("secret/"), std::string::npos) << Format << " output names no secret rule";
    std::string Unescaped;
    if (std::string_view(Format) != "text") {
      // Strings as a consumer reads them, whatever JSON escaping the writer chose.
      nlohmann::json J = nlohmann::json::parse(P.out, nullptr, /*allow_exceptions=*/false);
      ASSERT_FALSE(J.is_discarded()) << Format << " output is not JSON";
      jsonStrings(J, Unescaped);
    }
    for (const std::string &Secret : C.secrets)
      for (const auto &[Stream, Text] : {std::pair{"output", &P.out}, std::pair{"error output", &P.err},
                                         std::pair{"decoded output", &Unescaped}})
        if (std::string Where = leak(*Text, Secret); !Where.empty())
          ADD_FAILURE() << Format << " " << Stream << " shows a secret (" << Secret.size()
                        << " characters, starting " << Secret.substr(0, 4) << "): " << Where;
  }
}

} // namespace
