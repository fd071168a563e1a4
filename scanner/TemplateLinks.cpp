//===- scanner/TemplateLinks.cpp - What points at a template's functions ---===//
//
// Event source mappings, permissions, invoke configs, URLs and aliases name
// their function; S3 buckets, SNS topics and subscriptions, EventBridge rules
// and schedules, log subscriptions, Cognito user pools, load balancer target
// groups and API Gateway integrations name it as a target. Each becomes an
// Invoker (or a PermissionGrant, a URL, a destination) of the function it
// resolves to; a reference fnlint cannot resolve links to nothing.
//
//===----------------------------------------------------------------------===//
#include "scanner/TemplateContext.h"

#include "core/Invokers.h"

#include <algorithm>
#include <functional>

namespace fnlint {

void TemplateContext::readInt(Setting<std::int64_t> &S, const YAML::Node &N, const std::string &Id,
                              const std::string &Path) const {
  if (!N.IsDefined() || N.IsNull())
    return;
  std::optional<YAML::Node> V = intrinsics.select(N);
  if (V && !V->IsDefined())
    return; // AWS::NoValue
  Location L = at(N, Id, Path);
  std::string From;
  if (V)
    if (std::optional<long long> I = intrinsics.integer(*V, &From)) {
      S.set(*I, std::move(L), std::move(From));
      return;
    }
  S.setUnknown(std::move(L));
}

void TemplateContext::readString(Setting<std::string> &S, const YAML::Node &N, const std::string &Id,
                                 const std::string &Path) const {
  if (!N.IsDefined() || N.IsNull())
    return;
  std::optional<YAML::Node> V = intrinsics.select(N);
  if (V && !V->IsDefined())
    return;
  Location L = at(N, Id, Path);
  std::string From;
  if (V)
    if (std::optional<std::string> Str = intrinsics.string(*V, &From)) {
      S.set(*Str, std::move(L), std::move(From));
      return;
    }
  S.setUnknown(std::move(L));
}

std::optional<std::vector<YAML::Node>> TemplateContext::readList(const YAML::Node &N) const {
  std::optional<YAML::Node> V = intrinsics.select(N);
  if (!V)
    return std::nullopt;
  std::vector<YAML::Node> Items;
  if (!V->IsDefined())
    return Items;
  if (!V->IsSequence() || !intrinsicOf(*V).name.empty())
    return std::nullopt;
  for (const auto &Item : *V) {
    std::optional<YAML::Node> I = intrinsics.select(Item);
    if (!I)
      return std::nullopt;
    if (I->IsDefined())
      Items.push_back(*I);
  }
  return Items;
}

std::optional<TemplateContext::Target> TemplateContext::functionTarget(const YAML::Node &N, int Depth) const {
  if (Depth > 4 || !written(N))
    return std::nullopt;
  std::string Attribute;
  std::string Id = Intrinsics::referencedId(N, &Attribute);
  if (!Id.empty()) {
    if (auto It = functionById.find(Id); It != functionById.end())
      return Target{It->second, Attribute == "Alias" || Attribute == "Version"};
    std::optional<std::string> Type = typeOf(Id);
    if (Type == "AWS::Lambda::Alias" || Type == "AWS::Lambda::Version") {
      std::optional<Target> T = functionTarget(field(field(field(resources, Id.c_str()), "Properties"), "FunctionName"),
                                               Depth + 1);
      if (T)
        T->qualified = true;
      return T;
    }
    return std::nullopt;
  }
  // `!Sub "${Fn.Arn}:live"` and literal names or ARNs.
  IntrinsicCall Call = intrinsicOf(N);
  if (Call.name == "Fn::Sub" && Call.argument.IsScalar()) {
    const std::string &S = Call.argument.Scalar();
    if (S.rfind("${", 0) == 0) {
      std::size_t Close = S.find('}');
      std::string Inner = S.substr(2, Close == std::string::npos ? 0 : Close - 2);
      std::string Base = Inner.substr(0, Inner.find('.'));
      if (auto It = functionById.find(Base); It != functionById.end())
        return Target{It->second, Close + 1 < S.size() && S[Close + 1] == ':'};
    }
  }
  std::optional<std::string> Literal = intrinsics.string(N);
  if (!Literal)
    return std::nullopt;
  std::string Name = functionNameOf(*Literal);
  if (auto It = functionByName.find(Name); It != functionByName.end())
    return Target{It->second, !functionQualifierOf(*Literal).empty()};
  return std::nullopt;
}

std::optional<QueueInfo> TemplateContext::queue(const std::string &Id) const {
  YAML::Node Resource = field(resources, Id.c_str());
  if (stringField(Resource, "Type") != "AWS::SQS::Queue")
    return std::nullopt;
  YAML::Node Props = field(Resource, "Properties");
  QueueInfo Q;
  Q.name = Id;
  Q.location = src.location(src.region(keyOf(Id)), {Id, "Resources." + Id, "resource"});
  std::string P = "Resources." + Id + ".Properties.";
  readInt(Q.visibilityTimeout, field(Props, "VisibilityTimeout"), Id, P + "VisibilityTimeout");
  if (YAML::Node R = field(Props, "RedrivePolicy"); R.IsDefined() && !R.IsNull()) {
    std::optional<YAML::Node> V = intrinsics.select(R);
    if (!V)
      Q.redrivePolicy.setUnknown(at(R, Id, P + "RedrivePolicy"));
    else if (V->IsDefined())
      Q.redrivePolicy.set(true, at(R, Id, P + "RedrivePolicy"));
  }
  Q.fifo = intrinsics.string(field(Props, "FifoQueue")).value_or("") == "true";
  return Q;
}

namespace {

class Linker {
public:
  explicit Linker(TemplateContext &Ctx) : Ctx(Ctx) {}

  void run() {
    for (const auto &KV : Ctx.resources) {
      if (!KV.first.IsScalar() || !KV.second.IsMap())
        continue;
      std::optional<std::string> Type = stringField(KV.second, "Type");
      if (!Type)
        continue;
      Id = KV.first.Scalar();
      // reset(), not =: assigning a YAML::Node overwrites the node it refers to.
      Key.reset(KV.first);
      Props.reset(field(KV.second, "Properties"));
      Prefix = "Resources." + Id + ".Properties.";
      if (auto It = Handlers.find(*Type); It != Handlers.end())
        (this->*It->second)(*Type);
    }
  }

private:
  TemplateContext &Ctx;
  std::string Id, Prefix;
  YAML::Node Key, Props;

  using Handler = void (Linker::*)(const std::string &Type);
  const std::map<std::string, Handler> Handlers = {
      {"AWS::Lambda::EventSourceMapping", &Linker::eventSourceMapping},
      {"AWS::Lambda::Permission", &Linker::permission},
      {"AWS::Lambda::EventInvokeConfig", &Linker::eventInvokeConfig},
      {"AWS::Lambda::Url", &Linker::url},
      {"AWS::Lambda::Alias", &Linker::alias},
      {"AWS::S3::Bucket", &Linker::bucket},
      {"AWS::SNS::Subscription", &Linker::snsSubscription},
      {"AWS::SNS::Topic", &Linker::snsTopic},
      {"AWS::Events::Rule", &Linker::eventRule},
      {"AWS::Scheduler::Schedule", &Linker::schedule},
      {"AWS::Logs::SubscriptionFilter", &Linker::logSubscription},
      {"AWS::Cognito::UserPool", &Linker::userPool},
      {"AWS::ElasticLoadBalancingV2::TargetGroup", &Linker::targetGroup},
      {"AWS::ApiGateway::Method", &Linker::restMethod},
      {"AWS::ApiGatewayV2::Integration", &Linker::httpIntegration},
  };

  FunctionConfig &config(std::size_t Index) { return Ctx.out.deployables[Index].config; }
  Location resourceLocation() const { return Ctx.src.location(Ctx.src.region(Key), {Id, "Resources." + Id, "resource"}); }

  /// Adds an invoker of \p SourceKey to the function \p Target names.
  Invoker *addInvoker(const YAML::Node &Target, std::string_view SourceKey, const std::string &Path) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(Target);
    const InvokerSourceInfo *Source = invokerSource(SourceKey);
    if (!T || !Source)
      return nullptr;
    return addInvoker(*T, *Source, Ctx.at(Target, Id, Path));
  }
  Invoker *addInvoker(const TemplateContext::Target &T, const InvokerSourceInfo &Source, Location Where,
                      std::string Detail = {}) {
    std::string Evidence = Ctx.typeOf(Id).value_or("") + " " + Id + (Detail.empty() ? "" : " (" + Detail + ")");
    Invoker I = makeInvoker(Source, std::move(Evidence), Where);
    I.qualified.set(T.qualified, Where);
    auto &List = config(T.index).invokers;
    List.push_back(std::move(I));
    return &List.back();
  }

  void eventSourceMapping(const std::string &) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(field(Props, "FunctionName"));
    if (!T)
      return;
    YAML::Node Arn = field(Props, "EventSourceArn");
    const InvokerSourceInfo *Source = nullptr;
    std::optional<QueueInfo> Queue;
    if (std::optional<std::string> Literal = Ctx.intrinsics.string(Arn))
      Source = invokerForEventSourceArn(*Literal);
    if (!Source) {
      std::string Ref = Intrinsics::referencedId(Arn);
      std::optional<std::string> Type = Ref.empty() ? std::nullopt : Ctx.typeOf(Ref);
      if (Type == "AWS::SQS::Queue") {
        Source = invokerSource("sqs");
        Queue = Ctx.queue(Ref);
      } else if (Type == "AWS::Kinesis::Stream") {
        Source = invokerSource("kinesis");
      } else if (Type == "AWS::DynamoDB::Table") {
        Source = invokerSource("dynamodb");
      } else if (Type == "AWS::MSK::Cluster" || Type == "AWS::MSK::ServerlessCluster") {
        Source = invokerSource("kafka");
      }
    }
    if (!Source && written(field(Props, "SelfManagedEventSource")))
      Source = invokerSource("kafka");
    if (!Source)
      return;
    Invoker *I = addInvoker(*T, *Source, resourceLocation());
    Ctx.readString(I->onFailureDestination,
                   field(field(field(Props, "DestinationConfig"), "OnFailure"), "Destination"), Id,
                   Prefix + "DestinationConfig.OnFailure.Destination");
    Ctx.readInt(I->maximumRetryAttempts, field(Props, "MaximumRetryAttempts"), Id, Prefix + "MaximumRetryAttempts");
    Ctx.readInt(I->maximumRecordAgeSeconds, field(Props, "MaximumRecordAgeInSeconds"), Id,
                Prefix + "MaximumRecordAgeInSeconds");
    Ctx.readInt(I->batchingWindowSeconds, field(Props, "MaximumBatchingWindowInSeconds"), Id,
                Prefix + "MaximumBatchingWindowInSeconds");
    I->queue = std::move(Queue);
  }

  void permission(const std::string &) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(field(Props, "FunctionName"));
    if (!T)
      return;
    PermissionGrant G;
    G.id = Id;
    G.location = resourceLocation();
    Ctx.readString(G.principal, field(Props, "Principal"), Id, Prefix + "Principal");
    Ctx.readString(G.action, field(Props, "Action"), Id, Prefix + "Action");
    Ctx.readString(G.sourceArn, field(Props, "SourceArn"), Id, Prefix + "SourceArn");
    Ctx.readString(G.sourceAccount, field(Props, "SourceAccount"), Id, Prefix + "SourceAccount");
    Ctx.readString(G.principalOrgId, field(Props, "PrincipalOrgID"), Id, Prefix + "PrincipalOrgID");
    Ctx.readString(G.functionUrlAuthType, field(Props, "FunctionUrlAuthType"), Id, Prefix + "FunctionUrlAuthType");
    Ctx.readString(G.invokedViaFunctionUrl, field(Props, "InvokedViaFunctionUrl"), Id, Prefix + "InvokedViaFunctionUrl");
    if (G.principal.known())
      if (const InvokerSourceInfo *Source = invokerForPrincipal(G.principal.value))
        addInvoker(*T, *Source, G.principal.location, G.principal.value);
    config(T->index).permissions.push_back(std::move(G));
  }

  void eventInvokeConfig(const std::string &) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(field(Props, "FunctionName"));
    if (!T)
      return;
    Setting<std::string> OnFailure;
    Ctx.readString(OnFailure, field(field(field(Props, "DestinationConfig"), "OnFailure"), "Destination"), Id,
                   Prefix + "DestinationConfig.OnFailure.Destination");
    if (OnFailure.written())
      config(T->index).onFailureDestination = std::move(OnFailure);
  }

  void url(const std::string &) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(field(Props, "TargetFunctionArn"));
    if (!T)
      return;
    FunctionUrl U;
    U.location = resourceLocation();
    Ctx.readString(U.authType, field(Props, "AuthType"), Id, Prefix + "AuthType");
    if (std::optional<std::vector<YAML::Node>> Origins =
            Ctx.readList(field(field(Props, "Cors"), "AllowOrigins")))
      for (const YAML::Node &O : *Origins)
        if (isPlainString(O) && O.Scalar() == "*") {
          U.corsAllowsAnyOrigin = true;
          U.corsLocation = Ctx.at(O, Id, Prefix + "Cors.AllowOrigins");
        }
    bool Qualified = T->qualified || written(field(Props, "Qualifier"));
    U.qualified.set(Qualified, U.location);
    TemplateContext::Target Q{T->index, Qualified};
    addInvoker(Q, *invokerSource("function-url"), U.location);
    config(T->index).url = std::move(U);
  }

  void alias(const std::string &) {
    std::optional<TemplateContext::Target> T = Ctx.functionTarget(field(Props, "FunctionName"));
    if (!T)
      return;
    Setting<std::string> &A = config(T->index).autoPublishAlias;
    if (!A.written())
      Ctx.readString(A, field(Props, "Name"), Id, Prefix + "Name");
  }

  void bucket(const std::string &) {
    std::optional<std::vector<YAML::Node>> Configs =
        Ctx.readList(field(field(Props, "NotificationConfiguration"), "LambdaConfigurations"));
    if (!Configs)
      return;
    for (const YAML::Node &C : *Configs)
      addInvoker(field(C, "Function"), "s3", Prefix + "NotificationConfiguration.LambdaConfigurations.Function");
  }

  void snsSubscription(const std::string &) {
    if (Ctx.intrinsics.string(field(Props, "Protocol")) == "lambda")
      addInvoker(field(Props, "Endpoint"), "sns", Prefix + "Endpoint");
  }

  void snsTopic(const std::string &) {
    if (std::optional<std::vector<YAML::Node>> Subs = Ctx.readList(field(Props, "Subscription")))
      for (const YAML::Node &S : *Subs)
        if (Ctx.intrinsics.string(field(S, "Protocol")) == "lambda")
          addInvoker(field(S, "Endpoint"), "sns", Prefix + "Subscription.Endpoint");
  }

  void eventRule(const std::string &) {
    bool Scheduled = written(field(Props, "ScheduleExpression"));
    if (std::optional<std::vector<YAML::Node>> Targets = Ctx.readList(field(Props, "Targets")))
      for (const YAML::Node &T : *Targets)
        addInvoker(field(T, "Arn"), Scheduled ? "schedule" : "eventbridge", Prefix + "Targets.Arn");
  }

  void schedule(const std::string &) {
    addInvoker(field(field(Props, "Target"), "Arn"), "schedule", Prefix + "Target.Arn");
  }

  void logSubscription(const std::string &) {
    addInvoker(field(Props, "DestinationArn"), "cloudwatch-logs", Prefix + "DestinationArn");
  }

  void userPool(const std::string &) {
    for (const auto &[Trigger, Target] : mapEntries(field(Props, "LambdaConfig")))
      if (Trigger.IsScalar() && written(Target) && !Target.IsMap())
        addInvoker(Target, "cognito", Prefix + "LambdaConfig." + Trigger.Scalar());
  }

  void targetGroup(const std::string &) {
    if (Ctx.intrinsics.string(field(Props, "TargetType")) != "lambda")
      return;
    if (std::optional<std::vector<YAML::Node>> Targets = Ctx.readList(field(Props, "Targets")))
      for (const YAML::Node &T : *Targets)
        addInvoker(field(T, "Id"), "alb", Prefix + "Targets.Id");
  }

  /// The function an API Gateway integration URI invokes:
  /// arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations.
  std::optional<TemplateContext::Target> integrationTarget(const YAML::Node &Uri) {
    if (std::optional<TemplateContext::Target> T = Ctx.functionTarget(Uri))
      return T;
    IntrinsicCall Call = intrinsicOf(Uri);
    YAML::Node Text = Call.argument.IsSequence() && Call.argument.size() > 0 ? Call.argument[0] : Call.argument;
    if (Call.name != "Fn::Sub" || !Text.IsScalar())
      return std::nullopt;
    const std::string &S = Text.Scalar();
    std::size_t At = S.find("functions/${");
    if (At == std::string::npos)
      return std::nullopt;
    std::size_t Start = At + 12, Close = S.find('}', Start);
    if (Close == std::string::npos)
      return std::nullopt;
    std::string Inner = S.substr(Start, Close - Start);
    std::string Base = Inner.substr(0, Inner.find('.'));
    if (auto It = Ctx.functionById.find(Base); It != Ctx.functionById.end())
      return TemplateContext::Target{It->second, Close + 1 < S.size() && S[Close + 1] == ':'};
    return std::nullopt;
  }

  void restMethod(const std::string &) {
    YAML::Node Integration = field(Props, "Integration");
    std::optional<TemplateContext::Target> T = integrationTarget(field(Integration, "Uri"));
    if (!T)
      return;
    Invoker *I = addInvoker(*T, *invokerSource("api-rest"), Ctx.at(field(Integration, "Uri"), Id, Prefix + "Integration.Uri"));
    Ctx.readInt(I->integrationTimeoutMs, field(Integration, "TimeoutInMillis"), Id, Prefix + "Integration.TimeoutInMillis");
  }

  void httpIntegration(const std::string &) {
    std::optional<TemplateContext::Target> T = integrationTarget(field(Props, "IntegrationUri"));
    if (!T)
      return;
    // The API's protocol decides: HTTP APIs cap at 30 s, WebSocket APIs at 29 s.
    std::string Api = Intrinsics::referencedId(field(Props, "ApiId"));
    std::optional<std::string> Protocol =
        Api.empty() ? std::nullopt : Ctx.intrinsics.string(field(field(field(Ctx.resources, Api.c_str()), "Properties"), "ProtocolType"));
    const InvokerSourceInfo *Source = invokerSource(Protocol == "WEBSOCKET" ? "api-websocket" : Protocol == "HTTP" ? "api-http" : "api-gateway");
    Invoker *I = addInvoker(*T, *Source, Ctx.at(field(Props, "IntegrationUri"), Id, Prefix + "IntegrationUri"));
    Ctx.readInt(I->integrationTimeoutMs, field(Props, "TimeoutInMillis"), Id, Prefix + "TimeoutInMillis");
  }
};

} // namespace

void linkTemplateResources(TemplateContext &Ctx) { Linker(Ctx).run(); }

} // namespace fnlint
