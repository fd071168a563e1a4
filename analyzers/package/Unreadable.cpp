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

  bool appliesTo(const Package &P) const override { return !P.isFolder(); }

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
                                "); Lambda cannot decrypt them and fnlint cannot inspect them",
                            L);
    F.fingerprintKey = "encrypted";
    F.properties = {{"encryptedEntries", Encrypted}};
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeUnreadable() { return std::make_unique<Unreadable>(); }

} // namespace fnlint::package
