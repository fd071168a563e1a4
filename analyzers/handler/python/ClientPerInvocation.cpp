//===- ClientPerInvocation.cpp - handler/client-per-invocation ------------===//
//
// boto3.client(...), boto3.resource(...) or Session(...).client(...) run in
// the handler body are built again on every invocation. Not reported: module
// level, helper functions (they may cache), functions nested in the handler,
// creation guarded by `if X is None` / `if not X` or assigned to a `global`
// name (a cache that survives warm invocations), and clients configured from
// the request: arguments derived from the event, or credentials passed in.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

#include <algorithm>

namespace fnlint::python {
namespace {

bool isFactory(const Source &S, std::size_t I) {
  return S.isName(I, "client") || S.isName(I, "resource");
}

/// When a client is created at \p I, the '(' of its call; else 0.
std::size_t creationAt(const Source &S, std::size_t I) {
  if (S.isName(I, "boto3") && S.isBareName(I) && S.isOp(I + 1, ".") && isFactory(S, I + 2) && S.isOp(I + 3, "("))
    return I + 3;
  if (S.isName(I, "Session") && S.isOp(I + 1, "(")) {
    std::size_t After = S.skipBrackets(I + 1);
    if (S.isOp(After, ".") && isFactory(S, After + 1) && S.isOp(After + 2, "("))
      return After + 2;
  }
  return 0;
}

class ClientPerInvocation final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/client-per-invocation"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    const Function &Fn = H.fn();
    std::set<std::string_view> Globals;
    for (std::size_t I = Fn.bodyBegin; I + 1 < Fn.bodyEnd; ++I)
      if ((S.isName(I, "global") || S.isName(I, "nonlocal")) && S.isBareName(I))
        for (std::size_t J = I + 1; J < Fn.bodyEnd && S.tokens()[J].kind == TokenKind::Name; J += 2) {
          Globals.insert(S.text(J));
          if (!S.isOp(J + 1, ","))
            break;
        }

    std::vector<bool> Guards; // one per open indented block: is it a cache guard?
    bool HeaderGuard = false; // the current line is `if X is None:` / `if not X:`
    std::size_t LineStart = Fn.bodyBegin;
    for (std::size_t I = Fn.bodyBegin; I < Fn.bodyEnd; ++I) {
      TokenKind K = S.tokens()[I].kind;
      if (K == TokenKind::Indent) {
        Guards.push_back(HeaderGuard);
      } else if (K == TokenKind::Dedent) {
        if (!Guards.empty())
          Guards.pop_back();
      }
      if (K == TokenKind::Indent || K == TokenKind::Dedent || K == TokenKind::Newline) {
        if (K == TokenKind::Newline)
          HeaderGuard = false;
        LineStart = I + 1;
        continue;
      }
      if (I == LineStart && (S.isName(I, "if") || S.isName(I, "elif")))
        HeaderGuard = isCacheTest(S, I + 1);
      std::size_t Call = creationAt(S, I);
      if (!Call || S.inNestedFunction(H.handler, I) || HeaderGuard ||
          std::find(Guards.begin(), Guards.end(), true) != Guards.end())
        continue;
      if (S.tokens()[LineStart].kind == TokenKind::Name && Globals.count(S.text(LineStart)))
        continue; // `_client = boto3.client(...)` after `global _client`
      if (dependsOnRequest(H, Call))
        continue;
      std::string What = S.isName(I, "boto3") ? "boto3." + std::string(S.text(I + 2)) : "Session(...)." + std::string(S.text(Call - 1));
      Out.report(ruleId(),
                 H.handlerName() + " creates " + What +
                     "(...) on every invocation; create it once at module level so warm invocations reuse it "
                     "and its connections",
                 H.at(I));
    }
  }

private:
  /// A client configured from the request (a region or endpoint from the
  /// event, assumed-role credentials) cannot be made once ahead of time.
  static bool dependsOnRequest(const HandlerFile &H, std::size_t Open) {
    const Source &S = H.source;
    std::vector<Argument> Args = S.arguments(Open);
    for (const Argument &A : Args)
      if (A.keyword == "aws_access_key_id" || A.keyword == "aws_session_token")
        return true;
    std::string_view Event = H.eventParam();
    if (Event.empty())
      return false;
    std::set<std::string_view> FromEvent = eventDerivedNames(S, H.fn(), Event);
    return mentionsAny(S, Open + 1, S.skipBrackets(Open), FromEvent);
  }

  /// Whether the condition starting at \p I tests for a missing value.
  static bool isCacheTest(const Source &S, std::size_t I) {
    if (S.isName(I, "not"))
      return true;
    for (std::size_t J = I; J < S.tokens().size() && !S.isOp(J, ":"); ++J)
      if (S.isName(J, "None") || S.tokens()[J].kind == TokenKind::Newline)
        return S.isName(J, "None");
    return false;
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeClientPerInvocation() { return std::make_unique<ClientPerInvocation>(); }
} // namespace fnlint::python
