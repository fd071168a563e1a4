#include "scanner/PolicyReader.h"

#include "scanner/Intrinsics.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <cctype>

namespace fnlint {

namespace {

constexpr const char *StatementElements[] = {"Sid",      "Effect",      "Principal", "NotPrincipal", "Action",
                                             "NotAction", "Resource", "NotResource", "Condition"};
constexpr const char *PolicyElements[] = {"Version", "Id", "Statement"};

bool isOneOf(const std::string &Key, const auto &List) {
  for (const char *K : List)
    if (Key == K)
      return true;
  return false;
}

class Reader {
public:
  Reader(const YamlSource &Src, const Intrinsics *In, std::optional<Location> Fixed)
      : Src(Src), In(In), Fixed(std::move(Fixed)) {}

  void read(const YAML::Node &Doc, Policy &P) {
    if (!Doc.IsMap()) {
      P.invalid = "the policy document is not a JSON object";
      return;
    }
    for (const auto &KV : Doc) {
      if (!KV.first.IsScalar())
        continue;
      const std::string &Key = KV.first.Scalar();
      if (Key == "Version")
        P.version = string(KV.second);
      else if (Key == "Statement")
        statements(KV.second, P);
      else if (!isOneOf(Key, PolicyElements))
        P.unknownElements.push_back({Key, at(KV.first), true});
    }
  }

  /// A statement or a list of them, outside a document.
  void readStatementList(const YAML::Node &N, Policy &P) { statements(N, P); }

private:
  const YamlSource &Src;
  const Intrinsics *In;
  std::optional<Location> Fixed; ///< every element's location (a document inside a string)

  Location at(const YAML::Node &N) const { return Fixed ? *Fixed : Src.location(Src.region(N), {}); }

  /// Fn::If resolved when it can be; nullopt when it cannot.
  std::optional<YAML::Node> select(const YAML::Node &N) const {
    if (!In)
      return N;
    return In->select(N);
  }

  PolicyString string(const YAML::Node &N) const {
    PolicyString S;
    S.location = at(N);
    if (isPlainString(N)) {
      S.value = N.Scalar();
      return S;
    }
    if (In)
      if (std::optional<std::string> V = In->string(N)) {
        S.value = *V;
        return S;
      }
    S.known = false;
    return S;
  }

  /// A string or a list of strings; items that resolve to AWS::NoValue are dropped.
  std::vector<PolicyString> strings(const YAML::Node &N) const {
    std::vector<PolicyString> Out;
    std::optional<YAML::Node> V = select(N);
    if (!V) {
      Out.push_back(string(N));
      return Out;
    }
    if (!V->IsDefined())
      return Out;
    if (V->IsSequence() && intrinsicOf(*V).name.empty()) { // `!Sub [text, vars]` is one value
      for (const auto &Item : *V) {
        std::optional<YAML::Node> I = select(Item);
        if (I && !I->IsDefined())
          continue;
        Out.push_back(string(I ? *I : YAML::Node(Item)));
      }
      return Out;
    }
    Out.push_back(string(*V));
    return Out;
  }

  void statements(const YAML::Node &N, Policy &P) {
    std::optional<YAML::Node> V = select(N);
    if (!V || !V->IsDefined())
      return;
    if (V->IsMap() && intrinsicOf(*V).name.empty()) {
      statement(*V, P, false);
      return;
    }
    if (!V->IsSequence())
      return;
    for (const auto &Item : *V) {
      std::optional<YAML::Node> S = select(Item);
      if (S && !S->IsDefined())
        continue; // AWS::NoValue
      bool Conditional = !S;
      if (Conditional) {
        // Fn::If fnlint cannot decide: the statement may be there.
        IntrinsicCall Call = intrinsicOf(Item);
        if (Call.argument.IsSequence() && Call.argument.size() == 3)
          S = Call.argument[1];
        else
          continue;
      }
      if (S->IsMap())
        statement(*S, P, Conditional);
    }
  }

  void statement(const YAML::Node &N, Policy &P, bool Conditional) {
    PolicyStatement S;
    S.location = Fixed ? *Fixed : Src.location(Src.start(N), {});
    S.conditional = Conditional;
    for (const auto &KV : N) {
      if (!KV.first.IsScalar())
        continue;
      const std::string &Key = KV.first.Scalar();
      const YAML::Node &Value = KV.second;
      if (Key == "Sid") {
        S.sid = string(Value);
      } else if (Key == "Effect") {
        S.effect = string(Value);
      } else if (Key == "Action" || Key == "NotAction") {
        S.hasAction = true;
        S.notAction = Key == "NotAction";
        S.actions = strings(Value);
      } else if (Key == "Resource" || Key == "NotResource") {
        S.hasResource = true;
        S.notResource = Key == "NotResource";
        S.resources = strings(Value);
      } else if (Key == "Principal" || Key == "NotPrincipal") {
        S.hasPrincipal = true;
        S.notPrincipal = Key == "NotPrincipal";
        principals(Value, S);
      } else if (Key == "Condition") {
        conditions(Value, S);
      } else {
        S.unknownElements.push_back({Key, at(KV.first), true});
      }
    }
    P.statements.push_back(std::move(S));
  }

  void principals(const YAML::Node &N, PolicyStatement &S) {
    if (isPlainString(N)) { // "Principal": "*"
      S.principals.push_back({N.Scalar(), {string(N)}, at(N)});
      return;
    }
    if (!N.IsMap())
      return;
    for (const auto &KV : N)
      if (KV.first.IsScalar())
        S.principals.push_back({KV.first.Scalar(), strings(KV.second), at(KV.first)});
  }

  void conditions(const YAML::Node &N, PolicyStatement &S) {
    if (!N.IsMap())
      return;
    for (const auto &Op : N) {
      if (!Op.first.IsScalar() || !Op.second.IsMap())
        continue;
      for (const auto &Key : Op.second)
        if (Key.first.IsScalar())
          S.conditions.push_back(
              {Op.first.Scalar(), Key.first.Scalar(), strings(Key.second), at(Key.first), at(Op.first)});
    }
  }
};

/// Characters of \p N as compact JSON, or 0 when any part is computed.
std::uint64_t compactSize(const YAML::Node &N, int Depth = 0) {
  if (Depth > 64)
    return 0;
  if (N.IsScalar()) {
    if (!isPlainString(N))
      return 0;
    return N.Scalar().size() + 2; // quoted
  }
  std::uint64_t Sum = 2; // brackets
  if (N.IsSequence()) {
    for (const auto &I : N) {
      std::uint64_t S = compactSize(I, Depth + 1);
      if (!S)
        return 0;
      Sum += S + 1;
    }
    return N.size() ? Sum - 1 : Sum; // n items, n - 1 commas
  }
  if (N.IsMap()) {
    if (!intrinsicOf(N).name.empty())
      return 0;
    for (const auto &KV : N) {
      std::uint64_t S = compactSize(KV.second, Depth + 1);
      if (!S || !KV.first.IsScalar())
        return 0;
      Sum += KV.first.Scalar().size() + 3 + S + 1;
    }
    return N.size() ? Sum - 1 : Sum;
  }
  return 0;
}

/// A policy with no statements yet, located at \p Doc.
Policy emptyPolicy(const YamlSource &Src, const YAML::Node &Doc, Policy::Kind Kind, std::string Name,
                   std::string Source) {
  Policy P;
  P.kind = Kind;
  P.name = std::move(Name);
  P.source = std::move(Source);
  P.location = Src.location(Src.region(Doc), {});
  return P;
}

} // namespace

std::string policyFileStem(std::string_view Path) {
  if (std::size_t Slash = Path.rfind('/'); Slash != std::string_view::npos)
    Path.remove_prefix(Slash + 1);
  if (std::size_t Dot = Path.rfind('.'); Dot != std::string_view::npos && Dot > 0)
    Path = Path.substr(0, Dot);
  return std::string(Path);
}

std::string urlDecode(std::string_view Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (std::size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '%' && I + 2 < Text.size() && std::isxdigit(static_cast<unsigned char>(Text[I + 1])) &&
        std::isxdigit(static_cast<unsigned char>(Text[I + 2]))) {
      Out += static_cast<char>(std::stoi(std::string(Text.substr(I + 1, 2)), nullptr, 16));
      I += 2;
    } else if (Text[I] == '+') {
      Out += ' ';
    } else {
      Out += Text[I];
    }
  }
  return Out;
}

Policy readPolicy(const YamlSource &Src, const YAML::Node &Doc, Policy::Kind Kind, std::string Name,
                  std::string Source, const Intrinsics *In) {
  Policy P = emptyPolicy(Src, Doc, Kind, std::move(Name), std::move(Source));
  try {
    if (isPlainString(Doc)) {
      // A document inside a string: parse it; its elements point at the string.
      std::string Text = Doc.Scalar();
      if (!Text.empty() && Text.front() == '%')
        Text = urlDecode(Text);
      YAML::Node Inner;
      try {
        Inner = YAML::Load(Text);
      } catch (const YAML::Exception &E) {
        P.invalid = std::string("the policy is not valid JSON: ") + E.msg;
        return P;
      }
      Reader(Src, nullptr, P.location).read(Inner, P);
      P.characters = compactSize(Inner);
      return P;
    }
    Reader(Src, In, std::nullopt).read(Doc, P);
    P.characters = compactSize(Doc);
  } catch (const YAML::Exception &E) {
    P.statements.clear();
    P.invalid = std::string("the policy document has an unexpected shape: ") + E.msg;
  }
  return P;
}

Policy readStatements(const YamlSource &Src, const YAML::Node &Statements, Policy::Kind Kind, std::string Name,
                      std::string Source) {
  Policy P = emptyPolicy(Src, Statements, Kind, std::move(Name), std::move(Source));
  try {
    Reader(Src, nullptr, std::nullopt).readStatementList(Statements, P);
    // The document the tool writes around them: {"Version":"2012-10-17","Statement":...}.
    if (std::uint64_t Size = compactSize(Statements))
      P.characters = Size + std::string_view(R"({"Version":"2012-10-17","Statement":})").size();
  } catch (const YAML::Exception &E) {
    P.statements.clear();
    P.invalid = std::string("the statements have an unexpected shape: ") + E.msg;
  }
  return P;
}

} // namespace fnlint
