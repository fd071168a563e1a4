//===- analyzers/handler/cpp/HelperMain.cpp - fnlint-cpp entry point ------===//
//
// fnlint-cpp: analyses C/C++ Lambda handlers with Clang LibTooling on behalf of
// fnlint, which starts it only when a scan has C/C++ sources (linking Clang into
// fnlint itself would cost every run ~40 ms and ~60 MB). It speaks JSON only.
//
// Request (stdin, one JSON object):
//   {"version": 1,
//    "root": "/abs/scan/root",
//    "sources": ["rel/a.cpp", ...],        // relative to root (absolute allowed)
//    "compileCommandsDir": ""}             // optional; "" = auto-detect
//
// Reply (stdout, one JSON object; exit status 0):
//   {"version": 1,
//    "tool": {"name": "fnlint-cpp", "version": "...", "llvm": "14.0.6"},
//    "compileCommands": "/abs/dir" | null,  // the database used, null = defaults
//    "handlers": [{"function": "my_handler", "kind": "function",
//                  "file": "rel.cpp", "line": 12, "column": 28, "defined": true,
//                  "call": {"file": "rel.cpp", "line": 20, "column": 3},
//                  "calls": [{"service": "S3", "operation": "GetObject",   // SDK calls of the
//                             "file": "rel.cpp", "line": 14, "column": 9}], // handler and main
//                  "partial": [{"reason": "...", "file": "rel.cpp", "line": 15, "column": 3}]}],
//    "findings": [{"ruleId": "handler/...", "message": "...",   // level: the rule's own
//                  "file": "rel.cpp", "line": 1, "column": 1, "endLine": 1, "endColumn": 9}],
//    "problems": [{"file": "rel.cpp", "line": 3, "column": 10, "level": "warning",
//                  "message": "error: expected ';' after expression"}]}
//
// Positions are 1-based, columns in bytes; line 0 means "no position". A file
// is relative to root when inside it, else absolute. Compiler errors become
// problems (at most MaxErrorsPerFile per source, then one summary entry); a file
// that does not parse, cannot be read or crashes Clang yields a problem and the
// run goes on. A bad request exits with status 2 and a message on stderr.
//
// The compilation database: compileCommandsDir when given; else the first
// compile_commands.json found beside a source, in a directory above it up to the
// root, or in such a directory's build/; else default flags (-std=c++17;
// -std=c17 for .c files; headers as C++). Files the database does not know get
// the defaults too. fnlint's embedded declaration headers (aws/lambda-runtime/runtime.h, ...)
// are searched last (-idirafter), so a real SDK found by the user's flags wins.
// A header found nowhere (an SDK service fnlint has no stand-in for, a project
// header only the user's flags locate) is replaced by an empty file and reported
// as a problem at its #include, rather than ending the file with a fatal error;
// the compiler errors that follow are reported too, there is no error limit,
// and whatever still parses is analysed.
//
//===----------------------------------------------------------------------===//
#include "HelperSupport.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#ifndef FNLINT_CPP_VERSION
#define FNLINT_CPP_VERSION "0.0.0"
#endif
#ifndef FNLINT_CLANG_RESOURCE_DIR
#define FNLINT_CLANG_RESOURCE_DIR ""
#endif

using namespace clang;
using namespace clang::tooling;

namespace fnlint_cpp {
namespace {

constexpr int ProtocolVersion = 1;
constexpr unsigned MaxErrorsPerFile = 20;

struct Request {
  std::string Root;
  std::vector<std::string> Sources;
  std::string CompileCommandsDir;
};

struct ProblemRecord {
  SourcePos pos;
  std::string level = "warning";
  std::string message;
};

bool parseRequest(llvm::StringRef Text, Request &Req, std::string &Error) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed) {
    Error = "request is not JSON: " + llvm::toString(Parsed.takeError());
    return false;
  }
  const llvm::json::Object *O = Parsed->getAsObject();
  if (!O) {
    Error = "request is not a JSON object";
    return false;
  }
  llvm::Optional<int64_t> Version = O->getInteger("version");
  if (!Version || *Version != ProtocolVersion) {
    Error = "unsupported request version (this fnlint-cpp speaks version " + std::to_string(ProtocolVersion) + ")";
    return false;
  }
  llvm::Optional<llvm::StringRef> Root = O->getString("root");
  if (!Root || !llvm::sys::path::is_absolute(*Root)) {
    Error = "\"root\" must be an absolute path";
    return false;
  }
  Req.Root = Root->str();
  const llvm::json::Array *Sources = O->getArray("sources");
  if (!Sources) {
    Error = "\"sources\" must be an array of paths";
    return false;
  }
  for (const llvm::json::Value &S : *Sources) {
    llvm::Optional<llvm::StringRef> Str = S.getAsString();
    if (!Str || Str->empty()) {
      Error = "\"sources\" must be an array of non-empty strings";
      return false;
    }
    Req.Sources.push_back(Str->str());
  }
  if (const llvm::json::Value *Dir = O->get("compileCommandsDir"); Dir && Dir->kind() != llvm::json::Value::Null) {
    llvm::Optional<llvm::StringRef> Str = Dir->getAsString();
    if (!Str) {
      Error = "\"compileCommandsDir\" must be a string";
      return false;
    }
    Req.CompileCommandsDir = Str->str();
  }
  return true;
}

std::string absolutePath(const std::string &Root, const std::string &Path) {
  llvm::SmallString<256> P;
  if (llvm::sys::path::is_absolute(Path))
    P = Path;
  else {
    P = Root;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P.str());
}

std::string resourceDir() {
  if (const char *Env = std::getenv("FNLINT_CLANG_RESOURCE_DIR"); Env && *Env)
    return Env;
  return FNLINT_CLANG_RESOURCE_DIR;
}

enum class Language { C, Cxx, CxxHeader };

/// The language default flags assume for \p Path: .c is C (.C is C++, as for
/// GCC); a header is taken for C++, which is what Lambda handlers are written in.
Language languageOf(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext == ".c")
    return Language::C;
  for (const char *H : {".h", ".hh", ".hpp", ".hxx", ".h++", ".inl", ".ipp", ".tpp", ".tcc"})
    if (Ext.equals_insensitive(H))
      return Language::CxxHeader;
  return Language::Cxx;
}

/// The user's database where it knows a file; default flags where it does not
/// (or when there is none). Only the first command of a file is used: building
/// the same file in several configurations would repeat every result.
class FallbackDatabase : public CompilationDatabase {
public:
  FallbackDatabase(std::unique_ptr<CompilationDatabase> Primary, std::string Root)
      : Primary(std::move(Primary)), Root(Root),
        CxxDefaults(Root, std::vector<std::string>{"-std=c++17", "-fsyntax-only"}),
        HeaderDefaults(Root, std::vector<std::string>{"-x", "c++-header", "-std=c++17", "-fsyntax-only"}),
        CDefaults(Root, std::vector<std::string>{"-std=c17", "-fsyntax-only"}) {}

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef File) const override {
    if (Primary) {
      std::vector<CompileCommand> Commands = Primary->getCompileCommands(File);
      if (!Commands.empty()) {
        Commands.resize(1);
        // A stale database naming a directory that no longer exists would make
        // ClangTool abort (it cannot chdir there): use the root instead.
        if (!llvm::sys::fs::is_directory(Commands.front().Directory))
          Commands.front().Directory = Root;
        return Commands;
      }
    }
    switch (languageOf(File)) {
    case Language::C:
      return CDefaults.getCompileCommands(File);
    case Language::CxxHeader:
      return HeaderDefaults.getCompileCommands(File);
    case Language::Cxx:
      break;
    }
    return CxxDefaults.getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override {
    return Primary ? Primary->getAllFiles() : std::vector<std::string>{};
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Primary ? Primary->getAllCompileCommands() : std::vector<CompileCommand>{};
  }

private:
  std::unique_ptr<CompilationDatabase> Primary;
  std::string Root;
  FixedCompilationDatabase CxxDefaults, HeaderDefaults, CDefaults;
};

/// The directory whose compile_commands.json to use when the request names
/// none: beside a source, in a directory above it up to the root, or in such a
/// directory's build/. Empty: none found.
std::string findDatabaseDir(const Request &Req, const std::vector<std::string> &AbsSources) {
  std::string Root = absolutePath(Req.Root, ".");
  std::set<std::string> Tried;
  for (const std::string &Source : AbsSources) {
    llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Source));
    while (true) {
      std::string D(Dir.str());
      if (!Tried.insert(D).second)
        break;
      for (const char *Sub : {"", "build"}) {
        llvm::SmallString<256> Candidate(D);
        llvm::sys::path::append(Candidate, Sub, "compile_commands.json");
        if (llvm::sys::fs::is_regular_file(Candidate))
          return std::string(llvm::sys::path::parent_path(Candidate));
      }
      // Stay inside the root: a database above it belongs to another project.
      if (D == Root || D.size() <= Root.size() || !llvm::StringRef(D).startswith(Root))
        break;
      Dir = llvm::sys::path::parent_path(D);
    }
  }
  return {};
}

/// Turns Clang's diagnostics into problems instead of printing them: errors
/// only (warnings are the user's compiler's business), at most MaxErrorsPerFile
/// per source. An error inside a file outside the root (a system header, an
/// embedded declaration header) is reported at the #include in the root that
/// led to it.
class CollectingConsumer : public DiagnosticConsumer {
public:
  CollectingConsumer(const PathMapper &Paths, std::vector<ProblemRecord> &Out) : Paths(Paths), Out(Out) {}

  void startFile(const std::string &Rel) {
    clear(); // the error count decides whether Clang's action reports success
    Current = Rel;
    Shown = 0;
    Dropped = 0;
    Errors = 0;
  }
  /// Adds the summary of dropped errors; returns the number of errors seen.
  unsigned finishFile() {
    if (Dropped) {
      ProblemRecord P;
      P.pos.file = Current;
      P.message = std::to_string(Dropped) + " more compiler error" + (Dropped == 1 ? "" : "s") + " not shown";
      Out.push_back(std::move(P));
    }
    return Errors;
  }

  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    ++Errors;
    if (Shown >= MaxErrorsPerFile) {
      ++Dropped;
      return;
    }
    ++Shown;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    ProblemRecord P;
    P.pos.file = Current;
    std::string Prefix = Level == DiagnosticsEngine::Fatal ? "fatal error: " : "error: ";
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      SourceLocation Loc = SM.getFileLoc(Info.getLocation());
      bool Inside = false;
      SourcePos Pos = Paths.position(SM, Loc, &Inside);
      if (!Inside) {
        // Walk the include stack back into the root (or the main file).
        std::string Where = Pos.file;
        if (llvm::StringRef(Where).startswith(VirtualIncludeDir))
          Where = "fnlint's " + Where.substr(std::string(VirtualIncludeDir).size() + 1);
        SourceLocation Up = Loc;
        while (Up.isValid() && !Inside) {
          Up = SM.getIncludeLoc(SM.getFileID(Up));
          if (Up.isValid())
            Pos = Paths.position(SM, Up, &Inside);
        }
        Prefix += "in " + Where + ": ";
        if (!Inside) // not even the main file is inside the root
          Pos.file = Current, Pos.line = 0, Pos.column = 0;
      }
      P.pos = Pos;
    }
    P.message = Prefix + std::string(Text.str());
    Out.push_back(std::move(P));
  }

private:
  const PathMapper &Paths;
  std::vector<ProblemRecord> &Out;
  std::string Current;
  unsigned Shown = 0, Dropped = 0, Errors = 0;
};

llvm::json::Value posJson(const SourcePos &P) {
  return llvm::json::Object{{"file", P.file}, {"line", P.line}, {"column", P.column}};
}

int usage(llvm::raw_ostream &OS, int Status) {
  OS << "usage: fnlint-cpp [--version | --help]\n"
        "Reads an analysis request (JSON) on stdin and writes the result (JSON) on stdout.\n"
        "fnlint starts this helper itself; see analyzers/handler/cpp/HelperMain.cpp.\n";
  return Status;
}

int run(const Request &Req) {
  PathMapper Paths(Req.Root);
  std::vector<ProblemRecord> Problems;
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> StandIns;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = makeOverlayFileSystem(&StandIns);
  HandlerFinder Finder(Paths, StandIns);

  std::vector<std::string> Abs, Rel;
  for (const std::string &S : Req.Sources) {
    Abs.push_back(absolutePath(Req.Root, S));
    Rel.push_back(Paths.relative(Abs.back()));
  }

  std::unique_ptr<CompilationDatabase> Primary;
  std::string DbDir = Req.CompileCommandsDir.empty() ? findDatabaseDir(Req, Abs)
                                                     : absolutePath(Req.Root, Req.CompileCommandsDir);
  if (!DbDir.empty()) {
    std::string Error;
    Primary = CompilationDatabase::loadFromDirectory(DbDir, Error);
    if (!Primary) {
      ProblemRecord P;
      P.pos.file = Paths.relative(DbDir);
      // One line per database kind tried: fold them into one.
      llvm::SmallVector<llvm::StringRef, 4> Lines;
      llvm::StringRef(Error).split(Lines, '\n', -1, /*KeepEmpty=*/false);
      P.message = "could not load a compilation database from " + Paths.relative(DbDir) + " (" +
                  llvm::join(Lines, "; ") + "); using default flags";
      Problems.push_back(std::move(P));
      DbDir.clear();
    }
  }
  FallbackDatabase Database(std::move(Primary), Paths.root());

  std::string ResourceDir = resourceDir();
  CollectingConsumer Diags(Paths, Problems);
  llvm::CrashRecoveryContext::Enable();

  std::set<std::string> Done;
  for (std::size_t I = 0; I < Abs.size(); ++I) {
    if (!Done.insert(Abs[I]).second)
      continue;
    // Unreadable files: say so rather than letting the driver fail obscurely.
    if (!llvm::sys::fs::is_regular_file(Abs[I])) {
      ProblemRecord P;
      P.pos.file = Rel[I];
      P.message = "cannot read C/C++ source: " + std::string(llvm::sys::fs::exists(Abs[I])
                                                                  ? "not a regular file"
                                                                  : "no such file");
      Problems.push_back(std::move(P));
      continue;
    }
    if (auto Buffer = llvm::MemoryBuffer::getFile(Abs[I]); !Buffer) {
      ProblemRecord P;
      P.pos.file = Rel[I];
      P.message = "cannot read C/C++ source: " + Buffer.getError().message();
      Problems.push_back(std::move(P));
      continue;
    }

    ClangTool Tool(Database, {Abs[I]}, std::make_shared<PCHContainerOperations>(), FS);
    Tool.setPrintErrorMessage(false);
    Tool.setDiagnosticConsumer(&Diags);
    Tool.appendArgumentsAdjuster([ResourceDir](const CommandLineArguments &Args, llvm::StringRef) {
      CommandLineArguments Out(Args);
      bool HasResourceDir = false;
      for (const std::string &A : Args)
        HasResourceDir |= llvm::StringRef(A).startswith("-resource-dir");
      if (!HasResourceDir && !ResourceDir.empty() && !Out.empty())
        Out.insert(Out.begin() + 1, "-resource-dir=" + ResourceDir);
      return Out;
    });
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        CommandLineArguments{"-idirafter", VirtualIncludeDir,
                             // no "N errors generated." on stderr
                             "-fno-caret-diagnostics",
                             // keep parsing after many errors: what parses is still analysed
                             "-ferror-limit=0"},
        ArgumentInsertPosition::END));

    Diags.startFile(Rel[I]);
    std::unique_ptr<FrontendActionFactory> Factory = Finder.newActionFactory();
    int Status = 0;
    llvm::CrashRecoveryContext CRC;
    bool Survived = CRC.RunSafely([&] { Status = Tool.run(Factory.get()); });
    unsigned Errors = Diags.finishFile();
    for (MissingHeader &M : Finder.takeMissingHeaders()) {
      ProblemRecord P;
      P.pos = M.at.file.empty() ? SourcePos{Rel[I], 0, 0} : M.at;
      P.message = "'" + M.name + "' not found: analysed without it (fnlint has no stand-in for it; give fnlint the "
                  "project's compile_commands.json with -p); calls that need it are not seen";
      Problems.push_back(std::move(P));
    }
    if (!Survived) {
      ProblemRecord P;
      P.pos.file = Rel[I];
      P.message = "clang crashed while analysing this file; results for it are incomplete";
      Problems.push_back(std::move(P));
    } else if (Status != 0 && Errors == 0) {
      ProblemRecord P;
      P.pos.file = Rel[I];
      P.message = "clang could not analyse this file";
      Problems.push_back(std::move(P));
    }
  }

  // The same header error seen from two sources is one problem.
  std::stable_sort(Problems.begin(), Problems.end(), [](const ProblemRecord &A, const ProblemRecord &B) {
    return std::tie(A.pos.file, A.pos.line, A.pos.column) < std::tie(B.pos.file, B.pos.line, B.pos.column);
  });
  std::vector<ProblemRecord> Unique;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (ProblemRecord &P : Problems)
    if (Seen.insert({P.pos.file, P.pos.line, P.pos.column, P.message}).second)
      Unique.push_back(std::move(P));

  llvm::json::Array HandlersJson;
  for (const HandlerRecord &H : Finder.handlers()) {
    llvm::json::Array Calls, Partial;
    for (const CallRecord &C : H.inventory.calls)
      Calls.push_back(llvm::json::Object{{"service", C.service},
                                         {"operation", C.operation},
                                         {"file", C.pos.file},
                                         {"line", C.pos.line},
                                         {"column", C.pos.column}});
    for (const PartialRecord &P : H.inventory.partial)
      Partial.push_back(llvm::json::Object{
          {"reason", P.reason}, {"file", P.pos.file}, {"line", P.pos.line}, {"column", P.pos.column}});
    HandlersJson.push_back(llvm::json::Object{{"function", H.function},
                                              {"kind", H.kind},
                                              {"file", H.definition.file},
                                              {"line", H.definition.line},
                                              {"column", H.definition.column},
                                              {"defined", H.defined},
                                              {"call", posJson(H.call)},
                                              {"calls", std::move(Calls)},
                                              {"partial", std::move(Partial)}});
  }
  llvm::json::Array FindingsJson;
  for (const FindingRecord &F : Finder.findings())
    FindingsJson.push_back(llvm::json::Object{{"ruleId", F.ruleId},
                                              {"message", F.message},
                                              {"file", F.begin.file},
                                              {"line", F.begin.line},
                                              {"column", F.begin.column},
                                              {"endLine", F.end.line},
                                              {"endColumn", F.end.column}});
  llvm::json::Array ProblemsJson;
  for (const ProblemRecord &P : Unique)
    ProblemsJson.push_back(llvm::json::Object{{"file", P.pos.file},
                                              {"line", P.pos.line},
                                              {"column", P.pos.column},
                                              {"level", P.level},
                                              {"message", P.message}});
  llvm::json::Object Reply{
      {"version", ProtocolVersion},
      {"tool", llvm::json::Object{{"name", "fnlint-cpp"}, {"version", FNLINT_CPP_VERSION}, {"llvm", LLVM_VERSION_STRING}}},
      {"compileCommands", DbDir.empty() ? llvm::json::Value(nullptr) : llvm::json::Value(DbDir)},
      {"handlers", std::move(HandlersJson)},
      {"findings", std::move(FindingsJson)},
      {"problems", std::move(ProblemsJson)}};
  llvm::outs() << llvm::json::Value(std::move(Reply)) << "\n";
  llvm::outs().flush();
  return 0;
}

} // namespace
} // namespace fnlint_cpp

int main(int argc, char **argv) {
  // A crash prints a stack to stderr, which fnlint keeps for its problem report.
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg(argv[I]);
    if (Arg == "--version") {
      llvm::outs() << "fnlint-cpp " << FNLINT_CPP_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
      return 0;
    }
    if (Arg == "--help" || Arg == "-h")
      return fnlint_cpp::usage(llvm::outs(), 0);
    llvm::errs() << "fnlint-cpp: unknown argument '" << Arg << "'\n";
    return fnlint_cpp::usage(llvm::errs(), 2);
  }

  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Input = llvm::MemoryBuffer::getSTDIN();
  if (!Input) {
    llvm::errs() << "fnlint-cpp: cannot read the request: " << Input.getError().message() << "\n";
    return 2;
  }
  fnlint_cpp::Request Req;
  std::string Error;
  if (!fnlint_cpp::parseRequest((*Input)->getBuffer(), Req, Error)) {
    llvm::errs() << "fnlint-cpp: bad request: " << Error << "\n";
    return 2;
  }
  return fnlint_cpp::run(Req);
}
