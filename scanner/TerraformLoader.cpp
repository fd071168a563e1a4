//===- scanner/TerraformLoader.cpp - `terraform show -json` output ---===//
//
// Functions and what is attached to them from a plan (planned_values, with
// values unknown until apply in resource_changes[].change.after_unknown) or
// a state (values).
//
//===----------------------------------------------------------------------===//
#include "scanner/LoaderParts.h"

#include "scanner/YamlSource.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

namespace fnlint {

namespace {


class TerraformLoader {
public:
  TerraformLoader(const YamlSource &Source, TemplateLoad &Out) : Src(Source), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap() || !isPlainString(field(Root, "format_version")))
      return;
    YAML::Node Planned = field(Root, "planned_values"); // a plan
    YAML::Node State = field(Root, "values");           // a state
    YAML::Node Changes = field(Root, "resource_changes");
    if (!Planned.IsMap() && !State.IsMap() && !Changes.IsSequence())
      return;
    Out.isTemplate = true;
    Out.format = ConfigFormat::TerraformJson;
    if (Changes.IsSequence())
      for (const auto &Change : Changes)
        if (stringField(Change, "type") == "aws_lambda_function")
          if (std::optional<std::string> Address = stringField(Change, "address"))
            AfterUnknown.emplace(*Address, field(field(Change, "change"), "after_unknown"));
    walk(field(Planned.IsMap() ? Planned : State, "root_module"), 0);
  }

private:
  const YamlSource &Src;
  TemplateLoad &Out;
  std::map<std::string, YAML::Node> AfterUnknown; ///< by resource address

  std::set<int> Walked; ///< modules by mark: an alias graph (YAML) must not make the walk explode

  void walk(const YAML::Node &Module, int Depth) {
    if (!Module.IsMap() || Depth > 64 || !Walked.insert(Module.Mark().pos).second)
      return;
    if (YAML::Node Resources = field(Module, "resources"); Resources.IsSequence())
      for (const auto &R : Resources)
        if (stringField(R, "type") == "aws_lambda_function" && stringField(R, "mode") != "data")
          addFunction(R);
    if (YAML::Node Children = field(Module, "child_modules"); Children.IsSequence())
      for (const auto &Child : Children)
        walk(Child, Depth + 1);
  }

  void addFunction(const YAML::Node &Resource) {
    std::optional<std::string> Address = stringField(Resource, "address");
    if (!Address)
      return;
    const std::string &Id = *Address;
    Deployable D;
    D.kind = Deployable::Kind::Function;
    D.logicalId = Id;
    D.resourceType = "aws_lambda_function";
    D.location = Src.location(Src.start(Resource), {Id, Id, "resource"});
    YAML::Node Values = field(Resource, "values");
    D.runtime = stringField(Values, "runtime");
    D.handler = stringField(Values, "handler");
    if (YAML::Node File = field(Values, "filename"); isPlainString(File)) {
      std::string Resolved = resolveCodePath(Src.path(), File.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, Src.location(Src.region(File), {Id, Id + ".filename", "property"})};
    }
    std::string Prefix = Id + ".environment[0].variables.";
    std::map<std::string, EnvironmentVariable> Vars;
    for (const auto &[Key, Value] : mapEntries(field(firstItem(field(Values, "environment")), "variables")))
      if (Key.IsScalar())
        Vars[Key.Scalar()] = environmentVariable(Src, Key, Value, {Id, Prefix + Key.Scalar(), "property"});
    // Values known only after apply are left out of planned_values; their
    // names are in after_unknown, marked true.
    if (auto It = AfterUnknown.find(Id); It != AfterUnknown.end())
      for (const auto &[Key, Unknown] :
           mapEntries(field(firstItem(field(It->second, "environment")), "variables")))
        if (Key.IsScalar() && Unknown.IsScalar() && Unknown.Scalar() == "true") {
          EnvironmentVariable V;
          V.name = Key.Scalar();
          V.location = Src.location(Src.region(Key), {Id, Prefix + Key.Scalar(), "property"});
          Vars[V.name] = std::move(V);
        }
    setEnvironment(D, std::move(Vars));
    Out.deployables.push_back(std::move(D));
  }
};

} // namespace

void loadTerraformDocument(const YamlSource &Source, const YAML::Node &Root, TemplateLoad &Out) {
  TerraformLoader(Source, Out).load(Root);
}

} // namespace fnlint
