// SPDX-License-Identifier: Apache-2.0
#include "mail/spf/spf_record.h"

#include <gtest/gtest.h>

#include "mail/spf/spf_macro.h"

namespace baseline::mail::spf {
namespace {

TEST(SpfRecord, SelectsVersionOneOnly) {
  EXPECT_TRUE(is_spf_record("v=spf1"));
  EXPECT_TRUE(is_spf_record("V=SPF1 -all"));
  EXPECT_FALSE(is_spf_record("v=spf10 -all"));
  EXPECT_FALSE(is_spf_record("v=spf1-all"));
  EXPECT_FALSE(is_spf_record("spf2.0/pra -all"));
}

TEST(SpfRecord, ParsesMechanismsModifiersAndCidr) {
  auto r = parse_record(
      "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a/24//64 mx:mail.example.org "
      "~include:_spf.example.net ?exists:%{i}.bl.example.org -all "
      "redirect=example.com exp=explain.%{d} foo=bar");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->mechanisms.size(), 7u);
  EXPECT_EQ(r->mechanisms[0].kind, MechanismKind::kIp4);
  EXPECT_EQ(r->mechanisms[0].ip4_prefix, 24);
  EXPECT_EQ(r->mechanisms[1].ip6_prefix, 32);
  EXPECT_EQ(r->mechanisms[2].kind, MechanismKind::kA);
  EXPECT_EQ(r->mechanisms[2].ip4_prefix, 24);
  EXPECT_EQ(r->mechanisms[2].ip6_prefix, 64);
  EXPECT_EQ(r->mechanisms[3].domain_spec, "mail.example.org");
  EXPECT_EQ(r->mechanisms[4].qualifier, Qualifier::kSoftFail);
  EXPECT_EQ(r->mechanisms[5].qualifier, Qualifier::kNeutral);
  EXPECT_EQ(r->mechanisms[6].qualifier, Qualifier::kFail);
  EXPECT_EQ(r->redirect, "example.com");
  EXPECT_EQ(r->explanation, "explain.%{d}");
  EXPECT_EQ(r->unknown_modifiers.size(), 1u);
}

TEST(SpfRecord, RejectsWhatTheAbnfForbids) {
  for (const char* bad :
       {"v=spf1 ip4:192.0.2.0/33", "v=spf1 ip4:2001:db8::1", "v=spf1 a:", "v=spf1 include",
        "v=spf1 foo", "v=spf1 redirect=a.example redirect=b.example", "v=spf1 a:example.com/024",
        "v=spf1 exists:%{q}.example.com", "v=spf1 a:foo.-bar", "v=spf1 -all:foo",
        "v=spf1 a:%{d0}.example.com", "v=spf1 ip4:1.2.3", "v=spf1 mx:example.123"}) {
    EXPECT_FALSE(parse_record(bad).ok()) << bad;
  }
}

TEST(SpfMacro, ExpandsPerRfc7208Examples) {
  // The worked examples of RFC 7208 §7.4.
  MacroContext c;
  c.local_part = "strong-bad";
  c.sender_domain = "email.example.com";
  c.domain = "email.example.com";
  c.ip = boost::asio::ip::make_address("192.0.2.3");
  EXPECT_EQ(expand_macros("%{s}", c), "strong-bad@email.example.com");
  EXPECT_EQ(expand_macros("%{o}", c), "email.example.com");
  EXPECT_EQ(expand_macros("%{d4}", c), "email.example.com");
  EXPECT_EQ(expand_macros("%{d3}", c), "email.example.com");
  EXPECT_EQ(expand_macros("%{d2}", c), "example.com");
  EXPECT_EQ(expand_macros("%{d1}", c), "com");
  EXPECT_EQ(expand_macros("%{dr}", c), "com.example.email");
  EXPECT_EQ(expand_macros("%{d2r}", c), "example.email");
  EXPECT_EQ(expand_macros("%{l}", c), "strong-bad");
  EXPECT_EQ(expand_macros("%{l-}", c), "strong.bad");
  EXPECT_EQ(expand_macros("%{lr}", c), "strong-bad");
  EXPECT_EQ(expand_macros("%{lr-}", c), "bad.strong");
  EXPECT_EQ(expand_macros("%{l1r-}", c), "strong");
  EXPECT_EQ(expand_macros("%{ir}.%{v}._spf.%{d2}", c), "3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(expand_macros("%{lr-}.lp._spf.%{d2}", c), "bad.strong.lp._spf.example.com");
  c.ip = boost::asio::ip::make_address("2001:db8::cb01");
  EXPECT_EQ(expand_macros("%{ir}.%{v}._spf.%{d2}", c),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
  EXPECT_EQ(expand_macros("%{S}", c), "strong-bad%40email.example.com");
  EXPECT_EQ(expand_macros("a%%b%_c%-d", c), "a%b c%20d");
}

}  // namespace
}  // namespace baseline::mail::spf
