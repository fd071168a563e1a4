//===- analyzers/handler/cpp/HandlerRules.cpp - C/C++ handler rules -------===//
//
// The six handler rules for C and C++ and the AWS SDK call inventory, run on
// one translation unit once HandlerFinder knows its handlers. Every site is
// found with AST matchers on resolved declarations (Aws::Auth::AWSCredentials,
// ClientConfiguration::verifySSL, ::system, std::basic_ofstream, ...), never
// on text, so aliases, `using namespace` and macros do not matter.
//
// Scopes:
//   - "the handler" is the function handed to run_handler plus every function
//     it calls, transitively, that is defined in this translation unit inside
//     the scan root (its closure);
//   - client-per-invocation, command-injection and logs-event-payload look at
//     the handlers' closures only (main() may build clients: it runs once);
//   - hardcoded-credentials, tls-verification-disabled and write-outside-tmp
//     look at all code inside the root of a translation unit with a handler
//     (start-up code that writes to /var/task fails just the same);
//   - the inventory lists the SDK calls of the handler's closure and of main's.
//
//===----------------------------------------------------------------------===//
#include "HelperSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace fnlint_cpp {
namespace {

constexpr const char *HardcodedCredentials = "handler/hardcoded-credentials";
constexpr const char *TlsVerificationDisabled = "handler/tls-verification-disabled";
constexpr const char *ClientPerInvocation = "handler/client-per-invocation";
constexpr const char *WriteOutsideTmp = "handler/write-outside-tmp";
constexpr const char *CommandInjection = "handler/command-injection";
constexpr const char *LogsEventPayload = "handler/logs-event-payload";

constexpr std::size_t MaxClosure = 2000; ///< functions followed from one handler

//===----------------------------------------------------------------------===//
// Declarations the rules recognise
//===----------------------------------------------------------------------===//

bool oneOf(llvm::StringRef Name, std::initializer_list<llvm::StringRef> Names) {
  return llvm::is_contained(Names, Name);
}

/// Whether \p D is a C library function (global or std::) named one of \p Names.
bool isLibcFunction(const FunctionDecl *D, std::initializer_list<llvm::StringRef> Names) {
  if (!D || !D->getIdentifier())
    return false;
  const DeclContext *DC = D->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !DC->isStdNamespace())
    return false;
  return oneOf(D->getName(), Names);
}

/// The service of an SDK client class: "S3" for Aws::S3::S3Client (every
/// service client is Aws::<Service>::<Service>Client); empty when \p RD is not
/// one. The SDK's own plumbing (Aws::Http::HttpClient, ...) is not a service.
std::string sdkClientService(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || !RD->getName().endswith("Client"))
    return {};
  const auto *Svc = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  if (!Svc || !Svc->getIdentifier() || RD->getName() != (Svc->getName() + "Client").str() ||
      oneOf(Svc->getName(), {"Client", "Http", "Auth", "Utils", "Internal", "Crt", "Config", "Monitoring", "Net"}))
    return {};
  const auto *Aws = dyn_cast<NamespaceDecl>(Svc->getDeclContext());
  if (!Aws || !Aws->getIdentifier() || Aws->getName() != "Aws" || !Aws->getDeclContext()->isTranslationUnit())
    return {};
  return Svc->getName().str();
}

/// The class a type names, through references, pointers and sugar.
const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *P = T->getAs<PointerType>())
    T = P->getPointeeType();
  return T->getAsCXXRecordDecl();
}

bool isInvocationRequest(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier() || RD->getName() != "invocation_request")
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  return NS && NS->getIdentifier() && NS->getName() == "lambda_runtime";
}

/// `req.payload` of an aws::lambda_runtime::invocation_request.
bool isPayload(const Expr *E) {
  const auto *M = dyn_cast<MemberExpr>(E);
  if (!M)
    return false;
  const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
  return F && F->getIdentifier() && F->getName() == "payload" && isInvocationRequest(dyn_cast<CXXRecordDecl>(F->getParent()));
}

/// Strips what does not change a value: parentheses, implicit casts,
/// temporaries, copies and conversions to a string class, `.c_str()`, `.data()`.
const Expr *peelValue(const Expr *E) {
  while (E) {
    E = skipTemporaries(E);
    if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *C = dyn_cast<CXXStaticCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *D = dyn_cast<CXXDefaultArgExpr>(E))
      E = D->getExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() >= 1 && !isa<CXXTemporaryObjectExpr>(CE) &&
             (CE->getConstructor()->isCopyOrMoveConstructor() || CE->getConstructor()->isConvertingConstructor(false)))
      E = CE->getArg(0);
    else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E); MC && MC->getMethodDecl() &&
                                                              MC->getMethodDecl()->getIdentifier() &&
                                                              (MC->getMethodDecl()->getName() == "c_str" ||
                                                               MC->getMethodDecl()->getName() == "data"))
      E = MC->getImplicitObjectArgument();
    else
      return E;
  }
  return E;
}

/// The text of a string literal \p E stands for: the literal itself, or a
/// constant (const or global variable) initialised with one.
std::optional<std::string> literalString(const Expr *E, unsigned Depth = 0) {
  E = peelValue(E);
  if (!E || Depth > 4)
    return std::nullopt;
  if (const auto *S = dyn_cast<StringLiteral>(E))
    return S->getCharByteWidth() == 1 ? std::optional<std::string>(S->getString().str()) : std::nullopt;
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && !isa<ParmVarDecl>(V) && V->getAnyInitializer() &&
                                                          (V->getType().isConstQualified() || V->hasGlobalStorage()))
      return literalString(V->getAnyInitializer(), Depth + 1);
  return std::nullopt;
}

/// Documentation placeholders and values too short to be keys.
bool isPlaceholderSecret(llvm::StringRef V) {
  if (V.size() < 8 || V.find_first_of(" <>{}$") != llvm::StringRef::npos)
    return true;
  std::string Lower = V.lower();
  for (const char *Word : {"example", "your", "xxxx", "placeholder", "changeme", "dummy", "test", "redacted"})
    if (Lower.find(Word) != std::string::npos)
      return true;
  return false;
}

/// Lambda lets write only below /tmp (and to devices, /proc and EFS mounts).
bool isWritablePath(llvm::StringRef P) {
  if (P == "/tmp")
    return true;
  for (const char *Prefix : {"/tmp/", "/dev/", "/proc/", "/mnt/"})
    if (P.startswith(Prefix))
      return true;
  return false;
}

/// Whether \p E names std::ios_base::out, app or trunc somewhere.
bool mentionsWriteMode(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *D = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && V->getIdentifier())
      return V->getName() == "out" || V->getName() == "app" || V->getName() == "trunc";
  for (const Stmt *C : S->children())
    if (mentionsWriteMode(C))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// The checker of one translation unit
//===----------------------------------------------------------------------===//

class TuChecker {
public:
  TuChecker(ASTContext &Ctx, const PathMapper &Paths, std::vector<FindingRecord> &Findings)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Paths(Paths), Findings(Findings) {}

  void run(const std::vector<const FunctionDecl *> &Handlers, std::vector<InventoryRecord> &Inventories) {
    if (Handlers.empty())
      return; // not a handler's translation unit: like Python, rules look at handler files only
    std::vector<const Decl *> Scope;
    collectScope(Ctx.getTranslationUnitDecl(), Scope);
    for (const Decl *D : Scope)
      checkLiterals(D);

    std::vector<const FunctionDecl *> MainClosure;
    std::vector<PartialRecord> MainPartial;
    if (const FunctionDecl *Main = findMain())
      MainClosure = closure(Main, MainPartial);

    for (const FunctionDecl *H : Handlers) {
      InventoryRecord Inv;
      if (!H || !H->hasBody()) {
        PartialRecord P;
        P.reason = "the handler is not a function defined in this translation unit: its calls are not listed";
        if (H)
          P.pos = Paths.position(SM, H->getLocation());
        Inv.partial.push_back(std::move(P));
        Inventories.push_back(std::move(Inv));
        continue;
      }
      std::vector<const FunctionDecl *> Closure = closure(H, Inv.partial);
      for (const FunctionDecl *F : Closure)
        checkPerInvocation(F);
      checkTaint(Closure);

      std::set<std::tuple<std::string, unsigned, unsigned>> Seen;
      for (const std::vector<const FunctionDecl *> *Part : {&Closure, &MainClosure})
        for (const FunctionDecl *F : *Part)
          inventory(F, Inv.calls, Seen);
      for (const PartialRecord &P : MainPartial) // main's closure often contains the handler's
        if (std::none_of(Inv.partial.begin(), Inv.partial.end(), [&](const PartialRecord &Q) {
              return Q.pos.file == P.pos.file && Q.pos.line == P.pos.line && Q.reason == P.reason;
            }))
          Inv.partial.push_back(P);
      if (Ctx.getDiagnostics().hasErrorOccurred()) {
        PartialRecord P;
        P.reason = "the translation unit has compile errors: calls in code that did not parse are not listed";
        P.pos = Paths.position(SM, H->getLocation());
        Inv.partial.push_back(std::move(P));
      }
      Inventories.push_back(std::move(Inv));
    }
  }

private:
  //===--- Where to look ---------------------------------------------------===//

  bool inRoot(SourceLocation Loc) {
    if (Loc.isInvalid())
      return false;
    FileID FID = SM.getFileID(SM.getFileLoc(Loc));
    auto It = RootFiles.find(FID);
    if (It != RootFiles.end())
      return It->second;
    bool Inside = false;
    if (!SM.isInSystemHeader(SM.getFileLoc(Loc)))
      Paths.position(SM, Loc, &Inside);
    RootFiles.emplace(FID, Inside);
    return Inside;
  }

  /// Function bodies and variable initialisers written inside the root.
  void collectScope(const DeclContext *DC, std::vector<const Decl *> &Out) {
    for (const Decl *D : DC->decls()) {
      if (SM.isInSystemHeader(SM.getFileLoc(D->getLocation())))
        continue;
      if (isa<NamespaceDecl>(D) || isa<LinkageSpecDecl>(D)) {
        collectScope(cast<DeclContext>(D), Out);
      } else if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
        if (RD->isThisDeclarationADefinition() && inRoot(RD->getLocation()))
          collectScope(RD, Out);
      } else if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D)) {
        for (const FunctionDecl *F : FT->specializations())
          if (F->doesThisDeclarationHaveABody() && inRoot(F->getLocation()))
            Out.push_back(F);
      } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
        if (F->doesThisDeclarationHaveABody() && !F->isDependentContext() && inRoot(F->getLocation()))
          Out.push_back(F);
      } else if (const auto *V = dyn_cast<VarDecl>(D)) {
        if (V->getInit() && inRoot(V->getLocation()))
          Out.push_back(V);
      }
    }
  }

  const FunctionDecl *findMain() {
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *F = dyn_cast<FunctionDecl>(D); F && F->isMain() && F->hasBody())
        return F->getDefinition();
    return nullptr;
  }

  static void walk(const Stmt *S, const std::function<void(const Stmt *)> &Fn) {
    if (!S)
      return;
    Fn(S);
    for (const Stmt *C : S->children())
      walk(C, Fn);
  }

  /// \p Root and the functions it calls, transitively, defined inside the root.
  /// Calls that cannot be followed go to \p Partial.
  std::vector<const FunctionDecl *> closure(const FunctionDecl *Root, std::vector<PartialRecord> &Partial) {
    std::vector<const FunctionDecl *> Out;
    std::set<const FunctionDecl *> Seen;
    auto add = [&](const FunctionDecl *F) {
      if (F && Seen.insert(F->getCanonicalDecl()).second && Out.size() < MaxClosure)
        Out.push_back(F);
    };
    add(Root->getDefinition() ? Root->getDefinition() : Root);
    for (std::size_t I = 0; I < Out.size(); ++I) {
      const FunctionDecl *F = Out[I];
      auto visit = [&](const Stmt *S) {
        const FunctionDecl *Callee = nullptr;
        if (const auto *C = dyn_cast<CallExpr>(S))
          Callee = C->getDirectCallee();
        else if (const auto *C = dyn_cast<CXXConstructExpr>(S))
          Callee = C->getConstructor();
        else if (isa<RecoveryExpr>(S) || isa<UnresolvedMemberExpr>(S) || isa<CXXDependentScopeMemberExpr>(S))
          partial(Partial, S, "a call through a type that could not be resolved");
        if (!Callee || !inRoot(Callee->getLocation()))
          return;
        if (const FunctionDecl *Def = Callee->getDefinition(); Def && Def->hasBody())
          add(Def);
        else if (!Callee->isImplicit() && !Callee->isDefaulted())
          partial(Partial, S, "calls " + Callee->getQualifiedNameAsString() + ", defined in another translation unit");
      };
      walk(F->getBody(), visit);
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          walk(Init->getInit(), visit);
    }
    return Out;
  }

  void partial(std::vector<PartialRecord> &Out, const Stmt *S, std::string Reason) {
    PartialRecord P;
    P.pos = Paths.position(SM, S->getBeginLoc());
    std::string Text = flatSourceText(Ctx, S, 60);
    P.reason = Reason + (Text.empty() ? std::string() : ": " + Text);
    for (const PartialRecord &Q : Out)
      if (Q.pos.file == P.pos.file && Q.pos.line == P.pos.line && Q.reason == P.reason)
        return;
    Out.push_back(std::move(P));
  }

  //===--- Reporting -------------------------------------------------------===//

  void report(const char *Rule, const Stmt *At, std::string Message) {
    SourceLocation Begin = SM.getFileLoc(At->getBeginLoc());
    if (!inRoot(Begin))
      return;
    FindingRecord F;
    F.ruleId = Rule;
    F.message = std::move(Message);
    F.begin = Paths.position(SM, Begin);
    SourceLocation End = SM.getFileLoc(At->getEndLoc());
    F.end = Paths.position(SM, End);
    if (F.end.file == F.begin.file && F.end.line)
      F.end.column += Lexer::MeasureTokenLength(End, SM, Ctx.getLangOpts());
    else
      F.end = F.begin;
    Findings.push_back(std::move(F));
  }

  template <typename MatcherT> SmallVector<BoundNodes, 1> find(const MatcherT &M, const Decl *D) {
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      SmallVector<BoundNodes, 1> All;
      if (const Stmt *Body = F->getBody())
        All = match(findAll(M), *Body, Ctx);
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getInit())
            for (BoundNodes &B : match(findAll(M), *Init->getInit(), Ctx))
              All.push_back(std::move(B));
      return All;
    }
    if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
      return match(findAll(M), *V->getInit(), Ctx);
    return {};
  }

  //===--- hardcoded-credentials, tls-verification-disabled, write-outside-tmp

  void checkLiterals(const Decl *D) {
    checkCredentials(D);
    checkTls(D);
    checkWrites(D);
  }

  void checkCredentials(const Decl *D) {
    auto CredentialClass =
        cxxRecordDecl(hasAnyName("::Aws::Auth::AWSCredentials", "::Aws::Auth::SimpleAWSCredentialsProvider"));
    auto M = stmt(anyOf(
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(CredentialClass)))).bind("ctor"),
        callExpr(callee(functionDecl(hasAnyName("::std::make_shared", "::std::make_unique", "::Aws::MakeShared",
                                                "::Aws::MakeUnique", "::Aws::New"),
                                     hasTemplateArgument(0, refersToType(hasUnqualifiedDesugaredType(
                                                                recordType(hasDeclaration(CredentialClass))))))))
            .bind("factory"),
        cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("SetAWSAccessKeyId", "SetAWSSecretKey", "SetSessionToken"),
                                               ofClass(hasName("::Aws::Auth::AWSCredentials")))))
            .bind("setter"),
        callExpr(callee(functionDecl(hasAnyName("::setenv", "::putenv")))).bind("env")));
    for (const BoundNodes &B : find(M, D)) {
      if (const auto *C = B.getNodeAs<CXXConstructExpr>("ctor")) {
        if (C->getNumArgs() >= 2)
          reportLiteralKeys(C, llvm::makeArrayRef(C->getArgs(), C->getNumArgs()),
                            C->getConstructor()->getParent()->getName());
      } else if (const auto *C = B.getNodeAs<CallExpr>("factory")) {
        // Aws::MakeShared's first argument is the allocation tag, not a key.
        const FunctionDecl *F = C->getDirectCallee();
        unsigned Skip = F && F->getQualifiedNameAsString().rfind("Aws::", 0) == 0 ? 1 : 0;
        if (C->getNumArgs() >= Skip + 2)
          reportLiteralKeys(C, llvm::makeArrayRef(C->getArgs() + Skip, C->getNumArgs() - Skip),
                            recordOf(F->getTemplateSpecializationArgs()->get(0).getAsType())->getName());
      } else if (const auto *C = B.getNodeAs<CXXMemberCallExpr>("setter")) {
        if (C->getNumArgs() == 1)
          reportLiteralKeys(C, llvm::makeArrayRef(C->getArgs(), 1),
                            "AWSCredentials::" + C->getMethodDecl()->getName().str());
      } else if (const auto *C = B.getNodeAs<CallExpr>("env")) {
        checkEnvironment(C);
      }
    }
  }

  void reportLiteralKeys(const Expr *Call, llvm::ArrayRef<const Expr *> Args, llvm::StringRef What) {
    static const char *const Roles[] = {"access key id", "secret access key", "session token"};
    for (std::size_t I = 0; I < Args.size() && I < 3; ++I) {
      std::optional<std::string> Value = literalString(Args[I]);
      if (!Value || isPlaceholderSecret(*Value))
        continue;
      // A lone setter names its own role.
      llvm::StringRef Role = Args.size() == 1 ? (What.contains("Secret") ? "secret access key"
                                                 : What.contains("Session") ? "session token"
                                                                            : "access key id")
                                              : Roles[I];
      report(HardcodedCredentials, Args[I],
             ("the AWS " + Role + " passed to " + What +
              " is a string literal: anyone who can read the code or the deployment package has the key; let "
              "the function use its execution role")
                 .str());
      return; // one finding per construction
    }
  }

  void checkEnvironment(const CallExpr *C) {
    const FunctionDecl *F = C->getDirectCallee();
    if (!isLibcFunction(F, {"setenv", "putenv"}) || C->getNumArgs() < 1)
      return;
    std::optional<std::string> First = literalString(C->getArg(0));
    if (!First)
      return;
    std::string Name = *First, Value;
    const Expr *At = C->getArg(0);
    if (F->getName() == "putenv") {
      std::size_t Eq = First->find('=');
      if (Eq == std::string::npos)
        return;
      Name = First->substr(0, Eq);
      Value = First->substr(Eq + 1);
    } else {
      if (C->getNumArgs() < 2)
        return;
      std::optional<std::string> V = literalString(C->getArg(1));
      if (!V)
        return;
      Value = *V;
      At = C->getArg(1);
    }
    if (Name != "AWS_SECRET_ACCESS_KEY" && Name != "AWS_ACCESS_KEY_ID" && Name != "AWS_SESSION_TOKEN")
      return;
    if (isPlaceholderSecret(Value))
      return;
    report(HardcodedCredentials, At,
           F->getName().str() + " sets " + Name +
               " from a string literal: the key ships with the code and replaces the execution role's credentials");
  }

  bool evaluatesToZero(const Expr *E) {
    Expr::EvalResult R;
    if (!E || E->isValueDependent() || !E->EvaluateAsRValue(R, Ctx))
      return false;
    if (R.Val.isInt())
      return R.Val.getInt() == 0;
    return false;
  }

  void checkTls(const Decl *D) {
    auto M = stmt(anyOf(
        binaryOperator(isAssignmentOperator(),
                       hasLHS(ignoringParenImpCasts(memberExpr(member(fieldDecl(
                           hasName("verifySSL"),
                           hasDeclContext(cxxRecordDecl(hasName("::Aws::Client::ClientConfiguration")))))))))
            .bind("assign"),
        callExpr(callee(functionDecl(hasName("::curl_easy_setopt"))),
                 hasArgument(1, ignoringParenImpCasts(
                                    declRefExpr(to(enumConstantDecl(hasAnyName(
                                                    "CURLOPT_SSL_VERIFYPEER", "CURLOPT_SSL_VERIFYHOST",
                                                    "CURLOPT_PROXY_SSL_VERIFYPEER", "CURLOPT_PROXY_SSL_VERIFYHOST"))))
                                        .bind("option"))))
            .bind("curl")));
    for (const BoundNodes &B : find(M, D)) {
      if (const auto *A = B.getNodeAs<BinaryOperator>("assign")) {
        if (evaluatesToZero(A->getRHS()))
          report(TlsVerificationDisabled, A,
                 "verifySSL = false turns off checking of the server's TLS certificate for every call of this "
                 "client: anyone on the network path can read and change the traffic");
      } else if (const auto *C = B.getNodeAs<CallExpr>("curl")) {
        const auto *Opt = B.getNodeAs<DeclRefExpr>("option");
        if (C->getNumArgs() >= 3 && evaluatesToZero(C->getArg(2)))
          report(TlsVerificationDisabled, C,
                 Opt->getDecl()->getName().str() +
                     " set to 0 turns off curl's TLS certificate check: anyone on the network path can read and "
                     "change the traffic");
      }
    }
  }

  void checkWrites(const Decl *D) {
    auto FileStream = cxxRecordDecl(hasAnyName("::std::basic_ofstream", "::std::basic_fstream"));
    auto M = stmt(anyOf(
        callExpr(callee(functionDecl(hasAnyName("::fopen", "::fopen64", "::freopen", "::open", "::open64", "::openat",
                                                "::creat", "::creat64"))))
            .bind("call"),
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(FileStream)))).bind("stream"),
        cxxMemberCallExpr(callee(cxxMethodDecl(hasName("open"), ofClass(FileStream)))).bind("open")));
    for (const BoundNodes &B : find(M, D)) {
      const Expr *Path = nullptr;
      bool Writes = false;
      std::string How;
      if (const auto *C = B.getNodeAs<CallExpr>("call")) {
        const FunctionDecl *F = C->getDirectCallee();
        if (!isLibcFunction(F, {"fopen", "fopen64", "freopen", "open", "open64", "openat", "creat", "creat64"}))
          continue;
        llvm::StringRef Name = F->getName();
        unsigned PathArg = Name == "openat" ? 1 : 0;
        if (C->getNumArgs() <= PathArg)
          continue;
        Path = C->getArg(PathArg);
        How = Name.str() + "()";
        if (Name.startswith("creat")) {
          Writes = true;
        } else if (Name.startswith("fopen") || Name == "freopen") {
          std::optional<std::string> Mode = C->getNumArgs() > 1 ? literalString(C->getArg(1)) : std::nullopt;
          Writes = Mode && Mode->find_first_of("wa+") != std::string::npos;
        } else if (C->getNumArgs() > PathArg + 1) {
          Expr::EvalResult R;
          const Expr *Flags = C->getArg(PathArg + 1);
          // Linux's O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND.
          if (!Flags->isValueDependent() && Flags->EvaluateAsInt(R, Ctx))
            Writes = (R.Val.getInt().getZExtValue() & (01 | 02 | 0100 | 01000 | 02000)) != 0;
        }
      } else if (const auto *C = B.getNodeAs<CXXConstructExpr>("stream")) {
        if (C->getNumArgs() < 1 || C->getConstructor()->isCopyOrMoveConstructor())
          continue;
        Path = C->getArg(0);
        const CXXRecordDecl *Class = C->getConstructor()->getParent();
        Writes = Class->getName() == "basic_ofstream" || (C->getNumArgs() > 1 && mentionsWriteMode(C->getArg(1)));
        How = "std::" + std::string(Class->getName() == "basic_ofstream" ? "ofstream" : "fstream");
      } else if (const auto *C = B.getNodeAs<CXXMemberCallExpr>("open")) {
        if (C->getNumArgs() < 1)
          continue;
        Path = C->getArg(0);
        const CXXRecordDecl *Class = C->getMethodDecl()->getParent();
        Writes = Class->getName() == "basic_ofstream" || (C->getNumArgs() > 1 && mentionsWriteMode(C->getArg(1)));
        How = "std::" + std::string(Class->getName() == "basic_ofstream" ? "ofstream" : "fstream") + "::open";
      }
      if (!Path || !Writes)
        continue;
      std::optional<std::string> Literal = literalString(Path);
      if (!Literal || Literal->empty() || isWritablePath(*Literal))
        continue;
      std::string Where = Literal->front() == '/' ? "'" + *Literal + "'"
                                                  : "'" + *Literal + "' (relative: under /var/task)";
      report(WriteOutsideTmp, Path,
             How + " opens " + Where +
                 " for writing: Lambda's file system is read-only except /tmp, so this fails with EROFS at run "
                 "time; write under /tmp");
    }
  }

  //===--- client-per-invocation ------------------------------------------===//

  /// Source ranges whose code runs once per execution environment even though
  /// they sit in the handler: static local initialisers, and values assigned
  /// to a variable with static storage (a lazily filled cache).
  std::vector<SourceRange> onceRanges(const FunctionDecl *F) {
    std::vector<SourceRange> Out;
    auto Global = ignoringParenImpCasts(declRefExpr(to(varDecl(hasGlobalStorage()))));
    auto M = stmt(anyOf(declStmt(has(varDecl(isStaticLocal(), hasInitializer(expr().bind("init"))))),
                        binaryOperator(isAssignmentOperator(), hasLHS(Global), hasRHS(expr().bind("init"))),
                        cxxOperatorCallExpr(hasOverloadedOperatorName("="), hasArgument(0, Global),
                                            hasArgument(1, expr().bind("init"))),
                        cxxMemberCallExpr(on(Global), callee(cxxMethodDecl(hasName("reset"))),
                                          hasArgument(0, expr().bind("init")))));
    for (const BoundNodes &B : find(M, F))
      if (const auto *E = B.getNodeAs<Expr>("init"))
        Out.push_back(E->getSourceRange());
    return Out;
  }

  bool within(const std::vector<SourceRange> &Ranges, SourceLocation L) {
    for (const SourceRange &R : Ranges)
      if (!SM.isBeforeInTranslationUnit(L, R.getBegin()) && !SM.isBeforeInTranslationUnit(R.getEnd(), L))
        return true;
    return false;
  }

  void checkPerInvocation(const FunctionDecl *F) {
    if (F->isMain())
      return;
    auto M = stmt(anyOf(cxxConstructExpr().bind("ctor"),
                        callExpr(callee(functionDecl(hasAnyName("::std::make_shared", "::std::make_unique",
                                                                "::Aws::MakeShared", "::Aws::MakeUnique", "::Aws::New"))))
                            .bind("factory"),
                        callExpr(callee(functionDecl(hasName("::Aws::InitAPI")))).bind("init")));
    std::vector<SourceRange> Once;
    bool OnceKnown = false;
    for (const BoundNodes &B : find(M, F)) {
      const Stmt *At = nullptr;
      std::string Message;
      if (const auto *C = B.getNodeAs<CXXConstructExpr>("ctor")) {
        if (C->getConstructor()->isCopyOrMoveConstructor())
          continue;
        std::string Svc = sdkClientService(C->getConstructor()->getParent());
        if (Svc.empty())
          continue;
        At = C;
        Message = "Aws::" + Svc + "::" + C->getConstructor()->getParent()->getName().str();
      } else if (const auto *C = B.getNodeAs<CallExpr>("factory")) {
        const TemplateArgumentList *Args = C->getDirectCallee()->getTemplateSpecializationArgs();
        if (!Args || Args->size() < 1 || Args->get(0).getKind() != TemplateArgument::Type)
          continue;
        const CXXRecordDecl *RD = recordOf(Args->get(0).getAsType());
        std::string Svc = sdkClientService(RD);
        if (Svc.empty())
          continue;
        At = C;
        Message = "Aws::" + Svc + "::" + RD->getName().str();
      } else if (const auto *C = B.getNodeAs<CallExpr>("init")) {
        At = C;
      }
      if (!At)
        continue;
      if (!OnceKnown) {
        Once = onceRanges(F);
        OnceKnown = true;
      }
      if (within(Once, At->getBeginLoc()))
        continue;
      if (Message.empty())
        report(ClientPerInvocation, At,
               "Aws::InitAPI runs on every invocation: initialise the SDK once in main(), before run_handler");
      else
        report(ClientPerInvocation, At,
               "a new " + Message +
                   " is built on every invocation (new connections, new TLS handshakes, credential lookups); "
                   "build it once in main() or a static and reuse it across warm invocations");
    }
  }

  //===--- command-injection, logs-event-payload --------------------------===//

  /// Variables holding data derived from the request payload (\p Derived) and
  /// holding the whole payload (\p Whole), found to a fixed point over the
  /// closure: initialisations, assignments, appends, stream insertions, and
  /// arguments passed to functions of the closure.
  struct Taint {
    std::set<const VarDecl *> Derived, Whole;
  };

  static bool isScalar(const Expr *E) {
    QualType T = E->getType();
    return !T.isNull() && !T->isDependentType() && (T->isArithmeticType() || T->isEnumeralType());
  }

  bool derived(const Expr *E, const Taint &T) {
    if (!E || isScalar(E))
      return false;
    if (isPayload(E))
      return true;
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
        return T.Derived.count(V) || T.Whole.count(V);
    if (isa<LambdaExpr>(E))
      return false;
    for (const Stmt *C : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && derived(CE, T))
        return true;
    return false;
  }

  /// The whole payload: itself, a copy, or a string built around it with `+`.
  bool whole(const Expr *E, const Taint &T) {
    E = peelValue(E);
    if (!E)
      return false;
    if (isPayload(E))
      return true;
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
        return T.Whole.count(V) != 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && Op->getOperator() == OO_Plus)
      return whole(Op->getArg(0), T) || whole(Op->getArg(1), T);
    return false;
  }

  /// The variable an lvalue expression stores into: `x`, `x.field`, `*p`.
  static const VarDecl *target(const Expr *E) {
    while (E) {
      E = E->IgnoreParenImpCasts();
      if (const auto *D = dyn_cast<DeclRefExpr>(E))
        return dyn_cast<VarDecl>(D->getDecl());
      if (const auto *M = dyn_cast<MemberExpr>(E))
        E = M->getBase();
      else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
        E = U->getSubExpr();
      else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
        E = A->getBase();
      else
        return nullptr;
    }
    return nullptr;
  }

  bool propagate(const Stmt *S, Taint &T) {
    bool Changed = false;
    auto flow = [&](const VarDecl *To, const Expr *From, bool CanBeWhole) {
      if (!To || !From)
        return;
      if (CanBeWhole && whole(From, T) && T.Whole.insert(To).second)
        Changed = true;
      if (derived(From, T) && T.Derived.insert(To).second)
        Changed = true;
    };
    walk(S, [&](const Stmt *N) {
      if (const auto *DS = dyn_cast<DeclStmt>(N)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
            flow(V, V->getInit(), true);
      } else if (const auto *B = dyn_cast<BinaryOperator>(N); B && B->isAssignmentOp()) {
        flow(target(B->getLHS()), B->getRHS(), B->getOpcode() == BO_Assign);
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(N); Op && Op->getNumArgs() == 2) {
        OverloadedOperatorKind K = Op->getOperator();
        if (K == OO_Equal || K == OO_PlusEqual)
          flow(target(Op->getArg(0)), Op->getArg(1), K == OO_Equal);
        else if (K == OO_LessLess) // `out << a << b`: the chain's stream
          flow(target(streamOf(Op)), Op->getArg(1), false);
      } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(N)) {
        const CXXMethodDecl *MD = MC->getMethodDecl();
        if (MD && MD->getIdentifier() &&
            oneOf(MD->getName(), {"append", "assign", "insert", "push_back", "emplace_back", "write"}))
          for (const Expr *A : MC->arguments())
            flow(target(MC->getImplicitObjectArgument()), A, false);
      } else if (const auto *C = dyn_cast<CallExpr>(N)) {
        const FunctionDecl *F = C->getDirectCallee();
        if (isLibcFunction(F, {"sprintf", "snprintf", "strcpy", "strncpy", "strcat", "strncat", "memcpy"})) {
          for (unsigned I = 1; I < C->getNumArgs(); ++I)
            flow(target(C->getArg(0)), C->getArg(I), false);
        } else if (F && F->hasBody()) {
          // An argument flows into the parameter of a function of the closure.
          const FunctionDecl *Def = F->getDefinition();
          for (unsigned I = 0; I < C->getNumArgs() && I < Def->getNumParams(); ++I)
            flow(Def->getParamDecl(I), C->getArg(I), true);
        }
      }
    });
    return Changed;
  }

  /// The stream a chain `s << a << b` writes to.
  static const Expr *streamOf(const CXXOperatorCallExpr *Op) {
    const Expr *E = Op;
    while (const auto *O = dyn_cast<CXXOperatorCallExpr>(E->IgnoreParenImpCasts())) {
      if (O->getOperator() != OO_LessLess || O->getNumArgs() != 2)
        break;
      E = O->getArg(0);
    }
    return E->IgnoreParenImpCasts();
  }

  /// std::cout, std::cerr, std::clog, stdout, stderr, or a logging stream.
  static bool isLogStream(const Expr *E) {
    if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(D->getDecl());
      if (!V || !V->getIdentifier())
        return false;
      llvm::StringRef N = V->getName();
      const DeclContext *DC = V->getDeclContext()->getRedeclContext();
      return (DC->isStdNamespace() && (N == "cout" || N == "cerr" || N == "clog")) ||
             (DC->isTranslationUnit() && (N == "stdout" || N == "stderr"));
    }
    if (const auto *C = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *F = C->getDirectCallee())
        return F->getQualifiedNameAsString() == "Aws::Utils::Logging::LogStream";
    return false;
  }

  static bool isLogger(const FunctionDecl *F) {
    if (isLibcFunction(F, {"printf", "puts", "vprintf", "syslog", "perror"}))
      return true;
    std::string Q = F->getQualifiedNameAsString();
    return Q == "aws::logging::log" || Q == "Aws::Utils::Logging::Log" || Q.rfind("spdlog::", 0) == 0 ||
           Q == "fmt::print";
  }

  void checkTaint(const std::vector<const FunctionDecl *> &Closure) {
    Taint T;
    for (int Round = 0; Round < 8; ++Round) {
      bool Changed = false;
      for (const FunctionDecl *F : Closure)
        Changed |= propagate(F->getBody(), T);
      if (!Changed)
        break;
    }
    auto Sinks = stmt(anyOf(
        callExpr(callee(functionDecl(hasAnyName("::system", "::popen", "::execl", "::execlp", "::execle", "::execv",
                                                "::execvp", "::execvpe", "::execve", "::wordexp"))))
            .bind("exec"),
        cxxOperatorCallExpr(hasOverloadedOperatorName("<<")).bind("shift"), callExpr().bind("call")));
    for (const FunctionDecl *F : Closure) {
      for (const BoundNodes &B : find(Sinks, F)) {
        if (const auto *C = B.getNodeAs<CallExpr>("exec")) {
          if (!isLibcFunction(C->getDirectCallee(), {"system", "popen", "execl", "execlp", "execle", "execv",
                                                     "execvp", "execvpe", "execve", "wordexp"}))
            continue;
          for (const Expr *A : C->arguments())
            if (derived(A, T)) {
              report(CommandInjection, A,
                     "the Lambda request payload reaches " + C->getDirectCallee()->getName().str() +
                         "(): a crafted event runs its own commands in the function's environment, with its role; "
                         "pass fixed arguments (execv with an argument list) and validate the values");
              break;
            }
        } else if (const auto *Op = B.getNodeAs<CXXOperatorCallExpr>("shift")) {
          // Each `<<` of a chain is seen once: report at the operand.
          if (Op->getNumArgs() == 2 && isLogStream(streamOf(Op)) && whole(Op->getArg(1), T))
            reportLogged(Op->getArg(1));
        } else if (const auto *C = B.getNodeAs<CallExpr>("call")) {
          const FunctionDecl *Callee = C->getDirectCallee();
          if (!Callee || isa<CXXOperatorCallExpr>(C))
            continue;
          bool Logs = isLogger(Callee);
          unsigned From = 0;
          if (!Logs && isLibcFunction(Callee, {"fprintf", "fputs", "dprintf", "fwrite"})) {
            // Only writes to stdout/stderr are logs; a file is not.
            unsigned StreamArg = Callee->getName() == "fputs" ? 1 : Callee->getName() == "fwrite" ? 3 : 0;
            Logs = C->getNumArgs() > StreamArg &&
                   (isLogStream(C->getArg(StreamArg)->IgnoreParenImpCasts()) ||
                    (Callee->getName() == "dprintf" && evaluatesToOneOrTwo(C->getArg(0))));
            From = StreamArg == 0 ? 1 : 0;
          }
          if (!Logs)
            continue;
          for (unsigned I = From; I < C->getNumArgs(); ++I)
            if (whole(C->getArg(I), T)) {
              reportLogged(C->getArg(I));
              break;
            }
        }
      }
    }
  }

  bool evaluatesToOneOrTwo(const Expr *E) {
    Expr::EvalResult R;
    return E && !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
           (R.Val.getInt() == 1 || R.Val.getInt() == 2);
  }

  void reportLogged(const Expr *E) {
    report(LogsEventPayload, E,
           "the whole Lambda request payload is written to the log: events carry personal data, tokens and "
           "secrets into CloudWatch Logs, kept and readable far beyond the function; log the fields you need");
  }

  //===--- inventory -------------------------------------------------------===//

  void inventory(const FunctionDecl *F, std::vector<CallRecord> &Out,
                 std::set<std::tuple<std::string, unsigned, unsigned>> &Seen) {
    auto M = cxxMemberCallExpr(callee(cxxMethodDecl().bind("method"))).bind("call");
    for (const BoundNodes &B : find(M, F)) {
      const auto *Call = B.getNodeAs<CXXMemberCallExpr>("call");
      const auto *Method = B.getNodeAs<CXXMethodDecl>("method");
      if (!Method->getIdentifier() || isa<CXXConstructorDecl>(Method) || isa<CXXDestructorDecl>(Method))
        continue;
      std::string Svc = sdkClientService(Method->getParent());
      if (Svc.empty())
        continue;
      llvm::StringRef Op = Method->getName();
      if (!Op.consume_back("Async"))
        Op.consume_back("Callable");
      CallRecord R;
      R.service = Svc;
      R.operation = Op.str();
      // The method name: `s3.GetObject(...)` points at GetObject.
      R.pos = Paths.position(SM, Call->getExprLoc());
      if (!inRoot(Call->getExprLoc()) ||
          !Seen.insert({R.pos.file + "\n" + R.service + "\n" + R.operation, R.pos.line, R.pos.column}).second)
        continue;
      Out.push_back(std::move(R));
    }
  }

  ASTContext &Ctx;
  SourceManager &SM;
  const PathMapper &Paths;
  std::vector<FindingRecord> &Findings;
  std::map<FileID, bool> RootFiles;
};

} // namespace

void checkTranslationUnit(ASTContext &Ctx, const PathMapper &Paths, const std::vector<const FunctionDecl *> &Handlers,
                          std::vector<FindingRecord> &Findings, std::vector<InventoryRecord> &Inventories) {
  TuChecker(Ctx, Paths, Findings).run(Handlers, Inventories);
}

} // namespace fnlint_cpp
