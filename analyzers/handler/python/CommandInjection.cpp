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
        Tainted = eventDerivedNames(S, Fn, Event);
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
