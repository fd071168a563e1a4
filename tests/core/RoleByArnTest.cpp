//===- tests/core/RoleByArnTest.cpp - an execution role ARN to its role ----===//
#include "core/Policy.h"

#include <gtest/gtest.h>

using namespace fnlint;

namespace {

IamPrincipal role(std::string Id, std::string Path, std::string Account = "") {
  IamPrincipal P;
  P.kind = IamPrincipal::Kind::Role;
  P.id = std::move(Id);
  P.location.path = std::move(Path);
  P.account = std::move(Account);
  return P;
}

TEST(RoleByArn, FindsTheRoleOfThatNameInAnotherFile) {
  std::vector<IamPrincipal> Principals = {role("other-role", "iam/details.json"),
                                          role("orders-api-role", "iam/details.json", "123456789012")};
  const IamPrincipal *R = roleByArn(Principals, "arn:aws:iam::123456789012:role/service-role/orders-api-role",
                                    "us-east-1/orders-api/function.json");
  ASSERT_NE(R, nullptr) << "the role's path is not part of its name";
  EXPECT_EQ(R->id, "orders-api-role");
}

TEST(RoleByArn, NeedsARoleArnTheSameAccountAndAnotherFile) {
  std::vector<IamPrincipal> Principals = {role("api-role", "a.json", "111111111111")};
  EXPECT_EQ(roleByArn(Principals, "arn:aws:iam::222222222222:role/api-role", "f.json"), nullptr)
      << "a role of that name in another account";
  EXPECT_EQ(roleByArn(Principals, "api-role", "f.json"), nullptr) << "not an ARN";
  EXPECT_EQ(roleByArn(Principals, "arn:aws:iam::111111111111:user/api-role", "f.json"), nullptr) << "a user";
  EXPECT_EQ(roleByArn(Principals, "arn:aws:iam::111111111111:role/api-role", "a.json"), nullptr)
      << "the function's own file names its role by id, not by ARN";
  Principals.front().account.clear();
  EXPECT_NE(roleByArn(Principals, "arn:aws:iam::222222222222:role/api-role", "f.json"), nullptr)
      << "an account the output does not say matches any";
  Principals.front().kind = IamPrincipal::Kind::User;
  EXPECT_EQ(roleByArn(Principals, "arn:aws:iam::111111111111:role/api-role", "f.json"), nullptr);
}

} // namespace
