//===- LogsEventPayload.cpp - handler/logs-event-payload ------------------===//
//
// print(event), logger.info(event), print(json.dumps(event)), f"{event}" in
// the handler: the whole event (request bodies, headers with tokens,
// personal data) goes to CloudWatch Logs. Fields (event["id"],
// event.get("x")) and the event's size or keys are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

namespace fnlint::python {
namespace {

bool isLogMethod(std::string_view M) {
  return M == "debug" || M == "info" || M == "warning" || M == "warn" || M == "error" || M == "exception" ||
         M == "critical" || M == "log";
}

bool looksLikeLogger(std::string_view Name) {
  for (std::size_t I = 0; I + 3 <= Name.size(); ++I)
    if ((Name[I] | 0x20) == 'l' && (Name[I + 1] | 0x20) == 'o' && (Name[I + 2] | 0x20) == 'g')
      return true;
  return false;
}

/// When a print or log call starts at \p I, its '('; else 0.
std::size_t logCallAt(const Source &S, std::size_t I) {
  if (S.isName(I, "print") && S.isBareName(I) && S.isOp(I + 1, "("))
    return I + 1;
  if (S.tokens()[I].kind == TokenKind::Name && looksLikeLogger(S.text(I)) && S.isOp(I + 1, ".") &&
      S.tokens()[I + 2].kind == TokenKind::Name && isLogMethod(S.text(I + 2)) && S.isOp(I + 3, "("))
    return I + 3;
  return 0;
}

class LogsEventPayload final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/logs-event-payload"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    std::string_view Event = H.eventParam(); // a handler without parameters logs no event
    for (std::size_t I = H.fn().bodyBegin; !Event.empty() && I + 3 < H.fn().bodyEnd; ++I) {
      std::size_t Open = logCallAt(S, I);
      if (!Open)
        continue;
      std::size_t Close = S.skipBrackets(Open);
      for (std::size_t J = Open + 1; J < Close; ++J)
        if (isWholeEvent(S, J, Event)) {
          std::string Call = Open == I + 1 ? "print" : std::string(S.text(I)) + "." + std::string(S.text(I + 2));
          Out.report(ruleId(),
                     H.handlerName() + " passes its whole event `" + std::string(Event) + "` to " + Call +
                         ": request bodies, headers and tokens in it end up in CloudWatch Logs; log the fields "
                         "you need",
                     H.at(I));
          break;
        }
      I = Open;
    }
  }

private:
  static bool isWholeEvent(const Source &S, std::size_t J, std::string_view Event) {
    if (!S.isBareName(J) || S.text(J) != Event)
      return false;
    if (S.isOp(J + 1, "[") || S.isOp(J + 1, ".") || S.isOp(J + 1, "="))
      return false; // a field, a method (event.get, event.keys) or a keyword argument
    // Functions of the event that do not reveal its content.
    if (J >= 2 && S.isOp(J - 1, "(") &&
        (S.isName(J - 2, "len") || S.isName(J - 2, "type") || S.isName(J - 2, "id") || S.isName(J - 2, "bool")))
      return false;
    return true;
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeLogsEventPayload() { return std::make_unique<LogsEventPayload>(); }
} // namespace fnlint::python
