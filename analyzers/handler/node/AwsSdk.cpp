//===- AwsSdk.cpp - AWS SDK for JavaScript clients in a module ------------===//
#include "analyzers/handler/node/AwsSdk.h"
#include "core/AsciiCase.h"

#include <cctype>

namespace fnlint::node {
namespace {

bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

/// AWS.* classes of the v2 SDK that are not service clients.
bool isV2Helper(std::string_view Class) {
  static constexpr std::string_view Helpers[] = {"Config",  "Endpoint", "HttpRequest", "HttpResponse", "Request",
                                                 "Response", "Service", "Signers",     "MetadataService",
                                                 "EventListeners", "ParamValidator", "SequentialExecutor"};
  if (Class.empty() || !std::isupper(static_cast<unsigned char>(Class.front())) || endsWith(Class, "Credentials") ||
      endsWith(Class, "CredentialsProvider") || endsWith(Class, "CredentialProviderChain"))
    return true;
  for (std::string_view H : Helpers)
    if (Class == H)
      return true;
  return false;
}

} // namespace

std::string_view v3Service(std::string_view Module) {
  constexpr std::string_view Scope = "@aws-sdk/";
  if (Module.substr(0, Scope.size()) != Scope)
    return {};
  std::string_view Package = Module.substr(Scope.size());
  if (Package.substr(0, 7) == "client-" || Package == "lib-dynamodb" || Package == "lib-storage")
    return Package;
  return {};
}

std::optional<V3Class> v3ClassAt(const std::vector<Token> &T, const Imports &Imp, std::size_t I, std::size_t &After) {
  if (!isNameToken(T, I) || isProperty(T, I))
    return std::nullopt;
  const Import *From = Imp.find(T[I].text);
  if (!From || v3Service(From->module).empty())
    return std::nullopt;
  if (From->name != "*") {
    After = I + 1;
    return V3Class{v3Service(From->module), From->name};
  }
  if (I + 2 < T.size() && T[I + 1].isPunct(".") && T[I + 2].kind == TokenKind::Identifier) {
    After = I + 3;
    return V3Class{v3Service(From->module), T[I + 2].text};
  }
  return std::nullopt;
}

std::optional<ClientConstruction> clientConstructionAt(const NodeModule &M, const Imports &Imp, std::size_t I) {
  const auto &T = M.tokens();
  bool New = T[I].isIdent("new");
  std::size_t Head = New ? I + 1 : I;
  if (!isNameToken(T, Head) || isProperty(T, Head))
    return std::nullopt;
  const Import *From = Imp.find(T[Head].text);
  if (!From)
    return std::nullopt;
  // The member chain after the head: AWS.DynamoDB.DocumentClient.
  std::string Chain;
  std::size_t K = Head + 1;
  while (K + 1 < T.size() && T[K].isPunct(".") && T[K + 1].kind == TokenKind::Identifier) {
    Chain += Chain.empty() ? "" : ".";
    Chain += T[K + 1].text;
    K += 2;
  }
  ClientConstruction C;
  if (!New) {
    // DynamoDBDocumentClient.from(client), DynamoDBDocument.from(client)
    if (From->module != "@aws-sdk/lib-dynamodb" || Chain != "from" || K >= T.size() || !T[K].isPunct("(") ||
        (From->name != "DynamoDBDocumentClient" && From->name != "DynamoDBDocument"))
      return std::nullopt;
    C.sendsCommands = From->name == "DynamoDBDocumentClient";
    C.service = "lib-dynamodb";
    C.written = std::string(T[Head].text) + ".from";
    C.open = K;
    return C;
  }
  if (K >= T.size() || !T[K].isPunct("("))
    return std::nullopt; // `new X` without arguments is legal but no SDK example writes it
  C.open = K;
  C.written = std::string(T[Head].text) + (Chain.empty() ? "" : "." + Chain);
  if (std::size_t After = 0; std::optional<V3Class> V3 = v3ClassAt(T, Imp, Head, After)) {
    // Commands, exceptions and paginators are classes too; only clients are constructed from these names.
    if (After != K || endsWith(V3->name, "Command") || endsWith(V3->name, "Exception") ||
        V3->service == "lib-storage")
      return std::nullopt;
    C.sdk = permissions::Sdk::JsV3;
    C.service = std::string(V3->service);
    C.sendsCommands = endsWith(V3->name, "Client");
    return C;
  }
  if (!v3Service(From->module).empty())
    return std::nullopt;
  C.sdk = permissions::Sdk::JsV2;
  if (From->module == "aws-sdk" || From->module == "aws-sdk/global" || From->module == "aws-sdk/clients/all") {
    // AWS.S3 (namespace) or S3 (destructured), then maybe .DocumentClient.
    std::string Service = From->name == "*" ? Chain : std::string(From->name) + (Chain.empty() ? "" : "." + Chain);
    std::string_view Class = std::string_view(Service).substr(0, Service.find('.'));
    if (Service.empty() || isV2Helper(Class))
      return std::nullopt;
    if (Service.find('.') != std::string::npos && Service != "DynamoDB.DocumentClient")
      return std::nullopt;
    C.service = Service;
    return C;
  }
  constexpr std::string_view Clients = "aws-sdk/clients/";
  if (From->module.substr(0, Clients.size()) == Clients && From->name == "*") {
    std::string_view File = From->module.substr(Clients.size());
    std::string_view Local = T[Head].text;
    if (!equalsIgnoringCase(Local, File))
      return std::nullopt; // the class's spelling is not known from a lower-case file name alone
    C.service = std::string(Local) + (Chain.empty() ? "" : "." + Chain);
    if (!Chain.empty() && C.service != "DynamoDB.DocumentClient")
      return std::nullopt;
    return C;
  }
  return std::nullopt;
}

bool hasOwnCredentials(const NodeModule &M, std::size_t Open) {
  for (const TokenRange &A : callArguments(M, Open))
    if (M.tokens()[A.begin].isPunct("{"))
      for (std::string_view Key : {"credentials", "accessKeyId", "sessionToken"})
        if (!propertyValue(M, A.begin, Key).empty())
          return true;
  return false;
}

} // namespace fnlint::node
