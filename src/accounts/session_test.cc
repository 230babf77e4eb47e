// SPDX-License-Identifier: Apache-2.0
#include "accounts/session.h"

#include <gtest/gtest.h>

#include "accounts/account_name.h"
#include "accounts/secret_token.h"

namespace baseline::accounts {
namespace {

TEST(Session, StartKeepsOnlyTheDigest) {
  const auto s = start_session();
  EXPECT_TRUE(well_formed_secret(s.cookie_secret));
  EXPECT_TRUE(secret_matches(s.cookie_secret, s.stored_digest));
  EXPECT_NE(s.csrf_token, s.cookie_secret);
  EXPECT_NE(start_session().cookie_secret, s.cookie_secret);
}

TEST(Session, CookieAttributes) {
  const auto cookie = session_cookie("abc", std::chrono::hours(8));
  EXPECT_EQ(cookie,
            "baseline_session=abc; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Strict");
  EXPECT_NE(cleared_session_cookie().find("Max-Age=0"), std::string::npos);
}

TEST(Session, CookieValue) {
  EXPECT_EQ(cookie_value("a=1; baseline_session=xyz; b=2", "baseline_session"), "xyz");
  EXPECT_EQ(cookie_value("baseline_session=xyz", "baseline_session"), "xyz");
  EXPECT_EQ(cookie_value("xbaseline_session=1", "baseline_session"), std::nullopt);
  EXPECT_EQ(cookie_value("", "baseline_session"), std::nullopt);
  EXPECT_EQ(cookie_value(std::string(kMaxCookieHeaderBytes + 1, 'a'), "a"), std::nullopt);
}

TEST(Session, CsrfCompare) {
  const auto s = start_session();
  EXPECT_TRUE(csrf_valid(s.csrf_token, s.csrf_token));
  EXPECT_FALSE(csrf_valid(s.csrf_token, ""));
  EXPECT_FALSE(csrf_valid(s.csrf_token, random_secret()));
  EXPECT_FALSE(csrf_valid("", ""));
}

TEST(AccountName, Rules) {
  EXPECT_EQ(account_name_problem("alice"), "");
  EXPECT_EQ(account_name_problem("cert-team@example.nl"), "");
  EXPECT_EQ(account_name_problem("Alice_2"), "");
  EXPECT_NE(account_name_problem(""), "");
  EXPECT_NE(account_name_problem("-alice"), "");
  EXPECT_NE(account_name_problem("a:b"), "");  // would break HTTP Basic
  EXPECT_NE(account_name_problem("a b"), "");
  EXPECT_NE(account_name_problem(std::string(kMaxAccountName + 1, 'a')), "");
  EXPECT_EQ(account_key("Alice"), "alice");
}

}  // namespace
}  // namespace baseline::accounts
