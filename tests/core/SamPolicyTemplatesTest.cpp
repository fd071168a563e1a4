//===- tests/core/SamPolicyTemplatesTest.cpp - The SAM policy template table ===//
//
// rules/data/sam-policy-templates.yaml is hand-restated from SAM's own file:
// these tests catch what a restatement gets wrong (an action IAM does not
// have, a placeholder no parameter fills, a template that is not "Allow").
//
//===----------------------------------------------------------------------===//
#include "core/IamActions.h"
#include "core/RuleInfo.h"
#include "core/SamPolicyTemplates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace fnlint;

namespace {

TEST(SamPolicyTemplates, TableIsEmbeddedWithItsSource) {
  const DataTableInfo *T = findDataTable("sam-policy-templates");
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(T->date.size(), 10u);
  EXPECT_NE(T->source.find("603eb020adce9485a410e1667198c5268349dc88"), std::string_view::npos);
  EXPECT_EQ(samPolicyTemplates().size(), 81u) << "every template of SAM at that commit";
}

TEST(SamPolicyTemplates, LookupIsByExactName) {
  const SamPolicyTemplate *Crud = findSamPolicyTemplate("DynamoDBCrudPolicy");
  ASSERT_NE(Crud, nullptr);
  EXPECT_EQ(Crud->parameters, (std::vector<std::string>{"TableName"}));
  EXPECT_NE(findSamPolicyTemplate("KMSEncryptPolicy_v2"), nullptr);
  EXPECT_EQ(findSamPolicyTemplate("dynamodbcrudpolicy"), nullptr) << "SAM's names are case-sensitive";
  EXPECT_EQ(findSamPolicyTemplate("DynamoDBCrud"), nullptr);
  EXPECT_EQ(findSamPolicyTemplate(""), nullptr);
}

// Actions IAM does not have, though SAM's templates grant them: SQS batch
// calls are authorized by the single-message actions. Review this list when
// the table or the action database changes.
const std::set<std::string> NotIamActions = {"sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessageBatch"};

TEST(SamPolicyTemplates, EveryActionIsKnownToTheIamDatabase) {
  const IamDatabase &Db = iamDatabase();
  std::set<std::string> Unknown;
  for (const SamPolicyTemplate &T : samPolicyTemplates())
    for (const SamTemplateStatement &S : T.statements)
      for (const std::string &A : S.actions) {
        bool Known = A.find('*') == std::string::npos ? Db.findAction(A) != nullptr : Db.matchesAny(A);
        if (!Known)
          Unknown.insert(A);
      }
  EXPECT_EQ(Unknown, NotIamActions);
}

TEST(SamPolicyTemplates, PlaceholdersAreParametersOrPseudoParameters) {
  for (const SamPolicyTemplate &T : samPolicyTemplates()) {
    std::set<std::string> Used;
    auto Collect = [&](const std::string &Text) {
      for (std::size_t Open = Text.find("${"); Open != std::string::npos; Open = Text.find("${", Open + 2)) {
        std::size_t Close = Text.find('}', Open);
        ASSERT_NE(Close, std::string::npos) << T.name << ": " << Text;
        std::string Name = Text.substr(Open + 2, Close - Open - 2);
        if (Name.rfind("AWS::", 0) == 0)
          EXPECT_TRUE(Name == "AWS::Partition" || Name == "AWS::Region" || Name == "AWS::AccountId")
              << T.name << ": " << Name;
        else
          Used.insert(Name);
      }
    };
    ASSERT_FALSE(T.statements.empty()) << T.name;
    for (const SamTemplateStatement &S : T.statements) {
      EXPECT_EQ(S.effect, "Allow") << T.name;
      EXPECT_FALSE(S.actions.empty()) << T.name;
      EXPECT_FALSE(S.resources.empty()) << T.name;
      for (const std::string &R : S.resources) {
        EXPECT_TRUE(R == "*" || R.rfind("arn:${AWS::Partition}:", 0) == 0 || R.rfind("${", 0) == 0)
            << T.name << ": " << R;
        Collect(R);
      }
      for (const SamTemplateCondition &C : S.conditions) {
        EXPECT_NE(iamDatabase().findConditionKey(C.key), nullptr) << T.name << ": " << C.key;
        for (const std::string &V : C.values)
          Collect(V);
      }
    }
    EXPECT_EQ(Used, std::set<std::string>(T.parameters.begin(), T.parameters.end()))
        << T.name << ": every parameter is used, and only parameters";
  }
}

} // namespace
