//===- CredentialsFile.cpp - secret/credentials-file ------------------------===//
//
// Files whose whole purpose is to hold credentials, recognised by name and
// judged by their values: an AWS shared credentials file, .env files with
// secret values, SSH private keys (id_rsa ...), .npmrc auth tokens, .pypirc
// and .netrc passwords, .git-credentials URLs. Templates meant to be copied
// (.env.example, .env.sample) and values that are references (${NPM_TOKEN})
// are not credentials.
//
//===----------------------------------------------------------------------===//
#include "analyzers/secrets/SecretEngine.h"
#include "core/AsciiCase.h"

#include <algorithm>
#include <cctype>

namespace fnlint::secrets {

namespace {

enum class Kind { None, AwsCredentials, DotEnv, SshKey, Npmrc, Pypirc, Netrc, GitCredentials };

std::string_view baseName(std::string_view Path) {
  auto Slash = Path.rfind('/');
  return Slash == std::string_view::npos ? Path : Path.substr(Slash + 1);
}

Kind kindOf(std::string_view Path) {
  std::string_view Name = baseName(Path);
  if (Name == "credentials" && (Path == "credentials" || Path.find(".aws/credentials") != std::string_view::npos))
    return Kind::AwsCredentials;
  if (Name == ".env" || (Name.rfind(".env.", 0) == 0 && Name != ".env.example" && Name != ".env.sample" &&
                         Name != ".env.template" && Name != ".env.dist" && Name != ".env.defaults"))
    return Kind::DotEnv;
  if (Name == "id_rsa" || Name == "id_dsa" || Name == "id_ecdsa" || Name == "id_ed25519")
    return Kind::SshKey;
  if (Name == ".npmrc")
    return Kind::Npmrc;
  if (Name == ".pypirc")
    return Kind::Pypirc;
  if (Name == ".netrc" || Name == "_netrc")
    return Kind::Netrc;
  if (Name == ".git-credentials")
    return Kind::GitCredentials;
  return Kind::None;
}

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t' || S.back() == '\r'))
    S.remove_suffix(1);
  return S;
}

/// The value with its quotes taken off.
std::string_view unquote(std::string_view V) {
  V = trim(V);
  if (V.size() >= 2 && (V.front() == '"' || V.front() == '\'') && V.back() == V.front())
    V = V.substr(1, V.size() - 2);
  return V;
}

class CredentialsFile final : public Detector {
public:
  std::vector<std::string> keywords() const override { return {}; }
  bool wantsContent(const Content &C) const override { return !C.binary && kindOf(C.path) != Kind::None; }

  void scan(const Content &C, const KeywordTest &, std::vector<Hit> &Out) const override {
    Kind K = kindOf(C.path);
    if (K == Kind::SshKey) {
      if (C.text.find("PRIVATE KEY") == std::string_view::npos)
        return;
      Out.push_back(hit(C, 0, C.text.size(), C.text, "SSH private key file " + std::string(baseName(C.path)), 95));
      return;
    }
    std::size_t Start = 0;
    while (Start < C.text.size()) {
      std::size_t End = C.text.find('\n', Start);
      if (End == std::string_view::npos)
        End = C.text.size();
      std::string_view Line = C.text.substr(Start, End - Start);
      std::size_t LineBegin = Start;
      Start = End + 1;
      std::string_view T = trim(Line);
      if (T.empty() || T.front() == '#' || T.front() == ';')
        continue;
      std::size_t ValueBegin = 0, ValueEnd = 0;
      std::string What;
      if (!valueOf(K, Line, ValueBegin, ValueEnd, What))
        continue;
      std::string_view Value = Line.substr(ValueBegin, ValueEnd - ValueBegin);
      if (Value.empty() || looksLikePlaceholder(Value) || Value.find("EXAMPLE") != std::string_view::npos)
        continue;
      if (K == Kind::DotEnv && !looksLikeSecretValue(Value))
        continue; // TOKEN_ISSUER=https://..., CACHE_TOKEN_TTL=3600
      Out.push_back(hit(C, LineBegin + ValueBegin, LineBegin + ValueEnd, Value,
                        What + " " + redact(Value) + " in " + std::string(baseName(C.path)), K == Kind::DotEnv ? 75 : 95));
    }
  }

private:
  static Hit hit(const Content &C, std::size_t B, std::size_t E, std::string_view Secret, std::string Message,
                 int Priority) {
    Hit H;
    H.ruleId = "secret/credentials-file";
    H.begin = B;
    H.end = E;
    H.secret = std::string(Secret);
    H.message = std::move(Message);
    H.priority = Priority;
    H.properties = {{"file", std::string(baseName(C.path))}};
    return H;
  }

  /// Finds the secret value on \p Line for a file of kind \p K.
  static bool valueOf(Kind K, std::string_view Line, std::size_t &B, std::size_t &E, std::string &What) {
    auto Assignment = [&](char Sep, auto NameOk) {
      std::size_t Eq = Line.find(Sep);
      if (Eq == std::string_view::npos)
        return false;
      std::string_view Name = trim(Line.substr(0, Eq));
      if (Name.rfind("export ", 0) == 0)
        Name = trim(Name.substr(7));
      if (!NameOk(Name))
        return false;
      std::string_view Raw = Line.substr(Eq + 1);
      std::string_view V = unquote(Raw);
      B = static_cast<std::size_t>(V.data() - Line.data());
      E = B + V.size();
      What = std::string(Name);
      return true;
    };
    switch (K) {
    case Kind::AwsCredentials:
      return Assignment('=', [](std::string_view N) {
        std::string L = toLowerAscii(N);
        return L == "aws_secret_access_key" || L == "aws_session_token";
      });
    case Kind::DotEnv: {
      if (!Assignment('=', isSecretVariableName))
        return false;
      // KEY="value" # note, KEY=value # note: the comment is not the value.
      std::string_view V = Line.substr(B, E - B);
      bool Unquoted = B > 0 && E < Line.size() && (Line[B - 1] == '"' || Line[B - 1] == '\'') && Line[E] == Line[B - 1];
      if (Unquoted)
        return true; // "a #b": inside quotes '#' is part of the value
      if (!V.empty() && (V.front() == '"' || V.front() == '\'')) {
        std::size_t Close = V.find(V.front(), 1);
        if (Close != std::string_view::npos) {
          E = B + Close;
          ++B;
        }
      } else {
        for (std::size_t P = 1; P < V.size(); ++P)
          if (V[P] == '#' && (V[P - 1] == ' ' || V[P - 1] == '\t')) {
            V = trim(V.substr(0, P));
            E = B + V.size();
            break;
          }
      }
      return true;
    }
    case Kind::Npmrc:
      return Assignment('=', [](std::string_view N) {
        return N.find("_authToken") != std::string_view::npos || N.find("_password") != std::string_view::npos ||
               N == "_auth" || N.ends_with(":_auth");
      });
    case Kind::Pypirc:
      return Assignment('=', [](std::string_view N) { return toLowerAscii(N) == "password"; }) ||
             Assignment(':', [](std::string_view N) { return toLowerAscii(N) == "password"; });
    case Kind::Netrc: {
      std::size_t P = Line.find("password ");
      if (P == std::string_view::npos)
        return false;
      B = P + 9;
      while (B < Line.size() && Line[B] == ' ')
        ++B;
      E = B;
      while (E < Line.size() && !std::isspace(static_cast<unsigned char>(Line[E])))
        ++E;
      What = "password";
      return E > B;
    }
    case Kind::GitCredentials: {
      // https://user:token@host
      std::size_t Scheme = Line.find("://");
      std::size_t At = Line.find('@', Scheme == std::string_view::npos ? 0 : Scheme);
      if (Scheme == std::string_view::npos || At == std::string_view::npos)
        return false;
      std::size_t Colon = Line.find(':', Scheme + 3);
      if (Colon == std::string_view::npos || Colon > At)
        return false;
      B = Colon + 1;
      E = At;
      What = "credential";
      return E > B;
    }
    case Kind::SshKey:
    case Kind::None:
      return false;
    }
    return false;
  }
};

} // namespace

std::unique_ptr<Detector> makeCredentialsFile() { return std::make_unique<CredentialsFile>(); }

} // namespace fnlint::secrets
