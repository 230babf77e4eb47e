// SPDX-License-Identifier: Apache-2.0
#include "http/security_txt.h"

#include <gtest/gtest.h>

namespace baseline::http {
namespace {

constexpr long long kNow = 1795000000;  // 2026-11-17

TEST(SecurityTxt, ValidFilePasses) {
  auto s = parse_security_txt(
      "# comment\nContact: mailto:security@example.nl\nExpires: 2027-03-01T00:00:00Z\n"
      "Preferred-Languages: en, nl\nCanonical: https://example.nl/.well-known/security.txt\n",
      "text/plain; charset=utf-8", "https://example.nl/.well-known/security.txt", kNow);
  EXPECT_TRUE(s.findings.empty()) << s.findings.front();
  EXPECT_EQ(s.contacts.size(), 1u);
}

TEST(SecurityTxt, Findings) {
  auto s = parse_security_txt(
      "Expires: 2020-01-01T00:00:00Z\nExpires: 2021-01-01T00:00:00+01:00\nFoo: bar\n", "text/html",
      "https://x/.well-known/security.txt", kNow);
  std::string all;
  for (const auto& f : s.findings) all += f + "|";
  EXPECT_NE(all.find("not text/plain"), std::string::npos) << all;
  EXPECT_NE(all.find("no Contact"), std::string::npos) << all;
  EXPECT_NE(all.find("more than one Expires"), std::string::npos) << all;
  EXPECT_NE(all.find("in the past"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown field Foo"), std::string::npos) << all;
}

TEST(SecurityTxt, FarExpiryCanonicalAndSignature) {
  auto s = parse_security_txt(
      "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: https://x/contact\n"
      "Expires: 2030-01-01T00:00:00Z\nCanonical: https://other/.well-known/security.txt\n"
      "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n",
      "text/plain; charset=utf-8", "https://x/.well-known/security.txt", kNow);
  EXPECT_TRUE(s.signed_message);
  std::string all;
  for (const auto& f : s.findings) all += f + "|";
  EXPECT_NE(all.find("more than a year"), std::string::npos) << all;
  EXPECT_NE(all.find("Canonical does not list"), std::string::npos) << all;
}

TEST(Rfc3339, Dates) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:01.5Z"), 1);
  EXPECT_FALSE(parse_rfc3339("1970-01-01 00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("1970-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("1970-01-01T00:00:00"));
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(valid_utf8("plain \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(valid_utf8("\xc3"));
  EXPECT_FALSE(valid_utf8("\xff"));
  EXPECT_FALSE(valid_utf8("\xe2\x82"));
}

}  // namespace
}  // namespace baseline::http
