//===- WriteOutsideTmp.cpp - handler/write-outside-tmp --------------------===//
//
// open(path, "w"/"a"/"x"/"+" ...) in the handler's file where the path is a
// constant (a string, or an f-string whose literal start is known) outside
// /tmp: Lambda's file system is read-only except /tmp, so the write fails
// with EROFS at run time. A relative path resolves against /var/task. Paths
// under /mnt (EFS mounts), /dev and /proc,
// paths computed at run time, reads, and /tmp paths are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/PythonCheck.h"

#include <optional>

namespace fnlint::python {
namespace {

bool startsWith(std::string_view S, std::string_view P) { return S.substr(0, P.size()) == P; }

/// The known beginning of the path argument: a whole string, or the
/// literal text before the first field of an f-string.
std::optional<std::string_view> constantPrefix(const Source &S, const Argument &A) {
  const auto &T = S.tokens();
  if (A.end == A.begin + 1 && T[A.begin].kind == TokenKind::String && !T[A.begin].unterminated) {
    return stringBody(S.text(A.begin));
  }
  if (T[A.begin].kind == TokenKind::FStringStart && A.begin + 1 < A.end) {
    std::size_t LiteralBegin = T[A.begin].offset + T[A.begin].length;
    std::size_t Next = T[A.begin + 1].offset;
    std::string_view Literal = S.text().substr(LiteralBegin, Next > LiteralBegin ? Next - LiteralBegin : 0);
    std::size_t Brace = Literal.find('{');
    return Literal.substr(0, Brace == std::string_view::npos ? Literal.size() : Brace);
  }
  return std::nullopt;
}

bool isWriteMode(std::string_view Mode) { return Mode.find_first_of("wax+") != std::string_view::npos; }

class WriteOutsideTmp final : public PythonCheck {
public:
  std::string_view ruleId() const override { return "handler/write-outside-tmp"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const Source &S = H.source;
    const auto &T = S.tokens();
    for (std::size_t I = 0; I + 1 < T.size(); ++I) {
      if (!S.isName(I, "open") || !S.isBareName(I) || !S.isOp(I + 1, "(") || (I > 0 && S.isName(I - 1, "def")))
        continue;
      std::vector<Argument> Args = S.arguments(I + 1);
      if (Args.empty() || !Args[0].keyword.empty())
        continue;
      const Argument *Mode = Args.size() > 1 && Args[1].keyword.empty() ? &Args[1] : nullptr;
      for (const Argument &A : Args)
        if (A.keyword == "mode")
          Mode = &A;
      if (!Mode || Mode->end != Mode->begin + 1 || T[Mode->begin].kind != TokenKind::String ||
          !isWriteMode(stringBody(S.text(Mode->begin))))
        continue;
      std::optional<std::string_view> Path = constantPrefix(S, Args[0]);
      if (!Path || Path->empty() || startsWith(*Path, "/tmp/") || *Path == "/tmp" || startsWith(*Path, "/dev/") || startsWith(*Path, "/mnt/") ||
          startsWith(*Path, "/proc/"))
        continue;
      Out.report(ruleId(),
                 "open(\"" + std::string(*Path) + "...\", " + std::string(S.text(Mode->begin)) +
                     ") writes outside /tmp: Lambda's file system is read-only there and the write fails with "
                     "a read-only file system error; write under /tmp",
                 H.at(I));
    }
  }
};

} // namespace
std::unique_ptr<PythonCheck> makeWriteOutsideTmp() { return std::make_unique<WriteOutsideTmp>(); }
} // namespace fnlint::python
