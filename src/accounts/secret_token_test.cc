// SPDX-License-Identifier: Apache-2.0
#include "accounts/secret_token.h"

#include <gtest/gtest.h>

#include <set>

namespace baseline::accounts {
namespace {

TEST(SecretToken, IsUrlSafeAnd256BitsAndFresh) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto s = random_secret();
    EXPECT_EQ(s.size(), 43u);  // 32 bytes, base64 without padding
    EXPECT_TRUE(well_formed_secret(s)) << s;
    EXPECT_EQ(s.find_first_of("+/="), std::string::npos);
    EXPECT_TRUE(seen.insert(s).second);
  }
  EXPECT_EQ(random_secret(16).size(), 22u);
}

TEST(SecretToken, OnlyTheDigestIsStoredAndItMatchesOnlyItsSecret) {
  const auto secret = random_secret();
  const auto digest = secret_digest(secret);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(digest.find(secret), std::string::npos);
  EXPECT_EQ(digest, secret_digest(secret));  // deterministic: a lookup key
  EXPECT_TRUE(secret_matches(secret, digest));
  EXPECT_FALSE(secret_matches(random_secret(), digest));
  EXPECT_FALSE(secret_matches(secret, digest.substr(1)));
  EXPECT_FALSE(secret_matches(secret, ""));
}

TEST(SecretToken, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(SecretToken, WellFormedRejectsOtherShapes) {
  EXPECT_FALSE(well_formed_secret(""));
  EXPECT_FALSE(well_formed_secret(std::string(42, 'a')));
  EXPECT_FALSE(well_formed_secret(std::string(44, 'a')));
  EXPECT_FALSE(well_formed_secret(std::string(42, 'a') + "/"));
  EXPECT_TRUE(well_formed_secret(std::string(42, 'a') + "_"));
}

}  // namespace
}  // namespace baseline::accounts
