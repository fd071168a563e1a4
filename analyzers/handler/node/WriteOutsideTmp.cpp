//===- WriteOutsideTmp.cpp - handler/write-outside-tmp (Node.js) ----------===//
//
// fs.writeFile/writeFileSync/appendFile/appendFileSync/createWriteStream,
// fs.promises.writeFile and fs.open(path, 'w'|'a'|'+'|'x') in the handler's
// module where the path is a constant (a string, or a template literal whose
// literal start is known) outside /tmp, or under the module's folder
// (`path.join(__dirname, …)`, `${__dirname}/…`): Lambda's file system is read-only
// except /tmp, so the write fails with EROFS at run time. A relative path
// resolves against /var/task. Paths under /mnt (EFS mounts), /dev and /proc,
// paths computed at run time, reads, and /tmp paths are not reported.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/NodeCheck.h"

namespace fnlint::node {
namespace {

bool startsWith(std::string_view S, std::string_view P) { return S.substr(0, P.size()) == P; }

enum class Write { No, Always, ByFlags };

Write writeKind(std::string_view Method) {
  for (std::string_view M : {"writeFile", "writeFileSync", "appendFile", "appendFileSync", "createWriteStream",
                             "outputFile", "outputFileSync"})
    if (Method == M)
      return Write::Always;
  return Method == "open" || Method == "openSync" ? Write::ByFlags : Write::No;
}

bool isFsModule(const Import *I) {
  if (!I)
    return false;
  std::string_view M = builtinName(I->module);
  return M == "fs" || M == "fs/promises" || M == "fs-extra" || M == "graceful-fs";
}

/// The known beginning of the path: a whole literal, or a template's text before its first `${`.
std::optional<std::string_view> constantPrefix(const std::vector<Token> &T, const TokenRange &A) {
  const Token &First = T[A.begin];
  if (A.end == A.begin + 1)
    return literalText(First);
  if (First.kind == TokenKind::TemplateHead && First.text.size() >= 3)
    return First.text.substr(1, First.text.size() - 3);
  return std::nullopt;
}

bool isWriteFlag(std::string_view Flags) { return Flags.find_first_of("wax+") != std::string_view::npos; }

class WriteOutsideTmp final : public NodeCheck {
public:
  std::string_view ruleId() const override { return "handler/write-outside-tmp"; }

  void check(const HandlerFile &H, FindingSink &Out) const override {
    const auto &T = H.tokens();
    for (std::size_t I = 0; I + 2 < T.size(); ++I) {
      if (T[I].kind != TokenKind::Identifier || !T[I + 1].isPunct("("))
        continue;
      Write K = writeKind(T[I].text);
      if (K == Write::No || !isFsCall(H, I))
        continue;
      std::vector<TokenRange> Args = callArguments(H.module, I + 1);
      if (Args.empty())
        continue;
      if (K == Write::ByFlags) {
        std::optional<std::string_view> Flags =
            Args.size() > 1 && Args[1].end == Args[1].begin + 1 ? literalText(T[Args[1].begin]) : std::nullopt;
        if (!Flags || !isWriteFlag(*Flags))
          continue;
      }
      std::string Shown;
      if (std::optional<std::string_view> Path = constantPrefix(T, Args.front()); Path && !Path->empty()) {
        if (*Path == "/tmp" || startsWith(*Path, "/tmp/") || startsWith(*Path, "/dev/") ||
            startsWith(*Path, "/mnt/") || startsWith(*Path, "/proc/"))
          continue;
        Shown = "\"" + std::string(*Path) + (Args.front().end == Args.front().begin + 1 ? "\"" : "...\"");
      } else if (inPackageDirectory(H, Args.front())) {
        Shown = T[Args.front().begin].kind == TokenKind::TemplateHead ? "`${__dirname}...`" : "__dirname...";
      } else {
        continue;
      }
      Out.report(ruleId(),
                 std::string(T[I].text) + "(" + Shown +
                     ") writes outside /tmp: Lambda's file system is read-only there (a relative path or "
                     "__dirname is under /var/task) and the write fails with EROFS; write under /tmp",
                 H.at(I));
    }
  }

private:
  /// A path under the module's own folder: `__dirname + '/x'`,
  /// `${__dirname}/x`, path.join(__dirname, …), path.resolve(__dirname, …).
  static bool inPackageDirectory(const HandlerFile &H, const TokenRange &A) {
    const auto &T = H.tokens();
    std::size_t First = A.begin;
    if (T[First].kind == TokenKind::TemplateHead && T[First].text == "`${")
      ++First;
    else if (T[First].isIdent("path") && First + 3 < A.end && T[First + 1].isPunct(".") &&
             (T[First + 2].isIdent("join") || T[First + 2].isIdent("resolve")) && T[First + 3].isPunct("("))
      First += 4;
    return First < A.end && T[First].isIdent("__dirname");
  }

  /// fs.writeFile(…), fs.promises.writeFile(…), fsp.writeFile(…), or writeFile imported from fs.
  static bool isFsCall(const HandlerFile &H, std::size_t I) {
    const auto &T = H.tokens();
    if (!isProperty(T, I)) {
      const Import *Imp = H.imports.find(T[I].text);
      return isFsModule(Imp) && Imp->name == T[I].text;
    }
    if (I < 2)
      return false;
    std::size_t Head = I - 2;
    if (T[Head].isIdent("promises") && isProperty(T, Head) && Head >= 2)
      Head -= 2;
    if (!isNameToken(T, Head) || isProperty(T, Head))
      return false;
    const Import *Imp = H.imports.find(T[Head].text);
    return isFsModule(Imp) && (Imp->name == "*" || Imp->name == "promises");
  }
};

} // namespace
std::unique_ptr<NodeCheck> makeWriteOutsideTmp() { return std::make_unique<WriteOutsideTmp>(); }
} // namespace fnlint::node
