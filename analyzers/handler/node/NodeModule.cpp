//===- NodeModule.cpp - Node.js handler rules and call inventories --------===//
//
// Finds Node.js handler files and runs the NodeCheck rules and the SDK call
// inventory on them. A function's Handler (runtime nodejs*) names the module
// and export, resolved the way Lambda loads it (.js, .mjs, .cjs) or to the
// TypeScript source a bundler compiles; other JavaScript/TypeScript files are
// judged only when they export `handler`, and dependencies, build copies
// (.aws-sam, cdk.out, .serverless) and tests are skipped. Files are read only
// when their name ends in a JS/TS extension, so a scan without them costs
// one pass over names. `dist` and `build` folders are not skipped: a CodeUri
// often points at them and they may be the only copy of the code.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"

#include "analyzers/lambda/HandlerLookup.h"
#include "core/FileBudget.h"
#include "core/RuleInfo.h"

#include <map>

namespace fnlint::node {

NodeCheck::~NodeCheck() = default;

std::unique_ptr<NodeCheck> makeClientPerInvocation();
std::unique_ptr<NodeCheck> makeLogsEventPayload();
std::unique_ptr<NodeCheck> makeCommandInjection();
std::unique_ptr<NodeCheck> makeHardcodedCredentials();
std::unique_ptr<NodeCheck> makeTlsVerificationDisabled();
std::unique_ptr<NodeCheck> makeWriteOutsideTmp();

std::vector<std::unique_ptr<NodeCheck>> makeNodeChecks() {
  std::vector<std::unique_ptr<NodeCheck>> Out;
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
  const Token &T = tokens()[I];
  std::size_t Offset = static_cast<std::size_t>(T.text.data() - text.data());
  L.region = Region::fromOffsets(text, Offset, Offset + T.text.size());
  L.logical.name = exportName;
  L.logical.fullyQualifiedName = exportName;
  L.logical.kind = "function";
  return L;
}

std::string HandlerFile::handlerName() const {
  return function.empty() ? exportName : exportName + " (function " + function + ")";
}

namespace {

bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

bool isNodeSourceName(std::string_view Path) {
  if (endsWith(Path, ".d.ts") || endsWith(Path, ".d.mts") || endsWith(Path, ".min.js"))
    return false;
  for (std::string_view Ext : {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"})
    if (endsWith(Path, Ext))
      return true;
  return false;
}

/// Paths whose JS/TS files are not handlers: dependencies, build copies, tests.
bool skippedByConvention(std::string_view Path) {
  static constexpr std::string_view Folders[] = {"node_modules", ".aws-sam", "cdk.out",   ".serverless", ".webpack",
                                                 ".esbuild",     "coverage", "__tests__", "__mocks__",   "test",
                                                 "tests",        ".git"};
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
  return Name.find(".test.") != std::string_view::npos || Name.find(".spec.") != std::string_view::npos;
}

/// Runs the checks and the inventory on one module; false when no handler body was found.
bool analyzeWith(std::string_view Text, std::string_view ExportName, const Location &File,
                 const std::string &FunctionId, const std::vector<std::unique_ptr<NodeCheck>> &Checks,
                 FindingSink &Out, permissions::CallInventory *Inventory) {
  NodeModule M(Text);
  std::optional<HandlerFunction> Fn = M.findHandler(ExportName);
  if (!Fn || !Fn->resolved)
    return false;
  Imports Imp(M);
  HandlerFile H{Text, M, Imp, *Fn, std::string(ExportName), File, FunctionId};
  for (const auto &Check : Checks) {
    if (FileBudget::expired())
      return true;
    Check->check(H, Out);
  }
  if (Inventory && !FileBudget::expired()) {
    Inventory->functionId = FunctionId;
    Inventory->handler = H.at(Fn->exportToken);
    inventoryCalls(H, *Inventory);
  }
  return true;
}

} // namespace

bool analyzeNodeText(std::string_view Text, std::string_view ExportName, const Location &File,
                     const std::vector<std::unique_ptr<NodeCheck>> &Checks, FindingSink &Out,
                     permissions::CallInventory *Inventory) {
  return analyzeWith(Text, ExportName, File, {}, Checks, Out, Inventory);
}

void analyzeNodeHandlers(const Project &P, const std::set<std::string, std::less<>> &Enabled,
                         std::vector<Finding> &Findings, std::vector<permissions::CallInventory> &Inventories,
                         std::vector<InputProblem> *Problems) {
  std::vector<std::unique_ptr<NodeCheck>> Checks;
  for (auto &Check : makeNodeChecks()) {
    const RuleInfo *Rule = findRule(Check->ruleId());
    if (!Rule || Rule->enabledByDefault || Enabled.count(Check->ruleId()))
      Checks.push_back(std::move(Check));
  }
  FindingSink Sink;
  std::set<std::string> Done; // display paths of modules already judged
  // An inventory names its function by logical id and file: two templates
  // may both declare an OrdersFunction.
  auto Judge = [&](std::string_view Text, std::string_view ExportName, const Location &Where,
                   const std::string &FunctionId, const std::string &FunctionFile) {
    permissions::CallInventory Inv;
    Inv.functionFile = FunctionFile;
    FileBudget Budget(P.limits.maxFileSeconds); // limits.file-seconds
    if (analyzeWith(Text, ExportName, Where, FunctionId, Checks, Sink, &Inv))
      Inventories.push_back(std::move(Inv));
    if (Budget.hit() && Problems)
      Problems->push_back(lambda::analysisOutOfTime(Where, P.limits, "Node.js"));
  };
  auto TooLarge = [&](const Location &Where, std::uint64_t Size, bool Configured) {
    if (Problems && Done.insert(Where.displayPath()).second)
      Problems->push_back(lambda::sourceTooLarge(Where, Size, P.limits, "Node.js", Configured));
  };

  // Handlers a configuration names: in the function's package, or, for a
  // function without one (serverless.yml, whose code is the service folder),
  // relative to the configuration file. A runtime not written (a
  // serverless.yml provider default) is taken as Node.js when a JS/TS file
  // of that name exists.
  std::map<const Package *, std::unique_ptr<lambda::PackageIndex>> Indexes;
  std::set<std::string_view> ProjectFiles;
  for (const SourceFile &File : P.files)
    ProjectFiles.insert(File.path);
  for (const Deployable &F : P.deployables) {
    const FunctionConfig &C = F.config;
    if (F.kind != Deployable::Kind::Function || C.inlineCode || !C.handler.known() ||
        (C.runtime.known() && C.runtime.value.rfind("nodejs", 0) != 0))
      continue;
    std::optional<HandlerSetting> Setting = parseHandlerSetting(C.handler.value);
    if (!Setting)
      continue;
    Location Where;
    std::optional<std::string> Text;
    if (F.package) {
      if (F.package->unreadable)
        continue;
      auto &Idx = Indexes[F.package];
      if (!Idx)
        Idx = std::make_unique<lambda::PackageIndex>(*F.package, P.limits.maxSourceBytes);
      const PackageEntry *File = nullptr;
      for (const std::string &Candidate : Setting->candidateFiles())
        if ((File = Idx->find(Candidate)))
          break;
      if (!File)
        continue;
      Where = F.package->entryLocation(*File);
      if (File->size > P.limits.maxSourceBytes) {
        TooLarge(Where, File->size, true);
        continue;
      }
      Text = Idx->text(*File);
    } else {
      std::string_view Config = F.location.path;
      std::size_t Slash = Config.rfind('/');
      std::string Dir = Slash == std::string_view::npos ? "" : std::string(Config.substr(0, Slash + 1));
      for (const std::string &Candidate : Setting->candidateFiles())
        if (ProjectFiles.count(Dir + Candidate)) {
          Where.path = Dir + Candidate;
          break;
        }
      if (Where.path.empty())
        continue;
      std::string Error, Read;
      std::unique_ptr<EntryReader> R = P.openFile(Where.path, Error);
      if (R && R->readAll(Read, P.limits.maxSourceBytes + 1) && Read.size() <= P.limits.maxSourceBytes)
        Text = std::move(Read);
      else if (R && Read.size() > P.limits.maxSourceBytes) {
        TooLarge(Where, Read.size(), true);
        continue;
      }
    }
    // Two functions sharing a handler each get an inventory; findings are reported once.
    std::string Key = Where.displayPath() + "#" + Setting->exportName;
    bool First = Done.insert(Key).second;
    Done.insert(Where.displayPath());
    if (!Text)
      continue;
    if (First) {
      Judge(*Text, Setting->exportName, Where, F.logicalId, F.location.path);
    } else {
      FindingSink Ignored;
      permissions::CallInventory Inv;
      Inv.functionFile = F.location.path;
      if (analyzeWith(*Text, Setting->exportName, Where, F.logicalId, {}, Ignored, &Inv))
        Inventories.push_back(std::move(Inv));
    }
  }

  // Other files, by convention.
  for (const SourceFile &File : P.files) {
    std::string_view Path = File.path;
    if (!isNodeSourceName(Path) || Done.count(File.path) || skippedByConvention(Path))
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
    if (Text.find("handler") == std::string::npos)
      continue; // most modules export no handler: skip tokenizing them
    Judge(Text, "handler", Where, {}, {});
  }
  for (Finding &F : Sink.findings())
    Findings.push_back(std::move(F));
}

} // namespace fnlint::node
