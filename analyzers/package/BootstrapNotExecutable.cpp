//===- BootstrapNotExecutable.cpp - package/bootstrap-not-executable --------===//
//
// A custom runtime (provided.al2023, provided.al2) starts the file named
// bootstrap at the package root; without the execute bit for others the
// function fails at every cold start with "permission denied". Archives made
// without Unix permissions (Windows tools) record no execute bit at all, which
// fails the same way. Packages deployed only to managed runtimes ignore a
// bootstrap file and are not judged.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

#include <sys/stat.h>

namespace fnlint::package {
namespace {

class BootstrapNotExecutable final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/bootstrap-not-executable"; }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    if (!P.runtimes.empty()) {
      bool Custom = false;
      for (const std::string &R : P.runtimes)
        Custom |= R.rfind("provided", 0) == 0;
      if (!Custom)
        return;
    }
    const PackageEntry *Boot = nullptr;
    for (const PackageEntry &E : P.entries)
      if (E.path == "bootstrap")
        Boot = &E;
    if (!Boot || Boot->isDirectory())
      return;
    const PackageEntry *Target = Boot;
    if (Boot->isSymlink()) {
      // Judge what the link points to, when it is inside the package.
      Target = nullptr;
      for (const PackageEntry &E : P.entries)
        if (E.path == Boot->symlinkTarget && E.isFile())
          Target = &E;
      if (!Target)
        return; // a dangling or escaping link is package/unsafe-entry's business
    }
    std::string Why;
    if (!Target->hasUnixMode)
      Why = "the archive records no Unix permissions for it (made with a tool that does not store them, "
            "e.g. on Windows), so it is unpacked without the execute bit";
    else if (!(Target->permissions() & S_IXOTH))
      Why = "its mode is " + octalMode(Target->permissions()) +
            ((Target->permissions() & (S_IXUSR | S_IXGRP)) ? ", executable only by its owner or group, and "
                                                             : ", without the execute bit, and ") +
            "Lambda runs it as another user";
    if (Why.empty())
      return;
    Location L = P.isFolder() ? P.entryLocation(*Boot) : P.anchor;
    if (!P.isFolder())
      L.members.push_back(Boot->path);
    Finding &F = Out.report(ruleId(),
                            packageName(P) + ": bootstrap is not executable: " + Why +
                                "; every invocation would fail with \"permission denied\" (chmod 755 bootstrap "
                                "before zipping)",
                            std::move(L));
    F.properties = {{"hasUnixMode", Target->hasUnixMode}};
    if (Target->hasUnixMode)
      F.properties["mode"] = octalMode(Target->permissions());
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeBootstrapNotExecutable() { return std::make_unique<BootstrapNotExecutable>(); }

} // namespace fnlint::package
