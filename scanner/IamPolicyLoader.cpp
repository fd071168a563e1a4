//===- scanner/IamPolicyLoader.cpp - Policy JSON and `aws iam` outputs ----===//
//
// IAM policies written down on their own: a policy document alone (kind from
// its Principal element), and what the AWS CLI prints:
//   - get-policy-version: a managed policy, named after its file (the
//     output does not name the policy);
//   - get-role-policy, get-user-policy, get-group-policy: an inline policy
//     of the principal the output names;
//   - get-role: a role with its trust policy;
//   - get-account-authorization-details: roles, users and groups with their
//     inline policies, trust policies and attached managed policies; the
//     default version of every managed policy in Policies[] attaches to the
//     principals listing its ARN, other ARNs are kept as managedPolicyArns.
//     A user also gets the policies of the groups it is a member of: rules
//     judge what the user can do.
// Documents are objects (CLI v2, which decodes them) or URL-encoded strings
// (the raw API, CLI v1 for some outputs); elements of an object keep their
// line and column, those of a string point at the string. Principal ids are
// the names the outputs give (RoleName, UserName, GroupName).
//
//===----------------------------------------------------------------------===//
#include "core/AsciiCase.h"
#include "scanner/LoaderParts.h"

#include "scanner/PolicyReader.h"
#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace fnlint {

namespace {

/// A document alone says nothing of where it is attached; its Principal
/// element does: a statement granting sts:AssumeRole* to a principal is a
/// trust policy, other statements with principals make a resource policy.
Policy::Kind kindOfDocument(const Policy &P) {
  bool HasPrincipal = false;
  for (const PolicyStatement &S : P.statements) {
    if (!S.hasPrincipal)
      continue;
    HasPrincipal = true;
    if (S.notAction)
      continue;
    for (const PolicyString &A : S.actions)
      if (A.known && startsWithIgnoringCase(A.value, "sts:AssumeRole"))
        return Policy::Kind::Trust;
  }
  return HasPrincipal ? Policy::Kind::Resource : Policy::Kind::Identity;
}

/// "RoleDetailList[3].RolePolicyList[0]".
std::string indexed(const std::string &Path, std::size_t Index) {
  return Path + "[" + std::to_string(Index) + "]";
}

bool isTrue(const YAML::Node &N) { return N.IsScalar() && N.Scalar() == "true"; }

/// What get-account-authorization-details writes for each kind of principal.
struct DetailShape {
  const char *list;     ///< "RoleDetailList"
  IamPrincipal::Kind kind;
  const char *nameKey;  ///< "RoleName"
  const char *inlineKey; ///< "RolePolicyList"
};

constexpr DetailShape DetailShapes[] = {
    // Groups first: users name the groups they are members of.
    {"GroupDetailList", IamPrincipal::Kind::Group, "GroupName", "GroupPolicyList"},
    {"RoleDetailList", IamPrincipal::Kind::Role, "RoleName", "RolePolicyList"},
    {"UserDetailList", IamPrincipal::Kind::User, "UserName", "UserPolicyList"},
};

class IamLoader {
public:
  IamLoader(const YamlSource &Source, TemplateLoad &Out) : Src(Source), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    if (YAML::Node Version = field(Root, "PolicyVersion"); Version.IsMap() && written(field(Version, "Document")))
      policyVersion(Version);
    else if (isAuthorizationDetails(Root))
      authorizationDetails(Root);
    else if (YAML::Node Role = field(Root, "Role"); Role.IsMap() && isPlainString(field(Role, "RoleName")))
      role(Role);
    else if (written(field(Root, "PolicyDocument")) && isPlainString(field(Root, "PolicyName")))
      principalPolicy(Root);
    else if (YAML::Node Statement = field(Root, "Statement"); Statement.IsMap() || Statement.IsSequence())
      document(Root);
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  std::map<std::pair<IamPrincipal::Kind, std::string>, std::size_t> PrincipalByName;
  std::map<std::string, std::size_t> ManagedByArn; ///< get-account-authorization-details Policies[]

  void found() {
    Out.isTemplate = true;
    Out.format = ConfigFormat::IamPolicy;
  }

  static bool isAuthorizationDetails(const YAML::Node &Root) {
    for (const DetailShape &Shape : DetailShapes)
      if (field(Root, Shape.list).IsSequence())
        return true;
    YAML::Node Policies = field(Root, "Policies");
    return Policies.IsSequence() && Policies.size() > 0 && field(firstItem(Policies), "PolicyVersionList").IsSequence();
  }

  Location at(const YAML::Node &N, const std::string &Name, const std::string &Path, const char *Kind) const {
    return Src.location(Src.region(N), {Name, Path, Kind});
  }

  std::size_t add(Policy P) {
    Out.policies.push_back(std::move(P));
    return Out.policies.size() - 1;
  }

  /// The document \p Doc at \p Path, object or (URL-encoded) string.
  Policy read(const YAML::Node &Doc, Policy::Kind Kind, const std::string &Name, const char *Source,
              const std::string &Path) const {
    Policy P = readPolicy(Src, Doc, Kind, Name, Source);
    P.location.logical = {Name, Path, "property"};
    return P;
  }

  /// The principal named \p Name (one per kind and name in a file).
  std::size_t principal(IamPrincipal::Kind Kind, const std::string &Name, Location Where) {
    auto [It, New] = PrincipalByName.emplace(std::make_pair(Kind, Name), Out.principals.size());
    if (New) {
      IamPrincipal P;
      P.kind = Kind;
      P.id = Name;
      P.location = std::move(Where);
      Out.principals.push_back(std::move(P));
    }
    return It->second;
  }

  /// The account in the principal's ARN (`arn:aws:iam::123456789012:role/x`):
  /// trust rules tell its own account from others by it.
  void setAccount(std::size_t Principal, const YAML::Node &Item) {
    std::optional<std::string> Arn = stringField(Item, "Arn");
    if (Arn)
      Out.principals[Principal].account = principalAccount(*Arn);
  }

  void attach(std::size_t Principal, std::size_t PolicyIndex) {
    std::vector<std::size_t> &Policies = Out.principals[Principal].policies;
    if (std::find(Policies.begin(), Policies.end(), PolicyIndex) == Policies.end())
      Policies.push_back(PolicyIndex);
  }

  //===--------------------------------------------------------------------===//
  // One policy or one principal
  //===--------------------------------------------------------------------===//

  void document(const YAML::Node &Root) {
    found();
    std::string Name = policyFileStem(Src.path());
    Policy P = read(Root, Policy::Kind::Identity, Name, "standalone", "");
    P.location.logical.kind = "resource";
    P.kind = kindOfDocument(P);
    add(std::move(P));
  }

  /// get-policy-version: `{"PolicyVersion": {"Document": ..., "VersionId": "v3"}}`.
  void policyVersion(const YAML::Node &Version) {
    found();
    add(read(field(Version, "Document"), Policy::Kind::Identity, policyFileStem(Src.path()), "managed",
             "PolicyVersion.Document"));
  }

  /// get-role-policy, get-user-policy, get-group-policy: the principal's
  /// name beside PolicyName and PolicyDocument.
  void principalPolicy(const YAML::Node &Root) {
    struct Owner {
      const char *key;
      IamPrincipal::Kind kind;
    };
    for (Owner O : {Owner{"RoleName", IamPrincipal::Kind::Role}, Owner{"UserName", IamPrincipal::Kind::User},
                    Owner{"GroupName", IamPrincipal::Kind::Group}}) {
      YAML::Node Name = field(Root, O.key);
      if (!isPlainString(Name))
        continue;
      found();
      const std::string &Id = Name.Scalar();
      std::size_t P = principal(O.kind, Id, at(Name, Id, O.key, "resource"));
      std::string PolicyName = field(Root, "PolicyName").Scalar();
      attach(P, add(read(field(Root, "PolicyDocument"), Policy::Kind::Identity, Id + "/" + PolicyName, "inline",
                         "PolicyDocument")));
      return;
    }
  }

  /// get-role: `{"Role": {"RoleName", "Arn", "AssumeRolePolicyDocument", ...}}`.
  void role(const YAML::Node &Role) {
    found();
    const std::string &Id = field(Role, "RoleName").Scalar();
    std::size_t P = principal(IamPrincipal::Kind::Role, Id, Src.location(Src.start(Role), {Id, "Role", "resource"}));
    setAccount(P, Role);
    if (YAML::Node Trust = field(Role, "AssumeRolePolicyDocument"); written(Trust))
      attach(P, add(read(Trust, Policy::Kind::Trust, Id + " trust policy", "inline", "Role.AssumeRolePolicyDocument")));
  }

  //===--------------------------------------------------------------------===//
  // get-account-authorization-details
  //===--------------------------------------------------------------------===//

  void authorizationDetails(const YAML::Node &Root) {
    found();
    managedPolicies(field(Root, "Policies"));
    for (const DetailShape &Shape : DetailShapes)
      if (YAML::Node List = field(Root, Shape.list); List.IsSequence()) {
        std::size_t Index = 0;
        for (const auto &Item : List)
          if (Item.IsMap())
            detail(Shape, Item, indexed(Shape.list, Index++));
      }
  }

  /// Each managed policy's default version, by ARN.
  void managedPolicies(const YAML::Node &Policies) {
    if (!Policies.IsSequence())
      return;
    std::size_t Index = 0;
    for (const auto &Item : Policies) {
      std::string Path = indexed("Policies", Index++);
      std::optional<std::string> Arn = stringField(Item, "Arn");
      std::string Name = stringField(Item, "PolicyName").value_or(Arn.value_or(Path));
      YAML::Node Versions = field(Item, "PolicyVersionList");
      if (!Versions.IsSequence())
        continue;
      std::optional<std::string> DefaultId = stringField(Item, "DefaultVersionId");
      std::size_t V = 0;
      for (const auto &Version : Versions) {
        std::string VersionPath = indexed(Path + ".PolicyVersionList", V++);
        if (!isTrue(field(Version, "IsDefaultVersion")) &&
            (!DefaultId || stringField(Version, "VersionId") != DefaultId))
          continue;
        std::size_t PolicyIndex =
            add(read(field(Version, "Document"), Policy::Kind::Identity, Name, "managed", VersionPath + ".Document"));
        if (Arn)
          ManagedByArn.emplace(*Arn, PolicyIndex);
        break;
      }
    }
  }

  void detail(const DetailShape &Shape, const YAML::Node &Item, const std::string &Path) {
    std::string Id = stringField(Item, Shape.nameKey).value_or(Path);
    std::size_t P = principal(Shape.kind, Id, Src.location(Src.start(Item), {Id, Path, "resource"}));
    setAccount(P, Item);
    if (YAML::Node Trust = field(Item, "AssumeRolePolicyDocument"); written(Trust))
      attach(P, add(read(Trust, Policy::Kind::Trust, Id + " trust policy", "inline",
                         Path + ".AssumeRolePolicyDocument")));
    if (YAML::Node Inline = field(Item, Shape.inlineKey); Inline.IsSequence()) {
      std::size_t Index = 0;
      for (const auto &Entry : Inline) {
        std::string EntryPath = indexed(Path + "." + Shape.inlineKey, Index++);
        std::string Name = Id + "/" + stringField(Entry, "PolicyName").value_or("(unnamed)");
        attach(P, add(read(field(Entry, "PolicyDocument"), Policy::Kind::Identity, Name, "inline",
                           EntryPath + ".PolicyDocument")));
      }
    }
    attachManaged(P, field(Item, "AttachedManagedPolicies"), Id, Path + ".AttachedManagedPolicies");
    if (Shape.kind == IamPrincipal::Kind::User)
      inheritGroups(P, field(Item, "GroupList"));
  }

  /// `AttachedManagedPolicies: [{PolicyName, PolicyArn}]`: the policy when
  /// the output holds its document, else its ARN.
  void attachManaged(std::size_t P, const YAML::Node &List, const std::string &Id, const std::string &Path) {
    if (!List.IsSequence())
      return;
    std::size_t Index = 0;
    for (const auto &Entry : List) {
      YAML::Node Arn = field(Entry, "PolicyArn");
      std::string EntryPath = indexed(Path, Index++) + ".PolicyArn";
      if (!isPlainString(Arn))
        continue;
      if (auto It = ManagedByArn.find(Arn.Scalar()); It != ManagedByArn.end())
        attach(P, It->second);
      else
        Out.principals[P].managedPolicyArns.push_back({Arn.Scalar(), at(Arn, Id, EntryPath, "property"), true});
    }
  }

  /// A user can do what its groups can: their policies join its own.
  void inheritGroups(std::size_t User, const YAML::Node &Groups) {
    if (!Groups.IsSequence())
      return;
    for (const auto &Group : Groups) {
      if (!isPlainString(Group))
        continue;
      auto It = PrincipalByName.find({IamPrincipal::Kind::Group, Group.Scalar()});
      if (It == PrincipalByName.end())
        continue;
      // Copies: push_back below may move the principals.
      std::vector<std::size_t> Policies = Out.principals[It->second].policies;
      std::vector<PolicyString> Arns = Out.principals[It->second].managedPolicyArns;
      for (std::size_t PolicyIndex : Policies)
        attach(User, PolicyIndex);
      for (PolicyString &Arn : Arns)
        Out.principals[User].managedPolicyArns.push_back(std::move(Arn));
    }
  }
};

} // namespace

void loadIamPolicyDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  IamLoader(Source, Out).load(Root);
}

} // namespace fnlint
