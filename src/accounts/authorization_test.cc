// SPDX-License-Identifier: Apache-2.0
#include "accounts/authorization.h"

#include <gtest/gtest.h>

#include "accounts/secret_token.h"

namespace baseline::accounts {
namespace {

TEST(Authorization, Basic) {
  // "alice:open sesame:with colon" in base64
  auto a = parse_authorization("Basic YWxpY2U6b3BlbiBzZXNhbWU6d2l0aCBjb2xvbg==");
  auto* basic = std::get_if<BasicCredentials>(&a);
  ASSERT_NE(basic, nullptr);
  EXPECT_EQ(basic->user, "alice");
  EXPECT_EQ(basic->password, "open sesame:with colon");
  EXPECT_TRUE(std::holds_alternative<BasicCredentials>(parse_authorization("basic YTpi")));
}

TEST(Authorization, Bearer) {
  const auto token = random_secret();
  auto a = parse_authorization("Bearer " + token);
  auto* bearer = std::get_if<BearerToken>(&a);
  ASSERT_NE(bearer, nullptr);
  EXPECT_EQ(bearer->token, token);
}

TEST(Authorization, MalformedIsNoCredentials) {
  for (std::string bad : {"", "Basic", "Basic ", "Basic !!!!", "Basic YWxpY2U=" /* no colon */,
                          "Basic OmI=" /* empty user */, "Basic YTo=" /* empty password */,
                          "Bearer short", "Digest abc", "BasicYTpi", "Basic YTpi extra"}) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(parse_authorization(bad))) << bad;
  }
  EXPECT_TRUE(std::holds_alternative<std::monostate>(
      parse_authorization("Basic " + std::string(kMaxAuthorizationBytes, 'A'))));
  EXPECT_NE(basic_challenge().find("Basic realm="), std::string_view::npos);
}

}  // namespace
}  // namespace baseline::accounts
