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
