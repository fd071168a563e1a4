//===- tests/core/IamActionsTest.cpp - The IAM action database ------------===//

#include "core/IamActions.h"
#include "core/RuleInfo.h"
#include "support/ReviewedList.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using fnlint::IamAccessLevel;
using fnlint::IamAction;
using fnlint::IamDatabase;

namespace {

const IamDatabase &db() { return IamDatabase::embedded(); }

std::vector<std::string> names(const std::vector<const IamAction *> &Actions) {
  std::vector<std::string> Out;
  for (const IamAction *A : Actions)
    Out.push_back(A->qualifiedName());
  return Out;
}

std::string slurp(const std::filesystem::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::ostringstream S;
  S << In.rdbuf();
  return S.str();
}

/// A small table in the generated format, for the loader's own tests.
const char *const MiniTable = "# test\n"
                              "table\tiam-actions\nversion\t9.9.9\ndate\t2030-01-02\nsource\ttest\nformat\t1\n"
                              "G\taws:SourceArn\tARN\n"
                              "S\tdemo\tDemo Service\n"
                              "R\tthing\tarn:${Partition}:demo:${Region}:${Account}:thing/${Id}\taws:ResourceTag/${TagKey}\n"
                              "K\t:Flavour\tString\n"
                              "A\tMakeThing\tW\tthing*\t:Flavour\tthing=:Colour\n"
                              "A\tListThings\tL\t\t\n";

} // namespace

TEST(IamActions, EmbeddedTableParsesAndIsLarge) {
  EXPECT_GT(db().services().size(), 400u);
  EXPECT_GT(db().actionCount(), 20000u);
  EXPECT_EQ(db().info().name, "iam-actions");
  EXPECT_FALSE(db().info().version.empty());
  EXPECT_EQ(db().info().date.size(), 10u);
  // Every resource type an action names is declared by its service.
  for (const auto &S : db().services())
    for (const auto &A : S.actions)
      for (const auto &R : A.resources)
        EXPECT_NE(R.type, nullptr) << A.qualifiedName() << " names " << R.name;
}

TEST(IamActions, InfoMatchesCatalogueWithoutLoading) {
  fnlint::IamDataInfo I = fnlint::iamDataInfo();
  EXPECT_EQ(I.name, "iam-actions");
  EXPECT_EQ(I.version, db().info().version);
  EXPECT_EQ(I.date, db().info().date);
  const fnlint::DataTableInfo *T = fnlint::findDataTable("iam-actions");
  ASSERT_NE(T, nullptr);
  EXPECT_EQ(T->version, db().info().version);
  auto Header = nlohmann::json::parse(T->json);
  EXPECT_EQ(Header.at("format"), "1");
}

TEST(IamActions, LookupIgnoresCase) {
  for (const char *Spelling : {"s3:GetObject", "S3:getobject", "s3:GETOBJECT", "S3:GetObject"}) {
    const IamAction *A = db().findAction(Spelling);
    ASSERT_NE(A, nullptr) << Spelling;
    EXPECT_EQ(A->qualifiedName(), "s3:GetObject");
  }
  ASSERT_NE(db().findService("LAMBDA"), nullptr);
  EXPECT_EQ(db().findService("Lambda")->prefix, "lambda");
  EXPECT_NE(db().findAction("iam:passrole"), nullptr);
  EXPECT_EQ(db().findAction("s3:GetObjects"), nullptr);
  EXPECT_EQ(db().findAction("s3GetObject"), nullptr);
  EXPECT_EQ(db().findAction("s3:Get*"), nullptr) << "a pattern is not an action";
  EXPECT_EQ(db().findAction(""), nullptr);
}

TEST(IamActions, UnknownService) {
  EXPECT_EQ(db().findService("notaservice"), nullptr);
  EXPECT_EQ(db().findAction("notaservice:GetObject"), nullptr);
  EXPECT_TRUE(db().expand("notaservice:*").empty());
  EXPECT_FALSE(db().matchesAny("notaservice:Get*"));
  EXPECT_EQ(db().suggestService("qqqqqqqqqq"), nullptr);
  EXPECT_EQ(db().suggestAction("qqqqqqqqqq:Get"), "");
}

TEST(IamActions, PassStarRoleIsExactlyPassRole) {
  EXPECT_EQ(names(db().expand("iam:Pass*Role")), std::vector<std::string>{"iam:PassRole"});
  EXPECT_EQ(names(db().expand("IAM:PASS*ROLE")), std::vector<std::string>{"iam:PassRole"});
  EXPECT_EQ(names(db().expand("iam:P?ssRole")), std::vector<std::string>{"iam:PassRole"});
  EXPECT_EQ(names(db().expand("i*:PassRole")), std::vector<std::string>{"iam:PassRole"});
}

TEST(IamActions, ServiceStarIsEveryActionOfTheService) {
  const fnlint::IamService *Iam = db().findService("iam");
  ASSERT_NE(Iam, nullptr);
  EXPECT_EQ(db().expand("iam:*").size(), Iam->actions.size());
  EXPECT_EQ(db().expand("IAM:*").size(), Iam->actions.size());
  EXPECT_GT(Iam->actions.size(), 100u);
  // "iam*" crosses the colon: iam and every service whose prefix starts with "iam".
  std::size_t Expected = 0;
  for (const auto &S : db().services())
    if (S.prefix.substr(0, 3) == "iam")
      Expected += S.actions.size();
  EXPECT_EQ(db().expand("iam*").size(), Expected);
}

TEST(IamActions, StarMatchesEverything) {
  EXPECT_EQ(db().expand("*").size(), db().actionCount());
  EXPECT_EQ(db().expand("*:*").size(), db().actionCount());
  EXPECT_EQ(db().expand("**").size(), db().actionCount());
  EXPECT_TRUE(db().matchesAny("*"));
}

TEST(IamActions, GetStarAcl) {
  std::vector<std::string> Got = names(db().expand("s3:Get*Acl"));
  EXPECT_FALSE(Got.empty());
  for (const std::string &N : Got) {
    EXPECT_EQ(N.rfind("s3:Get", 0), 0u) << N;
    EXPECT_EQ(N.substr(N.size() - 3), "Acl") << N;
  }
  for (const char *Must : {"s3:GetBucketAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl"})
    EXPECT_NE(std::find(Got.begin(), Got.end(), Must), Got.end()) << Must;
  EXPECT_EQ(Got, names(db().expand("S3:get*ACL")));
}

TEST(IamActions, QuestionMarkIsExactlyOneCharacter) {
  EXPECT_EQ(names(db().expand("s3:GetObjec?")), std::vector<std::string>{"s3:GetObject"});
  for (const IamAction *A : db().expand("s3:GetObject?"))
    EXPECT_EQ(A->name.size(), 10u) << A->name;
  EXPECT_TRUE(db().expand("s3:?GetObject").empty());
  EXPECT_EQ(names(db().expand("s?:GetObject")), std::vector<std::string>{"s3:GetObject"});
  // '?' is one character, never none: "iam:PassRole?" does not match iam:PassRole.
  EXPECT_FALSE(db().matchesAny("iam:PassRole?"));
}

/// The plain definition the index-based expansion must agree with.
bool naiveMatch(std::string_view P, std::string_view S) {
  if (P.empty())
    return S.empty();
  if (P[0] == '*')
    return naiveMatch(P.substr(1), S) || (!S.empty() && naiveMatch(P, S.substr(1)));
  return !S.empty() && (P[0] == '?' || std::tolower(P[0]) == std::tolower(S[0])) && naiveMatch(P.substr(1), S.substr(1));
}

TEST(IamActions, ExpansionAgreesWithPlainMatching) {
  for (const char *P : {"*:Get*", "s*:Get*Acl", "*3:*", "i?m:*", "*Pass*", "iam*", "*:*Role", "ec2:Describe*s",
                        "**:*", "*:*:*", "lambda:*Function*", "?3:Get?bject", "*a:*b*"}) {
    std::vector<std::string> Want;
    for (const auto &S : db().services())
      for (const auto &A : S.actions)
        if (naiveMatch(P, A.qualifiedName()))
          Want.push_back(A.qualifiedName());
    EXPECT_EQ(names(db().expand(P)), Want) << P;
    EXPECT_EQ(db().matchesAny(P), !Want.empty()) << P;
  }
}

TEST(IamActions, PatternsThatMatchNothing) {
  EXPECT_FALSE(db().matchesAny("s3:GetObjects*Foo"));
  EXPECT_FALSE(db().matchesAny("s3"));
  EXPECT_FALSE(db().matchesAny(""));
  EXPECT_FALSE(db().matchesAny("s3:"));
  EXPECT_TRUE(db().matchesAny("s3:Get*"));
  EXPECT_TRUE(db().matchesAny("*:PassRole"));
}

TEST(IamActions, ActionsThatOnlyAcceptStar) {
  for (const char *Name : {"s3:ListAllMyBuckets", "sts:GetCallerIdentity", "ec2:DescribeInstances"}) {
    const IamAction *A = db().findAction(Name);
    ASSERT_NE(A, nullptr) << Name;
    EXPECT_FALSE(A->supportsResourceLevelPermissions()) << Name;
  }
  const IamAction *Pass = db().findAction("iam:PassRole");
  ASSERT_NE(Pass, nullptr);
  EXPECT_TRUE(Pass->supportsResourceLevelPermissions());
  ASSERT_EQ(Pass->resources.size(), 1u);
  EXPECT_EQ(Pass->resources[0].name, "role");
  EXPECT_TRUE(Pass->resources[0].required);
  ASSERT_NE(Pass->resources[0].type, nullptr);
  ASSERT_FALSE(Pass->resources[0].type->arnFormats.empty());
  EXPECT_EQ(Pass->resources[0].type->arnFormats[0], "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
}

TEST(IamActions, AccessLevels) {
  auto Level = [](const char *Name) {
    const IamAction *A = db().findAction(Name);
    EXPECT_NE(A, nullptr) << Name;
    return A ? A->level : IamAccessLevel::List;
  };
  EXPECT_EQ(Level("iam:PassRole"), IamAccessLevel::Write);
  EXPECT_EQ(Level("iam:PutRolePolicy"), IamAccessLevel::PermissionsManagement);
  EXPECT_EQ(Level("iam:AttachRolePolicy"), IamAccessLevel::PermissionsManagement);
  EXPECT_EQ(Level("s3:GetObject"), IamAccessLevel::Read);
  EXPECT_EQ(Level("s3:ListAllMyBuckets"), IamAccessLevel::List);
  EXPECT_EQ(Level("iam:TagRole"), IamAccessLevel::Tagging);
  EXPECT_EQ(Level("lambda:InvokeFunction"), IamAccessLevel::Write);
  EXPECT_EQ(fnlint::iamAccessLevelName(IamAccessLevel::PermissionsManagement), "Permissions management");
}

TEST(IamActions, ResourceTypesAndConditionKeys) {
  const IamAction *Pass = db().findAction("iam:PassRole");
  ASSERT_NE(Pass, nullptr);
  // Own-prefix keys are stored abbreviated in the table and come back whole.
  EXPECT_NE(std::find(Pass->conditionKeys.begin(), Pass->conditionKeys.end(), "iam:PassedToService"),
            Pass->conditionKeys.end());
  const IamAction *Run = db().findAction("ec2:RunInstances");
  ASSERT_NE(Run, nullptr);
  auto Instance = std::find_if(Run->resources.begin(), Run->resources.end(),
                               [](const auto &R) { return R.name == "instance"; });
  ASSERT_NE(Instance, Run->resources.end());
  EXPECT_TRUE(Instance->required);
  EXPECT_NE(std::find(Instance->conditionKeys.begin(), Instance->conditionKeys.end(), "ec2:InstanceType"),
            Instance->conditionKeys.end());

  ASSERT_NE(db().findConditionKey("aws:SourceArn"), nullptr);
  ASSERT_NE(db().findConditionKey("AWS:sourcearn"), nullptr);
  ASSERT_NE(db().findConditionKey("aws:RequestTag/team"), nullptr);
  ASSERT_NE(db().findConditionKey("aws:PrincipalTag/team"), nullptr);
  ASSERT_NE(db().findConditionKey("iam:PassedToService"), nullptr);
  ASSERT_NE(db().findConditionKey("s3:ExistingObjectTag/owner"), nullptr);
  EXPECT_EQ(db().findConditionKey("iam:PassedToServices"), nullptr);
  EXPECT_EQ(db().findConditionKey("aws:NoSuchKey"), nullptr);
  EXPECT_EQ(db().findConditionKey("aws:RequestTag/"), nullptr);
  EXPECT_GT(db().globalConditionKeys().size(), 30u);

  // Keys a service lists under another prefix: identity providers' (sts) too.
  EXPECT_NE(db().findConditionKey("accounts.google.com:aud"), nullptr);
  EXPECT_NE(db().findConditionKey("SAML:sub"), nullptr);
  EXPECT_NE(db().findConditionKey("token.actions.githubusercontent.com:repository"), nullptr);
  EXPECT_NE(db().findConditionKey("iam:ResourceTag/team"), nullptr);
  EXPECT_EQ(db().findConditionKey("accounts.google.com:nope"), nullptr);
}

TEST(IamActions, ConditionKeyDidYouMean) {
  EXPECT_EQ(db().suggestConditionKey("aws:SourceArm"), "aws:SourceArn");
  EXPECT_EQ(db().suggestConditionKey("aws:sourceAccont"), "aws:SourceAccount");
  EXPECT_EQ(db().suggestConditionKey("aws:RequestTags/team"), "aws:RequestTag/team");
  EXPECT_EQ(db().suggestConditionKey("iam:PassedToServices"), "iam:PassedToService");
  EXPECT_EQ(db().suggestConditionKey("lamda:FunctionArn"), "lambda:FunctionArn");
  EXPECT_EQ(db().suggestConditionKey("aws:Qqqqqqqqqqqqqq"), "");
  EXPECT_EQ(db().suggestConditionKey("aws:Source*"), "");
}

TEST(IamActions, DidYouMean) {
  EXPECT_EQ(db().suggestAction("s3:GetObjects"), "s3:GetObject");
  EXPECT_EQ(db().suggestAction("s3:getobjcet"), "s3:GetObject");
  EXPECT_EQ(db().suggestAction("lamda:InvokeFunction"), "lambda:InvokeFunction");
  EXPECT_EQ(db().suggestAction("lamda:InvokeFuntion"), "lambda:InvokeFunction");
  EXPECT_EQ(db().suggestAction("iam:PasRole"), "iam:PassRole");
  ASSERT_NE(db().suggestService("lamda"), nullptr);
  EXPECT_EQ(db().suggestService("lamda")->prefix, "lambda");
  EXPECT_EQ(db().suggestService("dynamodbb")->prefix, "dynamodb");
  EXPECT_EQ(db().suggestAction("s3:CompletelyDifferentThing"), "");
  EXPECT_EQ(db().suggestAction("s3:Get*"), "") << "patterns get no suggestion";
  EXPECT_EQ(db().suggestAction("nocolon"), "");
}

TEST(IamActions, LoadsTableFromDirectory) {
  std::filesystem::path Dir = std::filesystem::path(FNLINT_BINARY_DIR) / "iam-data-test";
  std::filesystem::create_directories(Dir);
  std::ofstream(Dir / "iam-actions.tsv", std::ios::binary) << MiniTable;
  std::string Error;
  auto Db = IamDatabase::load(Dir.string(), Error);
  ASSERT_NE(Db, nullptr) << Error;
  EXPECT_EQ(Db->info().version, "9.9.9");
  EXPECT_EQ(Db->info().date, "2030-01-02");
  EXPECT_EQ(Db->actionCount(), 2u);
  const IamAction *Make = Db->findAction("DEMO:makething");
  ASSERT_NE(Make, nullptr);
  EXPECT_EQ(Make->level, IamAccessLevel::Write);
  EXPECT_EQ(Make->conditionKeys, std::vector<std::string_view>{"demo:Flavour"});
  ASSERT_EQ(Make->resources.size(), 1u);
  EXPECT_EQ(Make->resources[0].conditionKeys, std::vector<std::string_view>{"demo:Colour"});
  EXPECT_FALSE(Db->findAction("demo:ListThings")->supportsResourceLevelPermissions());
  EXPECT_EQ(names(Db->expand("*")), (std::vector<std::string>{"demo:ListThings", "demo:MakeThing"}));
  // The file itself works too.
  EXPECT_NE(IamDatabase::load((Dir / "iam-actions.tsv").string(), Error), nullptr) << Error;

  // The process-wide switch --iam-data uses.
  ASSERT_TRUE(fnlint::setIamDataDirectory(Dir.string(), Error)) << Error;
  EXPECT_EQ(fnlint::iamDatabase().info().version, "9.9.9");
  EXPECT_EQ(fnlint::iamDataInfo().version, "9.9.9");
  // Put the embedded table back for the other tests, as a copy loaded from the source tree.
  ASSERT_TRUE(fnlint::setIamDataDirectory(std::string(FNLINT_SOURCE_DIR) + "/rules/data", Error)) << Error;
  EXPECT_EQ(fnlint::iamDatabase().actionCount(), db().actionCount());
  EXPECT_EQ(fnlint::iamDataInfo().version, db().info().version);
}

TEST(IamActions, MalformedTablesNameFileAndLine) {
  std::string Error;
  EXPECT_EQ(IamDatabase::load("/nonexistent/dir", Error), nullptr);
  EXPECT_NE(Error.find("/nonexistent/dir"), std::string::npos) << Error;

  std::string Bad = MiniTable;
  Bad += "A\tBroken\tX\t\t\n";
  EXPECT_EQ(IamDatabase::parse(Bad, "t.tsv", Error), nullptr);
  EXPECT_EQ(Error, "t.tsv:13: unknown access level 'X'");

  EXPECT_EQ(IamDatabase::parse("table\tiam-actions\nversion\t1\ndate\t2030-01-01\nformat\t2\n", "t.tsv", Error),
            nullptr);
  EXPECT_NE(Error.find("t.tsv:4: table format 2"), std::string::npos) << Error;

  EXPECT_EQ(IamDatabase::parse("S\tdemo\tDemo\n", "t.tsv", Error), nullptr);
  EXPECT_NE(Error.find("t.tsv:1: missing header"), std::string::npos) << Error;

  EXPECT_EQ(IamDatabase::parse(std::string(MiniTable) + "K\t\tString\n", "t.tsv", Error), nullptr);
  EXPECT_EQ(Error, "t.tsv:13: a condition key line has KEY and TYPE");

  std::string Crlf;
  for (const char *C = MiniTable; *C; ++C)
    Crlf += *C == '\n' ? std::string("\r\n") : std::string(1, *C);
  auto FromWindows = IamDatabase::parse(Crlf, "t.tsv", Error);
  ASSERT_NE(FromWindows, nullptr) << Error;
  EXPECT_NE(FromWindows->findAction("demo:MakeThing"), nullptr);

  EXPECT_EQ(IamDatabase::parse(std::string(MiniTable) + "A\tmakething\tW\t\t\n", "t.tsv", Error), nullptr);
  EXPECT_NE(Error.find("'demo:makething' appears twice"), std::string::npos) << Error;
}

TEST(IamActions, ConcurrentFirstUseIsSafe) {
  // Run alone, as CTest runs each test, this is the table's first use, from four
  // threads at once; run with the others it checks shared lookups.
  std::vector<std::thread> Threads;
  std::vector<std::size_t> Counts(4);
  for (std::size_t I = 0; I < Counts.size(); ++I)
    Threads.emplace_back([&, I] { Counts[I] = db().expand("s3:*").size() + db().expand("*:Get*").size(); });
  for (auto &T : Threads)
    T.join();
  for (std::size_t C : Counts)
    EXPECT_EQ(C, Counts[0]);
}

TEST(IamActions, TimesLoadAndExpand) {
  // The first use of the embedded table is what a scan pays (bench/iam-db.sh runs
  // this test alone, in a fresh process, so that it is the first use). Then a fresh
  // parse of the same text, whatever ran before. Printed, not asserted: shared
  // machines drift too much (bench/README.md, "Reporting numbers").
  using Ms = std::chrono::duration<double, std::milli>;
  auto Start = std::chrono::steady_clock::now();
  const IamDatabase &Embedded = IamDatabase::embedded();
  auto FirstUse = std::chrono::steady_clock::now() - Start;
  std::string Text = slurp(std::string(FNLINT_SOURCE_DIR) + "/rules/data/iam-actions.tsv");
  std::string Error;
  Start = std::chrono::steady_clock::now();
  auto Db = IamDatabase::parse(Text, "copy", Error);
  auto Parse = std::chrono::steady_clock::now() - Start;
  ASSERT_NE(Db, nullptr) << Error;
  EXPECT_EQ(Db->actionCount(), Embedded.actionCount());
  Start = std::chrono::steady_clock::now();
  std::size_t N = 0;
  for (int I = 0; I < 100; ++I)
    N += Db->expand("*:Get*").size() + Db->expand("s3:Get*Acl").size() + Db->expand("iam:Pass*Role").size();
  auto Expand = std::chrono::steady_clock::now() - Start;
  std::printf("[ iam-db   ] embedded first use %.1f ms; parse %.1f ms; 300 expansions %.1f ms (%zu matches)\n",
              Ms(FirstUse).count(), Ms(Parse).count(), Ms(Expand).count(), N);
}

// Every action AWS's own managed policies name is in the database, or listed in
// iam-unknown-managed-policy-actions.txt (retired services, AWS typos).
TEST(IamActions, CorpusActionsAreKnownOrListed) {
  namespace fs = std::filesystem;
  fs::path Corpus = fs::path(FNLINT_SOURCE_DIR) / ".." / "shared" / "corpus" / "aws-managed-policies";
  if (!fs::is_directory(Corpus))
    GTEST_SKIP() << "corpus not found at " << Corpus.string() << " (CI has it; see ../shared/corpus/README.md)";
  fs::path ListFile = fs::path(FNLINT_SOURCE_DIR) / "tests" / "core" / "iam-unknown-managed-policy-actions.txt";

  std::set<std::string> Unknown;
  std::size_t Policies = 0, References = 0, Empty = 0;
  auto Check = [&](const nlohmann::json &V) {
    if (!V.is_string())
      return;
    std::string A = V.get<std::string>();
    ++References;
    bool Known = A.find_first_of("*?") == std::string::npos ? db().findAction(A) != nullptr : db().matchesAny(A);
    if (!Known)
      Unknown.insert(A);
  };
  std::vector<fs::path> Files;
  for (const auto &E : fs::directory_iterator(Corpus))
    Files.push_back(E.path());
  std::sort(Files.begin(), Files.end());
  for (const fs::path &F : Files) {
    std::string Text = slurp(F);
    if (Text.find_first_not_of(" \t\r\n") == std::string::npos) {
      ++Empty; // two files of the February 2025 snapshot are empty
      continue;
    }
    auto J = nlohmann::json::parse(Text);
    const auto &Doc = J.at("PolicyVersion").at("Document");
    ++Policies;
    nlohmann::json Statements = Doc.at("Statement");
    if (!Statements.is_array())
      Statements = nlohmann::json::array({Statements});
    for (const auto &S : Statements)
      for (const char *Key : {"Action", "NotAction"})
        if (S.contains(Key)) {
          if (S[Key].is_array())
            for (const auto &V : S[Key])
              Check(V);
          else
            Check(S[Key]);
        }
  }
  std::printf("[ iam-db   ] %zu policies (%zu empty files skipped), %zu action strings, %zu match nothing\n",
              Policies, Empty, References, Unknown.size());

  auto Ordered = std::vector<std::string>(Unknown.begin(), Unknown.end());
  std::sort(Ordered.begin(), Ordered.end(), [](const std::string &A, const std::string &B) {
    std::string LA = A, LB = B;
    std::transform(LA.begin(), LA.end(), LA.begin(), ::tolower);
    std::transform(LB.begin(), LB.end(), LB.begin(), ::tolower);
    return LA != LB ? LA < LB : A < B;
  });
  if (fnlint::test::updateOrCheckReviewedList(ListFile.string(), Ordered, [](const std::string &A) {
        std::string Near = db().suggestAction(A);
        return "AWS managed policies use " + A + ", which matches no action" +
               (Near.empty() ? "" : " (did you mean " + Near + "?)");
      }))
    GTEST_SKIP() << "rewrote " << ListFile.string();
}
