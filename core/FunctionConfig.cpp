#include "core/FunctionConfig.h"

namespace fnlint {

std::string_view invocationKindName(InvocationKind K) {
  switch (K) {
  case InvocationKind::Synchronous:
    return "synchronous";
  case InvocationKind::Asynchronous:
    return "asynchronous";
  case InvocationKind::Polled:
    return "polled";
  }
  return "unknown";
}

namespace {

/// Splits "arn:aws:lambda:us-east-1:123456789012:function:name:qualifier",
/// "123456789012:function:name" or "name:qualifier" into name and qualifier.
std::pair<std::string, std::string> splitFunctionRef(std::string_view Ref) {
  std::vector<std::string_view> Parts;
  for (std::size_t Start = 0;;) {
    std::size_t Colon = Ref.find(':', Start);
    Parts.push_back(Ref.substr(Start, Colon == std::string_view::npos ? Colon : Colon - Start));
    if (Colon == std::string_view::npos)
      break;
    Start = Colon + 1;
  }
  for (std::size_t I = 0; I + 1 < Parts.size(); ++I)
    if (Parts[I] == "function")
      return {std::string(Parts[I + 1]), I + 2 < Parts.size() ? std::string(Parts[I + 2]) : std::string()};
  if (Parts.size() == 1)
    return {std::string(Parts[0]), {}};
  if (Parts.size() == 2 && Parts[0] != "arn")
    return {std::string(Parts[0]), std::string(Parts[1])};
  return {};
}

} // namespace

std::string functionNameOf(std::string_view Ref) { return splitFunctionRef(Ref).first; }
std::string functionQualifierOf(std::string_view Ref) { return splitFunctionRef(Ref).second; }

} // namespace fnlint
