//===- NodeInventory.cpp - AWS SDK calls of a Node.js handler -------------===//
//
// Lists the AWS SDK for JavaScript calls of a handler as written, for the
// permissions rules. Which variable holds which client is read from the
// whole module (`const s3 = new S3Client({})`, `this.ddb =
// DynamoDBDocumentClient.from(c)`, `const cmd = new GetObjectCommand(…)`);
// calls are collected from the handler body, from the module's functions it
// calls (transitively), and from module-level code outside any function:
//
//   v3: client.send(new GetObjectCommand(…))    client-s3 / GetObjectCommand (where
//       the command is constructed, so presigning a command counts too)
//       new S3({}).getObject(…)                  client-s3 / getObject
//       doc.send(new PutCommand(…))              lib-dynamodb / PutCommand
//       new Upload({ client, params })           lib-storage / Upload
//   v2: new AWS.S3().getObject(…), s3.putObject(…).promise()      S3 / …
//       new AWS.DynamoDB.DocumentClient().put(…)  DynamoDB.DocumentClient / put
//
// What cannot be resolved is recorded as a PartialReason: a command held in
// a variable of unknown class (`client.send(cmd)`), a method chosen at run
// time (`s3[method](…)`), a v2 getSignedUrl whose operation is not a literal.
//
//===----------------------------------------------------------------------===//
#include "analyzers/handler/node/AwsSdk.h"
#include "analyzers/handler/node/NodeCheck.h"
#include "core/AsciiCase.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace fnlint::node {
namespace {

using permissions::CallInventory;
using permissions::SdkCall;

struct Command {
  std::string service, operation;
};

/// Client methods that are not API operations.
bool isClientHelper(std::string_view M) {
  static constexpr std::string_view Helpers[] = {
      "promise", "then",   "catch", "on",        "destroy",  "middlewareStack", "config", "waitFor",
      "makeRequest", "makeUnauthenticatedRequest", "setupRequestListeners", "createPresignedPost",
      "endpoint", "api", "customizeRequests", "constructor", "toString", "bind", "call", "apply"};
  return std::find(std::begin(Helpers), std::end(Helpers), M) != std::end(Helpers);
}

class Collector {
public:
  Collector(const HandlerFile &H, CallInventory &Out) : H(H), T(H.tokens()), Out(Out) { bind(); }

  void run() {
    std::vector<TokenRange> Ranges{H.fn.body};
    reach(Ranges);
    for (const TokenRange &R : Ranges)
      scan(R.begin, R.end, false);
    for (const TokenRange &S : H.module.topLevelStatements())
      scan(S.begin, S.end, true);
    auto ByPlace = [](const Location &A, const Location &B) {
      return std::make_pair(A.region.startLine, A.region.startColumn) <
             std::make_pair(B.region.startLine, B.region.startColumn);
    };
    dropCallsWithOwnCredentials();
    // Libraries that call AWS with the function's credentials themselves
    // (or sign requests with them): what they call is not in the code fnlint reads.
    for (std::string_view Library :
         {"@aws/durable-execution-sdk-js", "@aws-lambda-powertools/parameters", "@aws-lambda-powertools/idempotency",
          "dynamoose", "@aws/dynamodb-data-mapper", "@opensearch-project/opensearch/aws", "@langchain/aws",
          "@aws-crypto/client-node", "electrodb", "@aws-sdk/signature-v4", "@smithy/signature-v4", "aws4"})
      if (H.imports.anyFrom(Library))
        Out.partial.push_back(
            {"imports " + std::string(Library) + ", which calls AWS with the function's credentials itself", H.file});
    std::stable_sort(Out.calls.begin(), Out.calls.end(),
                     [&](const SdkCall &A, const SdkCall &B) { return ByPlace(A.location, B.location); });
    std::stable_sort(Out.partial.begin(), Out.partial.end(), [&](const permissions::PartialReason &A,
                                                                 const permissions::PartialReason &B) {
      return ByPlace(A.location, B.location);
    });
  }

private:
  const HandlerFile &H;
  const std::vector<Token> &T;
  CallInventory &Out;
  std::map<std::string_view, ClientConstruction> Clients; ///< by the variable or property holding them
  std::map<std::string_view, Command> Commands;

  /// Adds to \p Ranges the bodies of the module's functions and classes the
  /// ranges name (called, or passed as in `items.map(save)`), transitively;
  /// calls into the project's other modules make the inventory partial.
  void reach(std::vector<TokenRange> &Ranges) {
    std::map<std::string_view, TokenRange> Classes;
    std::set<std::string_view> Declared; // module-scope names: only these can be local functions
    for (const TokenRange &S : H.module.topLevelStatements()) {
      std::size_t I = S.begin;
      while (I < S.end && (T[I].isIdent("export") || T[I].isIdent("default") || T[I].isIdent("abstract") ||
                           T[I].isIdent("declare") || T[I].isIdent("async")))
        ++I;
      if (I + 1 >= S.end)
        continue;
      if (T[I].isIdent("class") && isNameToken(T, I + 1)) {
        for (std::size_t K = I + 2; K < S.end; ++K)
          if (T[K].isPunct("{") && T[K].depth == 0) {
            Classes[T[I + 1].text] = {K, std::min(H.module.closerOf(K) + 1, S.end)};
            break;
          }
      } else if (T[I].isIdent("function")) {
        Declared.insert(T[T[I + 1].isPunct("*") ? I + 2 : I + 1].text);
      } else if (T[I].isIdent("const") || T[I].isIdent("let") || T[I].isIdent("var")) {
        for (std::size_t K = I + 1; K < S.end; ++K)
          if (T[K].depth == 0 && isNameToken(T, K) && (K == I + 1 || T[K - 1].isPunct(",")))
            Declared.insert(T[K].text);
      }
    }
    std::set<std::size_t> Seen{H.fn.body.begin};
    std::set<std::string_view> Followed;
    // Module-level code first (only what it calls: `const ready = init();`), then the function bodies.
    const auto &Statements = H.module.topLevelStatements();
    std::size_t ModuleRanges = Statements.size();
    for (std::size_t R = 0; R < ModuleRanges + Ranges.size() && Ranges.size() < 256; ++R) {
      bool ModuleLevel = R < ModuleRanges;
      TokenRange Range = ModuleLevel ? Statements[R] : Ranges[R - ModuleRanges];
      for (std::size_t I = Range.begin; I < Range.end; ++I) {
        if (ModuleLevel && (I = skipFunctionBody(I, Range.end)) >= Range.end)
          break;
        if (!isNameToken(T, I) || isProperty(T, I) || (I > 0 && T[I - 1].isIdent("function")) ||
            (ModuleLevel && !isCalled(I)) || !Followed.insert(T[I].text).second)
          continue;
        std::string_view Name = T[I].text;
        TokenRange Body;
        if (auto C = Classes.find(Name); C != Classes.end()) {
          Body = C->second;
        } else if (Declared.count(Name)) {
          std::optional<HandlerFunction> F = H.module.localFunction(Name);
          if (F && F->resolved)
            Body = F->body;
        } else if (const Import *Imp = H.imports.find(Name); Imp && !Imp->module.empty() &&
                                                              Imp->module.front() == '.' && isCalled(I)) {
          partial("calls " + std::string(Name) + " of " + std::string(Imp->module) +
                      ", another module of the project, whose AWS calls are not followed",
                  I);
        }
        if (!Body.empty() && !H.fn.body.contains(Body.begin) && Seen.insert(Body.begin).second)
          Ranges.push_back(Body);
      }
    }
  }

  /// Token \p I names something called: `f(`, `f.g(`, `new F(`, `f<T>(`.
  bool isCalled(std::size_t I) const {
    if (I > 0 && T[I - 1].isIdent("new"))
      return true;
    std::size_t K = I + 1;
    while (K + 1 < T.size() && T[K].isPunct(".") && T[K + 1].kind == TokenKind::Identifier)
      K += 2;
    return K < T.size() && (T[K].isPunct("(") || T[K].isPunct("<"));
  }

  /// The v3 command constructed at `new` token \p I; also lib-storage's
  /// `new Upload({ client, params })`, a managed S3 upload.
  std::optional<Command> commandAt(std::size_t I) const {
    std::size_t After = 0;
    std::optional<V3Class> C = T[I].isIdent("new") ? v3ClassAt(T, H.imports, I + 1, After) : std::nullopt;
    if (!C || After >= T.size() || !T[After].isPunct("("))
      return std::nullopt;
    bool IsCommand = C->name.size() > 7 && C->name.substr(C->name.size() - 7) == "Command";
    if (!IsCommand && !(C->service == "lib-storage" && C->name == "Upload"))
      return std::nullopt;
    return Command{std::string(C->service), std::string(C->name)};
  }

  /// The name a value starting at \p I is stored in: `x = …`, `x: …` (a
  /// property), looking through `await` and wrapper calls (`capture(new …)`).
  std::size_t holderOf(std::size_t I) const {
    std::size_t K = I;
    for (int Steps = 0; K > 0 && Steps < 8; ++Steps) {
      --K;
      if (T[K].isPunct("="))
        return boundNameBefore(T, K);
      if (T[K].isPunct(":"))
        return K > 0 && T[K - 1].kind == TokenKind::Identifier ? K - 1 : NoToken;
      if (!(T[K].isPunct("(") || T[K].isPunct(".") || T[K].isIdent("await") || isNameToken(T, K)))
        return NoToken;
    }
    return NoToken;
  }

  void bind() {
    for (std::size_t I = 0; I + 2 < T.size(); ++I) {
      if (T[I].kind != TokenKind::Identifier)
        continue;
      if (std::optional<Command> C = commandAt(I)) {
        if (std::size_t N = holderOf(I); N != NoToken)
          Commands[T[N].text] = *C;
        continue;
      }
      if (!T[I].isIdent("new") && !(T[I + 1].isPunct(".") && T[I + 2].isIdent("from")))
        continue;
      if (std::optional<ClientConstruction> C = clientConstructionAt(H.module, H.imports, I))
        if (std::size_t N = holderOf(I); N != NoToken)
          Clients[T[N].text] = *C;
    }
  }

  /// A service family, so that a DocumentClient over a DynamoDBClient and
  /// v2's DynamoDB.DocumentClient count as DynamoDB.
  static std::string family(std::string_view Service) {
    for (std::string_view Prefix : {"client-", "lib-"})
      if (Service.substr(0, Prefix.size()) == Prefix)
        Service.remove_prefix(Prefix.size());
    Service = Service.substr(0, Service.find('.'));
    return toLowerAscii(Service);
  }

  /// Calls made with credentials of their own (a tenant's assumed role) do
  /// not use the function's role. Commands are recorded where they are made,
  /// not by the client that sends them, so every call of such a client's
  /// service is left out, and the inventory says so.
  void dropCallsWithOwnCredentials() {
    std::set<std::string> Families;
    for (std::size_t I = 0; I + 2 < T.size(); ++I) {
      if (!T[I].isIdent("new"))
        continue;
      if (std::optional<ClientConstruction> C = clientConstructionAt(H.module, H.imports, I))
        if (hasOwnCredentials(H.module, C->open) && Families.insert(family(C->service)).second)
          partial("a " + C->written + " client is built with credentials of its own; its calls do not use the "
                  "function's role and are not listed", I);
    }
    if (Families.empty())
      return;
    std::erase_if(Out.calls, [&](const SdkCall &C) { return Families.count(family(C.service)) != 0; });
  }

  void addCall(const ClientConstruction &C, std::string Operation, std::size_t At) {
    Out.calls.push_back({C.sdk, C.service, std::move(Operation), H.at(At)});
  }
  void addCall(const Command &C, std::size_t At) {
    Out.calls.push_back({permissions::Sdk::JsV3, C.service, C.operation, H.at(At)});
  }
  void partial(std::string Reason, std::size_t At) { Out.partial.push_back({std::move(Reason), H.at(At)}); }

  std::string textOf(std::size_t Begin, std::size_t End) const {
    std::string S;
    for (std::size_t K = Begin; K < End && K < T.size() && S.size() < 60; ++K)
      S += T[K].text;
    return S;
  }

  /// A client-like name imported from the project's own modules (`import { ddb } from './clients'`).
  bool fromAnotherModule(std::string_view Name) const {
    const Import *Imp = H.imports.find(Name);
    if (!Imp || Imp->module.empty() || Imp->module.front() != '.')
      return false;
    std::string Lower = toLowerAscii(Name);
    for (std::string_view Word : {"client", "s3", "dynamo", "ddb", "sqs", "sns", "aws", "kinesis", "lambda"})
      if (Lower.find(Word) != std::string::npos)
        return true;
    return false;
  }

  /// `.send(…)` of a client, or of something that might be one.
  void sendCall(std::size_t Send, const ClientConstruction *Client) {
    std::size_t Open = Send + 1;
    std::vector<TokenRange> Args = callArguments(H.module, Open);
    if (Args.empty())
      return;
    // A command's construction is the call (scan() records it where it is
    // made, which also covers presigning: getSignedUrl(s3, new GetObjectCommand(…))).
    std::size_t A = Args.front().begin;
    if (commandAt(A) || (isNameToken(T, A) && Args.front().end == A + 1 && Commands.count(T[A].text)))
      return;
    // On a receiver not known to be a client, only what could be a command
    // (a variable, a constructed object) makes the inventory partial: a
    // string or object sent (res.send("ok")) is not an AWS call.
    bool CouldBeCommand =
        Args.size() <= 2 && ((isNameToken(T, A) && Args.front().end == A + 1) || T[A].isIdent("new"));
    if (Client || (CouldBeCommand && (H.imports.anyFrom("@aws-sdk/") || fromAnotherModule(T[Send - 2].text))))
      partial("command not known statically: " + textOf(Send - 2, H.module.closerOf(Open) + 1), Send);
  }

  /// A method call `<client>.Method(…)` at \p M on a client whose operations are methods.
  void methodCall(const ClientConstruction &C, std::size_t M) {
    std::string_view Method = T[M].text;
    if (C.sendsCommands || isClientHelper(Method))
      return;
    if (Method == "getSignedUrl" || Method == "getSignedUrlPromise") {
      // v2 S3: the operation is the first argument.
      std::vector<TokenRange> Args = callArguments(H.module, M + 1);
      std::optional<std::string_view> Op =
          !Args.empty() && Args[0].end == Args[0].begin + 1 ? literalText(T[Args[0].begin]) : std::nullopt;
      if (Op)
        addCall(C, std::string(*Op), Args[0].begin);
      else
        partial("operation of " + std::string(Method) + " not known statically", M);
      return;
    }
    addCall(C, std::string(Method), M);
  }

  /// Calls in [Begin, End); at module level, function bodies are skipped
  /// (the handler's and those it calls were scanned on their own).
  /// From \p I, the first token not in the body of a function (or method,
  /// or block after `)`) starting at \p I; \p I itself when none starts there.
  std::size_t skipFunctionBody(std::size_t I, std::size_t End) const {
    while (I < End && I > 0) {
      std::size_t Next = I;
      if (T[I - 1].isPunct("=>") && !T[I].isPunct("{"))
        Next = expressionEnd(T, I, End); // a concise arrow body
      else if (T[I].isPunct("{") && (T[I - 1].isPunct("=>") || T[I - 1].isPunct(")")))
        Next = H.module.closerOf(I) + 1;
      // No progress: an empty concise body (`=> ;`, found by fuzz_node) would loop forever.
      if (Next <= I)
        break;
      I = Next;
    }
    return I;
  }

  void scan(std::size_t Begin, std::size_t End, bool ModuleLevel) {
    for (std::size_t I = Begin; I < End; ++I) {
      if (ModuleLevel && (I = skipFunctionBody(I, End)) >= End)
        break;
      const Token &X = T[I];
      if (std::optional<Command> C = commandAt(I)) {
        addCall(*C, I + 1);
        continue;
      }
      if (X.isIdent("new") || (X.kind == TokenKind::Identifier && I + 2 < End && T[I + 1].isPunct(".") &&
                               T[I + 2].isIdent("from"))) {
        // new S3Client({}).send(…), new AWS.S3().getObject(…)
        std::optional<ClientConstruction> C = clientConstructionAt(H.module, H.imports, I);
        if (!C)
          continue;
        std::size_t After = H.module.closerOf(C->open) + 1;
        if (After + 2 < T.size() && T[After].isPunct(".") && T[After + 1].kind == TokenKind::Identifier &&
            T[After + 2].isPunct("(")) {
          if (T[After + 1].isIdent("send") && C->sendsCommands)
            sendCall(After + 1, &*C);
          else
            methodCall(*C, After + 1);
        }
        continue;
      }
      if (X.kind != TokenKind::Identifier || I + 3 >= End) // this.s3.send(…) is keyed by `s3`
        continue;
      auto It = Clients.find(X.text);
      const ClientConstruction *Client = It == Clients.end() ? nullptr : &It->second;
      if (Client && T[I + 1].isPunct("[")) {
        // s3['getObject'](…) is a call; s3[method](…) chooses the operation at run time.
        std::size_t Close = H.module.closerOf(I + 1);
        if (Close + 1 >= T.size() || !T[Close + 1].isPunct("("))
          continue;
        if (std::optional<std::string_view> Op = Close == I + 3 ? literalText(T[I + 2]) : std::nullopt)
          addCall(*Client, std::string(*Op), I + 2);
        else
          partial("client method chosen at run time: " + textOf(I, Close + 1), I);
        continue;
      }
      if (!(T[I + 1].isPunct(".") || T[I + 1].isPunct("?.")) || T[I + 2].kind != TokenKind::Identifier ||
          !T[I + 3].isPunct("("))
        continue;
      if (Client) {
        if (T[I + 2].isIdent("send") && Client->sendsCommands)
          sendCall(I + 2, Client);
        else
          methodCall(*Client, I + 2);
      } else if (T[I + 2].isIdent("send")) {
        sendCall(I + 2, nullptr);
      }
    }
  }
};

} // namespace

void inventoryCalls(const HandlerFile &H, CallInventory &Out) { Collector(H, Out).run(); }

} // namespace fnlint::node
