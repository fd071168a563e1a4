//===- CommandInjection.cpp - handler/command-injection (Node.js) ---------===//
//
// A shell command built from the event: child_process exec/execSync (always
// a shell), or spawn/spawnSync/execFile/execFileSync with `shell: true`,
// whose command or arguments mention the handler's event parameter or a
// local variable assigned from it (through template literals, `+`,
// destructuring, loops and callbacks over event data). The module may be
// imported, required, destructured, renamed or promisified
// (`promisify(exec)`). execFile/spawn with an argument array and no shell,
// and constant commands, are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"

#include <map>

namespace fnlint::node {
namespace {

enum class Sink { None, AlwaysShell, ShellOption };

Sink sinkOf(std::string_view Function) {
  if (Function == "exec" || Function == "execSync")
    return Sink::AlwaysShell;
  if (Function == "spawn" || Function == "spawnSync" || Function == "execFile" || Function == "execFileSync")
    return Sink::ShellOption;
  return Sink::None;
}

bool isChildProcess(const Import *I) { return I && builtinName(I->module) == "child_process"; }

class CommandInjection final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/command-injection"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    std::string_view Event = H.fn.eventParam;
    if (Event.empty() || H.text.find("child_process") == std::string_view::npos)
      return;
    std::map<std::string_view, std::string_view> Promisified = promisified(H);
    std::set<std::string_view> Tainted; // computed on the first sink only
    for (std::size_t I = H.fn.body.begin; I + 1 < H.fn.body.end; ++I) {
      std::string_view Function = sinkAt(H, Promisified, I);
      Sink K = sinkOf(Function);
      if (K == Sink::None)
        continue;
      std::size_t Open = I + 1;
      std::vector<TokenRange> Args = callArguments(H.module, Open);
      if (Args.empty())
        continue;
      if (K == Sink::ShellOption && !shellOption(H, Args))
        continue;
      if (Tainted.empty())
        Tainted = eventDerivedNames(H.module, H.fn.body, Event);
      std::size_t CommandEnd = K == Sink::AlwaysShell ? Args.front().end : Args.back().end;
      if (!mentionsAny(T, Args.front().begin, CommandEnd, Tainted))
        continue;
      Out.report(ruleId(),
                 H.handlerName() + " runs a shell command built from its event `" + std::string(Event) +
                     "` (child_process." + std::string(Function) +
                     "): a caller can inject commands; use execFile or spawn with an argument array and no shell, "
                     "and validate the values",
                 H.at(I));
    }
  }

private:
  /// When a child_process function is called at \p I (its name, followed by
  /// '('), that function's name; else empty.
  static std::string_view sinkAt(const HandlerFile &H, const std::map<std::string_view, std::string_view> &Promisified,
                                 std::size_t I) {
    const auto &T = H.tokens();
    if (T[I].kind != TokenKind::Identifier || !T[I + 1].isPunct("("))
      return {};
    if (!isProperty(T, I)) {
      const Import *Imp = H.imports.find(T[I].text);
      if (isChildProcess(Imp))
        return Imp->name;
      auto It = Promisified.find(T[I].text);
      return It == Promisified.end() ? std::string_view() : It->second;
    }
    // cp.exec(…), require('child_process').exec(…)
    if (I < 2)
      return {};
    if (isNameToken(T, I - 2) && !isProperty(T, I - 2)) {
      const Import *Imp = H.imports.find(T[I - 2].text);
      return isChildProcess(Imp) && Imp->name == "*" ? T[I].text : std::string_view();
    }
    if (T[I - 2].isPunct(")") && I >= 5 && T[I - 5].isIdent("require")) {
      std::optional<std::string_view> Module = literalText(T[I - 3]);
      return Module && builtinName(*Module) == "child_process" ? T[I].text : std::string_view();
    }
    return {};
  }

  /// `const run = promisify(exec)` / `util.promisify(cp.execFile)`: run -> "exec".
  static std::map<std::string_view, std::string_view> promisified(const HandlerFile &H) {
    const auto &T = H.tokens();
    std::map<std::string_view, std::string_view> Out;
    for (std::size_t I = 0; I + 3 < T.size(); ++I) {
      if (I < 3 || !T[I].isIdent("promisify") || !T[I + 1].isPunct("("))
        continue;
      std::size_t Eq = isProperty(T, I) ? I - 3 : I - 1;
      if (!T[Eq].isPunct("="))
        continue;
      std::size_t Name = boundNameBefore(T, Eq);
      std::size_t Last = H.module.closerOf(I + 1) - 1;
      if (Name == NoToken || T[Last].kind != TokenKind::Identifier)
        continue;
      const Import *Imp = H.imports.find(T[Last].text);
      bool Direct = Last == I + 2 && isChildProcess(Imp);
      bool Member = Last == I + 4 && isChildProcess(H.imports.find(T[I + 2].text));
      if (Direct)
        Out[T[Name].text] = Imp->name;
      else if (Member)
        Out[T[Name].text] = T[Last].text;
    }
    return Out;
  }

  /// An options object with `shell:` set to anything but false.
  static bool shellOption(const HandlerFile &H, const std::vector<TokenRange> &Args) {
    for (const TokenRange &A : Args) {
      if (!H.tokens()[A.begin].isPunct("{"))
        continue;
      TokenRange V = propertyValue(H.module, A.begin, "shell");
      if (!V.empty() && !H.tokens()[V.begin].isIdent("false"))
        return true;
    }
    return false;
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeCommandInjection() { return std::make_unique<CommandInjection>(); }
} // namespace fnlint::node
