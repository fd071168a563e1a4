//===- HardcodedCredentials.cpp - handler/hardcoded-credentials -----------===//
//
// AWS credentials written as string literals into the handler's file:
// aws_access_key_id=, aws_secret_access_key= or aws_session_token= passed
// to boto3.client/resource, boto3.Session/session.Session or
// setup_default_session. Values read from the environment or elsewhere,
// empty strings and documentation placeholders (EXAMPLE, your-key, <key>)
// are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

namespace fnlint::python {
namespace {

bool isCredentialKeyword(std::string_view K) {
  return K == "aws_access_key_id" || K == "aws_secret_access_key" || K == "aws_session_token";
}

bool isPlaceholder(std::string_view V) {
  if (V.size() < 8 || V.find_first_of(" <>{}$") != std::string_view::npos)
    return true;
  std::string Lower(V);
  for (char &C : Lower)
    C = static_cast<char>(C | 0x20);
  for (std::string_view Word : {"example", "your", "xxxx", "placeholder", "changeme", "dummy", "test"})
    if (Lower.find(Word) != std::string::npos)
      return true;
  return false;
}

/// Whether the call opened at \p Open creates boto3 clients or sessions.
bool isSdkCall(const Source &S, std::size_t Open) {
  if (Open == 0 || S.tokens()[Open - 1].kind != TokenKind::Name)
    return false;
  std::string_view Callee = S.text(Open - 1);
  return Callee == "client" || Callee == "resource" || Callee == "Session" || Callee == "setup_default_session";
}

class HardcodedCredentials final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/hardcoded-credentials"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    const auto &T = S.tokens();
    for (std::size_t I = 0; I + 2 < T.size(); ++I) {
      if (!S.isOp(I, "(") || !isSdkCall(S, I))
        continue;
      for (const Argument &A : S.arguments(I)) {
        if (!isCredentialKeyword(A.keyword) || A.end != A.begin + 1 || T[A.begin].kind != TokenKind::String ||
            T[A.begin].unterminated)
          continue;
        std::string_view Value = stringBody(S.text(A.begin));
        if (isPlaceholder(Value))
          continue;
        Out.report(ruleId(),
                   std::string(A.keyword) + " is written into " + H.file.displayPath() +
                       " as a literal: anyone who can read the code or the deployment package has the key; let "
                       "the function use its execution role",
                   H.at(A.begin));
      }
    }
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeHardcodedCredentials() { return std::make_unique<HardcodedCredentials>(); }
} // namespace fnlint::python
