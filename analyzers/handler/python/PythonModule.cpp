//===- analyzers/handler/python/PythonModule.cpp - Python handler rules ---===//
//
// Finds Python handler files and runs the PythonCheck rules on them. A
// function's Handler names the file and function (resolved like
// lambda/handler-not-found does); other .py files are judged only when
// they define a conventional handler name, and build outputs, virtual
// environments and tests are skipped. Files are read only when their
// name ends in .py, so a scan without Python costs one pass over names.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

#include "analyzers/handler/python/SdkCalls.h"
#include "analyzers/lambda/HandlerLookup.h"
#include "core/FileBudget.h"
#include "core/RuleInfo.h"

#include <map>
#include <set>

namespace fnlint::python {

PythonCheck::~PythonCheck() = default;

std::unique_ptr<PythonCheck> makeClientPerInvocation();
std::unique_ptr<PythonCheck> makeLogsEventPayload();
std::unique_ptr<PythonCheck> makeCommandInjection();
std::unique_ptr<PythonCheck> makeHardcodedCredentials();
std::unique_ptr<PythonCheck> makeTlsVerificationDisabled();
std::unique_ptr<PythonCheck> makeWriteOutsideTmp();

std::vector<std::unique_ptr<PythonCheck>> makePythonChecks() {
  std::vector<std::unique_ptr<PythonCheck>> Out;
  Out.push_back(makeClientPerInvocation());
  Out.push_back(makeLogsEventPayload());
  Out.push_back(makeCommandInjection());
  Out.push_back(makeHardcodedCredentials());
  Out.push_back(makeTlsVerificationDisabled());
  Out.push_back(makeWriteOutsideTmp());
  return Out;
}

Location HandlerFile::at(std::size_t I) const {
  Location L = file;
  const Token &T = source.tokens()[I];
  L.region = Region::fromOffsets(source.text(), T.offset, T.offset + T.length);
  L.logical.name = std::string(fn().name);
  L.logical.fullyQualifiedName = std::string(fn().name);
  L.logical.kind = "function";
  return L;
}

std::string HandlerFile::handlerName() const {
  std::string N(fn().name);
  return function.empty() ? N : N + " (function " + function + ")";
}

bool mentionsAny(const Source &S, std::size_t Begin, std::size_t End, const std::set<std::string_view> &Names) {
  for (std::size_t I = Begin; I < End; ++I)
    if (S.isBareName(I) && Names.count(S.text(I)) && !(S.isOp(I + 1, "=")))
      return true;
  return false;
}

namespace {

constexpr std::string_view Conventional[] = {"lambda_handler", "handler"};

/// Where a configured handler's AWS calls go, when the caller wants them.
struct InventoryRequest {
  std::vector<permissions::CallInventory> &out;
  std::string functionFile;
  LocalModuleLoader load;
};

void analyzeWith(std::string_view Text, std::string_view HandlerName, const Location &File,
                 const std::string &FunctionId, const std::vector<std::unique_ptr<PythonCheck>> &Checks,
                 FindingSink &Out, const InventoryRequest *Inventory = nullptr) {
  Source S(Text);
  int Handler = -1;
  if (!HandlerName.empty()) {
    Handler = S.topLevelFunction(HandlerName);
  } else {
    for (std::string_view Name : Conventional)
      if ((Handler = S.topLevelFunction(Name)) >= 0)
        break;
  }
  if (Handler < 0)
    return;
  HandlerFile H{S, Handler, File, FunctionId};
  for (const auto &Check : Checks) {
    if (FileBudget::expired())
      return;
    Check->check(H, Out);
  }
  if (Inventory && !FileBudget::expired()) {
    permissions::CallInventory Inv = sdkCalls(H, Inventory->load);
    Inv.functionFile = Inventory->functionFile;
    Inventory->out.push_back(std::move(Inv));
  }
}

bool startsWith(std::string_view S, std::string_view P) { return S.substr(0, P.size()) == P; }

/// Paths whose .py files are not handlers: build copies, dependencies, tests.
bool skippedByConvention(std::string_view Path) {
  static constexpr std::string_view Folders[] = {".aws-sam", "node_modules", "site-packages", ".venv", "venv",
                                                 "__pycache__", ".tox", "tests", "test", "cdk.out", "dist-packages"};
  std::size_t Begin = 0;
  while (Begin < Path.size()) {
    std::size_t Slash = Path.find('/', Begin);
    if (Slash == std::string_view::npos)
      break;
    std::string_view Part = Path.substr(Begin, Slash - Begin);
    for (std::string_view F : Folders)
      if (Part == F)
        return true;
    Begin = Slash + 1;
  }
  std::string_view Name = Path.substr(Begin);
  return startsWith(Name, "test_") || Name == "conftest.py" ||
         (Name.size() > 8 && Name.substr(Name.size() - 8) == "_test.py");
}

} // namespace

std::set<std::string_view> eventDerivedNames(const Source &S, const Function &Fn, std::string_view Event) {
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

void analyzePythonText(std::string_view Text, std::string_view HandlerName, const Location &File,
                       const std::vector<std::unique_ptr<PythonCheck>> &Checks, FindingSink &Out) {
  analyzeWith(Text, HandlerName, File, {}, Checks, Out);
}

void analyzePythonHandlers(const Project &P, const std::set<std::string, std::less<>> &Enabled,
                           std::vector<Finding> &Findings, std::vector<permissions::CallInventory> *Inventories,
                           std::vector<InputProblem> *Problems) {
  // Every file's analysis runs under limits.file-seconds; what stopped it is reported.
  auto Timed = [&](const Location &Where, auto &&Analyse) {
    FileBudget Budget(P.limits.maxFileSeconds);
    Analyse();
    if (Budget.hit() && Problems)
      Problems->push_back(lambda::analysisOutOfTime(Where, P.limits, "Python"));
  };
  auto TooLarge = [&](const Location &Where, std::uint64_t Size, bool Configured) {
    if (Problems)
      Problems->push_back(lambda::sourceTooLarge(Where, Size, P.limits, "Python", Configured));
  };
  std::vector<std::unique_ptr<PythonCheck>> Checks;
  for (auto &Check : makePythonChecks()) {
    const RuleInfo *Rule = findRule(Check->ruleId());
    if (!Rule || Rule->enabledByDefault || Enabled.count(Check->ruleId()))
      Checks.push_back(std::move(Check));
  }
  if (Checks.empty() && !Inventories)
    return;
  FindingSink Sink;
  std::set<std::string> Done; // display paths of files already judged

  // Handlers a configuration names.
  std::map<const Package *, std::unique_ptr<lambda::PackageIndex>> Indexes;
  const std::vector<std::unique_ptr<PythonCheck>> NoChecks; // a second function naming a judged handler
  FindingSink Ignored;
  for (const Deployable &F : P.deployables) {
    const FunctionConfig &C = F.config;
    if (F.kind != Deployable::Kind::Function || !F.package || F.package->unreadable || C.inlineCode ||
        !C.handler.known() || !C.runtime.known() || !startsWith(C.runtime.value, "python"))
      continue;
    std::optional<lambda::PythonHandlerName> Name = lambda::splitPythonHandler(C.handler.value);
    if (!Name)
      continue;
    auto &Idx = Indexes[F.package];
    if (!Idx)
      Idx = std::make_unique<lambda::PackageIndex>(*F.package, P.limits.maxSourceBytes);
    const PackageEntry *File = lambda::findPythonModule(*Idx, Name->modulePath);
    if (!File)
      continue;
    Location Where = F.package->entryLocation(*File);
    std::string Key = Where.displayPath() + "#" + Name->function;
    bool Judged = !Done.insert(Key).second; // findings once per file; inventories once per function
    if (Judged && !Inventories)
      continue;
    bool FirstSight = Done.insert(Where.displayPath()).second;
    if (File->size > P.limits.maxSourceBytes) {
      if (FirstSight)
        TooLarge(Where, File->size, true);
      continue;
    }
    std::optional<std::string> Text = Idx->text(*File);
    if (!Text)
      continue;
    if (!Inventories) {
      Timed(Where, [&] { analyzeWith(*Text, Name->function, Where, F.logicalId, Checks, Sink); });
      continue;
    }
    // Imports resolve from the package root (Lambda's sys.path) or the handler's folder.
    std::string Folder = Name->modulePath.substr(0, Name->modulePath.rfind('/') + 1);
    const lambda::PackageIndex &Index = *Idx;
    const Package &Pkg = *F.package;
    InventoryRequest Request{
        *Inventories, F.location.path, [&Index, &Pkg, Folder](std::string_view Module) -> std::optional<LocalModule> {
          std::string Path(Module);
          while (!Path.empty() && Path.front() == '.')
            Path.erase(0, 1);
          for (char &C : Path)
            if (C == '.')
              C = '/';
          if (Path.empty())
            return std::nullopt;
          const PackageEntry *E = lambda::findPythonModule(Index, Path);
          if (!E)
            E = lambda::findPythonModule(Index, Folder + Path);
          if (!E)
            return std::nullopt;
          std::optional<std::string> Text = Index.text(*E);
          // A module too large or unreadable is still local: an empty text follows nothing.
          return LocalModule{Text.value_or(""), Pkg.entryLocation(*E)};
        }};
    Timed(Where, [&] {
      analyzeWith(*Text, Name->function, Where, F.logicalId, Judged ? NoChecks : Checks, Judged ? Ignored : Sink,
                  &Request);
    });
  }

  // Other files, by convention.
  for (const SourceFile &File : P.files) {
    std::string_view Path = File.path;
    if (Path.size() < 3 || Path.substr(Path.size() - 3) != ".py" || Done.count(File.path) ||
        skippedByConvention(Path))
      continue;
    Location Where;
    Where.path = File.path;
    if (File.size > P.limits.maxSourceBytes) {
      TooLarge(Where, File.size, false);
      continue;
    }
    std::string Error, Text;
    std::unique_ptr<EntryReader> R = P.openFile(File.path, Error);
    if (!R || !R->readAll(Text, P.limits.maxSourceBytes))
      continue;
    if (Text.find("def lambda_handler") == std::string::npos && Text.find("def handler") == std::string::npos)
      continue; // most modules define no handler: skip tokenizing them
    Timed(Where, [&] { analyzeWith(Text, {}, Where, {}, Checks, Sink); });
  }
  for (Finding &F : Sink.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::python
