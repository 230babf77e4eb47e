// SPDX-License-Identifier: Apache-2.0
#include "accounts/password_hash.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace baseline::accounts {
namespace {

TEST(PasswordHash, IsArgon2idWithInteractiveLimitsAndVerifies) {
  auto hash = hash_password("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(*hash, "Correct horse battery staple"));
  EXPECT_FALSE(needs_rehash(*hash));
}

TEST(PasswordHash, SaltedSoEqualPasswordsHashDifferently) {
  auto a = hash_password("same");
  auto b = hash_password("same");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(verify_password(*a, "same"));
  EXPECT_TRUE(verify_password(*b, "same"));
}

TEST(PasswordHash, RefusesEmptyAndOverlongPasswords) {
  EXPECT_FALSE(hash_password("").ok());
  EXPECT_FALSE(hash_password(std::string(kMaxPasswordBytes + 1, 'x')).ok());
  EXPECT_TRUE(hash_password(std::string(kMaxPasswordBytes, 'x')).ok());
}

TEST(PasswordHash, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("plaintext", "plaintext"));
  EXPECT_FALSE(verify_password(std::string(500, '$'), "x"));
  auto hash = hash_password("pw");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(verify_password(*hash, ""));
  EXPECT_TRUE(needs_rehash("plaintext"));
}

TEST(PasswordHash, HashWithOtherLimitsVerifiesButAsksForRehash) {
  ASSERT_GE(sodium_init(), 0);
  char moderate[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(moderate, "pw", 2, crypto_pwhash_OPSLIMIT_INTERACTIVE + 1,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
  EXPECT_TRUE(verify_password(moderate, "pw"));
  EXPECT_TRUE(needs_rehash(moderate));
}

}  // namespace
}  // namespace baseline::accounts
