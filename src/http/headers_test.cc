// SPDX-License-Identifier: Apache-2.0
#include "http/headers.h"

#include <gtest/gtest.h>

#include "http/client.h"

namespace baseline::http {
namespace {

TEST(Hsts, ParsesDirectives) {
  auto h = parse_hsts("max-age=31536000; includeSubDomains; preload");
  ASSERT_TRUE(h.valid) << h.error;
  EXPECT_EQ(*h.max_age, 31536000u);
  EXPECT_TRUE(h.include_subdomains);
  EXPECT_TRUE(h.preload);
  EXPECT_EQ(*parse_hsts("MAX-AGE=\"300\"").max_age, 300u);
}

TEST(Hsts, RejectsMalformed) {
  EXPECT_FALSE(parse_hsts("").valid);
  EXPECT_FALSE(parse_hsts("includeSubDomains").valid);
  EXPECT_FALSE(parse_hsts("max-age=abc").valid);
  EXPECT_FALSE(parse_hsts("max-age=1; max-age=2").valid);
  EXPECT_FALSE(parse_hsts("max-age=-1").valid);
  EXPECT_TRUE(parse_hsts("max-age=99999999999999999999999").valid);
}

TEST(Csp, StrictPolicyHasNoFindings) {
  auto csp = analyze_csp(
      "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  EXPECT_TRUE(csp.findings.empty());
  EXPECT_TRUE(csp.has_frame_ancestors);
}

TEST(Csp, ListsEachFinding) {
  auto csp = analyze_csp("default-src *; script-src 'self' 'unsafe-inline' https:");
  std::string all;
  for (const auto& f : csp.findings) all += f + "|";
  EXPECT_NE(all.find("default-src allows any host"), std::string::npos) << all;
  EXPECT_NE(all.find("script-src allows 'unsafe-inline'"), std::string::npos) << all;
  EXPECT_NE(all.find("script-src allows a whole scheme (https:)"), std::string::npos) << all;
  EXPECT_NE(all.find("default-src is not 'none' or 'self'"), std::string::npos) << all;
  EXPECT_NE(all.find("no frame-ancestors"), std::string::npos) << all;
  EXPECT_NE(all.find("no base-uri"), std::string::npos) << all;
  EXPECT_NE(all.find("no form-action"), std::string::npos) << all;
}

TEST(ReferrerPolicy, LastKnownTokenWins) {
  EXPECT_TRUE(parse_referrer_policy("no-referrer").good);
  EXPECT_FALSE(parse_referrer_policy("unsafe-url").good);
  EXPECT_TRUE(parse_referrer_policy("unsafe-url, strict-origin-when-cross-origin").good);
  EXPECT_TRUE(parse_referrer_policy("no-referrer, bogus").good);
  EXPECT_FALSE(parse_referrer_policy("").policy.has_value());
}

TEST(FrameAndSniff, Values) {
  EXPECT_TRUE(x_frame_options_good("DENY"));
  EXPECT_TRUE(x_frame_options_good(" sameorigin "));
  EXPECT_FALSE(x_frame_options_good("ALLOWALL"));
  EXPECT_TRUE(x_content_type_options_good("nosniff"));
  EXPECT_FALSE(x_content_type_options_good("sniff"));
}

TEST(Url, ParseAndResolve) {
  auto u = parse_url("HTTPS://Example.NL:8443/a/b?c");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "example.nl");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->target, "/a/b?c");
  auto r = resolve_location(*u, "/x");
  EXPECT_EQ(r->text(), "https://example.nl:8443/x");
  EXPECT_EQ(resolve_location(*u, "//other.nl/")->text(), "https://other.nl/");
  EXPECT_EQ(resolve_location(*u, "http://example.nl/")->scheme, "http");
  EXPECT_FALSE(parse_url("ftp://x/"));
  EXPECT_FALSE(parse_url("https://host:99999/"));
}

}  // namespace
}  // namespace baseline::http
