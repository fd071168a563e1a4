//===- tests/analyzers/SecretEngineTest.cpp - The secret engine's helpers ----===//
#include "analyzers/secrets/SecretEngine.h"

#include <gtest/gtest.h>

using namespace fnlint::secrets;

TEST(SecretEngine, DecodesTheAccountOfAnAccessKeyId) {
  // The research's test vector, confirmed by AWS's GetAccessKeyInfo.
  EXPECT_EQ(awsAccountOfKeyId("ASIAY34FZKBOKMUTVV7A"), std::optional<std::string>("609629065308"));
  EXPECT_EQ(awsAccountOfKeyId("AKIAIOSFODNN7EXAMPLE"), std::nullopt) << "old-format ids (AKIAI...) encode none";
  EXPECT_EQ(awsAccountOfKeyId("AKIA0000000000000000"), std::nullopt) << "0 is not base32";
}

TEST(SecretEngine, EntropyOfRandomAndRepetitiveStrings) {
  EXPECT_DOUBLE_EQ(shannonEntropy("aaaaaaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannonEntropy("abcdabcd"), 2.0);
  EXPECT_GT(shannonEntropy("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9yKEY8pq"), 4.25);
}

TEST(SecretEngine, RedactionKeepsAtMostFourCharacters) {
  EXPECT_EQ(redact("ghp_0123456789abcdefghijABCDEFGHIJ012345"), "ghp_\u2026 (40 characters)");
  EXPECT_EQ(redact("hunter2!"), "hu\u2026 (8 characters)") << "short secrets show less";
  EXPECT_EQ(redact("abc"), "\u2026 (3 characters)");
}

TEST(SecretEngine, PlaceholdersAreNotSecrets) {
  for (const char *V : {"${DB_PASSWORD}", "<your-api-key>", "xxxxxxxxxxxx", "your_api_key_here", "{{ secret }}",
                        "changeme", "process.env.TOKEN", "********", "%API_KEY%", "$TOKEN"})
    EXPECT_TRUE(looksLikePlaceholder(V)) << V;
  for (const char *V : {"hunter2-Blue!", "8f3kd93jfk39dkw", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"})
    EXPECT_FALSE(looksLikePlaceholder(V)) << V;
}

TEST(SecretEngine, ThirdPartyFolders) {
  EXPECT_TRUE(isThirdPartyPath("fn.zip!/node_modules/aws-sdk/lib/config.js"));
  EXPECT_TRUE(isThirdPartyPath("layer.zip!/python/lib/python3.12/site-packages/requests/api.py"));
  EXPECT_TRUE(isThirdPartyPath("fn.zip!/lib/jackson-databind-2.17.0.jar!/META-INF/MANIFEST.MF"));
  EXPECT_FALSE(isThirdPartyPath("src/lib/db.py")) << "a project's own lib/ folder";
  EXPECT_FALSE(isThirdPartyPath("fn.zip!/index.mjs"));
}

TEST(SecretEngine, WordBoundaries) {
  EXPECT_TRUE(atWordBoundary("key=abc;", 4, 7));
  EXPECT_FALSE(atWordBoundary("xabc", 1, 4));
  EXPECT_FALSE(atWordBoundary("abc_", 0, 3));
}

namespace {

std::vector<Hit> scanText(std::string_view Path, std::string_view Text, bool Binary = false) {
  Content C;
  C.path = Path;
  C.text = Text;
  C.binary = Binary;
  return SecretEngine::get().scan(C);
}

} // namespace

TEST(SecretEngine, AKeyPairDoesNotHideWhatLiesBetweenItsParts) {
  std::string Text = "AWS_ACCESS_KEY_ID = \"AKIAWE3QFC2EDKRVJCXH\"\n"
                     "GITHUB_TOKEN = \"ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfe\"\n"
                     "AWS_SECRET_ACCESS_KEY = \"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\"\n";
  std::vector<Hit> Hits = scanText("config.py", Text);
  ASSERT_EQ(Hits.size(), 2u);
  EXPECT_EQ(Hits[0].ruleId, "secret/aws-access-key");
  EXPECT_EQ(Hits[1].ruleId, "secret/github-token");
  auto Parts = Hits[0].parts();
  ASSERT_EQ(Parts.size(), 2u) << "the key id and the secret key, not the lines between";
  EXPECT_EQ(Text.substr(Parts[0].first, Parts[0].second - Parts[0].first), "AKIAWE3QFC2EDKRVJCXH");
  EXPECT_EQ(Text.substr(Parts[1].first, Parts[1].second - Parts[1].first), "2BqYzvTb796XmbsMCbtWhlv0CDkINQswBm+E2DWU");
}

TEST(SecretEngine, ManyOverlappingHitsKeepTheHighestPriority) {
  // A generic assignment over every token: the token format wins each time.
  std::string Text;
  for (int I = 0; I < 2000; ++I)
    Text += "api_token = \"ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfe\"\n";
  std::vector<Hit> Hits = scanText("tokens.py", Text);
  ASSERT_EQ(Hits.size(), 2000u);
  for (const Hit &H : Hits)
    EXPECT_EQ(H.ruleId, "secret/github-token");
}

TEST(SecretEngine, FixedLengthTokensInBinariesNeedNoBoundaryAfter) {
  // Go string data: literals back to back. A .pyc: a length byte before, a type byte after.
  std::string Go = "parktoken ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfetried to park"
                   "37252902984619140625AKIAWE3QFC2EDKRVJCXHEgyptian_Hieroglyphs\n";
  std::vector<Hit> Hits = scanText("bootstrap", Go, /*Binary=*/true);
  std::vector<std::string> Found;
  for (const Hit &H : Hits)
    Found.push_back(H.secret);
  EXPECT_EQ(Found, (std::vector<std::string>{"ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfe", "AKIAWE3QFC2EDKRVJCXH"}))
      << "each exactly its format's length";
  std::string Pyc = "(ghp_4YvTBRadK2urfxk1ck9o9tAChBsnEbDyptfez8\n"
                    "AKIAWE3QFC2EDKRVJCXHz(2BqYzvTb796XmbsMCbtWhlv0CDkINQswBm+E2DWUc\n";
  Hits = scanText("handler.cpython-312.pyc", Pyc, true);
  ASSERT_EQ(Hits.size(), 2u);
  EXPECT_EQ(Hits[0].ruleId, "secret/github-token");
  EXPECT_EQ(Hits[1].ruleId, "secret/aws-access-key") << "the secret's length byte (40, '(') delimits it";
}

TEST(SecretEngine, APresignedUrlIsNotAKeyPair) {
  std::string Url = "https://b.s3.amazonaws.com/r.csv?X-Amz-Credential=ASIAR5YU77FWDS5ARQ2V%2F20240101%2Fus-east-1%2Fs3"
                    "%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEn0G9W8uw8de9puyHB9d3xvE%2Fpg3mKBxfeN4"
                    "%2F2Fjtq8Lm3Vx9Rk2Wp7Yz4Nc6Hb1Gd5Sf0Ja8Ue3Io%2BYV09XywulF6Rkp4Z&X-Amz-Signature=5f0c2a9e7b1d";
  for (const Hit &H : scanText("fixture.py", "URL = \"" + Url + "\"\n"))
    EXPECT_NE(H.ruleId, "secret/aws-access-key") << "a 40-character piece between two %XX escapes";
}

TEST(SecretEngine, NamesOfSecretsAreNotSecretValues) {
  for (const char *V : {"prod/orders/db-credentials", "payments/stripe-api-key", "alias/jwt-signing",
                        "__Host-session-token", "orders-db-password-v2", "myapp-prod-", "AWSCURRENT"})
    EXPECT_FALSE(looksLikeSecretValue(V)) << V;
  for (const char *V : {"Xr9#mK2$vL8@pQ4!", "IKYDi8E4CJjyNTbCN4NZ", "hunter2-Blue!", "Summer2024",
                        "correct-Horse7-battery!"})
    EXPECT_TRUE(looksLikeSecretValue(V)) << V;
}

TEST(SecretEngine, DependencyFoldersAreWholePathComponents) {
  EXPECT_TRUE(isThirdPartyPath("vendor/github.com/acme/x/config.go"));
  EXPECT_TRUE(isThirdPartyPath("python/lib/python3.12/site-packages/requests/api.py"));
  EXPECT_TRUE(isThirdPartyPath("fn.zip!/requests-2.31.0.dist-info/METADATA"));
  EXPECT_FALSE(isThirdPartyPath("payment-vendor/app.py")) << "a folder whose name ends in vendor";
  EXPECT_FALSE(isThirdPartyPath("my_node_modules/app.js"));
  EXPECT_FALSE(isThirdPartyPath("src/vendor")) << "a file named vendor";
}

TEST(SecretEngine, RedactionKeepsWholeCharacters) {
  EXPECT_EQ(redact("ab\u20ac9Kx2mQ7vL4pZ8wR3t"), "ab\u20ac9\u2026 (20 characters)") << "the euro sign is one character";
  EXPECT_EQ(redact("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"), "\u00e9\u00e9\u2026 (8 characters)");
}

TEST(SecretEngine, DotEnvCommentIsNotPartOfTheValue) {
  std::vector<Hit> Hits = scanText("app/.env", "API_TOKEN=Zq81Lm7Kt0aBvX2pQ9sW # prod token\n"
                                               "DB_PASSWORD=\"IKYDi8E4 #CJjyNTbCN4NZ\" # quoted: '#' inside is the value's\n");
  ASSERT_EQ(Hits.size(), 2u);
  EXPECT_EQ(Hits[0].secret, "Zq81Lm7Kt0aBvX2pQ9sW");
  EXPECT_EQ(Hits[1].secret, "IKYDi8E4 #CJjyNTbCN4NZ");
}

TEST(SecretEngine, TypeScriptNonNullAssertionIsCode) {
  EXPECT_TRUE(scanText("src/s3.ts", "  sessionToken: creds.SessionToken!,\n").empty());
  EXPECT_EQ(scanText("src/s3.ts", "  password: \"Zq81Lm7Kt0aBvX2pQ9sW!\",\n").size(), 1u) << "a quoted value keeps its '!'";
}
