//===- Unreadable.cpp - package/unreadable ----------------------------------===//
//
// An archive that cannot be read (corrupt, truncated, not a zip at all) or
// whose entries are encrypted: Lambda rejects the upload or cannot load the
// code, and fnlint could not inspect it either.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"

namespace fnlint::package {
namespace {

class Unreadable final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/unreadable"; }

  /// Archives on disk, and jars nested where a Java runtime loads them
  /// (lib/*.jar of a function, java/lib/*.jar of a layer). Other nested
  /// archives (a dependency's test assets, say) are never opened by Lambda
  /// or the runtime; the scanner lists them as input problems instead.
  bool appliesTo(const Package &P) const override {
    if (P.isFolder())
      return false;
    if (!P.isNested())
      return true;
    if (P.depth != 1 || P.location.members.size() != 1)
      return false;
    std::string_view M = P.location.members.front();
    auto OnClasspath = [&](std::string_view Dir) {
      return M.rfind(Dir, 0) == 0 && M.find('/', Dir.size()) == std::string_view::npos && M.ends_with(".jar");
    };
    return OnClasspath("lib/") || OnClasspath("java/lib/");
  }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    Location L = P.location;
    L.region = {};
    if (P.unreadable) {
      Finding &F = Out.report(ruleId(), packageName(P) + " cannot be read: " + *P.unreadable, L);
      F.fingerprintKey = "unreadable";
      F.properties = {{"reason", *P.unreadable}};
      return;
    }
    std::size_t Encrypted = 0;
    std::string First;
    for (const PackageEntry &E : P.entries)
      if (E.encrypted && !E.isDirectory() && Encrypted++ == 0)
        First = E.path;
    if (!Encrypted)
      return;
    Finding &F = Out.report(ruleId(),
                            packageName(P) + ": " + std::to_string(Encrypted) +
                                (Encrypted == 1 ? " entry is" : " entries are") + " encrypted (first: " + First +
                                (P.isNested() ? "); the Java runtime cannot read them and fnlint cannot inspect them"
                                              : "); Lambda cannot decrypt them and fnlint cannot inspect them"),
                            L);
    F.fingerprintKey = "encrypted";
    F.properties = {{"encryptedEntries", Encrypted}};
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeUnreadable() { return std::make_unique<Unreadable>(); }

} // namespace fnlint::package
