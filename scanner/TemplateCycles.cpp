#include "scanner/TemplateCycles.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

namespace fnlint {

namespace {

/// One reference from a resource to another, where it is written.
struct Edge {
  std::size_t to;
  YAML::Node at;
};

/// Resource names of `${Name}` and `${Name.Attribute}` in a Fn::Sub string,
/// leaving out `${!Literal}` and the variables of its own map.
void subNames(const YAML::Node &String, const YAML::Node &Variables, std::vector<std::string> &Out) {
  if (!String.IsScalar())
    return;
  const std::string &S = String.Scalar();
  for (std::size_t At = S.find("${"); At != std::string::npos; At = S.find("${", At + 2)) {
    std::size_t End = S.find('}', At);
    if (End == std::string::npos)
      return;
    std::string Name = S.substr(At + 2, End - At - 2);
    if (Name.empty() || Name[0] == '!')
      continue;
    Name = Name.substr(0, Name.find('.'));
    if (!(Variables.IsMap() && Variables[Name]))
      Out.push_back(Name);
  }
}

/// The resource names \p Function (Ref, GetAtt, Sub) refers to with its
/// argument \p A. A is const: the const operator[] never adds a node.
std::vector<std::string> namesOf(const std::string &Function, const YAML::Node &A) {
  std::vector<std::string> Out;
  if (Function == "Ref" && A.IsScalar()) {
    Out.push_back(A.Scalar());
  } else if (Function == "GetAtt") {
    if (A.IsScalar())
      Out.push_back(A.Scalar().substr(0, A.Scalar().find('.')));
    else if (A.IsSequence() && A.size() > 0 && A[0].IsScalar())
      Out.push_back(A[0].Scalar());
  } else if (Function == "Sub") {
    if (A.IsScalar())
      subNames(A, YAML::Node(), Out);
    else if (A.IsSequence() && A.size() > 0)
      subNames(A[0], A.size() > 1 ? A[1] : YAML::Node(), Out);
  }
  return Out;
}

/// The resource names an intrinsic function node refers to: `!Ref X`,
/// `!GetAtt X.Attr`, `!GetAtt [X, Attr]`, `!Sub`, and their long forms.
std::vector<std::string> referencedNames(const YAML::Node &N) {
  if ((N.IsScalar() || N.IsSequence()) && N.Tag().size() > 1 && N.Tag()[0] == '!')
    return namesOf(N.Tag().substr(1), N);
  if (!N.IsMap() || N.size() != 1)
    return {};
  const auto &KV = *N.begin();
  if (!KV.first.IsScalar())
    return {};
  std::string Function = KV.first.Scalar();
  return namesOf(Function.rfind("Fn::", 0) == 0 ? Function.substr(4) : Function, KV.second);
}

/// Kosaraju's strongly connected components, iteratively (a hostile
/// template may chain thousands of resources).
std::vector<std::vector<std::size_t>> components(const std::vector<std::vector<Edge>> &Out) {
  std::size_t N = Out.size();
  std::vector<std::vector<std::size_t>> In(N);
  for (std::size_t From = 0; From < N; ++From)
    for (const Edge &E : Out[From])
      In[E.to].push_back(From);
  std::vector<std::size_t> Order;
  std::vector<bool> Done(N, false);
  for (std::size_t Start = 0; Start < N; ++Start) {
    if (Done[Start])
      continue;
    std::vector<std::pair<std::size_t, std::size_t>> Stack{{Start, 0}}; // node, next edge
    Done[Start] = true;
    while (!Stack.empty()) {
      auto &[Node, Next] = Stack.back();
      if (Next < Out[Node].size()) {
        std::size_t To = Out[Node][Next++].to;
        if (!Done[To]) {
          Done[To] = true;
          Stack.push_back({To, 0});
        }
        continue;
      }
      Order.push_back(Node);
      Stack.pop_back();
    }
  }
  std::vector<std::vector<std::size_t>> Groups;
  std::vector<bool> Assigned(N, false);
  for (auto It = Order.rbegin(); It != Order.rend(); ++It) {
    if (Assigned[*It])
      continue;
    std::vector<std::size_t> Group, Work{*It};
    Assigned[*It] = true;
    while (!Work.empty()) {
      std::size_t Node = Work.back();
      Work.pop_back();
      Group.push_back(Node);
      for (std::size_t From : In[Node])
        if (!Assigned[From]) {
          Assigned[From] = true;
          Work.push_back(From);
        }
    }
    Groups.push_back(std::move(Group));
  }
  return Groups;
}

} // namespace

void reportCircularDependencies(const YamlSource &Src, const YAML::Node &Resources,
                                std::vector<InputProblem> &Problems) {
  std::vector<std::string> Names;
  std::vector<YAML::Node> Bodies;
  std::map<std::string, std::size_t> Index;
  for (const auto &KV : Resources)
    if (KV.first.IsScalar() && KV.second.IsMap() && Index.emplace(KV.first.Scalar(), Names.size()).second) {
      Names.push_back(KV.first.Scalar());
      Bodies.push_back(KV.second);
    }

  std::vector<std::vector<Edge>> Out(Names.size());
  for (std::size_t From = 0; From < Names.size(); ++From) {
    auto Add = [&](const std::string &Name, const YAML::Node &At) {
      if (auto It = Index.find(Name); It != Index.end())
        Out[From].push_back({It->second, At});
    };
    // DependsOn and the references in Properties decide the order; Metadata,
    // Condition and the rest do not.
    const YAML::Node &DependsOn = field(Bodies[From], "DependsOn");
    if (DependsOn.IsScalar())
      Add(DependsOn.Scalar(), DependsOn);
    else if (DependsOn.IsSequence())
      for (const YAML::Node &Item : DependsOn)
        if (Item.IsScalar())
          Add(Item.Scalar(), Item);
    // SAM expands its resources into several (an Api into a deployment and
    // a stage, a GraphQLApi's Functions and Resolvers into resources of
    // their own, a function's Events into permissions and mappings that
    // depend on it), so only a SAM function's own properties, Events left
    // out, are its dependencies; other SAM resources count by DependsOn.
    const YAML::Node &Type = field(Bodies[From], "Type");
    std::string_view TypeName = isPlainString(Type) ? std::string_view(Type.Scalar()) : std::string_view();
    bool Sam = TypeName.rfind("AWS::Serverless::", 0) == 0;
    const YAML::Node &Properties = field(Bodies[From], "Properties");
    if (!Properties.IsMap() || (Sam && TypeName != "AWS::Serverless::Function"))
      continue;
    for (const auto &KV : Properties) {
      if (Sam && KV.first.IsScalar() && KV.first.Scalar() == "Events")
        continue;
      forEachNode(KV.second, [&](const YAML::Node &N) {
        for (const std::string &Name : referencedNames(N))
          Add(Name, N);
      });
    }
  }

  std::vector<std::pair<int, InputProblem>> Found; // by the text position of the first reference
  for (std::vector<std::size_t> &Group : components(Out)) {
    std::sort(Group.begin(), Group.end());
    const Edge *First = nullptr; // the first reference inside the circle, in text order
    for (std::size_t From : Group)
      for (const Edge &E : Out[From])
        if (std::binary_search(Group.begin(), Group.end(), E.to) &&
            (!First || E.at.Mark().pos < First->at.Mark().pos))
          First = &E;
    if (!First)
      continue; // a lone resource that does not refer to itself
    std::vector<std::string> Members;
    for (std::size_t I : Group)
      Members.push_back(Names[I]);
    std::sort(Members.begin(), Members.end());
    std::string List;
    for (const std::string &M : Members)
      List += (List.empty() ? "" : ", ") + M;
    InputProblem P;
    P.level = Level::Error;
    P.location = Src.location(Src.region(First->at), {});
    P.message = "circular dependency between resources: " + List +
                " (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation rejects the template";
    Found.emplace_back(First->at.Mark().pos, std::move(P));
  }
  std::stable_sort(Found.begin(), Found.end(), [](const auto &A, const auto &B) { return A.first < B.first; });
  for (auto &[Pos, P] : Found)
    Problems.push_back(std::move(P));
}

} // namespace fnlint
