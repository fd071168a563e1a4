//===- analyzers/handler/cpp/HandlerFinder.cpp - Find Lambda handlers -----===//
//
// Finds every call of aws::lambda_runtime::run_handler (matched on the resolved
// declaration, not on text, so `using namespace`, aliases and qualified calls
// all count) and works out which function the call hands over:
//
//   run_handler(my_handler)                       -> function  my_handler
//   run_handler(&ns::my_handler)                  -> function  ns::my_handler
//   run_handler([](invocation_request const &r) {...})
//                                                 -> lambda    main::<lambda>
//   auto h = [](...) {...};  run_handler(h)       -> lambda    main::h
//   std::function<...> f = my_handler; run_handler(f)
//   run_handler(std::function<...>(my_handler))   -> function  my_handler
//   run_handler(MyHandler{})                      -> functor   MyHandler::operator()
//   void go(handler_fn h) { run_handler(h); }     -> variable  go::h
//   run_handler(make_handler(cfg))                -> expression "make_handler(cfg)"
//
// Also home to PathMapper, the location-to-protocol mapping.
//
//===----------------------------------------------------------------------===//
#include "HelperSupport.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;

namespace fnlint_cpp {

//===----------------------------------------------------------------------===//
// PathMapper
//===----------------------------------------------------------------------===//

namespace {
std::string normalized(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  llvm::sys::path::native(P, llvm::sys::path::Style::posix);
  while (P.size() > 1 && P.back() == '/')
    P.pop_back();
  return std::string(P.str());
}

/// \p Path below \p Dir, relative; empty when it is not below it.
std::string below(const std::string &Dir, const std::string &Path) {
  if (Dir.empty() || Path.size() <= Dir.size() || Path.compare(0, Dir.size(), Dir) != 0)
    return {};
  if (Dir == "/")
    return Path.substr(1);
  if (Path[Dir.size()] != '/')
    return {};
  return Path.substr(Dir.size() + 1);
}
} // namespace

PathMapper::PathMapper(std::string R) : Root(normalized(R)) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Root, Real))
    RootReal = normalized(Real);
}

std::string PathMapper::relative(const std::string &Path, bool *InsideRoot) const {
  std::string N = normalized(Path);
  for (const std::string *Dir : {&Root, &RootReal}) {
    std::string Rel = below(*Dir, N);
    if (!Rel.empty()) {
      if (InsideRoot)
        *InsideRoot = true;
      return Rel;
    }
  }
  if (InsideRoot)
    *InsideRoot = false;
  return N;
}

SourcePos PathMapper::position(const SourceManager &SM, SourceLocation Loc, bool *InsideRoot) const {
  SourcePos Pos;
  if (InsideRoot)
    *InsideRoot = false;
  if (Loc.isInvalid())
    return Pos;
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  FileID FID = SM.getFileID(FileLoc);
  std::string Name;
  if (const FileEntry *FE = SM.getFileEntryForID(FID)) {
    // The name as looked up may be relative to the compile command's directory;
    // the real path is absolute. In-memory files have no real path.
    Name = std::string(FE->tryGetRealPathName());
    if (Name.empty())
      Name = std::string(FE->getName());
  } else {
    Name = std::string(SM.getFilename(FileLoc));
  }
  if (!Name.empty() && !llvm::sys::path::is_absolute(Name)) {
    llvm::SmallString<256> Abs(Name);
    SM.getFileManager().makeAbsolutePath(Abs);
    Name = std::string(Abs.str());
  }
  Pos.file = relative(Name, InsideRoot);
  Pos.line = SM.getSpellingLineNumber(FileLoc);
  Pos.column = SM.getSpellingColumnNumber(FileLoc);
  return Pos;
}

const Expr *skipTemporaries(const Expr *E) {
  while (E) {
    if (const auto *P = dyn_cast<ParenExpr>(E))
      E = P->getSubExpr();
    else if (const auto *I = dyn_cast<ImplicitCastExpr>(E))
      E = I->getSubExpr();
    else if (const auto *F = dyn_cast<FullExpr>(E))
      E = F->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else
      return E;
  }
  return E;
}

std::string flatSourceText(const ASTContext &Ctx, const Stmt *S, std::size_t Max) {
  CharSourceRange Range = CharSourceRange::getTokenRange(S->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(Range, Ctx.getSourceManager(), Ctx.getLangOpts());
  std::string Flat;
  for (char C : Text) {
    if (C == '\n' || C == '\r' || C == '\t')
      C = ' ';
    if (C == ' ' && !Flat.empty() && Flat.back() == ' ')
      continue;
    Flat += C;
  }
  if (Flat.size() > Max && Max > 3)
    Flat = Flat.substr(0, Max - 3) + "...";
  return Flat;
}

//===----------------------------------------------------------------------===//
// HandlerFinder
//===----------------------------------------------------------------------===//

namespace {

/// What an expression handed to run_handler denotes.
struct Resolution {
  std::string Function;
  std::string Kind;
  SourceLocation Loc;
  bool Defined = true;
  const FunctionDecl *Body = nullptr; ///< the function whose body handles an invocation
};

/// "main" for a lambda written inside main(), "ns" inside namespace ns, "" at
/// file scope: the named context that encloses \p DC.
std::string enclosingName(const DeclContext *DC) {
  for (; DC; DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && RD->isLambda())
      continue; // a lambda inside a lambda: name the outer named context
    if (const auto *ND = dyn_cast<NamedDecl>(DC))
      return ND->getQualifiedNameAsString();
    if (DC->isTranslationUnit())
      return {};
  }
  return {};
}

std::string qualify(const std::string &Scope, const std::string &Name) {
  return Scope.empty() ? Name : Scope + "::" + Name;
}

bool isStdFunction(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || RD->getName() != "function")
    return false;
  const DeclContext *DC = RD->getDeclContext();
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  return DC && DC->isStdNamespace();
}

const CXXMethodDecl *callOperator(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  for (const CXXMethodDecl *M : RD->getDefinition()->methods())
    if (M->getOverloadedOperator() == OO_Call)
      return M;
  return nullptr;
}

class Resolver {
public:
  explicit Resolver(ASTContext &Ctx) : Ctx(Ctx) {}

  Resolution resolve(const Expr *E, const VarDecl *BoundTo = nullptr, unsigned Depth = 0) {
    const Expr *Original = E;
    E = peel(E);
    if (!E || Depth > 8)
      return expression(Original);

    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = DRE->getDecl();
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        return function(FD);
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        // Follow a variable to what initialised it (a lambda, a function, a
        // std::function wrapping either); a parameter has nothing to follow.
        if (!isa<ParmVarDecl>(VD))
          if (const Expr *Init = VD->getAnyInitializer()) {
            Resolution R = resolve(Init, VD, Depth + 1);
            if (R.Kind != "expression")
              return R;
          }
        Resolution R;
        R.Function = VD->getQualifiedNameAsString();
        if (VD->isLocalVarDeclOrParm())
          R.Function = qualify(enclosingName(VD->getDeclContext()), VD->getName().str());
        R.Kind = "variable";
        R.Loc = VD->getLocation();
        return R;
      }
      return expression(Original);
    }

    if (const auto *L = dyn_cast<LambdaExpr>(E)) {
      Resolution R;
      R.Kind = "lambda";
      R.Loc = L->getBeginLoc();
      R.Body = L->getCallOperator();
      // A generic lambda (`[](auto const &req)`): the body to check is the one
      // std::function instantiated, where the request's type is known.
      if (const FunctionTemplateDecl *T = L->getDependentCallOperator())
        for (const FunctionDecl *Instance : T->specializations()) {
          R.Body = Instance;
          break;
        }
      if (BoundTo) {
        R.Function = BoundTo->isLocalVarDeclOrParm()
                         ? qualify(enclosingName(BoundTo->getDeclContext()), BoundTo->getName().str())
                         : BoundTo->getQualifiedNameAsString();
      } else {
        R.Function = qualify(enclosingName(L->getLambdaClass()->getDeclContext()), "<lambda>");
      }
      return R;
    }

    // A function object (`MyHandler{}`, `MyHandler(cfg)`): its operator().
    if (const CXXRecordDecl *RD = E->getType().getNonReferenceType()->getAsCXXRecordDecl();
        RD && !RD->isLambda() && !isStdFunction(RD))
      if (const CXXMethodDecl *Op = callOperator(RD)) {
        Resolution R = function(Op);
        R.Kind = "functor";
        return R;
      }
    return expression(Original);
  }

private:
  /// Strips what stands between the argument and the function it names: implicit
  /// and explicit casts, temporaries, `&f`, and std::function / copy / move
  /// constructions.
  const Expr *peel(const Expr *E) {
    while (E) {
      E = skipTemporaries(E);
      if (const auto *C = dyn_cast<CastExpr>(E))
        E = C->getSubExpr();
      else if (const auto *U = dyn_cast<UnaryOperator>(E);
               U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref))
        E = U->getSubExpr();
      else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
        const CXXConstructorDecl *Ctor = CE->getConstructor();
        bool Wraps = CE->getNumArgs() >= 1 &&
                     (isStdFunction(Ctor->getParent()) || Ctor->isCopyOrMoveConstructor());
        if (!Wraps)
          return E;
        E = CE->getArg(0);
      } else
        return E;
    }
    return E;
  }

  Resolution function(const FunctionDecl *FD) {
    Resolution R;
    R.Kind = "function";
    const FunctionDecl *Def = FD->getDefinition();
    R.Defined = Def != nullptr;
    R.Body = Def;
    if (!Def)
      Def = FD;
    if (const auto *M = dyn_cast<CXXMethodDecl>(Def); M && M->getParent()->isLambda())
      R.Function = qualify(enclosingName(M->getParent()->getDeclContext()), "<lambda>");
    else
      R.Function = Def->getQualifiedNameAsString();
    R.Loc = Def->getLocation();
    return R;
  }

  Resolution expression(const Expr *E) {
    Resolution R;
    R.Kind = "expression";
    if (!E)
      return R;
    std::string Flat = flatSourceText(Ctx, E, 80);
    R.Function = Flat.empty() ? "<expression>" : Flat;
    R.Loc = E->getBeginLoc();
    return R;
  }

  ASTContext &Ctx;
};

} // namespace

struct HandlerFinder::Impl : MatchFinder::MatchCallback {
  Impl(const PathMapper &Paths, llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> StandIns)
      : Paths(Paths), StandIns(std::move(StandIns)) {
    Finder.addMatcher(
        callExpr(callee(functionDecl(hasName("::aws::lambda_runtime::run_handler"))),
                 hasArgument(0, expr().bind("handler")))
            .bind("call"),
        this);
  }

  void run(const MatchFinder::MatchResult &Result) override {
    const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
    const auto *Arg = Result.Nodes.getNodeAs<Expr>("handler");
    if (!Call || !Arg)
      return;
    const SourceManager &SM = *Result.SourceManager;
    Resolution R = Resolver(*Result.Context).resolve(Arg);
    HandlerRecord H;
    H.function = R.Function;
    H.kind = R.Kind;
    H.defined = R.Defined;
    H.definition = Paths.position(SM, R.Loc);
    H.call = Paths.position(SM, Call->getBeginLoc());
    auto Key = std::make_tuple(H.definition.file, H.definition.line, H.definition.column, H.function,
                               H.call.file, H.call.line, H.call.column);
    if (!Seen.insert(Key).second)
      return; // seen from another translation unit: its rules already ran
    TuRecords.push_back(Found.size());
    TuHandlers.push_back(R.Body);
    Found.push_back(std::move(H));
  }

  /// Finds the handlers of a translation unit, then runs the rules over it.
  void translationUnit(ASTContext &Ctx) {
    TuRecords.clear();
    TuHandlers.clear();
    Finder.matchAST(Ctx);
    std::vector<InventoryRecord> Inventories;
    checkTranslationUnit(Ctx, Paths, TuHandlers, Findings, Inventories);
    for (std::size_t I = 0; I < TuRecords.size() && I < Inventories.size(); ++I) {
      HandlerRecord &H = Found[TuRecords[I]];
      H.inventory = std::move(Inventories[I]);
      for (PartialRecord &P : H.inventory.partial)
        if (P.pos.file.empty())
          P.pos = H.definition; // a handler without a body: point at what run_handler got
    }
  }

  struct Consumer : ASTConsumer {
    explicit Consumer(Impl &I) : I(I) {}
    void HandleTranslationUnit(ASTContext &Ctx) override { I.translationUnit(Ctx); }
    Impl &I;
  };
  /// Without the user's compile commands, an SDK header fnlint has no
  /// stand-in for would end the whole file with a fatal error: an empty file
  /// takes its place instead, so what does not depend on it is still analysed,
  /// and the directive is recorded for the problem report.
  struct MissingHeaders : PPCallbacks {
    MissingHeaders(Impl &I, const SourceManager &SM) : I(I), SM(SM) {}
    bool FileNotFound(llvm::StringRef Name, llvm::SmallVectorImpl<char> &RecoveryPath) override {
      if (!I.StandIns || Name.empty() || llvm::sys::path::is_absolute(Name) || Name.contains(".."))
        return false;
      llvm::SmallString<128> Path(StandInDir);
      llvm::sys::path::append(Path, llvm::sys::path::Style::posix, Name);
      I.StandIns->addFile(Path, 0, llvm::MemoryBuffer::getMemBuffer("", Path));
      RecoveryPath.assign(StandInDir, StandInDir + std::strlen(StandInDir));
      return true;
    }
    void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef Name, bool, CharSourceRange,
                            const FileEntry *File, llvm::StringRef, llvm::StringRef,
                            const clang::Module *, SrcMgr::CharacteristicKind) override {
      // SearchPath may name the last directory searched: judge by the file found.
      if (File && File->getName().startswith(StandInDir))
        I.Missing.push_back({Name.str(), I.Paths.position(SM, HashLoc)});
    }
    Impl &I;
    const SourceManager &SM;
  };

  struct Action : ASTFrontendAction {
    explicit Action(Impl &I) : I(I) {}
    bool BeginSourceFileAction(CompilerInstance &CI) override {
      CI.getPreprocessor().addPPCallbacks(std::make_unique<MissingHeaders>(I, CI.getSourceManager()));
      return true;
    }
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
      return std::make_unique<Consumer>(I);
    }
    Impl &I;
  };
  struct Factory : tooling::FrontendActionFactory {
    explicit Factory(Impl &I) : I(I) {}
    std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(I); }
    Impl &I;
  };

  const PathMapper &Paths;
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> StandIns;
  std::vector<MissingHeader> Missing;
  MatchFinder Finder;
  std::vector<HandlerRecord> Found;
  std::vector<std::size_t> TuRecords;           ///< this TU's new handlers: indexes into Found
  std::vector<const FunctionDecl *> TuHandlers; ///< and their bodies
  std::vector<FindingRecord> Findings;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string, std::string, unsigned, unsigned>> Seen;
};

HandlerFinder::HandlerFinder(const PathMapper &Paths,
                             llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> StandIns)
    : P(std::make_unique<Impl>(Paths, std::move(StandIns))) {}

std::vector<MissingHeader> HandlerFinder::takeMissingHeaders() {
  std::vector<MissingHeader> Out;
  Out.swap(P->Missing);
  return Out;
}
HandlerFinder::~HandlerFinder() = default;

std::unique_ptr<tooling::FrontendActionFactory> HandlerFinder::newActionFactory() {
  return std::make_unique<Impl::Factory>(*P);
}

std::vector<HandlerRecord> HandlerFinder::handlers() const {
  std::vector<HandlerRecord> Out = P->Found;
  std::stable_sort(Out.begin(), Out.end(), [](const HandlerRecord &A, const HandlerRecord &B) {
    return std::tie(A.definition.file, A.definition.line, A.definition.column, A.function, A.call.file,
                    A.call.line, A.call.column) < std::tie(B.definition.file, B.definition.line,
                                                           B.definition.column, B.function, B.call.file,
                                                           B.call.line, B.call.column);
  });
  return Out;
}

std::vector<FindingRecord> HandlerFinder::findings() const {
  auto Key = [](const FindingRecord &F) {
    return std::tie(F.begin.file, F.begin.line, F.begin.column, F.ruleId, F.message);
  };
  std::vector<FindingRecord> Out = P->Findings;
  std::stable_sort(Out.begin(), Out.end(), [&](const FindingRecord &A, const FindingRecord &B) { return Key(A) < Key(B); });
  Out.erase(std::unique(Out.begin(), Out.end(), [&](const FindingRecord &A, const FindingRecord &B) { return Key(A) == Key(B); }),
            Out.end());
  return Out;
}

} // namespace fnlint_cpp
