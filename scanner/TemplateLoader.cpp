#include "scanner/TemplateLoader.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace fnlint {

namespace {

bool isPlainString(const YAML::Node &N) {
  // "?" is an untagged plain scalar, "!" a quoted one; "!Ref" and friends
  // are CloudFormation intrinsics whose value fnlint does not know yet.
  return N && N.IsScalar() && (N.Tag() == "?" || N.Tag() == "!" || N.Tag().empty() ||
                               N.Tag() == "tag:yaml.org,2002:str");
}

/// The region of the scalar \p N in \p Text, quotes included.
Region valueRegion(const std::string &Text, const YAML::Node &N) {
  YAML::Mark M = N.Mark();
  // yaml-cpp's offsets start after a byte-order mark; the text keeps it.
  std::size_t Bom = Text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  if (M.pos < 0 || static_cast<std::size_t>(M.pos) + Bom >= Text.size())
    return Region::line(static_cast<std::uint32_t>(std::max(M.line, 0) + 1));
  std::size_t Begin = static_cast<std::size_t>(M.pos) + Bom;
  std::size_t LineEnd = Text.find('\n', Begin);
  if (LineEnd == std::string::npos)
    LineEnd = Text.size();
  std::size_t End = Begin;
  char Quote = Text[Begin];
  if (Quote == '"' || Quote == '\'') {
    End = Begin + 1;
    while (End < LineEnd && (Text[End] != Quote || (Quote == '\'' && End + 1 < LineEnd && Text[End + 1] == '\'')))
      End += Text[End] == '\\' && Quote == '"' ? 2 : Text[End] == Quote ? 2 : 1; // "\x" and '' escapes
    End = std::min(End + 1, LineEnd);
  } else if (N.IsScalar()) {
    End = std::min(Begin + N.Scalar().size(), LineEnd);
  } else {
    End = Begin + 1;
  }
  return Region::fromOffsets(Text, Begin, End);
}

Location locationOf(std::string_view Path, const std::string &Text, const YAML::Node &N,
                    std::string Name, std::string Qualified, std::string Kind) {
  Location L;
  L.path = std::string(Path);
  L.region = valueRegion(Text, N);
  L.logical = {std::move(Name), std::move(Qualified), std::move(Kind)};
  return L;
}

/// The logical id a layer list item refers to: `!Ref X` or `{Ref: X}`.
std::string layerReference(const YAML::Node &Item) {
  if (Item.IsScalar() && Item.Tag() == "!Ref")
    return Item.Scalar();
  if (Item.IsMap() && Item.size() == 1 && Item["Ref"] && Item["Ref"].IsScalar())
    return Item["Ref"].Scalar();
  return {};
}

std::string resolveCodePath(std::string_view TemplatePath, const std::string &Value) {
  namespace fs = std::filesystem;
  if (Value.rfind("s3://", 0) == 0 || Value.rfind("https://", 0) == 0 || Value.rfind("http://", 0) == 0)
    return {};
  fs::path Base = fs::path(std::string(TemplatePath)).parent_path();
  fs::path P = fs::path(Value).is_absolute() ? fs::path(Value) : Base / Value;
  std::string S = P.lexically_normal().generic_string();
  while (S.size() > 1 && S.back() == '/')
    S.pop_back();
  return S.empty() ? "." : S;
}

struct ResourceKinds {
  const char *Type;
  Deployable::Kind Kind;
  const char *CodeProperty; ///< holds a local path when written as a string
};

constexpr ResourceKinds Kinds[] = {
    {"AWS::Serverless::Function", Deployable::Kind::Function, "CodeUri"},
    {"AWS::Lambda::Function", Deployable::Kind::Function, "Code"},
    {"AWS::Serverless::LayerVersion", Deployable::Kind::Layer, "ContentUri"},
    {"AWS::Lambda::LayerVersion", Deployable::Kind::Layer, "Content"},
};

class Loader {
public:
  Loader(std::string_view Path, const std::string &Text, TemplateLoad &Out)
      : Path(Path), Text(Text), Out(Out) {}

  void load(const YAML::Node &Root) {
    if (!Root.IsMap())
      return;
    YAML::Node Resources = Root["Resources"];
    if (!Resources || !Resources.IsMap())
      return;
    Out.isTemplate = true;
    YAML::Node Globals = Root["Globals"];
    YAML::Node GlobalFunction = Globals && Globals.IsMap() ? Globals["Function"] : YAML::Node();
    for (const auto &KV : Resources) {
      std::string Id = KV.first.Scalar();
      const YAML::Node &Resource = KV.second;
      if (!Resource.IsMap() || !isPlainString(Resource["Type"]))
        continue;
      std::string Type = Resource["Type"].Scalar();
      for (const ResourceKinds &K : Kinds)
        if (Type == K.Type)
          addDeployable(Id, Type, K, KV.first, Resource,
                        Type == "AWS::Serverless::Function" ? GlobalFunction : YAML::Node());
    }
  }

private:
  std::string_view Path;
  const std::string &Text;
  TemplateLoad &Out;

  /// A property of the resource, else of SAM Globals.Function.
  static YAML::Node property(const YAML::Node &Props, const YAML::Node &Globals, const char *Name) {
    if (Props && Props.IsMap() && Props[Name])
      return Props[Name];
    if (Globals && Globals.IsMap() && Globals[Name])
      return Globals[Name];
    return YAML::Node();
  }

  void addDeployable(const std::string &Id, const std::string &Type, const ResourceKinds &K,
                     const YAML::Node &Key, const YAML::Node &Resource, const YAML::Node &Globals) {
    Deployable D;
    D.kind = K.Kind;
    D.logicalId = Id;
    D.resourceType = Type;
    D.location = locationOf(Path, Text, Key, Id, "Resources." + Id, "resource");
    YAML::Node Props = Resource["Properties"];
    if (YAML::Node Code = property(Props, Globals, K.CodeProperty); isPlainString(Code)) {
      std::string Resolved = resolveCodePath(Path, Code.Scalar());
      if (!Resolved.empty())
        D.code = CodeReference{Resolved, locationOf(Path, Text, Code, Id,
                                                    "Resources." + Id + ".Properties." + K.CodeProperty,
                                                    "property")};
    }
    if (YAML::Node Runtime = property(Props, Globals, "Runtime"); isPlainString(Runtime))
      D.runtime = Runtime.Scalar();
    if (YAML::Node Handler = property(Props, Globals, "Handler"); isPlainString(Handler))
      D.handler = Handler.Scalar();
    if (YAML::Node Meta = Resource["Metadata"]; Meta && Meta.IsMap() && isPlainString(Meta["BuildMethod"]))
      D.buildMethod = Meta["BuildMethod"].Scalar();
    // SAM appends a resource's list to the Globals list.
    for (const YAML::Node &Layers : {Globals && Globals.IsMap() ? Globals["Layers"] : YAML::Node(),
                                     Props && Props.IsMap() ? Props["Layers"] : YAML::Node()})
      if (Layers && Layers.IsSequence())
        for (const auto &Item : Layers)
          if (std::string Ref = layerReference(Item); !Ref.empty())
            D.layers.push_back(Ref);
    for (const YAML::Node &Env : {Globals && Globals.IsMap() ? Globals["Environment"] : YAML::Node(),
                                  Props && Props.IsMap() ? Props["Environment"] : YAML::Node()}) {
      if (!Env || !Env.IsMap() || !Env["Variables"] || !Env["Variables"].IsMap())
        continue;
      for (const auto &Var : Env["Variables"])
        if (isPlainString(Var.second))
          D.environment[Var.first.Scalar()] = Var.second.Scalar();
        else // the resource's intrinsic replaces a literal from Globals
          D.environment.erase(Var.first.Scalar());
    }
    Out.deployables.push_back(std::move(D));
  }
};

} // namespace

bool looksLikeTemplate(std::string_view Text) {
  if (Text.find("AWSTemplateFormatVersion") != std::string_view::npos)
    return true;
  return Text.find("Resources") != std::string_view::npos &&
         Text.find("AWS::") != std::string_view::npos;
}

TemplateLoad loadTemplate(std::string_view RelativePath, const std::string &Text) {
  TemplateLoad Out;
  YAML::Node Root;
  try {
    Root = YAML::Load(Text);
    Loader(RelativePath, Text, Out).load(Root);
  } catch (const YAML::Exception &E) {
    InputProblem P;
    P.level = Level::Error;
    P.location.path = std::string(RelativePath);
    if (E.mark.line >= 0) {
      std::uint32_t Bom = E.mark.line == 0 && Text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
      P.location.region = Region::fromLineColumn(Text, static_cast<std::uint32_t>(E.mark.line + 1),
                                                 static_cast<std::uint32_t>(E.mark.column + 1) + Bom, 0);
    }
    P.message = "cannot parse template: " + E.msg;
    Out.problems.push_back(std::move(P));
  }
  return Out;
}

} // namespace fnlint
