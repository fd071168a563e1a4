//===- scanner/TemplatePolicies.cpp - IAM in CloudFormation/SAM templates --===//
//
// Roles, users and groups with their inline policies, trust policies and
// managed policy ARNs; AWS::IAM::Policy and ManagedPolicy documents attached
// to them by reference or name; each function's execution role, and for a
// SAM function without Role the role SAM generates (<Function>Role) with its
// Policies: inline statements, managed policy names or ARNs, and policy
// templates, expanded into the statements SAM deploys for them.
//
//===----------------------------------------------------------------------===//
#include "scanner/TemplateContext.h"

#include "scanner/PolicyReader.h"

#include <functional>
#include <map>

namespace fnlint {

namespace {

class PolicyLinker {
public:
  explicit PolicyLinker(TemplateContext &Ctx) : Ctx(Ctx) {}

  void run() {
    // Principals first, so that policies declared before them still attach.
    forEach({"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}, [&](const std::string &Id, const YAML::Node &Key,
                                                                        const YAML::Node &Props, const std::string &Type) {
      IamPrincipal::Kind K = Type == "AWS::IAM::Role"   ? IamPrincipal::Kind::Role
                             : Type == "AWS::IAM::User" ? IamPrincipal::Kind::User
                                                        : IamPrincipal::Kind::Group;
      IamPrincipal &P = principal(Id, K, Key);
      std::string Prefix = "Resources." + Id + ".Properties.";
      if (YAML::Node Trust = field(Props, "AssumeRolePolicyDocument"); written(Trust))
        attach(P, readPolicy(Ctx.src, Trust, Policy::Kind::Trust, Id + " trust policy", "inline", &Ctx.intrinsics),
               Id, Prefix + "AssumeRolePolicyDocument");
      inlinePolicies(P, Id, field(Props, "Policies"), Prefix + "Policies");
      managedArns(P, field(Props, "ManagedPolicyArns"));
    });
    forEach({"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"},
            [&](const std::string &Id, const YAML::Node &, const YAML::Node &Props, const std::string &Type) {
              std::string Name = Ctx.intrinsics.string(field(Props, Type == "AWS::IAM::ManagedPolicy"
                                                                        ? "ManagedPolicyName"
                                                                        : "PolicyName"))
                                     .value_or(Id);
              Policy Pol = readPolicy(Ctx.src, field(Props, "PolicyDocument"), Policy::Kind::Identity, Name,
                                      Type == "AWS::IAM::ManagedPolicy" ? "managed" : "inline", &Ctx.intrinsics);
              Pol.location.logical = {Id, "Resources." + Id + ".Properties.PolicyDocument", "resource"};
              std::size_t Index = add(std::move(Pol));
              if (Type == "AWS::IAM::ManagedPolicy")
                ManagedById[Id] = Index;
              for (const char *List : {"Roles", "Users", "Groups"})
                if (std::optional<std::vector<YAML::Node>> Items = Ctx.readList(field(Props, List)))
                  for (const YAML::Node &Item : *Items)
                    attachByReference(Item, Index);
              if (Type == "AWS::IAM::RolePolicy")
                attachByReference(field(Props, "RoleName"), Index);
            });
    // Managed policies of the template named in ManagedPolicyArns by !Ref.
    for (auto &[Principal, Refs] : PendingManaged)
      for (const std::string &Ref : Refs)
        if (auto It = ManagedById.find(Ref); It != ManagedById.end())
          Ctx.out.principals[Principal].policies.push_back(It->second);
    functions();
  }

private:
  TemplateContext &Ctx;
  std::map<std::string, std::size_t> PrincipalById; ///< logical id -> index in out.principals
  std::map<std::string, std::size_t> ManagedById;   ///< AWS::IAM::ManagedPolicy logical id -> policy index
  std::map<std::size_t, std::vector<std::string>> PendingManaged;

  using Visitor = std::function<void(const std::string &Id, const YAML::Node &Key, const YAML::Node &Props,
                                     const std::string &Type)>;
  void forEach(std::initializer_list<const char *> Types, const Visitor &Visit) {
    for (const auto &KV : Ctx.resources) {
      if (!KV.first.IsScalar())
        continue;
      std::optional<std::string> Type = stringField(KV.second, "Type");
      if (!Type)
        continue;
      for (const char *T : Types)
        if (*Type == T)
          Visit(KV.first.Scalar(), KV.first, field(KV.second, "Properties"), *Type);
    }
  }

  IamPrincipal &principal(const std::string &Id, IamPrincipal::Kind Kind, const YAML::Node &Key) {
    auto [It, New] = PrincipalById.emplace(Id, Ctx.out.principals.size());
    if (New) {
      IamPrincipal P;
      P.kind = Kind;
      P.id = Id;
      P.location = Ctx.src.location(Ctx.src.region(Key), {Id, "Resources." + Id, "resource"});
      Ctx.out.principals.push_back(std::move(P));
    }
    return Ctx.out.principals[It->second];
  }

  std::size_t add(Policy P) {
    Ctx.out.policies.push_back(std::move(P));
    return Ctx.out.policies.size() - 1;
  }

  void attach(IamPrincipal &P, Policy Pol, const std::string &Id, const std::string &Path) {
    Pol.location.logical = {Id, Path, "property"};
    P.policies.push_back(add(std::move(Pol)));
  }

  void inlinePolicies(IamPrincipal &P, const std::string &Id, const YAML::Node &List, const std::string &Path) {
    std::optional<std::vector<YAML::Node>> Items = Ctx.readList(List);
    if (!Items)
      return;
    for (const YAML::Node &Item : *Items) {
      std::string Name = Ctx.intrinsics.string(field(Item, "PolicyName")).value_or("(unnamed)");
      attach(P, readPolicy(Ctx.src, field(Item, "PolicyDocument"), Policy::Kind::Identity, Id + "/" + Name, "inline",
                           &Ctx.intrinsics),
             Id, Path + "." + Name);
    }
  }

  void managedArns(IamPrincipal &P, const YAML::Node &List) {
    std::optional<std::vector<YAML::Node>> Items = Ctx.readList(List);
    if (!Items)
      return;
    std::size_t Index = static_cast<std::size_t>(&P - Ctx.out.principals.data());
    for (const YAML::Node &Item : *Items) {
      if (std::string Ref = Intrinsics::referencedId(Item); !Ref.empty() && Ctx.typeOf(Ref) == "AWS::IAM::ManagedPolicy") {
        PendingManaged[Index].push_back(Ref);
        continue;
      }
      PolicyString S;
      S.location = Ctx.at(Item, P.id, "Resources." + P.id + ".Properties.ManagedPolicyArns");
      if (std::optional<std::string> V = Ctx.intrinsics.string(Item))
        S.value = *V;
      else
        S.known = false;
      P.managedPolicyArns.push_back(std::move(S));
    }
  }

  /// A role, user or group named by `!Ref Id` or by a literal name of one in the template.
  void attachByReference(const YAML::Node &Item, std::size_t PolicyIndex) {
    std::string Id = Intrinsics::referencedId(Item);
    if (Id.empty())
      Id = Ctx.intrinsics.string(Item).value_or("");
    if (auto It = PrincipalById.find(Id); It != PrincipalById.end())
      Ctx.out.principals[It->second].policies.push_back(PolicyIndex);
  }

  void functions() {
    for (auto &[Id, Index] : Ctx.functionById) {
      Deployable &D = Ctx.out.deployables[Index];
      YAML::Node Resource = field(Ctx.resources, Id.c_str());
      YAML::Node Props = field(Resource, "Properties");
      bool Sam = D.resourceType == "AWS::Serverless::Function";
      std::string Prefix = "Resources." + Id + ".Properties.";
      if (YAML::Node Role = field(Props, "Role"); written(Role)) {
        Ctx.readString(D.config.role, Role, Id, Prefix + "Role");
        if (std::string Ref = Intrinsics::referencedId(Role); PrincipalById.count(Ref))
          D.config.rolePrincipal = Ref;
        continue;
      }
      if (!Sam)
        continue;
      // SAM creates <Function>Role with the basic execution policy and the
      // function's Policies.
      IamPrincipal &P = principal(Id + "Role", IamPrincipal::Kind::Role, Ctx.keyOf(Id));
      D.config.role.set(Id + "Role", P.location, "the role SAM creates");
      D.config.rolePrincipal = Id + "Role";
      P.managedPolicyArns.push_back(
          {"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", P.location, true});
      samPolicies(P, Id, field(Props, "Policies"), Prefix + "Policies");
    }
  }

  /// `- DynamoDBCrudPolicy: {TableName: orders}`: a one-key map that is no intrinsic.
  static bool isTemplate(const YAML::Node &Item) {
    return Item.IsMap() && Item.size() == 1 && !written(field(Item, "Statement")) && intrinsicOf(Item).name.empty() &&
           Item.begin()->first.IsScalar();
  }

  void samPolicies(IamPrincipal &P, const std::string &Id, const YAML::Node &Policies, const std::string &Path) {
    std::vector<YAML::Node> Items;
    if (std::optional<YAML::Node> V = Ctx.intrinsics.select(Policies); V && V->IsDefined()) {
      if (V->IsSequence()) {
        if (std::optional<std::vector<YAML::Node>> L = Ctx.readList(*V))
          Items = *L;
      } else {
        Items.push_back(*V); // one policy: a name, an ARN or a document
      }
    }
    // Messages and fingerprints name a template's policy after the template;
    // the index tells two uses of one template apart.
    std::map<std::string, int> TemplateUses;
    for (const YAML::Node &Item : Items)
      if (isTemplate(Item))
        ++TemplateUses[Item.begin()->first.Scalar()];
    std::size_t N = 0;
    for (const YAML::Node &Item : Items) {
      std::string Where = Path + "[" + std::to_string(N++) + "]";
      if (Item.IsScalar()) {
        // A managed policy by name (AmazonS3ReadOnlyAccess) or ARN.
        PolicyString S{Ctx.intrinsics.string(Item).value_or(""), Ctx.at(Item, Id, Where), true};
        S.known = !S.value.empty();
        if (S.known && S.value.rfind("arn:", 0) != 0)
          S.value = "arn:aws:iam::aws:policy/" + S.value;
        P.managedPolicyArns.push_back(std::move(S));
      } else if (Item.IsMap() && written(field(Item, "Statement"))) {
        // "ReportsFunction/Policies[1]", as a template's policy is "ReportsFunction/Policies/S3ReadPolicy".
        attach(P, readPolicy(Ctx.src, Item, Policy::Kind::Identity, Id + "/" + Where.substr(Where.rfind('.') + 1),
                             "inline", &Ctx.intrinsics),
               Id, Where);
      } else if (isTemplate(Item)) {
        const auto &KV = *Item.begin();
        std::string Name = KV.first.Scalar();
        std::string PolicyName =
            Id + (TemplateUses[Name] > 1 ? "/" + Where.substr(Where.rfind('.') + 1) : "/Policies") + "/" + Name;
        if (std::optional<Policy> Pol = expandSamPolicyTemplate(Ctx, KV.first, KV.second, Id, Where, PolicyName))
          attach(P, std::move(*Pol), Id, Where);
        else
          P.unexpandedTemplates.push_back({Name, Ctx.at(KV.first, Id, Where), true});
      }
    }
  }
};

} // namespace

void linkTemplatePolicies(TemplateContext &Ctx) { PolicyLinker(Ctx).run(); }

} // namespace fnlint
