// SPDX-License-Identifier: Apache-2.0
// mail.spf and mail.spf.policy with in-memory DNS (FakeResolver): the record checks (none, two,
// a syntax error), and check_host() for the addresses nobody authorises through all, include,
// redirect, the lookup limit, missing targets and failing lookups.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "checks/mail/mail_checks.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
namespace t = dns::testing;

class SpfCheck : public ::testing::Test {
 protected:
  void txt(const std::string& name, std::vector<std::string> records) {
    std::vector<dns::ResourceRecord> rrs;
    rrs.reserve(records.size());
    for (const auto& r : records) rrs.push_back(t::txt(name, {r}));
    resolver_.add(name, dns::rr_type::kTxt, t::answer(name, dns::rr_type::kTxt, rrs));
  }
  // [mail.spf, mail.spf.policy]
  std::vector<core::CheckResult> run() {
    auto domain = core::DomainName::parse("example.nl");
    CheckContext context{*domain, resolver_, core::AddressGuard(false)};
    boost::asio::io_context io;
    auto results = t::run(io, check_spf(context)).results;
    EXPECT_EQ(results.size(), 2u);
    EXPECT_EQ(results.at(0).id, "mail.spf");
    EXPECT_EQ(results.at(1).id, "mail.spf.policy");
    for (const auto& r : results) EXPECT_EQ(r.target, "example.nl");
    return results;
  }
  t::FakeResolver resolver_;
};

TEST_F(SpfCheck, NoRecordFailsBoth) {
  txt("example.nl", {"google-site-verification=abc", "v=DMARC1; p=none"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kFail);
  EXPECT_EQ(r[0].summary, "no SPF record (v=spf1)");
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
}

TEST_F(SpfCheck, TwoRecordsFail) {
  txt("example.nl", {"v=spf1 -all", "v=spf1 mx -all"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kFail);
  EXPECT_EQ(r[0].summary, "2 SPF records: receivers treat that as a permanent error");
  EXPECT_EQ(r[0].details["records"].size(), 2u);
}

TEST_F(SpfCheck, ASyntaxErrorFailsWithTheRecord) {
  txt("example.nl", {"v=spf1 ip4:300.1.2.3 -all"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kFail);
  EXPECT_EQ(r[0].summary.rfind("syntax error: ", 0), 0u) << r[0].summary;
  EXPECT_GT(r[0].summary.size(), std::string("syntax error: ").size());
  EXPECT_EQ(r[0].details["record"], "v=spf1 ip4:300.1.2.3 -all");
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
}

TEST_F(SpfCheck, HardAndSoftFailPassNeutralAndPassAllDoNot) {
  struct Case {
    const char* record;
    Verdict policy;
    const char* summary;
    const char* result;
  };
  for (const Case& c : {
           Case{"v=spf1 mx -all", Verdict::kPass, "unauthorised senders get 'fail' (-all)", "fail"},
           Case{"v=spf1 ~all", Verdict::kPass, "unauthorised senders get 'softfail' (~all)",
                "softfail"},
           Case{"v=spf1 ?all", Verdict::kFail,
                "the policy ends in neutral (?all or no all): receivers are told nothing",
                "neutral"},
           Case{"v=spf1 a", Verdict::kFail,
                "the policy ends in neutral (?all or no all): receivers are told nothing",
                "neutral"},
           Case{"v=spf1 +all", Verdict::kFail,
                "the policy authorises any sender (+all or equivalent)", "pass"},
           Case{"v=spf1 ip4:0.0.0.0/0 ip6:::/0 -all", Verdict::kFail,
                "the policy authorises any sender (+all or equivalent)", "pass"},
       }) {
    txt("example.nl", {c.record});
    auto r = run();
    EXPECT_EQ(r[0].verdict, Verdict::kPass) << c.record;
    EXPECT_EQ(r[0].details["record"], c.record);
    EXPECT_EQ(r[1].verdict, c.policy) << c.record << ": " << r[1].summary;
    EXPECT_EQ(r[1].summary, c.summary) << c.record;
    EXPECT_EQ(r[1].details["result_for_unauthorised_sender"], c.result) << c.record;
  }
}

// include: and redirect= are followed; each counts as a DNS-querying term.
TEST_F(SpfCheck, IncludeAndRedirectAreFollowed) {
  txt("example.nl", {"v=spf1 include:_spf.provider.example redirect=_policy.example.nl"});
  txt("_spf.provider.example", {"v=spf1 ip4:198.51.100.0/24 -all"});
  txt("_policy.example.nl", {"v=spf1 ~all"});
  auto r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kPass) << r[1].summary;
  EXPECT_EQ(r[1].details["result_for_unauthorised_sender"], "softfail");
  EXPECT_EQ(r[1].details["dns_querying_terms"], 2);
  EXPECT_EQ(r[1].details["reason"], "matched '~all' at _policy.example.nl");
}

TEST_F(SpfCheck, MoreThanTenLookupsIsAPermanentError) {
  std::string record = "v=spf1";
  for (int i = 0; i < 11; ++i) {
    const std::string name = "s" + std::to_string(i) + ".example.nl";
    record += " include:" + name;
    txt(name, {"v=spf1 ip4:198.51.100." + std::to_string(i) + " -all"});
  }
  txt("example.nl", {record + " -all"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kPass) << "the syntax is fine";
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[1].summary, "permanent error: more than 10 DNS-querying terms (RFC 7208 §4.6.4)");
  EXPECT_EQ(r[1].details["result_for_unauthorised_sender"], "permerror");
  EXPECT_EQ(r[1].details["dns_querying_terms"], 11);
}

TEST_F(SpfCheck, AnIncludeWithoutSpfIsNamed) {
  txt("example.nl", {"v=spf1 include:gone.example -all"});
  auto r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[1].summary, "permanent error: include:gone.example has no SPF record");
}

TEST_F(SpfCheck, AnIncludeLoopIsNamed) {
  txt("example.nl", {"v=spf1 include:a.example.nl -all"});
  txt("a.example.nl", {"v=spf1 include:example.nl -all"});
  auto r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[1].summary,
            "permanent error: include/redirect loop: example.nl → a.example.nl → example.nl");
}

// A lookup that fails on the way is a temporary error: Baseline could not find out.
TEST_F(SpfCheck, AFailingLookupOnTheWayIsAnError) {
  txt("example.nl", {"v=spf1 include:_spf.provider.example -all"});
  resolver_.fail("_spf.provider.example", dns::rr_type::kTxt, "timed out");
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kPass);
  EXPECT_EQ(r[1].verdict, Verdict::kError);
  EXPECT_EQ(r[1].summary.rfind("temporary DNS error while following the policy: ", 0), 0u)
      << r[1].summary;
  EXPECT_NE(r[1].summary.find("timed out"), std::string::npos) << r[1].summary;
}

TEST_F(SpfCheck, TheRecordLookupFailingIsAnErrorForBoth) {
  resolver_.fail("example.nl", dns::rr_type::kTxt, "no answer within 3000 ms");
  auto r = run();
  for (const auto& result : r) {
    EXPECT_EQ(result.verdict, Verdict::kError);
    EXPECT_EQ(result.summary, "TXT lookup failed: no answer within 3000 ms");
  }
  resolver_.add("example.nl", dns::rr_type::kTxt,
                t::answer("example.nl", dns::rr_type::kTxt, {}, {}, dns::rcode::kServFail));
  r = run();
  for (const auto& result : r) {
    EXPECT_EQ(result.verdict, Verdict::kError);
    EXPECT_EQ(result.summary, "TXT lookup: SERVFAIL");
  }
}

}  // namespace
}  // namespace baseline::checks::mail_family
