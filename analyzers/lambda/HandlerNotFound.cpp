//===- HandlerNotFound.cpp - lambda/handler-not-found -----------------------===//
//
// The Handler string names a file (and for Python and Node.js a symbol in
// it) that must be in the function's package. Judged only when the package
// is what ships (not a source folder a build compiles), could be read, and
// the file is plain source: a compiled module, a TypeScript sibling (built
// elsewhere) or a wildcard re-export makes the answer unknown, and unknown
// never fires. The symbol test is deliberately loose: the name must occur
// as a word in the file.
//
//===----------------------------------------------------------------------===//
#include "analyzers/lambda/HandlerLookup.h"
#include "analyzers/lambda/LambdaCheck.h"

#include <algorithm>
#include <map>

namespace fnlint::lambda {
namespace {

bool startsWith(std::string_view S, std::string_view P) { return S.substr(0, P.size()) == P; }

bool containsWord(std::string_view Text, std::string_view Word) {
  auto IsIdent = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_' || C == '$'; };
  for (std::size_t At = Text.find(Word); At != std::string_view::npos; At = Text.find(Word, At + 1)) {
    bool Before = At == 0 || !IsIdent(Text[At - 1]);
    bool After = At + Word.size() >= Text.size() || !IsIdent(Text[At + Word.size()]);
    if (Before && After)
      return true;
  }
  return false;
}

/// What the handler check concluded.
struct Verdict {
  bool missing = false;
  std::string message; ///< what is missing
};

Verdict checkPython(const PackageIndex &Idx, std::string_view Handler) {
  std::optional<PythonHandlerName> Name = splitPythonHandler(Handler);
  if (!Name)
    return {true, "a Python handler is written module.function"};
  const std::string &Module = Name->modulePath;
  const std::string &Function = Name->function;
  const PackageEntry *File = findPythonModule(Idx, Module);
  if (!File) {
    // A compiled extension module or bytecode only: present, symbols unknown.
    if (Idx.anyWithPrefix(Module + ".cpython-") || Idx.find(Module + ".pyc") || Idx.find(Module + ".so"))
      return {};
    return {true, "no file " + Module + ".py"};
  }
  std::optional<std::string> Text = Idx.text(*File);
  if (!Text || Text->find("import *") != std::string::npos)
    return {};
  if (!containsWord(*Text, Function))
    return {true, File->path + " has no function " + Function};
  return {};
}

Verdict checkNode(const PackageIndex &Idx, std::string_view Handler) {
  std::size_t Dot = Handler.rfind('.');
  std::size_t Slash = Handler.rfind('/');
  if (Dot == std::string_view::npos || (Slash != std::string_view::npos && Dot < Slash))
    return {true, "a Node.js handler is written file.export"};
  std::string Base(Handler.substr(0, Dot));
  std::string Export(Handler.substr(Dot + 1));
  const PackageEntry *File = nullptr;
  for (const char *Ext : {".js", ".mjs", ".cjs"})
    if ((File = Idx.find(Base + Ext)))
      break;
  if (!File) {
    // TypeScript beside it: compiled by a build this scan does not see.
    if (Idx.find(Base + ".ts") || Idx.find(Base + ".mts") || Idx.find(Base + ".cts"))
      return {};
    return {true, "no file " + Base + ".js, .mjs or .cjs"};
  }
  std::optional<std::string> Text = Idx.text(*File);
  if (!Text || Text->find("export *") != std::string::npos)
    return {};
  if (!containsWord(*Text, Export))
    return {true, File->path + " does not export " + Export};
  return {};
}

Verdict checkJava(const Package &Pkg, const Project &P, std::string_view Handler) {
  std::string Class(Handler.substr(0, Handler.find("::")));
  std::replace(Class.begin(), Class.end(), '.', '/');
  std::string File = Class + ".class";
  // The class may be at the root of the jar/zip or in a jar under lib/.
  for (const auto &Other : P.packages) {
    bool Mine = Other.get() == &Pkg ||
                (Other->isNested() && Other->location.path == Pkg.location.path && Pkg.location.members.empty());
    if (!Mine)
      continue;
    if (Other->unreadable)
      return {};
    for (const PackageEntry &E : Other->entries)
      if (E.path == File)
        return {};
  }
  return {true, "no class " + File};
}

class HandlerNotFound final : public LambdaCheck {
public:
  std::string_view ruleId() const override { return "lambda/handler-not-found"; }

  void check(const Deployable &F, const LambdaContext &Ctx, FindingSink &Out) const override {
    const FunctionConfig &C = F.config;
    const Package *Pkg = F.package;
    if (!Pkg || C.inlineCode || Pkg->unreadable || Pkg->role == Package::Role::Source || Pkg->isNested() ||
        !C.runtime.known())
      return;
    if (C.packageType.known() && C.packageType.value == "Image")
      return;
    // An exec wrapper (Lambda Web Adapter, OpenTelemetry) decides what the handler means.
    for (const EnvironmentVariable &V : F.environmentVariables)
      if (V.name == "AWS_LAMBDA_EXEC_WRAPPER")
        return;
    const std::string &Runtime = C.runtime.value;
    PackageIndex Idx(*Pkg, Ctx.project.limits.maxSourceBytes);
    Verdict V;
    if (startsWith(Runtime, "provided")) {
      // A custom runtime may come from a layer.
      if (C.layerCount.written() || Idx.find("bootstrap"))
        return;
      V = {true, "a custom runtime needs an executable named bootstrap at the package root"};
    } else {
      if (!C.handler.known())
        return;
      const std::string &H = C.handler.value;
      // A script run through an exec wrapper (Lambda Web Adapter's run.sh).
      if (Idx.find(H))
        return;
      if (startsWith(Runtime, "python"))
        V = checkPython(Idx, H);
      else if (startsWith(Runtime, "nodejs"))
        V = checkNode(Idx, H);
      else if (startsWith(Runtime, "java") && !Pkg->isFolder())
        V = checkJava(*Pkg, Ctx.project, H);
    }
    if (!V.missing)
      return;
    std::string Subject = startsWith(Runtime, "provided") ? functionName(F) + "'s package"
                                                          : functionName(F) + "'s handler " + C.handler.value;
    Finding &R = Out.report(ruleId(),
                            Subject + " cannot be found in " + Pkg->location.displayPath() + ": " + V.message,
                            C.handler.written() && !startsWith(Runtime, "provided") ? C.handler.location
                                                                                     : F.location);
    R.fingerprintKey = F.logicalId;
  }
};

} // namespace
std::unique_ptr<LambdaCheck> makeHandlerNotFound() { return std::make_unique<HandlerNotFound>(); }
} // namespace fnlint::lambda
