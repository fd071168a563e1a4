//===- BundlesRuntimeSdk.cpp - package/bundles-runtime-sdk ------------------===//
//
// Lambda's Python runtimes ship boto3/botocore; nodejs18.x and later ship the
// AWS SDK for JavaScript v3 (@aws-sdk/*), nodejs16.x and earlier shipped v2
// (aws-sdk). A package bundling the SDK its runtime already provides pays for
// it in size and cold start. Bundling is still a legitimate choice (pinning a
// version), hence a note. An SDK the runtime does not provide (v2 on
// nodejs18.x+, v3 on nodejs16.x) is never reported: the code needs it.
//
//===----------------------------------------------------------------------===//
#include "analyzers/package/PackageCheck.h"
#include "core/Format.h"

#include <map>
#include <optional>
#include <set>

namespace fnlint::package {
namespace {

enum class Language { Unknown, Python, Node, Other };

struct RuntimeView {
  Language language = Language::Unknown;
  std::optional<int> nodeMajor; ///< for Node.js runtimes
  std::string name;             ///< the runtime as written, when one is known
};

RuntimeView runtimeOf(const Package &P) {
  RuntimeView V;
  for (const std::string &R : P.runtimes) {
    V.name = R;
    if (R.rfind("python", 0) == 0) {
      V.language = Language::Python;
      return V;
    }
    if (R.rfind("nodejs", 0) == 0) {
      V.language = Language::Node;
      int Major = 0;
      for (char C : R.substr(6)) {
        if (C < '0' || C > '9')
          break;
        Major = Major * 10 + (C - '0');
      }
      if (Major > 0)
        V.nodeMajor = Major;
      return V;
    }
    V.language = Language::Other; // provided.al2023, java21, ...: no SDK provided for Python or Node code
  }
  return V;
}

/// The part of \p Path after the folder dependencies are installed in, or
/// empty when the path is not inside such a folder.
struct SdkMatch {
  std::string packageDir; ///< "node_modules/@aws-sdk/client-s3" or "boto3"
  std::string family;     ///< "js-v3", "js-v3-deps", "js-v2", "python"
};

std::optional<SdkMatch> matchNode(std::string_view Path) {
  std::size_t Pos = 0;
  std::optional<SdkMatch> Found;
  // The innermost node_modules decides: a/node_modules/b/node_modules/@aws-sdk/x.
  while ((Pos = Path.find("node_modules/", Pos)) != std::string_view::npos) {
    if (Pos != 0 && Path[Pos - 1] != '/') {
      Pos += 13;
      continue;
    }
    std::size_t Start = Pos + 13;
    std::size_t End = Path.find('/', Start);
    if (End == std::string_view::npos)
      break;
    std::string_view Name = Path.substr(Start, End - Start);
    if (Name.size() > 1 && Name[0] == '@') {
      std::size_t End2 = Path.find('/', End + 1);
      if (End2 == std::string_view::npos)
        break;
      std::string Dir(Path.substr(0, End2));
      if (Name == "@aws-sdk")
        Found = SdkMatch{Dir, "js-v3"};
      else if (Name == "@smithy" || Name == "@aws-crypto")
        Found = SdkMatch{Dir, "js-v3-deps"};
      else
        Found.reset();
    } else if (Name == "aws-sdk") {
      Found = SdkMatch{std::string(Path.substr(0, End)), "js-v2"};
    } else {
      Found.reset();
    }
    Pos = Start;
  }
  return Found;
}

std::optional<SdkMatch> matchPython(std::string_view Path) {
  // Function packages install at the root; layers under python/ or
  // python/lib/pythonX.Y/site-packages/.
  std::string_view Rest = Path;
  if (Rest.rfind("python/", 0) == 0) {
    Rest.remove_prefix(7);
    if (Rest.rfind("lib/python", 0) == 0) {
      std::size_t SP = Rest.find("/site-packages/");
      if (SP == std::string_view::npos)
        return std::nullopt;
      Rest.remove_prefix(SP + 15);
    }
  }
  std::size_t Slash = Rest.find('/');
  if (Slash == std::string_view::npos)
    return std::nullopt;
  std::string_view Top = Rest.substr(0, Slash);
  std::string Prefix(Path.substr(0, Path.size() - Rest.size()));
  for (std::string_view Name : {"boto3", "botocore", "s3transfer"}) {
    bool DistInfo = Top.rfind(std::string(Name) + "-", 0) == 0 &&
                    (Top.ends_with(".dist-info") || Top.ends_with(".egg-info"));
    if (Top == Name || DistInfo)
      return SdkMatch{Prefix + std::string(Top), "python"};
  }
  return std::nullopt;
}

class BundlesRuntimeSdk final : public PackageCheck {
public:
  std::string_view ruleId() const override { return "package/bundles-runtime-sdk"; }

  void check(const Package &P, const CheckContext &Ctx, FindingSink &Out) const override {
    RuntimeView R = runtimeOf(P);
    if (R.language == Language::Other)
      return;
    std::map<std::string, std::map<std::string, std::uint64_t>> Families; // family -> dir -> bytes
    for (const PackageEntry &E : P.entries) {
      if (!E.isFile())
        continue;
      std::optional<SdkMatch> M;
      if (R.language != Language::Python)
        M = matchNode(E.path);
      if (!M && R.language != Language::Node)
        M = matchPython(E.path);
      if (M)
        Families[M->family][M->packageDir] += E.size;
    }
    // boto3/botocore decide for Python; s3transfer alone is not the SDK.
    if (Families.count("python")) {
      bool HasSdk = false;
      for (const auto &[Dir, Bytes] : Families["python"]) {
        std::string_view B = baseName(Dir);
        HasSdk |= B.rfind("boto3", 0) == 0 || B.rfind("botocore", 0) == 0;
      }
      if (HasSdk)
        report(P, R, "python", Families["python"], {}, Out);
    }
    bool Modern = !R.nodeMajor || *R.nodeMajor >= 18; // unknown: today's runtimes are 18+
    if (Modern && Families.count("js-v3"))
      report(P, R, "js-v3", Families["js-v3"], Families["js-v3-deps"], Out);
    if (R.nodeMajor && *R.nodeMajor < 18 && Families.count("js-v2"))
      report(P, R, "js-v2", Families["js-v2"], {}, Out);
    if (P.isFolder() && R.language == Language::Node && !Families.count("js-v3") && !Families.count("js-v2"))
      checkManifest(P, R, Modern, Out);
  }

private:
  /// A SAM Node.js folder is packed without its node_modules, and sam build
  /// installs the production dependencies package.json names: the SDK is
  /// bundled when it is listed there, whatever the folder holds today.
  static void checkManifest(const Package &P, const RuntimeView &R, bool Modern, FindingSink &Out) {
    const PackageEntry *Manifest = nullptr;
    for (const PackageEntry &E : P.entries)
      if (E.path == "package.json" && E.isFile() && E.size < (1u << 20))
        Manifest = &E;
    if (!Manifest)
      return;
    std::string Error, Text;
    auto Reader = P.open(*Manifest, Error);
    if (!Reader || !Reader->readAll(Text, 1u << 20))
      return;
    nlohmann::json J = nlohmann::json::parse(Text, nullptr, /*allow_exceptions=*/false);
    if (!J.is_object() || !J.contains("dependencies") || !J["dependencies"].is_object())
      return;
    std::vector<std::string> Listed;
    for (const auto &[Name, Version] : J["dependencies"].items())
      if (Modern ? Name.rfind("@aws-sdk/", 0) == 0 : Name == "aws-sdk")
        Listed.push_back(Name);
    if (Listed.empty())
      return;
    std::string Names;
    for (std::size_t I = 0; I < Listed.size() && I < 3; ++I)
      Names += (I ? ", " : "") + Listed[I];
    if (Listed.size() > 3)
      Names += ", ...";
    std::string Provider = R.name.empty() ? "the nodejs18.x and later runtimes already provide"
                                          : "the " + R.name + " runtime already provides";
    Finding &F = Out.report("package/bundles-runtime-sdk",
                            packageName(P) + "package.json lists " + std::to_string(Listed.size()) +
                                (Modern ? " @aws-sdk package" : " aws-sdk package") + (Listed.size() == 1 ? "" : "s") +
                                " in dependencies (" + Names + "), which sam build installs into the package though " +
                                Provider + "; move " + (Listed.size() == 1 ? "it" : "them") +
                                " to devDependencies unless you need to pin the version",
                            P.anchor);
    F.fingerprintKey = Modern ? "js-v3-manifest" : "js-v2-manifest";
    F.properties = {{"sdk", Modern ? "js-v3" : "js-v2"}, {"dependencies", Listed}};
    if (!R.name.empty())
      F.properties["runtime"] = R.name;
  }

  static void report(const Package &P, const RuntimeView &R, const std::string &Family,
                     const std::map<std::string, std::uint64_t> &Dirs,
                     const std::map<std::string, std::uint64_t> &Deps, FindingSink &Out) {
    std::uint64_t Bytes = 0, DepBytes = 0;
    nlohmann::json List = nlohmann::json::array();
    for (const auto &[Dir, B] : Dirs) {
      Bytes += B;
      List.push_back({{"path", Dir}, {"bytes", B}});
    }
    for (const auto &[Dir, B] : Deps)
      DepBytes += B;
    std::string What, Provider;
    if (Family == "python") {
      What = "boto3/botocore";
      Provider = R.name.empty() ? "every Lambda Python runtime already provides" : "the " + R.name + " runtime already provides";
    } else if (Family == "js-v3") {
      What = "the AWS SDK for JavaScript v3 (" + std::to_string(Dirs.size()) + " @aws-sdk package" +
             (Dirs.size() == 1 ? "" : "s") + ")";
      Provider = R.name.empty() ? "the nodejs18.x and later runtimes already provide" : "the " + R.name + " runtime already provides";
    } else {
      What = "the AWS SDK for JavaScript v2 (aws-sdk)";
      Provider = "the " + R.name + " runtime already provides";
    }
    std::string Cost = humanBytes(Bytes + DepBytes);
    if (DepBytes)
      Cost += " with its @smithy/@aws-crypto dependencies";
    std::string Msg = packageName(P) + " bundles " + What + ", " + Cost + " that " + Provider + "; leave it out of the package unless you need to pin its version";
    Finding &F = Out.report("package/bundles-runtime-sdk", std::move(Msg), P.anchor);
    F.fingerprintKey = Family;
    F.properties = {{"sdk", Family}, {"bytes", Bytes + DepBytes}, {"packages", List}};
    if (!R.name.empty())
      F.properties["runtime"] = R.name;
  }
};

} // namespace

std::unique_ptr<PackageCheck> makeBundlesRuntimeSdk() { return std::make_unique<BundlesRuntimeSdk>(); }

} // namespace fnlint::package
