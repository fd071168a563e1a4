//===- TlsVerificationDisabled.cpp - handler/tls-verification-disabled (Node.js) ===//
//
// TLS certificate checks turned off in the handler's module:
// `rejectUnauthorized: false` (https.Agent, https.request, tls.connect,
// axios/got/pg options), `strictSSL: false` (request), and
// `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`, which turns them off for
// every connection of the process. `rejectUnauthorized: true`, values
// computed at run time and reads of the variable are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"

namespace fnlint::node {
namespace {

/// `false` or `0` as a whole value (followed by `,` `}` `)` `;` or a line break).
bool isFalseValue(const std::vector<Token> &T, std::size_t I) {
  if (I >= T.size() || !(T[I].isIdent("false") || T[I].is(TokenKind::Number, "0")))
    return false;
  return I + 1 >= T.size() || T[I + 1].isPunct(",") || T[I + 1].isPunct("}") || T[I + 1].isPunct(")") ||
         T[I + 1].isPunct(";") || T[I + 1].newlineBefore;
}

class TlsVerificationDisabled final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/tls-verification-disabled"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    for (std::size_t I = 0; I + 2 < T.size(); ++I) {
      const Token &X = T[I];
      std::string_view Key = literalText(X).value_or(X.kind == TokenKind::Identifier ? X.text : std::string_view());
      if (Key == "rejectUnauthorized" || Key == "strictSSL") {
        // { rejectUnauthorized: false } or agent.options.rejectUnauthorized = false
        if ((T[I + 1].isPunct(":") || (T[I + 1].isPunct("=") && isProperty(T, I))) && isFalseValue(T, I + 2))
          report(H, I, std::string(Key) + ": false accepts any certificate", Out);
        continue;
      }
      if (Key != "NODE_TLS_REJECT_UNAUTHORIZED" || I < 2 || !(isProperty(T, I) || T[I - 1].isPunct("[")))
        continue;
      std::size_t Eq = T[I - 1].isPunct("[") ? I + 2 : I + 1;
      if (Eq + 1 >= T.size() || !T[Eq].isPunct("="))
        continue;
      std::optional<std::string_view> V = literalText(T[Eq + 1]);
      if ((V && *V == "0") || T[Eq + 1].is(TokenKind::Number, "0"))
        report(H, I, "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0' turns certificate checks off for the whole process",
               Out);
    }
  }

private:
  void report(const HandlerFile &H, std::size_t I, const std::string &What, FindingSink &Out) const {
    Out.report(ruleId(),
               What + ": anyone on the network path can read and change the traffic, credentials included; "
                      "keep verification on and pass the CA (the `ca` option, NODE_EXTRA_CA_CERTS) if the server "
                      "uses a private CA",
               H.at(I));
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeTlsVerificationDisabled() { return std::make_unique<TlsVerificationDisabled>(); }
} // namespace fnlint::node
