// SPDX-License-Identifier: Apache-2.0
// Unit tests of the MTA-STS parsers (RFC 8461 §3.1 TXT record, §3.2 policy) and MX matching (§4.1).
#include <gtest/gtest.h>

#include "mail/mta_sts/mx_pattern.h"
#include "mail/mta_sts/sts_policy.h"
#include "mail/mta_sts/sts_record.h"

namespace baseline::mail::mta_sts {
namespace {

TEST(StsRecord, RecognisesOnlyVersionOne) {
  EXPECT_TRUE(is_sts_record("v=STSv1; id=1"));
  EXPECT_TRUE(is_sts_record("  v=STSv1;id=1"));
  EXPECT_TRUE(is_sts_record("v=STSv1"));
  EXPECT_FALSE(is_sts_record("v=STSv10; id=1"));
  EXPECT_FALSE(is_sts_record("v=spf1 -all"));
  EXPECT_FALSE(is_sts_record("id=1; v=STSv1"));
}

TEST(StsRecord, ParsesIdAndExtensions) {
  auto r = parse_txt_record("v=STSv1; id=20260101T000000Z; ext_1.a=some-value;");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, "20260101T000000Z");
  ASSERT_EQ(r->extensions.size(), 1u);
  EXPECT_EQ(r->extensions[0].first, "ext_1.a");
  EXPECT_EQ(r->extensions[0].second, "some-value");
  auto tight = parse_txt_record("v=STSv1;id=abc");
  ASSERT_TRUE(tight.ok()) << tight.error().message;
  EXPECT_EQ(tight->id, "abc");
}

TEST(StsRecord, RejectsBadIds) {
  EXPECT_FALSE(parse_txt_record("v=STSv1").ok());              // no id
  EXPECT_FALSE(parse_txt_record("v=STSv1;").ok());             // no id
  EXPECT_FALSE(parse_txt_record("v=STSv1; id=").ok());         // empty id
  EXPECT_FALSE(parse_txt_record("v=STSv1; id=abc-def").ok());  // '-' not alphanumeric
  EXPECT_FALSE(parse_txt_record("v=STSv1; id=" + std::string(33, 'a')).ok());
  EXPECT_TRUE(parse_txt_record("v=STSv1; id=" + std::string(32, 'a')).ok());
  EXPECT_FALSE(parse_txt_record("v=STSv1; id=1; id=2").ok());   // two ids
  EXPECT_FALSE(parse_txt_record("v=STSv1 id=1").ok());          // no ';'
  EXPECT_FALSE(parse_txt_record("v=STSv1; id=1 2").ok());       // blank inside a value
  EXPECT_FALSE(parse_txt_record("v=STSv1; =x; id=1").ok());     // empty name
  EXPECT_FALSE(parse_txt_record("v=STSv1; -x=1; id=1").ok());   // name starts with '-'
  EXPECT_FALSE(parse_txt_record("v=STSv1; x=a=b; id=1").ok());  // '=' in a value
  EXPECT_FALSE(parse_txt_record("v=STSv2; id=1").ok());
}

TEST(StsPolicy, ParsesAWellFormedPolicy) {
  auto p = parse_policy(
      "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.Example.NET\r\n"
      "max_age: 604800\r\nfuture-key: anything at all\r\n");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->mode, Mode::kEnforce);
  EXPECT_EQ(p->max_age, 604800u);
  ASSERT_EQ(p->mx.size(), 2u);
  EXPECT_EQ(p->mx[1], "*.example.net");
  ASSERT_EQ(p->ignored.size(), 1u);
  EXPECT_EQ(p->ignored[0], "future-key");
  EXPECT_TRUE(p->notes.empty());
}

TEST(StsPolicy, AcceptsLfBlanksAndNoFinalNewline) {
  auto p = parse_policy("version:STSv1\nmode:\ttesting  \n\nmx: mail.example.org\nmax_age: 0");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->mode, Mode::kTesting);
  EXPECT_EQ(p->max_age, 0u);
}

TEST(StsPolicy, ModeNoneNeedsNoMx) {
  auto p = parse_policy("version: STSv1\nmode: none\nmax_age: 86400\n");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->mode, Mode::kNone);
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: enforce\nmax_age: 86400\n").ok());
}

TEST(StsPolicy, RepeatedFieldsKeepTheFirst) {
  auto p =
      parse_policy("version: STSv1\nmode: testing\nmode: enforce\nmx: a.example\nmax_age: 5\n");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->mode, Mode::kTesting);
  ASSERT_EQ(p->notes.size(), 1u);
  EXPECT_NE(p->notes[0].find("line 3"), std::string::npos);
}

TEST(StsPolicy, RejectsInvalidPolicies) {
  const std::string ok_tail = "mx: mx.example.com\nmax_age: 86400\n";
  EXPECT_FALSE(parse_policy("mode: enforce\n" + ok_tail).ok());  // no version
  EXPECT_FALSE(parse_policy("version: STSv2\nmode: enforce\n" + ok_tail).ok());
  EXPECT_FALSE(parse_policy("version: STSv1\n" + ok_tail).ok());                 // no mode
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: ENFORCE\n" + ok_tail).ok());  // case-sensitive
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: enforce\nmx: a.example\n").ok());  // no max_age
  for (const char* age : {"-1", "31557601", "12345678901", "1e6", "", "0x10"}) {
    EXPECT_FALSE(
        parse_policy(std::string("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: ") + age)
            .ok())
        << age;
  }
  EXPECT_TRUE(parse_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557600").ok());
  EXPECT_FALSE(
      parse_policy("version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n").ok());
  EXPECT_FALSE(parse_policy("version: STSv1\nmode enforce\n" + ok_tail).ok());  // no ':'
  EXPECT_FALSE(
      parse_policy("version : STSv1\nmode: enforce\n" + ok_tail).ok());  // blank before ':'
  EXPECT_FALSE(parse_policy("version: STSv1\nmode: enforce\nx: a\x01"
                            "b\n" +
                            ok_tail)
                   .ok());
  EXPECT_FALSE(parse_policy("<html><body>Not found</body></html>").ok());
  EXPECT_FALSE(parse_policy("").ok());
}

TEST(StsPolicy, BoundsTheSize) {
  std::string body = "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 86400\n";
  body += "x: " + std::string(kPolicyLimit, 'a') + "\n";
  auto p = parse_policy(body);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("64 KiB"), std::string::npos);
}

TEST(MxPattern, Validates) {
  EXPECT_TRUE(is_valid_mx_pattern("mx1.example.com"));
  EXPECT_TRUE(is_valid_mx_pattern("*.example.com"));
  EXPECT_TRUE(is_valid_mx_pattern("mx.example.com."));
  EXPECT_FALSE(is_valid_mx_pattern("*"));
  EXPECT_FALSE(is_valid_mx_pattern("*.com."));  // a wildcard over a whole TLD
  EXPECT_FALSE(is_valid_mx_pattern("com"));     // a bare TLD is no mail host
  EXPECT_FALSE(is_valid_mx_pattern("mx.*.example.com"));
  EXPECT_FALSE(is_valid_mx_pattern("**.example.com"));
  EXPECT_FALSE(is_valid_mx_pattern("*example.com"));
  EXPECT_FALSE(is_valid_mx_pattern("mx..example.com"));
  EXPECT_FALSE(is_valid_mx_pattern("-mx.example.com"));
  EXPECT_FALSE(is_valid_mx_pattern("mx example.com"));
  EXPECT_FALSE(is_valid_mx_pattern(std::string(64, 'a') + ".example"));
}

TEST(MxPattern, MatchesAsSection41Says) {
  EXPECT_TRUE(mx_matches("mx1.example.com", "mx1.example.com"));
  EXPECT_TRUE(mx_matches("mx1.example.com", "MX1.Example.COM."));
  EXPECT_FALSE(mx_matches("mx1.example.com", "mx2.example.com"));
  EXPECT_TRUE(mx_matches("*.example.com", "mail.example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", "example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", ".example.com"));
  EXPECT_FALSE(mx_matches("*.example.com", "mailexample.com"));
  EXPECT_FALSE(mx_matches("example.com", "mx.example.com"));
}

}  // namespace
}  // namespace baseline::mail::mta_sts
