#include "core/Policy.h"

#include <algorithm>

namespace fnlint {

std::optional<std::string_view> arnAccount(std::string_view Arn) {
  if (Arn.rfind("arn:", 0) != 0)
    return std::nullopt;
  std::size_t Start = 0;
  for (int Field = 0; Field < 4; ++Field) { // arn:partition:service:region:
    Start = Arn.find(':', Start);
    if (Start == std::string_view::npos)
      return std::nullopt;
    ++Start;
  }
  std::size_t End = Arn.find(':', Start);
  if (End == std::string_view::npos)
    return std::nullopt;
  return Arn.substr(Start, End - Start);
}

std::string principalAccount(std::string_view P) {
  auto IsAccount = [](std::string_view S) {
    return S.size() == 12 && std::all_of(S.begin(), S.end(), [](char C) { return C >= '0' && C <= '9'; });
  };
  if (IsAccount(P))
    return std::string(P);
  std::optional<std::string_view> Account = arnAccount(P);
  return Account && IsAccount(*Account) ? std::string(*Account) : std::string();
}

const IamPrincipal *roleByArn(const std::vector<IamPrincipal> &Principals, std::string_view RoleArn,
                              std::string_view FunctionFile) {
  std::size_t Resource = RoleArn.find(":role/");
  if (RoleArn.rfind("arn:", 0) != 0 || Resource == std::string_view::npos)
    return nullptr;
  std::string_view Name = RoleArn.substr(RoleArn.rfind('/') + 1); // after the role's path
  std::string Account = principalAccount(RoleArn);
  for (const IamPrincipal &Pr : Principals)
    if (Pr.kind == IamPrincipal::Kind::Role && Pr.id == Name && Pr.location.path != FunctionFile &&
        (Pr.account.empty() || Pr.account == Account))
      return &Pr;
  return nullptr;
}

} // namespace fnlint
