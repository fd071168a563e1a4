//===- LogsEventPayload.cpp - handler/logs-event-payload (Node.js) --------===//
//
// console.log(event), console.info(JSON.stringify(event)), a template literal
// `${JSON.stringify(event)}` or logger.info({ event }) in the handler: the
// whole event (request bodies, headers with tokens, personal data) goes to
// CloudWatch Logs. Fields (event.body, event['id']), the event's keys, its
// type and `{ event: event.id }` are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"

namespace fnlint::node {
namespace {

bool isLogMethod(std::string_view M) {
  for (std::string_view Name : {"log", "info", "debug", "warn", "warning", "error", "trace", "fatal", "dir"})
    if (M == Name)
      return true;
  return false;
}

bool looksLikeLogger(std::string_view Name) {
  for (std::size_t I = 0; I + 3 <= Name.size(); ++I)
    if ((Name[I] | 0x20) == 'l' && (Name[I + 1] | 0x20) == 'o' && (Name[I + 2] | 0x20) == 'g')
      return true;
  return false;
}

/// When a console or logger call starts at \p I, its '('; else NoToken.
std::size_t logCallAt(const std::vector<Token> &T, std::size_t I) {
  if (I + 3 >= T.size() || T[I].kind != TokenKind::Identifier || isProperty(T, I) || !T[I + 1].isPunct(".") ||
      T[I + 2].kind != TokenKind::Identifier || !isLogMethod(T[I + 2].text) || !T[I + 3].isPunct("("))
    return NoToken;
  return T[I].text == "console" || looksLikeLogger(T[I].text) ? I + 3 : NoToken;
}

/// The whole event at \p J: not a field, not a key, not a function of it that hides its content.
bool isWholeEvent(const std::vector<Token> &T, std::size_t J, std::string_view Event) {
  if (!T[J].isIdent(Event) || isProperty(T, J))
    return false;
  if (J + 1 < T.size() && (T[J + 1].isPunct(".") || T[J + 1].isPunct("?.") || T[J + 1].isPunct("[") ||
                           T[J + 1].isPunct(":") || T[J + 1].isPunct("=")))
    return false; // a field, a method (event.toString is fine to miss) or an object key
  if (J >= 1 && T[J - 1].isIdent("typeof"))
    return false;
  if (J >= 2 && T[J - 1].isPunct("(")) {
    std::string_view Callee = T[J - 2].text;
    if (Callee == "keys" || Callee == "isArray" || Callee == "Boolean" || Callee == "getOwnPropertyNames")
      return false;
  }
  return true;
}

class LogsEventPayload final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/logs-event-payload"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    std::string_view Event = H.fn.eventParam; // a handler without an event parameter logs no event
    if (Event.empty())
      return;
    for (std::size_t I = H.fn.body.begin; I < H.fn.body.end; ++I) {
      std::size_t Open = logCallAt(T, I);
      if (Open == NoToken)
        continue;
      std::size_t Close = H.module.closerOf(Open);
      for (std::size_t J = Open + 1; J < Close; ++J)
        if (isWholeEvent(T, J, Event)) {
          Out.report(ruleId(),
                     H.handlerName() + " passes its whole event `" + std::string(Event) + "` to " +
                         std::string(T[I].text) + "." + std::string(T[I + 2].text) +
                         ": request bodies, headers and tokens in it end up in CloudWatch Logs; log the fields "
                         "you need",
                     H.at(I));
          break;
        }
      I = Open;
    }
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeLogsEventPayload() { return std::make_unique<LogsEventPayload>(); }
} // namespace fnlint::node
