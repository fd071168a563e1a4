#include "scanner/Intrinsics.h"

#include "scanner/YamlSource.h"

#include <cstdlib>

namespace fnlint {

namespace {

constexpr int MaxDepth = 32; ///< nesting of intrinsics; deeper is unknown (and hostile)

const char *const Pseudo[] = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
                              "AWS::StackId",   "AWS::StackName",        "AWS::URLSuffix"};

bool isPseudo(std::string_view Name) {
  for (const char *P : Pseudo)
    if (Name == P)
      return true;
  return false;
}

/// The items of a sequence argument.
std::vector<YAML::Node> items(const YAML::Node &N) {
  std::vector<YAML::Node> Out;
  if (N && N.IsSequence())
    for (const auto &I : N)
      Out.push_back(I);
  return Out;
}

} // namespace

IntrinsicCall intrinsicOf(const YAML::Node &N) {
  if (!N || !N.IsDefined())
    return {};
  const std::string &Tag = N.Tag();
  if (Tag.size() > 1 && Tag[0] == '!' && Tag.rfind("!!", 0) != 0) {
    std::string Name = Tag.substr(1);
    if (Name == "Ref" || Name == "Condition")
      return {Name, N};
    return {"Fn::" + Name, N};
  }
  if (N.IsMap() && N.size() == 1) {
    const auto &KV = *N.begin();
    if (!KV.first.IsScalar())
      return {};
    const std::string &Key = KV.first.Scalar();
    if (Key == "Ref" || Key == "Condition" || Key.rfind("Fn::", 0) == 0)
      return {Key, KV.second};
  }
  return {};
}

Intrinsics::Intrinsics(const YAML::Node &Root)
    : Parameters(field(Root, "Parameters")), Mappings(field(Root, "Mappings")),
      Conditions(field(Root, "Conditions")) {}

bool Intrinsics::isParameter(std::string_view Name) const {
  return written(field(Parameters, std::string(Name).c_str()));
}

std::optional<std::string> Intrinsics::string(const YAML::Node &N, std::string *From) const {
  if (From)
    From->clear();
  return resolve(N, From, 0);
}

std::optional<long long> Intrinsics::integer(const YAML::Node &N, std::string *From) const {
  std::optional<std::string> S = string(N, From);
  if (!S || S->empty())
    return std::nullopt;
  char *End = nullptr;
  long long V = std::strtoll(S->c_str(), &End, 10);
  if (*End != '\0')
    return std::nullopt;
  return V;
}

std::optional<std::string> Intrinsics::resolve(const YAML::Node &N, std::string *From, int Depth) const {
  if (!N || !N.IsDefined() || Depth > MaxDepth)
    return std::nullopt;
  if (isPlainString(N))
    return N.Scalar();
  IntrinsicCall Call = intrinsicOf(N);
  const YAML::Node &Arg = Call.argument;
  if (Call.name == "Ref") {
    if (!Arg.IsScalar() || isPseudo(Arg.Scalar()))
      return std::nullopt;
    YAML::Node Param = field(Parameters, Arg.Scalar().c_str());
    YAML::Node Default = field(Param, "Default");
    if (!isPlainString(Default))
      return std::nullopt;
    // An SSM parameter type's Default names the parameter, not its value.
    if (std::optional<std::string> Type = stringField(Param, "Type"); Type && Type->rfind("AWS::SSM::", 0) == 0)
      return std::nullopt;
    if (From)
      *From = "the default of parameter " + Arg.Scalar();
    return Default.Scalar();
  }
  if (Call.name == "Fn::FindInMap") {
    std::vector<YAML::Node> Args = items(Arg);
    if (Args.size() < 3)
      return std::nullopt;
    std::optional<std::string> Map = resolve(Args[0], nullptr, Depth + 1);
    std::optional<std::string> Top = resolve(Args[1], nullptr, Depth + 1);
    std::optional<std::string> Second = resolve(Args[2], nullptr, Depth + 1);
    if (!Map || !Top || !Second)
      return std::nullopt;
    YAML::Node Value = field(field(field(Mappings, Map->c_str()), Top->c_str()), Second->c_str());
    if (!isPlainString(Value))
      return std::nullopt;
    if (From)
      *From = "mapping " + *Map + "." + *Top + "." + *Second;
    return Value.Scalar();
  }
  if (Call.name == "Fn::If") {
    std::optional<YAML::Node> Branch = select(N);
    if (!Branch || !Branch->IsDefined())
      return std::nullopt;
    return resolve(*Branch, From, Depth + 1);
  }
  if (Call.name == "Fn::Join") {
    std::vector<YAML::Node> Args = items(Arg);
    if (Args.size() != 2 || !isPlainString(Args[0]) || !Args[1].IsSequence())
      return std::nullopt;
    std::string Out;
    bool First = true;
    for (const YAML::Node &Part : items(Args[1])) {
      std::optional<std::string> S = resolve(Part, nullptr, Depth + 1);
      if (!S)
        return std::nullopt;
      Out += (First ? "" : Args[0].Scalar()) + *S;
      First = false;
    }
    return Out;
  }
  if (Call.name == "Fn::Select") {
    std::vector<YAML::Node> Args = items(Arg);
    if (Args.size() != 2 || !Args[1].IsSequence())
      return std::nullopt;
    std::optional<std::string> Index = resolve(Args[0], nullptr, Depth + 1);
    if (!Index)
      return std::nullopt;
    char *End = nullptr;
    unsigned long I = std::strtoul(Index->c_str(), &End, 10);
    if (*End != '\0' || I >= Args[1].size())
      return std::nullopt;
    return resolve(items(Args[1])[I], From, Depth + 1);
  }
  if (Call.name == "Fn::Sub") {
    YAML::Node Text = Arg;
    YAML::Node Vars;
    if (Arg.IsSequence()) {
      std::vector<YAML::Node> Args = items(Arg);
      if (Args.empty())
        return std::nullopt;
      // reset(), not =: assigning a YAML::Node overwrites the node it refers to.
      Text.reset(Args[0]);
      if (Args.size() > 1)
        Vars.reset(Args[1]);
    }
    if (!Text.IsScalar())
      return std::nullopt;
    const std::string &S = Text.Scalar();
    std::string Out;
    for (std::size_t I = 0; I < S.size();) {
      std::size_t Open = S.find("${", I);
      if (Open == std::string::npos) {
        Out += S.substr(I);
        break;
      }
      Out += S.substr(I, Open - I);
      if (Open + 2 < S.size() && S[Open + 2] == '!') { // ${!Literal} is written as ${Literal}
        Out += "${";
        I = Open + 3;
        continue;
      }
      std::size_t Close = S.find('}', Open);
      if (Close == std::string::npos)
        return std::nullopt;
      std::string Name = S.substr(Open + 2, Close - Open - 2);
      std::optional<std::string> Value;
      if (YAML::Node V = field(Vars, Name.c_str()); written(V))
        Value = resolve(V, nullptr, Depth + 1);
      else if (Name.find('.') == std::string::npos && isParameter(Name)) {
        YAML::Node Ref = YAML::Load("{Ref: x}");
        Ref["Ref"] = Name;
        Value = resolve(Ref, nullptr, Depth + 1);
      }
      if (!Value)
        return std::nullopt;
      Out += *Value;
      I = Close + 1;
    }
    return Out;
  }
  return std::nullopt;
}

std::optional<YAML::Node> Intrinsics::select(const YAML::Node &N) const {
  if (!written(N))
    return YAML::Node(YAML::NodeType::Undefined);
  YAML::Node Current = N;
  for (int Depth = 0; Depth <= MaxDepth; ++Depth) {
    IntrinsicCall Call = intrinsicOf(Current);
    if (Call.name == "Ref" && Call.argument.IsScalar() && Call.argument.Scalar() == "AWS::NoValue")
      return YAML::Node(YAML::NodeType::Undefined);
    if (Call.name != "Fn::If")
      return Current;
    std::vector<YAML::Node> Args = items(Call.argument);
    if (Args.size() != 3 || !isPlainString(Args[0]))
      return std::nullopt;
    std::optional<bool> C = condition(Args[0].Scalar());
    if (!C)
      return std::nullopt;
    Current.reset(*C ? Args[1] : Args[2]); // not =: that would overwrite the template
  }
  return std::nullopt;
}

std::optional<bool> Intrinsics::condition(std::string_view Name) const {
  std::string Key(Name);
  if (auto It = ConditionCache.find(Key); It != ConditionCache.end())
    return It->second;
  if (!Evaluating.insert(Key).second)
    return std::nullopt; // a condition that refers to itself
  std::optional<bool> V = evaluate(field(Conditions, Key.c_str()), 0);
  Evaluating.erase(Key);
  ConditionCache[Key] = V;
  return V;
}

std::optional<bool> Intrinsics::evaluate(const YAML::Node &N, int Depth) const {
  if (!N || Depth > MaxDepth)
    return std::nullopt;
  IntrinsicCall Call = intrinsicOf(N);
  std::vector<YAML::Node> Args = items(Call.argument);
  if (Call.name == "Condition")
    return Call.argument.IsScalar() ? condition(Call.argument.Scalar()) : std::nullopt;
  if (Call.name == "Fn::Equals") {
    if (Args.size() != 2)
      return std::nullopt;
    std::optional<std::string> A = resolve(Args[0], nullptr, Depth + 1);
    std::optional<std::string> B = resolve(Args[1], nullptr, Depth + 1);
    if (!A || !B)
      return std::nullopt;
    return *A == *B;
  }
  if (Call.name == "Fn::Not") {
    if (Args.size() != 1)
      return std::nullopt;
    std::optional<bool> V = evaluate(Args[0], Depth + 1);
    return V ? std::optional<bool>(!*V) : std::nullopt;
  }
  if (Call.name == "Fn::And" || Call.name == "Fn::Or") {
    bool IsAnd = Call.name == "Fn::And";
    bool Unknown = false;
    for (const YAML::Node &A : Args) {
      std::optional<bool> V = evaluate(A, Depth + 1);
      if (!V)
        Unknown = true;
      else if (*V != IsAnd)
        return !IsAnd; // a false in And, a true in Or decides
    }
    if (Unknown || Args.empty())
      return std::nullopt;
    return IsAnd;
  }
  return std::nullopt;
}

std::string Intrinsics::referencedId(const YAML::Node &N, std::string *Attribute) {
  if (Attribute)
    Attribute->clear();
  IntrinsicCall Call = intrinsicOf(N);
  const YAML::Node &Arg = Call.argument;
  std::string Target;
  if (Call.name == "Ref" && Arg.IsScalar()) {
    Target = Arg.Scalar();
  } else if (Call.name == "Fn::GetAtt") {
    if (Arg.IsSequence() && Arg.size() >= 2 && isPlainString(Arg[0])) {
      if (Attribute && isPlainString(Arg[1]))
        *Attribute = Arg[1].Scalar();
      return Arg[0].Scalar();
    }
    if (Arg.IsScalar()) {
      Target = Arg.Scalar();
      std::size_t Dot = Target.find('.');
      if (Dot == std::string::npos)
        return {};
      if (Attribute)
        *Attribute = Target.substr(Dot + 1);
      return Target.substr(0, Dot);
    }
  } else if (Call.name == "Fn::Sub" && Arg.IsScalar()) {
    const std::string &S = Arg.Scalar();
    if (S.size() > 3 && S.rfind("${", 0) == 0 && S.back() == '}' && S.find("${", 2) == std::string::npos)
      Target = S.substr(2, S.size() - 3);
  }
  // SAM's `!Ref Fn.Alias` / `${Fn.Arn}` forms.
  if (std::size_t Dot = Target.find('.'); Dot != std::string::npos) {
    if (Attribute)
      *Attribute = Target.substr(Dot + 1);
    Target.resize(Dot);
  }
  return Target;
}

} // namespace fnlint
