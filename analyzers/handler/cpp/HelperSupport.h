//===- analyzers/handler/cpp/HelperSupport.h - fnlint-cpp internals -*- C++ -*-===//
//
// Shared by the units of the fnlint-cpp helper executable only (never by fnlint
// itself): the records the helper reports and the mapping of Clang source
// locations to paths relative to the scan root. Declarations here name Clang
// types by forward declaration so that HelperMain.cpp does not need the AST
// matcher headers.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class Stmt;
class FunctionDecl;
class SourceManager;
class SourceLocation;
namespace tooling {
class FrontendActionFactory;
} // namespace tooling
} // namespace clang

namespace llvm::vfs {
class FileSystem;
class InMemoryFileSystem;
} // namespace llvm::vfs
namespace llvm {
template <typename T> class IntrusiveRefCntPtr;
} // namespace llvm

namespace fnlint_cpp {

/// A 1-based position; file is relative to the root when inside it, otherwise
/// absolute (or the virtual name of an embedded header). Line 0: unknown.
struct SourcePos {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
};

/// One finding of a handler rule.
struct FindingRecord {
  std::string ruleId;
  std::string message;
  SourcePos begin, end;
};

/// An AWS SDK for C++ call as written: Aws::<service>::<service>Client::<operation>
/// (operation without its Async / Callable suffix).
struct CallRecord {
  std::string service;
  std::string operation;
  SourcePos pos; ///< the method name
};

/// Why a handler's call list may be incomplete.
struct PartialRecord {
  std::string reason;
  SourcePos pos;
};

/// The SDK calls of one handler (its closure and main's).
struct InventoryRecord {
  std::vector<CallRecord> calls;
  std::vector<PartialRecord> partial;
};

/// An #include that found nothing and was replaced by an empty stand-in so that
/// the rest of the file could still be analysed.
struct MissingHeader {
  std::string name; ///< as written in the directive
  SourcePos at;     ///< the directive
};

/// A function handed to aws::lambda_runtime::run_handler.
struct HandlerRecord {
  std::string function; ///< qualified name, "main::<lambda>" for an unnamed lambda
  std::string kind;     ///< "function", "lambda", "functor", "variable" or "expression"
  SourcePos definition; ///< where the handler is defined (or declared when !defined)
  bool defined = true;  ///< false: only a declaration was visible in this TU
  SourcePos call;       ///< the run_handler call
  InventoryRecord inventory;
};

/// Maps Clang locations to protocol positions. Paths inside Root become
/// '/'-separated and relative to it.
class PathMapper {
public:
  explicit PathMapper(std::string Root);
  /// Position of \p Loc (a macro location is mapped to its file location).
  /// \p InsideRoot tells whether the file lies under the root.
  SourcePos position(const clang::SourceManager &SM, clang::SourceLocation Loc,
                     bool *InsideRoot = nullptr) const;
  /// \p Path relative to the root when it lies inside it, else unchanged.
  std::string relative(const std::string &Path, bool *InsideRoot = nullptr) const;
  const std::string &root() const { return Root; }

private:
  std::string Root;     ///< absolute, no trailing '/'
  std::string RootReal; ///< Root with symlinks resolved
};

/// Collects the handlers of every translation unit run through the factory it
/// makes. Implemented in HandlerFinder.cpp (the only unit with AST matchers).
class HandlerFinder {
public:
  /// \p StandIns: where empty stand-ins for headers that are not found are
  /// added (the in-memory part of the overlay); null: a missing header is fatal.
  HandlerFinder(const PathMapper &Paths, llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> StandIns);
  ~HandlerFinder();
  HandlerFinder(const HandlerFinder &) = delete;
  HandlerFinder &operator=(const HandlerFinder &) = delete;

  /// A factory of syntax-only actions running the handler matchers.
  std::unique_ptr<clang::tooling::FrontendActionFactory> newActionFactory();
  /// Handlers found so far, deduplicated and sorted by definition.
  std::vector<HandlerRecord> handlers() const;
  /// Rule findings so far, deduplicated and sorted by position.
  std::vector<FindingRecord> findings() const;
  /// Headers replaced by stand-ins since the last call.
  std::vector<MissingHeader> takeMissingHeaders();

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// \p E without the nodes a value passes through unchanged: parentheses,
/// implicit casts, full-expressions, materialised and bound temporaries.
const clang::Expr *skipTemporaries(const clang::Expr *E);

/// The source text of \p S on one line (runs of white space folded), cut to
/// \p Max characters with "..." when longer.
std::string flatSourceText(const clang::ASTContext &Ctx, const clang::Stmt *S, std::size_t Max);

/// Runs the handler rules and the SDK call inventory over one translation unit
/// whose handlers are \p Handlers (their definitions; null when not visible).
/// Appends one InventoryRecord per handler, in order. HandlerRules.cpp.
void checkTranslationUnit(clang::ASTContext &Ctx, const PathMapper &Paths,
                          const std::vector<const clang::FunctionDecl *> &Handlers,
                          std::vector<FindingRecord> &Findings, std::vector<InventoryRecord> &Inventories);

/// The directory under which the embedded declaration headers appear.
inline constexpr const char *VirtualIncludeDir = "/__fnlint__/include";

/// The directory where empty stand-ins for headers that are not found appear.
inline constexpr const char *StandInDir = "/__fnlint__/missing";

/// The real file system with the embedded declaration headers (the generated
/// EmbeddedHeaders.inc) laid over it under VirtualIncludeDir; \p Memory
/// receives the in-memory layer (which also holds StandInDir).
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
makeOverlayFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> *Memory = nullptr);

/// Paths of the embedded headers relative to VirtualIncludeDir.
std::vector<std::string> embeddedHeaderNames();

} // namespace fnlint_cpp
