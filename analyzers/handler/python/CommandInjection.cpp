//===- CommandInjection.cpp - handler/command-injection -------------------===//
//
// A shell command built from the event: os.system, os.popen,
// subprocess.getoutput/getstatusoutput, or subprocess.run/call/check_call/
// check_output/Popen with shell=True, whose command mentions the handler's
// event parameter or a local variable assigned from it (directly, through
// f-strings, %, + or .format, or a `for x in event...` loop). Import
// aliases are followed (import subprocess as sp; from os import system). A list of
// arguments without a shell, and a constant command, are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

namespace fnlint::python {
namespace {

/// Names assigned (transitively) from the event in the handler body. Two
/// passes reach assignments made later in a loop body.
std::set<std::string_view> taintedNames(const Source &S, const Function &Fn, std::string_view Event) {
  std::set<std::string_view> Tainted{Event};
  const auto &T = S.tokens();
  for (int Pass = 0; Pass < 2; ++Pass) {
    std::size_t Line = Fn.bodyBegin;
    while (Line < Fn.bodyEnd) {
      std::size_t End = Line;
      std::size_t LastAssign = 0;
      for (; End < Fn.bodyEnd && T[End].kind != TokenKind::Newline && T[End].kind != TokenKind::Indent &&
             T[End].kind != TokenKind::Dedent;
           ++End) {
        if (S.isOp(End, "(") || S.isOp(End, "[") || S.isOp(End, "{")) {
          End = S.skipBrackets(End) - 1;
          continue;
        }
        std::string_view Tx = S.text(End);
        if (T[End].kind == TokenKind::Op && (Tx == "=" || (Tx.size() == 2 && Tx[1] == '=' && Tx != "==" &&
                                                           Tx != "!=" && Tx != "<=" && Tx != ">=")))
          LastAssign = End;
      }
      if (S.isName(Line, "for")) { // for x, y in <tainted>:
        std::size_t In = Line + 1;
        while (In < End && !S.isName(In, "in"))
          ++In;
        if (mentionsAny(S, In, End, Tainted))
          for (std::size_t I = Line + 1; I < In; ++I)
            if (S.isBareName(I))
              Tainted.insert(S.text(I));
      } else if (LastAssign && mentionsAny(S, LastAssign + 1, End, Tainted)) {
        for (std::size_t I = Line; I < LastAssign; ++I)
          if (S.isBareName(I) && !S.isOp(I + 1, ".") && !S.isOp(I + 1, "["))
            Tainted.insert(S.text(I));
      }
      Line = End + 1;
    }
  }
  return Tainted;
}

enum class Sink { None, AlwaysShell, ShellKeyword };

/// What kind of command runner \p Callee (qualified) is.
Sink sinkKind(std::string_view Callee) {
  for (std::string_view Name : {"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput",
                                "commands.getoutput", "commands.getstatusoutput"})
    if (Callee == Name)
      return Sink::AlwaysShell;
  for (std::string_view Name : {"subprocess.run", "subprocess.call", "subprocess.check_call",
                                "subprocess.check_output", "subprocess.Popen"})
    if (Callee == Name)
      return Sink::ShellKeyword;
  return Sink::None;
}

class CommandInjection final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/command-injection"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    std::string_view Event = H.eventParam();
    if (Event.empty())
      return;
    const Function &Fn = H.fn();
    std::set<std::string_view> Tainted; // computed on the first sink only
    for (std::size_t I = Fn.bodyBegin; I + 1 < Fn.bodyEnd; ++I) {
      auto [Callee, Open] = S.callAt(I);
      Sink K = sinkKind(Callee);
      if (K == Sink::None)
        continue;
      std::vector<Argument> Args = S.arguments(Open);
      if (Args.empty() || !Args.front().keyword.empty())
        continue;
      if (K == Sink::ShellKeyword && !keywordIs(S, Args, "shell", "True"))
        continue;
      if (Tainted.empty())
        Tainted = taintedNames(S, Fn, Event);
      if (!mentionsAny(S, Args.front().begin, Args.front().end, Tainted))
        continue;
      Out.report(ruleId(),
                 H.handlerName() + " runs a shell command built from its event `" + std::string(Event) + "` (" +
                     Callee + "): a caller can inject commands; pass an argument list without shell=True and validate "
                     "the values",
                 H.at(I));
    }
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeCommandInjection() { return std::make_unique<CommandInjection>(); }
} // namespace fnlint::python
