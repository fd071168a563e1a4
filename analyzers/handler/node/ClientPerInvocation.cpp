//===- ClientPerInvocation.cpp - handler/client-per-invocation (Node.js) --===//
//
// An AWS SDK client (v3 `new S3Client(…)`, `new S3(…)`,
// `DynamoDBDocumentClient.from(new DynamoDBClient(…))`; v2 `new AWS.S3()`,
// `new AWS.DynamoDB.DocumentClient()`) constructed in the handler body is
// built again on every invocation; `from(ddb)` of an existing client is not. Not reported: module scope, helper functions,
// functions nested in the handler, a cache filled once (`client ??= new …`,
// `client || new …`, `if (!client) client = new …`), and clients configured
// from the request (an argument derived from the event, or `credentials`
// passed in, as after an sts AssumeRole).
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/AwsSdk.h"
#include "analyzers/handler/node/NodeCheck.h"

namespace fnlint::node {
namespace {

/// Whether the condition in parentheses [Open, Close] tests \p Name for a missing value.
bool isCacheTest(const std::vector<Token> &T, std::size_t Open, std::size_t Close, std::string_view Name) {
  bool Mentions = false, Tests = false;
  for (std::size_t K = Open + 1; K < Close; ++K) {
    Mentions |= T[K].isIdent(Name);
    Tests |= T[K].isPunct("!") || T[K].isIdent("undefined") || T[K].isIdent("null") || T[K].isIdent("typeof");
  }
  return Mentions && Tests;
}

class ClientPerInvocation final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/client-per-invocation"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    const TokenRange &Body = H.fn.body;
    std::set<std::string_view> FromEvent;
    bool EventKnown = false;
    for (std::size_t I = Body.begin; I < Body.end; ++I) {
      if (!T[I].isIdent("new") && !(T[I].kind == TokenKind::Identifier && I + 2 < Body.end &&
                                    T[I + 1].isPunct(".") && T[I + 2].isIdent("from")))
        continue;
      std::optional<ClientConstruction> C = clientConstructionAt(H.module, H.imports, I);
      if (!C || inNestedFunction(H.module, Body, I) || cached(T, Body, I))
        continue;
      std::size_t Close = H.module.closerOf(C->open);
      // DynamoDBDocumentClient.from(ddb) wraps a client made elsewhere, sharing its connections;
      // the wrapped client's creation is judged where it is made.
      if (!T[I].isIdent("new") && Close == C->open + 2 && isNameToken(T, C->open + 1))
        continue;
      if (!H.fn.eventParam.empty() && !EventKnown) {
        FromEvent = eventDerivedNames(H.module, Body, H.fn.eventParam);
        EventKnown = true;
      }
      if (mentionsAny(T, C->open + 1, Close, FromEvent) || hasOwnCredentials(H.module, C->open))
        continue;
      std::size_t At = I;
      std::string What = T[I].isIdent("new") ? "new " + C->written + "(...)" : C->written + "(...)";
      I = Close; // DynamoDBDocumentClient.from(new DynamoDBClient({})) is one client to move
      Out.report(ruleId(),
                 H.handlerName() + " creates " + What +
                     " on every invocation; create the client once at module scope so warm invocations reuse it "
                     "and its connections",
                 H.at(At));
    }
  }

private:
  /// A client cached in a variable that outlives the invocation: created
  /// after `??`, `||` (or their assignments), or under `if (!client)`.
  static bool cached(const std::vector<Token> &T, const TokenRange &Body, std::size_t I) {
    std::string_view Target;
    std::uint32_t Depth = T[I].depth;
    for (std::size_t K = I; K-- > Body.begin;) {
      const Token &X = T[K];
      if (X.depth < Depth) {
        if (!X.isPunct("("))
          break; // the statement's block (or an argument list) begins
        Depth = X.depth;
        continue;
      }
      if (X.depth > Depth)
        continue;
      if (X.isPunct(";") || X.isPunct("}") || X.isPunct("{"))
        break;
      if (X.isPunct("??") || X.isPunct("||") || X.isPunct("??=") || X.isPunct("||=") || X.isPunct("?"))
        return true;
      if (X.isPunct("=") && Target.empty() && K > 0 && T[K - 1].kind == TokenKind::Identifier)
        Target = T[K - 1].text;
      if (X.isPunct(")")) { // `if (!client) client = new …` without braces
        std::size_t Open = partnerOf(T, K);
        if (Open != NoToken && Open > 0 && T[Open - 1].isIdent("if"))
          return !Target.empty() && isCacheTest(T, Open, K, Target);
        if (Open != NoToken)
          K = Open;
      }
    }
    if (Target.empty())
      return false;
    // `if (!client) { client = new … }`
    for (std::size_t O = openerOf(T, I); O != NoToken && O > Body.begin; O = openerOf(T, O)) {
      if (!T[O].isPunct("{") || !T[O - 1].isPunct(")"))
        continue;
      std::size_t Open = partnerOf(T, O - 1);
      if (Open != NoToken && Open > 0 && T[Open - 1].isIdent("if") && isCacheTest(T, Open, O - 1, Target))
        return true;
    }
    return false;
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeClientPerInvocation() { return std::make_unique<ClientPerInvocation>(); }
} // namespace fnlint::node
