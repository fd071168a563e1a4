//===- analyzers/handler/python/SdkCalls.cpp - boto3 calls of a handler ----===//
//
// Three passes over the file's tokens. Bindings: which names (`s3`,
// `self.table`, a parameter of a same-file function called with a client)
// hold a boto3 session, client, service resource or sub-resource. Reach:
// which functions the handler (and module-level code) can run, through
// calls and references by name, classes whose name is used included. Calls:
// every method called on a bound name in reached code, with the few boto3
// helpers that are not API operations (paginators, presigned URLs, resource
// actions) turned into the operation they perform. Names are not scoped:
// a name bound to two different things makes the inventory partial rather
// than guessed.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/python/SdkCalls.h"

#include <map>
#include <optional>
#include <set>

namespace fnlint::python {
namespace {

using permissions::CallInventory;
using permissions::PartialReason;
using permissions::Sdk;
using permissions::SdkCall;

struct Binding {
  enum class Kind : std::uint8_t { Session, Client, Resource, Sub };
  Kind kind = Kind::Client;
  std::string service; ///< empty: computed at run time
  std::string sub;     ///< sub-resource type ("Table", "Object"), for Sub
  /// Made with credentials passed in (an assumed role's keys): its calls do
  /// not use the function's role.
  bool otherCredentials = false;

  bool operator==(const Binding &O) const {
    return kind == O.kind && service == O.service && sub == O.sub && otherCredentials == O.otherCredentials;
  }
};

/// Actions of boto3 resource objects whose name is not the client
/// operation they perform (the others are: Table.put_item, Bucket.upload_file).
struct ResourceMethod {
  std::string_view type, method, operation;
};
constexpr ResourceMethod ResourceMethods[] = {
    {"Table", "batch_writer", "batch_write_item"},
    {"Table", "load", "describe_table"},
    {"Table", "reload", "describe_table"},
    {"Table", "delete", "delete_table"},
    {"Table", "update", "update_table"},
    {"Object", "get", "get_object"},
    {"Object", "put", "put_object"},
    {"Object", "delete", "delete_object"},
    {"Object", "load", "head_object"},
    {"Object", "reload", "head_object"},
    {"Object", "copy_from", "copy_object"},
    {"Object", "initiate_multipart_upload", "create_multipart_upload"},
    {"Bucket", "create", "create_bucket"},
    {"Bucket", "delete", "delete_bucket"},
    {"Bucket", "load", "list_buckets"},
    {"Queue", "send_messages", "send_message_batch"},
    {"Queue", "receive_messages", "receive_message"},
    {"Queue", "delete_messages", "delete_message_batch"},
    {"Queue", "purge", "purge_queue"},
    {"Queue", "load", "get_queue_attributes"},
    {"Queue", "reload", "get_queue_attributes"},
    {"Queue", "delete", "delete_queue"},
    {"Topic", "delete", "delete_topic"},
    {"Topic", "load", "get_topic_attributes"},
    {"Message", "delete", "delete_message"},
    {"Message", "change_visibility", "change_message_visibility"},
    // the service resource itself
    {"", "get_queue_by_name", "get_queue_url"},
};

/// Collections (`s3.buckets.all()`, `bucket.objects.filter(...)`): the list operation they page through.
constexpr ResourceMethod Collections[] = {
    {"", "buckets", "list_buckets"},
    {"", "queues", "list_queues"},
    {"", "topics", "list_topics"},
    {"", "tables", "list_tables"},
    {"Bucket", "objects", "list_objects"},
    {"Bucket", "object_versions", "list_object_versions"},
    {"Bucket", "multipart_uploads", "list_multipart_uploads"},
};

std::string_view resourceOperation(std::string_view Type, std::string_view Method) {
  if (Type == "ObjectSummary")
    Type = "Object";
  for (const ResourceMethod &R : ResourceMethods)
    if (R.type == Type && R.method == Method)
      return R.operation;
  return Method;
}

bool isCapitalized(std::string_view S) { return !S.empty() && S[0] >= 'A' && S[0] <= 'Z'; }

class Collector {
public:
  /// \p H.handler may be -1 for a module followed from the handler's file:
  /// then \p Seeds (its functions the handler uses) and its module-level code
  /// are what runs.
  Collector(const HandlerFile &H, const LocalModuleLoader &Load, int Depth = 0, std::vector<std::size_t> Seeds = {})
      : H(H), S(H.source), T(H.source.tokens()), Load(Load), Depth(Depth), Seeds(std::move(Seeds)) {}

  CallInventory run() {
    Out.functionId = H.function;
    if (H.handler >= 0)
      Out.handler = H.at(H.fn().defToken + 1);
    findOwners();
    for (int Pass = 0; Pass < 2; ++Pass) // a second pass sees names bound later in the file
      findBindings();
    findReach();
    findCalls();
    findLocalModules();
    return std::move(Out);
  }

private:
  const HandlerFile &H;
  const Source &S;
  const std::vector<Token> &T;
  const LocalModuleLoader &Load;
  int Depth;
  std::vector<std::size_t> Seeds;
  std::map<std::string, Binding, std::less<>> Names;
  std::set<std::string, std::less<>> Conflicts;
  std::set<std::size_t> Accounted; ///< factories bound to a name; arguments handed to same-file functions
  std::vector<int> Owner;          ///< per token: the innermost function containing it, or -1
  std::vector<bool> Reached;       ///< per function
  std::vector<bool> Linked;        ///< per function: something reached refers to it (or it is reached)
  std::map<std::string_view, std::pair<std::size_t, std::size_t>> Classes; ///< name -> token range
  std::set<std::string, std::less<>> Reported; ///< partial reasons already given
  CallInventory Out;

  bool isName(std::size_t I) const { return I < T.size() && T[I].kind == TokenKind::Name; }
  bool statementStart(std::size_t I) const {
    return I == 0 || T[I - 1].kind == TokenKind::Newline || T[I - 1].kind == TokenKind::Indent ||
           T[I - 1].kind == TokenKind::Dedent;
  }
  std::size_t statementEnd(std::size_t I) const {
    while (I < T.size() && T[I].kind != TokenKind::Newline && T[I].kind != TokenKind::EndOfFile)
      ++I;
    return I;
  }
  bool inScope(std::size_t I) const { return Owner[I] < 0 || Reached[static_cast<std::size_t>(Owner[I])]; }

  Location at(std::size_t I) const {
    if (H.handler >= 0)
      return H.at(I);
    Location L = H.file;
    L.region = Region::fromOffsets(S.text(), T[I].offset, T[I].offset + T[I].length);
    return L;
  }

  void partial(std::string Reason, std::size_t I) {
    if (Reported.insert(Reason).second)
      Out.partial.push_back({std::move(Reason), at(I)});
  }
  void record(const Binding &B, std::string_view Operation, std::size_t I) {
    if (B.otherCredentials)
      return;
    if (B.service.empty()) {
      partial("boto3 service name chosen at run time (" + std::string(S.text(I)) + " call)", I);
      return;
    }
    Out.calls.push_back({Sdk::Boto3, B.service, std::string(Operation), at(I)});
  }

  /// A bound name at \p I (`s3`, `self.s3`): its key and the token after it.
  std::optional<std::pair<std::string, std::size_t>> receiverAt(std::size_t I) const {
    if (!S.isBareName(I))
      return std::nullopt;
    if (S.isName(I, "self") && S.isOp(I + 1, ".") && isName(I + 2))
      return std::make_pair("self." + std::string(S.text(I + 2)), I + 3);
    return std::make_pair(std::string(S.text(I)), I + 1);
  }
  const Binding *bound(const std::string &Key) const {
    auto It = Names.find(Key);
    return It == Names.end() ? nullptr : &It->second;
  }

  /// The '(' matching the ')' at \p Close.
  std::size_t openOf(std::size_t Close) const {
    int Depth = 0;
    for (std::size_t I = Close + 1; I-- > 0;) {
      if (S.isOp(I, ")"))
        ++Depth;
      else if (S.isOp(I, "(") && --Depth == 0)
        return I;
    }
    return 0;
  }

  /// A client or resource made at \p I (the `client`/`resource` name): its
  /// binding and the index of its '('.
  std::optional<std::pair<Binding, std::size_t>> factoryAt(std::size_t I) const {
    if (!S.isName(I, "client") && !S.isName(I, "resource"))
      return std::nullopt;
    if (!S.isOp(I + 1, "("))
      return std::nullopt;
    bool Ok = false;
    if (S.isBareName(I)) {
      std::string Q = S.qualified(S.text(I));
      Ok = Q == "boto3.client" || Q == "boto3.resource";
    } else if (I >= 2 && S.isOp(I - 1, ".")) {
      std::size_t R = I - 2;
      if (S.isName(R, "boto3") && S.isBareName(R)) {
        Ok = true;
      } else if (S.isOp(R, ")")) {
        std::size_t Open = openOf(R);
        Ok = Open > 0 && S.isName(Open - 1, "Session");
      } else if (isName(R)) {
        std::size_t Start = R >= 2 && S.isName(R - 2, "self") && S.isOp(R - 1, ".") ? R - 2 : R;
        if (auto Key = receiverAt(Start); Key && Key->second == R + 1)
          if (const Binding *B = bound(Key->first))
            Ok = B->kind == Binding::Kind::Session;
      }
    }
    if (!Ok)
      return std::nullopt;
    Binding B;
    B.kind = S.isName(I, "client") ? Binding::Kind::Client : Binding::Kind::Resource;
    std::vector<Argument> Args = S.arguments(I + 1);
    B.otherCredentials = passesCredentials(Args) || sessionHasOtherCredentials(I);
    for (std::size_t K = 0; K < Args.size(); ++K) {
      const Argument &A = Args[K];
      if ((K == 0 && A.keyword.empty()) || A.keyword == "service_name") {
        if (A.end == A.begin + 1 && T[A.begin].kind == TokenKind::String)
          B.service = std::string(stringBody(S.text(A.begin)));
        break;
      }
    }
    return std::make_pair(B, I + 1);
  }

  static bool passesCredentials(const std::vector<Argument> &Args) {
    for (const Argument &A : Args)
      if (A.keyword == "aws_access_key_id" || A.keyword == "aws_session_token" || A.keyword == "botocore_session" ||
          A.keyword == "profile_name")
        return true;
    return false;
  }

  /// The receiver of the factory at \p I is a session made with other credentials.
  bool sessionHasOtherCredentials(std::size_t I) const {
    if (I < 2 || !S.isOp(I - 1, "."))
      return false;
    std::size_t R = I - 2;
    if (S.isOp(R, ")")) {
      std::size_t Open = openOf(R);
      return Open > 0 && passesCredentials(S.arguments(Open));
    }
    std::size_t Start = R >= 2 && S.isName(R - 2, "self") && S.isOp(R - 1, ".") ? R - 2 : R;
    if (auto Key = receiverAt(Start))
      if (const Binding *B = bound(Key->first))
        return B->otherCredentials;
    return false;
  }

  void bind(const std::string &Key, const Binding &B) {
    auto [It, New] = Names.emplace(Key, B);
    if (!New && !(It->second == B))
      Conflicts.insert(Key);
  }

  /// What the value [B, E) binds, if it is a session, client or resource.
  std::optional<Binding> valueOf(std::size_t B, std::size_t E) {
    if (S.isName(B, "await"))
      ++B;
    for (std::size_t I = B; I < E && I < B + 8; ++I) {
      if (S.isName(I, "Session") && S.isOp(I + 1, "(") && S.skipBrackets(I + 1) == E)
        return Binding{Binding::Kind::Session, {}, {}, passesCredentials(S.arguments(I + 1))};
      auto F = factoryAt(I);
      if (!F)
        continue;
      std::size_t After = S.skipBrackets(F->second);
      if (After == E) {
        Accounted.insert(I);
        return F->first;
      }
      if (F->first.kind == Binding::Kind::Resource && S.isOp(After, ".") && isCapitalized(S.text(After + 1)) &&
          S.isOp(After + 2, "(") && S.skipBrackets(After + 2) == E) {
        Accounted.insert(I);
        return Binding{Binding::Kind::Sub, F->first.service, std::string(S.text(After + 1)),
                       F->first.otherCredentials};
      }
      return std::nullopt;
    }
    auto Key = receiverAt(B);
    if (!Key)
      return std::nullopt;
    const Binding *Src = bound(Key->first);
    if (!Src)
      return std::nullopt;
    std::size_t N = Key->second;
    if (N == E)
      return *Src;
    if (Src->kind == Binding::Kind::Resource && S.isName(N + 1, "meta") && S.isName(N + 3, "client") && N + 4 == E)
      return Binding{Binding::Kind::Client, Src->service, {}, Src->otherCredentials};
    if ((Src->kind == Binding::Kind::Resource || Src->kind == Binding::Kind::Sub) && S.isOp(N, ".") &&
        isCapitalized(S.text(N + 1)) && S.isOp(N + 2, "(") && S.skipBrackets(N + 2) == E)
      return Binding{Binding::Kind::Sub, Src->service, std::string(S.text(N + 1)), Src->otherCredentials};
    return std::nullopt;
  }

  void findBindings() {
    const auto &Fns = S.functions();
    for (std::size_t I = 0; I < T.size(); ++I) {
      if (statementStart(I)) {
        std::size_t E = statementEnd(I);
        if (auto Key = receiverAt(I); Key && S.isOp(Key->second, "="))
          if (std::optional<Binding> B = valueOf(Key->second + 1, E))
            bind(Key->first, *B);
      }
      // f(s3): f's parameter holds the client too.
      if (!S.isBareName(I) || !S.isOp(I + 1, "("))
        continue;
      int F = S.topLevelFunction(S.text(I));
      if (F < 0)
        continue;
      const Function &Fn = Fns[static_cast<std::size_t>(F)];
      std::vector<Argument> Args = S.arguments(I + 1);
      for (std::size_t K = 0; K < Args.size(); ++K) {
        auto Key = receiverAt(Args[K].begin);
        const Binding *B = Key && Key->second == Args[K].end ? bound(Key->first) : nullptr;
        if (!B)
          continue;
        std::string Param;
        if (!Args[K].keyword.empty())
          Param = std::string(Args[K].keyword);
        else if (K < Fn.params.size())
          Param = std::string(Fn.params[K]);
        if (Param.empty())
          continue;
        Accounted.insert(Args[K].begin);
        Binding Copy = *B; // bind() may rehash Names
        bind(Param, Copy);
      }
    }
  }

  void findOwners() {
    Owner.assign(T.size(), -1);
    const auto &Fns = S.functions();
    for (std::size_t F = 0; F < Fns.size(); ++F)
      for (std::size_t I = Fns[F].defToken; I < Fns[F].bodyEnd && I < T.size(); ++I)
        if (Owner[I] < 0 || Fns[static_cast<std::size_t>(Owner[I])].defToken < Fns[F].defToken)
          Owner[I] = static_cast<int>(F);
    for (std::size_t I = 0; I + 1 < T.size(); ++I) {
      if (!S.isName(I, "class") || !statementStart(I) || !isName(I + 1))
        continue;
      std::size_t E = statementEnd(I) + 1;
      if (E >= T.size() || T[E].kind != TokenKind::Indent)
        continue;
      int Depth = 0;
      std::size_t J = E;
      for (; J < T.size(); ++J) {
        if (T[J].kind == TokenKind::Indent)
          ++Depth;
        else if (T[J].kind == TokenKind::Dedent && --Depth == 0)
          break;
      }
      Classes[S.text(I + 1)] = {I, J};
    }
  }

  /// Functions a reference at \p I brings in: a top-level function, or every method of a class.
  template <class Fn> void referenced(std::size_t I, Fn &&Visit) const {
    if (!S.isBareName(I) || S.isName(I - 1, "def") || S.isName(I - 1, "class"))
      return;
    std::string_view N = S.text(I);
    if (int F = S.topLevelFunction(N); F >= 0)
      Visit(static_cast<std::size_t>(F));
    if (auto It = Classes.find(N); It != Classes.end())
      for (std::size_t F = 0; F < S.functions().size(); ++F)
        if (S.functions()[F].defToken > It->second.first && S.functions()[F].defToken < It->second.second)
          Visit(F);
  }

  void findReach() {
    const auto &Fns = S.functions();
    Reached.assign(Fns.size(), false);
    Linked.assign(Fns.size(), false);
    std::vector<std::size_t> Work;
    auto Reach = [&](std::size_t F) {
      if (!Reached[F]) {
        Reached[F] = true;
        Work.push_back(F);
      }
    };
    if (H.handler >= 0)
      Reach(static_cast<std::size_t>(H.handler));
    for (std::size_t F : Seeds)
      Reach(F);
    for (std::size_t I = 0; I < T.size(); ++I)
      if (Owner[I] < 0)
        referenced(I, Reach);
    while (!Work.empty()) {
      std::size_t F = Work.back();
      Work.pop_back();
      for (std::size_t G = F + 1; G < Fns.size() && Fns[G].defToken < Fns[F].bodyEnd; ++G)
        Reach(G); // nested functions, lambdas' bodies alike
      for (std::size_t I = Fns[F].bodyBegin; I < Fns[F].bodyEnd; ++I)
        referenced(I, Reach);
    }
    // Unreached functions that unreached code of this file refers to may still
    // run (through a method, a callback table): their calls make the inventory
    // partial. Functions nothing refers to are other handlers or dead code.
    for (std::size_t I = 0; I < T.size(); ++I)
      if (Owner[I] >= 0 && !Reached[static_cast<std::size_t>(Owner[I])] && Fns[static_cast<std::size_t>(Owner[I])].name != S.text(I))
        referenced(I, [&](std::size_t F) {
          if (!Reached[F] && static_cast<int>(F) != Owner[I])
            Linked[F] = true;
        });
  }

  /// A call at \p I (the method name) on \p B; \p Chain is what follows.
  void callOn(const Binding &B, std::size_t I) {
    std::string_view M = S.text(I);
    std::size_t Open = I + 1;
    switch (B.kind) {
    case Binding::Kind::Session:
      return; // session.client(...) is a factory
    case Binding::Kind::Client: {
      if (M == "get_paginator" || M == "generate_presigned_url") {
        std::vector<Argument> Args = S.arguments(Open);
        for (const Argument &A : Args)
          if (A.keyword.empty() || A.keyword == "operation_name" || A.keyword == "ClientMethod") {
            if (A.end == A.begin + 1 && T[A.begin].kind == TokenKind::String)
              record(B, stringBody(S.text(A.begin)), I);
            else
              partial(std::string(M) + " with an operation chosen at run time", I);
            return;
          }
        return;
      }
      if (M == "get_waiter") {
        partial("waiter (" + std::string(M) + "): the operations it polls are not listed", I);
        return;
      }
      if (M == "can_paginate" || M == "close")
        return;
      record(B, M, I);
      return;
    }
    case Binding::Kind::Resource:
      if (isCapitalized(M)) { // s3.Object(b, k).get()
        std::size_t After = S.skipBrackets(Open);
        if (S.isOp(After, ".") && isName(After + 1) && S.isOp(After + 2, "("))
          record(B, resourceOperation(M, S.text(After + 1)), After + 1);
        return;
      }
      record(B, resourceOperation("", M), I);
      return;
    case Binding::Kind::Sub:
      if (isCapitalized(M)) { // bucket.Object(k).put()
        std::size_t After = S.skipBrackets(Open);
        if (S.isOp(After, ".") && isName(After + 1) && S.isOp(After + 2, "("))
          record(B, resourceOperation(M, S.text(After + 1)), After + 1);
        return;
      }
      record(B, resourceOperation(B.sub, M), I);
      return;
    }
  }

  void collection(const Binding &B, std::size_t I) {
    std::string_view Type = B.kind == Binding::Kind::Sub ? std::string_view(B.sub) : std::string_view();
    for (const ResourceMethod &C : Collections)
      if (C.type == Type && C.method == S.text(I)) {
        record(B, C.operation, I);
        if (S.isName(I + 2, "delete") && C.method == "objects")
          record(B, "delete_objects", I + 2);
        return;
      }
    partial("boto3 resource attribute " + std::string(S.text(I)) + " is not mapped", I);
  }

  void findCalls() {
    const auto &Fns = S.functions();
    for (std::size_t I = 0; I < T.size(); ++I) {
      bool Here = inScope(I);
      bool Elsewhere = !Here && Linked[static_cast<std::size_t>(Owner[I])];
      if (!Here && !Elsewhere)
        continue;
      if (auto F = factoryAt(I)) {
        std::size_t After = S.skipBrackets(F->second);
        if (Accounted.count(I))
          continue;
        if (!Here) {
          partial("boto3 client made in " + std::string(Fns[static_cast<std::size_t>(Owner[I])].name) +
                      "(), which fnlint could not link to the handler",
                  I);
        } else if (S.isOp(After, ".") && isName(After + 1) && S.isOp(After + 2, "(")) {
          Binding B = F->first;
          callOn(B, After + 1);
        } else if (!(S.isOp(After, ".") && isCapitalized(S.text(After + 1)))) {
          partial("boto3 " + std::string(S.text(I)) + " made here is not assigned to a name fnlint follows", I);
        }
        continue;
      }
      if (Here && T[I].kind == TokenKind::String && S.text(I).find("2773") != std::string_view::npos) {
        partial("calls the Parameters and Secrets extension (localhost:2773), which uses the role", I);
        continue;
      }
      if (Here && isName(I) && isSigner(S.text(I))) {
        partial("the role's credentials sign requests of other code (" + std::string(S.text(I)) +
                    "); the actions those use are not listed",
                I);
        continue;
      }
      if (S.isName(I, "getattr") && S.isBareName(I) && S.isOp(I + 1, "(")) {
        std::vector<Argument> Args = S.arguments(I + 1);
        if (Args.size() >= 2)
          if (auto Key = receiverAt(Args[0].begin); Key && Key->second == Args[0].end && bound(Key->first)) {
            bool Literal = Args[1].end == Args[1].begin + 1 && T[Args[1].begin].kind == TokenKind::String;
            if (Here && Literal && S.isOp(S.skipBrackets(I + 1), "(")) {
              Binding B = *bound(Key->first);
              if (B.kind == Binding::Kind::Client)
                record(B, stringBody(S.text(Args[1].begin)), Args[1].begin);
            } else {
              partial("client method chosen at run time: getattr(" + Key->first + ", ...)", I);
            }
          }
        continue;
      }
      if (S.isOp(I - 1, "."))
        continue;
      auto Key = receiverAt(I);
      if (!Key)
        continue;
      const Binding *Found = bound(Key->first);
      if (!Found)
        continue;
      Binding B = *Found;
      std::size_t N = Key->second;
      if (S.isOp(N, "=") && statementStart(I))
        continue;
      if (Conflicts.count(Key->first)) {
        partial(Key->first + " holds different boto3 clients in different places", I);
        continue;
      }
      if (!Here) {
        if (S.isOp(N, ".") && isName(N + 1))
          partial("AWS calls in " + std::string(Fns[static_cast<std::size_t>(Owner[I])].name) +
                      "(), which fnlint could not link to the handler",
                  I);
        continue;
      }
      if (S.isOp(N, ".") && isName(N + 1) && S.isOp(N + 2, "(")) {
        callOn(B, N + 1);
      } else if (S.isOp(N, ".") && S.isName(N + 1, "meta") && S.isName(N + 3, "client") && S.isOp(N + 4, ".") &&
                 isName(N + 5) && S.isOp(N + 6, "(")) {
        callOn(Binding{Binding::Kind::Client, B.service, {}, B.otherCredentials}, N + 5);
      } else if (S.isOp(N, ".") && isName(N + 1) && S.isOp(N + 2, ".") && isName(N + 3) && S.isOp(N + 4, "(") &&
                 B.kind != Binding::Kind::Client && B.kind != Binding::Kind::Session) {
        collection(B, N + 1);
      } else if ((S.isOp(I - 1, "(") || S.isOp(I - 1, ",") || S.isOp(I - 1, "=")) &&
                 (S.isOp(N, ")") || S.isOp(N, ",")) && !Accounted.count(I) && B.kind != Binding::Kind::Session) {
        partial(Key->first + " is handed to code fnlint does not follow", I);
      }
    }
  }

  static bool isSigner(std::string_view N) {
    for (std::string_view K : {"get_credentials", "SigV4Auth", "AWS4Auth", "AWSV4SignerAuth", "AWSRequestsAuth",
                               "BotoAWSRequestsAuth", "create_client"})
      if (N == K)
        return true;
    return false;
  }

  /// Libraries that call AWS with the function's role themselves.
  static bool callsAwsItself(std::string_view Module) {
    std::string_view Root = Module.substr(0, Module.find('.'));
    for (std::string_view L : {"awswrangler", "pynamodb", "s3fs", "smart_open", "aioboto3", "aiobotocore",
                               "langchain_aws", "langchain_community", "llama_index", "strands", "bedrock_agentcore",
                               "sagemaker", "aws_encryption_sdk", "anthropic", "aws_durable_execution_sdk_python",
                               "boto3_type_annotations", "opensearchpy", "dynamodb_encryption_sdk", "mangum"})
      if (Root == L)
        return true;
    if (Root.rfind("aurora_dsql", 0) == 0) // connectors that make IAM auth tokens
      return true;
    if (Root == "aws_lambda_powertools")
      for (std::string_view U : {"parameters", "idempotency", "feature_flags", "streaming", "data_masking"})
        if (Module.find(U) != std::string_view::npos)
          return true;
    return false;
  }

  struct Imported {
    std::string module;
    std::string name; ///< `from M import name`; empty for `import M`
  };

  std::optional<LocalModule> &module(const std::string &Name) {
    auto It = Modules.find(Name);
    if (It == Modules.end())
      It = Modules.emplace(Name, Load(Name)).first;
    return It->second;
  }
  std::map<std::string, std::optional<LocalModule>> Modules;

  /// Follows the functions (and classes) of local modules that reached code
  /// uses, one module deep; anything else of them makes the inventory partial.
  void follow(const std::map<std::string, std::map<std::string, std::size_t>> &Used) {
    for (const auto &Entry : Used) {
      // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
      const std::string &Module = Entry.first;
      const std::map<std::string, std::size_t> &Names = Entry.second;
      std::optional<LocalModule> &M = module(Module);
      auto Fail = [&](const std::string &Name, std::size_t I) {
        partial("uses " + Name + " from module " + Module + " of the package, whose AWS calls are not followed", I);
      };
      if (!M || Depth >= 1) {
        for (const auto &[Name, I] : Names)
          Fail(Name, I);
        continue;
      }
      Source Sub(M->text);
      std::vector<std::size_t> Seeds;
      for (const auto &[Name, I] : Names) {
        if (Name.empty()) { // the module itself, handed around
          Fail(Module, I);
          continue;
        }
        if (int F = Sub.topLevelFunction(Name); F >= 0) {
          Seeds.push_back(static_cast<std::size_t>(F));
          continue;
        }
        // A class: every method; a constant: only module-level code runs.
        const auto &ST = Sub.tokens();
        for (std::size_t K = 0; K + 1 < ST.size(); ++K) {
          if (!Sub.isName(K, "class") || ST[K].column != 1 || Sub.text(K + 1) != Name)
            continue;
          std::size_t End = K + 2; // the next statement at column 1 ends the class body
          while (End < ST.size() && !(ST[End].column == 1 && ST[End].kind == TokenKind::Name))
            ++End;
          for (std::size_t F = 0; F < Sub.functions().size(); ++F)
            if (Sub.functions()[F].defToken > K && Sub.functions()[F].defToken < End)
              Seeds.push_back(F);
        }
      }
      HandlerFile SubFile{Sub, -1, M->file, H.function};
      CallInventory Got = Collector(SubFile, Load, Depth + 1, Seeds).run();
      for (SdkCall &C : Got.calls)
        Out.calls.push_back(std::move(C));
      for (PartialReason &P : Got.partial)
        if (Reported.insert(P.reason).second)
          Out.partial.push_back(std::move(P));
    }
  }

  /// Names imported from modules of the function's own package.
  void findLocalModules() {
    std::map<std::string_view, Imported> Local; // local name -> where from
    std::set<std::size_t> ImportTokens;
    for (std::size_t I = 0; I < T.size(); ++I) {
      bool IsImport = S.isName(I, "import"), IsFrom = S.isName(I, "from");
      if ((!IsImport && !IsFrom) || !statementStart(I))
        continue;
      std::size_t E = statementEnd(I);
      for (std::size_t J = I; J < E; ++J)
        ImportTokens.insert(J);
      auto Dotted = [&](std::size_t J) {
        std::string M;
        while (J < E && (S.isOp(J, ".") || S.isOp(J, "...") || isName(J)) && !S.isName(J, "import") &&
               !S.isName(J, "as"))
          M += S.text(J++);
        return std::make_pair(M, J);
      };
      std::size_t J = I + 1;
      std::string Module;
      if (IsFrom) {
        std::tie(Module, J) = Dotted(J);
        if (!S.isName(J, "import"))
          continue;
        ++J;
      }
      while (J < E) {
        if (S.isOp(J, "(") || S.isOp(J, ")") || S.isOp(J, ",")) {
          ++J;
          continue;
        }
        auto [Name, Next] = Dotted(J);
        if (Name.empty())
          break;
        std::string_view LocalName = S.text(J);
        if (S.isName(Next, "as") && isName(Next + 1)) {
          LocalName = S.text(Next + 1);
          Next += 2;
        }
        std::string Target = IsFrom ? Module : Name;
        if (callsAwsItself(IsFrom ? Module + "." + Name : Name))
          partial("imports " + (IsFrom ? Module + "." + Name : Name) +
                      ", which calls AWS itself; its actions are not listed",
                  J);
        if (module(Target))
          Local[LocalName] = {Target, IsFrom ? Name : std::string()};
        J = Next;
      }
    }
    if (Local.empty())
      return;
    std::map<std::string, std::map<std::string, std::size_t>> Used; // module -> name -> first use
    for (std::size_t I = 0; I < T.size(); ++I) {
      if (ImportTokens.count(I) || !S.isBareName(I) || !inScope(I))
        continue;
      auto It = Local.find(S.text(I));
      if (It == Local.end())
        continue;
      std::string Name = It->second.name;
      if (Name.empty() && S.isOp(I + 1, ".") && isName(I + 2))
        Name = std::string(S.text(I + 2)); // module.function(...)
      Used[It->second.module].emplace(Name, I);
    }
    follow(Used);
  }
};

} // namespace

permissions::CallInventory sdkCalls(const HandlerFile &H, const LocalModuleLoader &Load) {
  return Collector(H, Load).run();
}

} // namespace fnlint::python
