//===- TlsVerificationDisabled.cpp - handler/tls-verification-disabled ----===//
//
// TLS certificate checks turned off in the handler's file: verify=False
// passed to requests, httpx, boto3 clients and sessions (the HTTP verbs,
// request, client, resource, Session, Client, AsyncClient),
// cert_reqs="CERT_NONE" / ssl.CERT_NONE for urllib3 pools, and
// ssl._create_unverified_context(). verify=False on other calls (a JWT
// library's signature check, a function of the project) is not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

namespace fnlint::python {
namespace {

bool isHttpCallee(std::string_view C) {
  for (std::string_view Name : {"get", "post", "put", "patch", "delete", "head", "options", "request", "client",
                                "resource", "Session", "Client", "AsyncClient", "PoolManager", "urlopen"})
    if (C == Name)
      return true;
  return false;
}

/// The first name of the dotted callee ending just before \p Open.
std::string_view calleeBase(const Source &S, std::size_t Open) {
  std::size_t I = Open - 1;
  while (I >= 2 && S.isOp(I - 1, ".") && S.tokens()[I - 2].kind == TokenKind::Name)
    I -= 2;
  return S.text(I);
}

class TlsVerificationDisabled final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/tls-verification-disabled"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    const auto &T = S.tokens();
    for (std::size_t I = 1; I + 1 < T.size(); ++I) {
      if (S.isName(I, "_create_unverified_context") && S.isOp(I - 1, ".") && S.isOp(I + 1, "(")) {
        report(H, I, "ssl._create_unverified_context() accepts any certificate", Out);
        continue;
      }
      if (!S.isOp(I, "(") || T[I - 1].kind != TokenKind::Name || !isHttpCallee(S.text(I - 1)))
        continue;
      std::string_view Base = calleeBase(S, I);
      if (Base == "jwt")
        continue;
      for (const Argument &A : S.arguments(I)) {
        if (A.keyword == "verify" && A.end == A.begin + 1 && S.isName(A.begin, "False"))
          report(H, A.begin - 2, std::string(S.text(I - 1)) + "(verify=False) accepts any certificate", Out);
        else if (A.keyword == "cert_reqs" && A.end > A.begin &&
                 (S.isName(A.end - 1, "CERT_NONE") || stringBody(S.text(A.begin)) == "CERT_NONE"))
          report(H, A.begin - 2, std::string(S.text(I - 1)) + "(cert_reqs=CERT_NONE) accepts any certificate",
                 Out);
      }
    }
  }

private:
  void report(const HandlerFile &H, std::size_t I, const std::string &What, FindingSink &Out) const {
    Out.report(ruleId(),
               What + ": anyone on the network path can read and change the traffic, credentials included; "
                      "keep verification on and pass a CA bundle if the server uses a private CA",
               H.at(I));
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeTlsVerificationDisabled() { return std::make_unique<TlsVerificationDisabled>(); }
} // namespace fnlint::python
