//===- HardcodedCredentials.cpp - handler/hardcoded-credentials (Node.js) -===//
//
// AWS credentials written as string literals into the handler's module:
// `accessKeyId`, `secretAccessKey` or `sessionToken` properties (a client's
// `credentials: {…}`, AWS.config.update({…})), the arguments of `new
// AWS.Credentials('AKIA…', '…')`, and `process.env.AWS_SECRET_ACCESS_KEY =
// '…'`. Values read from the environment or elsewhere, empty strings and
// documentation placeholders are not reported; messages show a redacted
// prefix only.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"
#include "analyzers/secrets/SecretEngine.h"

namespace fnlint::node {
namespace {

bool isCredentialProperty(std::string_view K) {
  return K == "accessKeyId" || K == "secretAccessKey" || K == "sessionToken";
}

bool isCredentialVariable(std::string_view K) {
  return K == "AWS_ACCESS_KEY_ID" || K == "AWS_SECRET_ACCESS_KEY" || K == "AWS_SESSION_TOKEN";
}

/// The literal value of token \p I when it is a whole expression (followed by `,` `)` `}` `;` or the end).
std::optional<std::string_view> wholeLiteral(const std::vector<Token> &T, std::size_t I) {
  if (I >= T.size())
    return std::nullopt;
  std::optional<std::string_view> V = literalText(T[I]);
  bool Alone = I + 1 >= T.size() || T[I + 1].isPunct(",") || T[I + 1].isPunct(")") || T[I + 1].isPunct("}") ||
               T[I + 1].isPunct(";") || T[I + 1].newlineBefore;
  if (!V || !Alone || V->size() < 8 || secrets::looksLikePlaceholder(*V))
    return std::nullopt;
  return V;
}

class HardcodedCredentials final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/hardcoded-credentials"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    for (std::size_t I = 1; I + 2 < T.size(); ++I) {
      const Token &X = T[I];
      // { accessKeyId: 'AKIA…', secretAccessKey: '…' }
      std::string_view Key = literalText(X).value_or(X.kind == TokenKind::Identifier ? X.text : std::string_view());
      if (isCredentialProperty(Key) && T[I + 1].isPunct(":") && (T[I - 1].isPunct("{") || T[I - 1].isPunct(","))) {
        if (std::optional<std::string_view> V = wholeLiteral(T, I + 2))
          report(H, I + 2, Key, *V, Out);
        continue;
      }
      // new AWS.Credentials('AKIA…', '…'[, token])
      if (X.isIdent("Credentials") && T[I + 1].isPunct("(") && (T[I - 1].isIdent("new") || (isProperty(T, I) && I >= 3 && T[I - 3].isIdent("new")))) {
        static constexpr std::string_view Names[] = {"accessKeyId", "secretAccessKey", "sessionToken"};
        std::vector<TokenRange> Args = callArguments(H.module, I + 1);
        for (std::size_t A = 0; A < Args.size() && A < 3; ++A)
          if (Args[A].end == Args[A].begin + 1)
            if (std::optional<std::string_view> V = wholeLiteral(T, Args[A].begin))
              report(H, Args[A].begin, Names[A], *V, Out);
        continue;
      }
      // process.env.AWS_SECRET_ACCESS_KEY = '…', process.env['AWS_ACCESS_KEY_ID'] = '…'
      if (X.isIdent("env") && I >= 2 && isProperty(T, I) && T[I - 2].isIdent("process")) {
        std::size_t Name = I + 2;
        std::size_t Eq = T[I + 1].isPunct("[") ? I + 4 : I + 3;
        if (Name >= T.size() || Eq + 1 >= T.size() || !T[Eq].isPunct("="))
          continue;
        std::string_view Var = literalText(T[Name]).value_or(T[Name].text);
        if (isCredentialVariable(Var))
          if (std::optional<std::string_view> V = wholeLiteral(T, Eq + 1))
            report(H, Eq + 1, Var, *V, Out);
      }
    }
  }

private:
  void report(const HandlerFile &H, std::size_t I, std::string_view What, std::string_view Value,
              FindingSink &Out) const {
    Out.report(ruleId(),
               std::string(What) + " is written into " + H.file.displayPath() + " as a literal (" +
                   secrets::redact(Value) +
                   "): anyone who can read the code or the deployment package has the key; let the function use "
                   "its execution role",
               H.at(I));
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeHardcodedCredentials() { return std::make_unique<HardcodedCredentials>(); }
} // namespace fnlint::node
