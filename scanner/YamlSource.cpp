#include "scanner/YamlSource.h"

#include <charconv>
#include <map>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

namespace fnlint {

namespace {

/// How far a flow collection's closing bracket is looked for on its line.
constexpr std::size_t MaxFlowSpan = 4096;

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\r'; }

/// The end of the quoted scalar starting at \p Begin (its quote), on its line.
std::size_t quotedEnd(const std::string &Text, std::size_t Begin, std::size_t LineEnd) {
  char Quote = Text[Begin];
  std::size_t End = Begin + 1;
  while (End < LineEnd && (Text[End] != Quote || (Quote == '\'' && End + 1 < LineEnd && Text[End + 1] == '\'')))
    End += Text[End] == '\\' && Quote == '"' ? 2 : Text[End] == Quote ? 2 : 1; // "\x" and '' escapes
  return std::min(End + 1, LineEnd);
}

/// The end of the flow collection starting at \p Begin ('{' or '['), or
/// npos when it does not close on its line (within MaxFlowSpan bytes).
std::size_t flowEnd(const std::string &Text, std::size_t Begin, std::size_t LineEnd) {
  std::size_t Limit = std::min(LineEnd, Begin + MaxFlowSpan);
  int Depth = 0;
  for (std::size_t I = Begin; I < Limit; ++I) {
    char C = Text[I];
    if (C == '"' || C == '\'') {
      I = quotedEnd(Text, I, Limit) - 1;
    } else if (C == '{' || C == '[') {
      ++Depth;
    } else if (C == '}' || C == ']') {
      if (--Depth == 0)
        return I + 1;
    }
  }
  return std::string::npos;
}

/// How many bytes of \p Text from \p I make one character, decoded as
/// Region::fromOffsets does (an invalid byte is a character of its own).
std::size_t sequenceLength(std::string_view Text, std::size_t I) {
  auto C = static_cast<unsigned char>(Text[I]);
  std::size_t Len = C < 0x80 ? 1 : (C >> 5) == 0x6 ? 2 : (C >> 4) == 0xE ? 3 : (C >> 3) == 0x1E ? 4 : 1;
  if (I + Len > Text.size())
    return 1;
  for (std::size_t K = 1; K < Len; ++K)
    if ((static_cast<unsigned char>(Text[I + K]) & 0xC0) != 0x80)
      return 1;
  return Len;
}

/// UTF-16 units of the characters of \p Text in [From, To).
std::uint32_t utf16Units(std::string_view Text, std::size_t From, std::size_t To) {
  std::uint32_t Units = 0;
  for (std::size_t I = From; I < To;) {
    std::size_t Len = sequenceLength(Text.substr(0, To), I);
    Units += Len == 4 ? 2 : 1;
    I += Len;
  }
  return Units;
}

constexpr std::size_t CheckpointEvery = 1024;

/// The region of \p Mark (0-based line and column) in \p Text.
Region markRegion(const std::string &Text, const YAML::Mark &Mark) {
  if (Mark.line < 0)
    return {};
  std::uint32_t Bom = Mark.line == 0 && Text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  return Region::fromLineColumn(Text, static_cast<std::uint32_t>(Mark.line + 1),
                                static_cast<std::uint32_t>(Mark.column + 1) + Bom, 0);
}

} // namespace

YamlSource::YamlSource(std::string_view P, const std::string &T) : Path(P), Text(T) {
  Bom = Text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  LineStarts.push_back(0);
  bool Ascii = true;
  for (std::size_t I = 0; I < Text.size(); ++I) {
    auto C = static_cast<unsigned char>(Text[I]);
    if (C == '\n') {
      AsciiLine.push_back(Ascii);
      LineStarts.push_back(I + 1);
      Ascii = true;
    } else if (C >= 0x80) {
      Ascii = false;
    }
  }
  AsciiLine.push_back(Ascii);
  for (std::size_t Line = 0; Line < LineStarts.size(); ++Line) {
    std::size_t Start = LineStarts[Line];
    std::size_t End = Line + 1 < LineStarts.size() ? LineStarts[Line + 1] - 1 : Text.size();
    if (AsciiLine[Line] || End - Start < CheckpointEvery)
      continue;
    std::string_view Chars = std::string_view(Text).substr(0, End);
    std::uint32_t Units = 0;
    std::size_t Next = Start + CheckpointEvery;
    for (std::size_t I = Start; I < End;) {
      if (I >= Next) {
        Utf16Checkpoints.emplace_back(I, Units);
        Next = I + CheckpointEvery;
      }
      std::size_t Len = sequenceLength(Chars, I);
      Units += Len == 4 ? 2 : 1;
      I += Len;
    }
  }
}

std::size_t YamlSource::offsetOf(const YAML::Node &N) const {
  if (!N)
    return std::string::npos;
  YAML::Mark M = N.Mark();
  if (M.pos < 0 || static_cast<std::size_t>(M.pos) + Bom >= Text.size())
    return std::string::npos;
  return static_cast<std::size_t>(M.pos) + Bom;
}

std::size_t YamlSource::lineEnd(std::size_t Offset) const {
  auto Next = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  return Next == LineStarts.end() ? Text.size() : *Next - 1;
}

void YamlSource::position(std::size_t Offset, std::uint32_t &Line, std::uint32_t &Column,
                          std::uint32_t &Column16) const {
  Offset = std::min(Offset, Text.size());
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  std::size_t Index = static_cast<std::size_t>(It - LineStarts.begin()) - 1;
  std::size_t Start = LineStarts[Index];
  Line = static_cast<std::uint32_t>(Index + 1);
  Column = static_cast<std::uint32_t>(Offset - Start + 1);
  if (AsciiLine[Index]) {
    Column16 = Column;
    return;
  }
  // Count from the last checkpoint on this line before Offset, if any.
  std::size_t From = Start;
  std::uint32_t Units = 0;
  auto Check = std::upper_bound(Utf16Checkpoints.begin(), Utf16Checkpoints.end(), Offset,
                                [](std::size_t O, const auto &C) { return O < C.first; });
  if (Check != Utf16Checkpoints.begin() && std::prev(Check)->first >= Start) {
    From = std::prev(Check)->first;
    Units = std::prev(Check)->second;
  }
  Column16 = Units + utf16Units(Text, From, Offset) + 1;
}

Region YamlSource::regionOf(std::size_t Begin, std::size_t End) const {
  Region R;
  position(Begin, R.startLine, R.startColumn, R.startColumnUtf16);
  position(std::max(Begin, End), R.endLine, R.endColumn, R.endColumnUtf16);
  return R;
}

Region YamlSource::start(const YAML::Node &N) const {
  std::size_t Begin = offsetOf(N);
  if (Begin == std::string::npos)
    return N && N.Mark().line >= 0 ? Region::line(static_cast<std::uint32_t>(N.Mark().line + 1)) : Region();
  return regionOf(Begin, Begin + 1);
}

Region YamlSource::region(const YAML::Node &N) const {
  std::size_t Begin = offsetOf(N);
  if (Begin == std::string::npos)
    return start(N);
  std::size_t LineEnd = lineEnd(Begin);
  std::size_t P = Begin;
  // Tags (!Ref, !!str) and anchors (&name) come before the content.
  while (P < LineEnd && (Text[P] == '!' || Text[P] == '&')) {
    std::size_t TokenEnd = P;
    while (TokenEnd < LineEnd && !isBlank(Text[TokenEnd]))
      ++TokenEnd;
    P = TokenEnd;
    while (P < LineEnd && isBlank(Text[P]))
      ++P;
    if (P >= LineEnd || Text[P] == '#') // the content starts on the next line
      return regionOf(Begin, TokenEnd);
  }
  if (P >= LineEnd)
    return regionOf(Begin, std::max(Begin + 1, P));
  char C = Text[P];
  std::size_t End;
  if (C == '"' || C == '\'') {
    End = quotedEnd(Text, P, LineEnd);
  } else if (C == '{' || C == '[') {
    End = flowEnd(Text, P, LineEnd);
    if (End == std::string::npos)
      End = P + 1;
  } else if ((C == '|' || C == '>') && N.IsScalar()) {
    End = P + 1; // a block scalar: its indicator, with chomping and indentation
    while (End < LineEnd && (Text[End] == '+' || Text[End] == '-' || (Text[End] >= '1' && Text[End] <= '9')))
      ++End;
  } else if (N.IsScalar()) {
    End = std::min(P + N.Scalar().size(), LineEnd);
  } else if (N.IsNull()) {
    End = P;
    for (std::string_view Token : {"~", "null", "Null", "NULL"})
      if (std::string_view(Text).substr(P, Token.size()) == Token)
        End = P + Token.size();
  } else {
    // A block collection: its first line, trailing blanks left out.
    End = LineEnd;
    while (End > P && isBlank(Text[End - 1]))
      --End;
  }
  return regionOf(Begin, End);
}

Region YamlSource::valueOrKey(const YAML::Node &Value, const YAML::Node &Key) const {
  std::size_t Begin = offsetOf(Value);
  if (Begin == std::string::npos)
    return region(Key);
  if (Value.IsNull() && Value.Tag().size() <= 1) {
    // An empty value's mark is wherever the next token is: only a written
    // null (~, null) has a place of its own.
    bool Written = false;
    for (std::string_view Token : {"~", "null", "Null", "NULL"})
      Written |= std::string_view(Text).substr(Begin, Token.size()) == Token;
    if (!Written)
      return region(Key);
  }
  return region(Value);
}

Location YamlSource::location(const Region &R, LogicalLocation Logical) const {
  Location L;
  L.path = Path;
  L.region = R;
  L.logical = std::move(Logical);
  return L;
}

InputProblem yamlProblem(std::string_view Path, const std::string &Text, std::string_view What,
                         const YAML::Exception &E) {
  InputProblem P;
  P.level = Level::Error;
  P.location.path = std::string(Path);
  P.location.region = markRegion(Text, E.mark);
  // yaml-cpp reports its nesting-depth guard as "bad file": say what it means.
  std::string Reason = E.msg == "bad file" ? "nested deeper than the parser allows (a hostile or generated file?)"
                                           : E.msg;
  P.message = "cannot parse " + std::string(What) + ": " + Reason;
  return P;
}

namespace {

/// Sizes of subtrees with aliases expanded, memoised per node so that a
/// shared node is walked once. yaml-cpp gives nodes no identity but their
/// mark; a block mapping shares its mark with its first key, so the type is
/// part of the key.
class AliasCounter {
public:
  AliasCounter() = default;

  /// Expanded size of \p N; Distinct counts each node once.
  std::uint64_t expanded(const YAML::Node &N, unsigned Depth) {
    if (Depth > 4096)
      return 1; // yaml-cpp refuses deeper documents; never recurse without bound
    auto Key = std::make_pair(N.Mark().pos, static_cast<int>(N.Type()));
    if (auto It = Memo.find(Key); It != Memo.end())
      return It->second;
    ++Distinct;
    std::uint64_t Size = 1;
    if (N.IsSequence() || N.IsMap()) {
      for (auto It = N.begin(); It != N.end(); ++It) {
        if (N.IsMap())
          Size = addSaturating(addSaturating(Size, expanded(It->first, Depth + 1)), expanded(It->second, Depth + 1));
        else
          Size = addSaturating(Size, expanded(*It, Depth + 1));
      }
    }
    Memo.emplace(Key, Size);
    return Size;
  }

  std::uint64_t Distinct = 0;

private:
  std::map<std::pair<int, int>, std::uint64_t> Memo;
};

} // namespace

std::uint64_t aliasExpansion(const YAML::Node &Root) {
  // Memoised, the walk costs one visit per distinct node however large the
  // expansion, and saturating sums cannot wrap.
  AliasCounter Counter;
  std::uint64_t Expanded = Counter.expanded(Root, 0);
  return Expanded > Counter.Distinct ? Expanded - Counter.Distinct : 0;
}

namespace {

/// One warning per key written twice in the same mapping. yaml-cpp keeps
/// both pairs (lookups see the first), most JSON parsers silently keep the
/// last, and AWS documents the result as undefined: the value fnlint checks
/// may not be the one a tool deploys. Published templates do it (a pasted
/// Outputs entry), so it is a warning, and the document is still read.
void reportDuplicateKeys(std::string_view Path, const std::string &Text, std::string_view What,
                         const YAML::Node &Root, std::vector<InputProblem> &Problems) {
  forEachNode(Root, [&](const YAML::Node &N) {
    if (!N.IsMap())
      return;
    std::map<std::string, YAML::Mark> Keys;
    for (const auto &KV : N) {
      if (!KV.first.IsScalar() || (KV.first.Scalar() == "<<" && KV.first.Tag() == "?"))
        continue;
      auto [It, New] = Keys.emplace(KV.first.Scalar(), KV.first.Mark());
      if (New)
        continue;
      InputProblem P;
      P.level = Level::Warning;
      P.location.path = std::string(Path);
      P.location.region = markRegion(Text, KV.first.Mark());
      P.message = "duplicate key '" + KV.first.Scalar() + "' in this " + std::string(What) + " (first on line " +
                  std::to_string(It->second.line + 1) +
                  "): the document is ambiguous, parsers disagree on which value wins, and the one fnlint "
                  "checks may not be the one deployed";
      Problems.push_back(std::move(P));
    }
  });
}

} // namespace

void forEachNode(const YAML::Node &Root, const std::function<void(const YAML::Node &)> &Visit) {
  std::set<std::pair<int, int>> Seen; // collections by mark and type: a block map and its first key share a mark
  std::vector<YAML::Node> Work{Root};
  while (!Work.empty()) {
    YAML::Node N = Work.back();
    Work.pop_back();
    bool Collection = N.IsMap() || N.IsSequence();
    if (Collection && !Seen.insert({N.Mark().pos, static_cast<int>(N.Type())}).second)
      continue;
    Visit(N);
    if (N.IsSequence())
      for (const YAML::Node &Item : N)
        Work.push_back(Item);
    else if (N.IsMap())
      for (const auto &KV : N)
        Work.push_back(KV.second);
  }
}

bool parseYaml(std::string_view Path, const std::string &Text, std::string_view What, YAML::Node &Root,
               std::vector<InputProblem> &Problems, const ResourceLimits *Limits) {
  try {
    Root = YAML::Load(Text);
  } catch (const YAML::Exception &E) {
    Problems.push_back(yamlProblem(Path, Text, What, E));
    return false;
  }
  // An alias needs an anchor: most files have no '&' at all and skip the walk.
  if (Text.find('&') == std::string::npos) {
    reportDuplicateKeys(Path, Text, What, Root, Problems);
    return true;
  }
  const ResourceLimits Defaults;
  const ResourceLimits &L = Limits ? *Limits : Defaults;
  if (aliasExpansion(Root) <= L.maxYamlAliasNodes) {
    reportDuplicateKeys(Path, Text, What, Root, Problems);
    return true;
  }
  InputProblem P;
  P.level = Level::Warning;
  P.location.path = std::string(Path);
  P.message = "this " + std::string(What) + " was not read: its YAML aliases expand it by more than " +
              formatLimit(L, *findLimit("yaml-aliases")) + " nodes (" + describeLimit(L, "yaml-aliases") +
              "; a billion-laughs document?)";
  Problems.push_back(std::move(P));
  Root.reset(); // rebind, never assign: assigning a Node writes through to the node it refers to
  return false;
}

bool isPlainString(const YAML::Node &N) {
  // "?" is an untagged plain scalar, "!" a quoted one; "!Ref" and friends
  // are CloudFormation intrinsics whose value fnlint does not know yet.
  if (!N || !N.IsScalar())
    return false;
  const std::string &Tag = N.Tag();
  return Tag == "?" || Tag == "!" || Tag.empty() || Tag.rfind("tag:yaml.org,2002:", 0) == 0;
}

YAML::Node field(const YAML::Node &Map, const char *Key) {
  if (!Map || !Map.IsMap())
    return YAML::Node();
  YAML::Node Value = Map[Key]; // the const operator[]: never adds the key
  if (!Value)
    return YAML::Node();
  return Value;
}

std::optional<std::string> stringField(const YAML::Node &Map, const char *Key) {
  YAML::Node Value = field(Map, Key);
  if (isPlainString(Value))
    return Value.Scalar();
  return std::nullopt;
}

namespace {
/// \p Seen holds the maps already merged (by their mark): an alias graph
/// can repeat a map, or contain itself, and must not blow up.
void collectEntries(const YAML::Node &Map, int Depth, std::set<int> &Seen,
                    std::vector<std::pair<YAML::Node, YAML::Node>> &Out) {
  if (!Map || !Map.IsMap() || Depth > 64 || !Seen.insert(Map.Mark().pos).second)
    return;
  std::vector<std::pair<YAML::Node, YAML::Node>> Own;
  for (const auto &KV : Map) {
    if (KV.first.IsScalar() && KV.first.Scalar() == "<<" && KV.first.Tag() == "?") {
      if (KV.second.IsMap()) {
        collectEntries(KV.second, Depth + 1, Seen, Out);
      } else if (KV.second.IsSequence()) {
        // Earlier maps win over later ones: apply them last.
        std::vector<YAML::Node> Items(KV.second.begin(), KV.second.end());
        for (auto It = Items.rbegin(); It != Items.rend(); ++It)
          collectEntries(*It, Depth + 1, Seen, Out);
      }
      continue;
    }
    Own.emplace_back(KV.first, KV.second);
  }
  for (auto &E : Own)
    Out.push_back(std::move(E));
}
} // namespace

std::vector<std::pair<YAML::Node, YAML::Node>> mapEntries(const YAML::Node &Map) {
  std::vector<std::pair<YAML::Node, YAML::Node>> Out;
  std::set<int> Seen;
  collectEntries(Map, 0, Seen, Out);
  return Out;
}

std::string resolveCodePath(std::string_view ConfigPath, const std::string &Value) {
  namespace fs = std::filesystem;
  if (Value.rfind("s3://", 0) == 0 || Value.rfind("https://", 0) == 0 || Value.rfind("http://", 0) == 0)
    return {};
  fs::path Base = fs::path(std::string(ConfigPath)).parent_path();
  fs::path P = fs::path(Value).is_absolute() ? fs::path(Value) : Base / Value;
  std::string S = P.lexically_normal().generic_string();
  while (S.size() > 1 && S.back() == '/')
    S.pop_back();
  return S.empty() ? "." : S;
}

EnvironmentVariable environmentVariable(const YamlSource &Source, const YAML::Node &Key, const YAML::Node &Value,
                                        LogicalLocation Logical) {
  EnvironmentVariable V;
  V.name = Key.Scalar();
  if (isPlainString(Value)) {
    V.literal = true;
    V.value = Value.Scalar();
  }
  V.location = Source.location(Source.valueOrKey(Value, Key), std::move(Logical));
  return V;
}

void setEnvironment(Deployable &D, std::map<std::string, EnvironmentVariable> &&Merged) {
  D.environmentVariables.clear();
  D.environment.clear();
  for (auto &[Name, Var] : Merged) {
    if (Var.literal)
      D.environment[Name] = Var.value;
    D.environmentVariables.push_back(std::move(Var));
  }
}

YAML::Node firstItem(const YAML::Node &Seq) {
  if (!Seq || !Seq.IsSequence() || Seq.size() == 0)
    return YAML::Node();
  return *Seq.begin();
}

bool written(const YAML::Node &N) { return N && N.IsDefined() && !N.IsNull(); }

YAML::Node withMergeKeys(const YAML::Node &Map) {
  if (!Map.IsMap() || !field(Map, "<<").IsDefined() || field(Map, "<<").IsNull())
    return Map;
  std::vector<std::pair<YAML::Node, YAML::Node>> Entries;
  std::map<std::string, std::size_t> ByKey;
  for (auto &[Key, Value] : mapEntries(Map)) {
    std::string K = Key.IsScalar() ? Key.Scalar() : std::string();
    if (auto It = ByKey.find(K); !K.empty() && It != ByKey.end()) {
      Entries[It->second].first.reset(Key);
      Entries[It->second].second.reset(Value);
      continue;
    }
    if (!K.empty())
      ByKey[K] = Entries.size();
    Entries.emplace_back(Key, Value);
  }
  YAML::Node Out(YAML::NodeType::Map);
  for (const auto &[Key, Value] : Entries)
    Out.force_insert(Key, Value);
  return Out;
}

std::optional<std::int64_t> integerOf(const YAML::Node &N) {
  if (!isPlainString(N))
    return std::nullopt;
  const std::string &S = N.Scalar();
  std::int64_t V = 0;
  auto [End, Error] = std::from_chars(S.data(), S.data() + S.size(), V);
  if (Error != std::errc() || End != S.data() + S.size())
    return std::nullopt;
  return V;
}

void readSetting(Setting<std::string> &S, const YamlSource &Src, const YAML::Node &N, const LogicalLocation &Where,
                 bool (*IsLiteral)(const YAML::Node &)) {
  if (IsLiteral(N))
    S.set(N.Scalar(), Src.location(Src.region(N), Where));
  else if (written(N))
    S.setUnknown(Src.location(Src.region(N), Where));
}

void readSetting(Setting<std::int64_t> &S, const YamlSource &Src, const YAML::Node &N, const LogicalLocation &Where) {
  if (std::optional<std::int64_t> V = integerOf(N))
    S.set(*V, Src.location(Src.region(N), Where));
  else if (written(N))
    S.setUnknown(Src.location(Src.region(N), Where));
}

} // namespace fnlint
