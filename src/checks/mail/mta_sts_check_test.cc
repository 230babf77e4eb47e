// SPDX-License-Identifier: Apache-2.0
// Unit tests of mail.mta_sts up to the policy fetch: the record, the policy host's addresses and
// the address guard. The HTTPS part runs against the lab's policy hosts
// (lab/scenarios/mail/mta-sts-*).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "checks/mail/mail_checks.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::checks::mail_family {
namespace {
namespace t = dns::testing;
using core::Verdict;

class MtaStsCheck : public ::testing::Test {
 protected:
  void txt(const std::vector<std::string>& records) {
    std::vector<dns::ResourceRecord> rrs;
    rrs.reserve(records.size());
    for (const auto& r : records) rrs.push_back(t::txt("_mta-sts.example.nl", {r}));
    resolver_.add("_mta-sts.example.nl", dns::rr_type::kTxt,
                  t::answer("_mta-sts.example.nl", dns::rr_type::kTxt, rrs));
  }

  core::CheckResult run(bool allow_private = false) {
    auto domain = core::DomainName::parse("example.nl");
    CheckContext context{*domain, resolver_, core::AddressGuard(allow_private),
                         std::chrono::milliseconds(300)};
    MailFacts facts;
    facts.kind = MxKind::kExplicit;
    facts.hosts.push_back(MailHost{.name = "mx1.example.nl", .preference = 10});
    return t::run(io_, check_mta_sts(context, &facts, nullptr));
  }

  boost::asio::io_context io_;
  t::FakeResolver resolver_;
};

TEST_F(MtaStsCheck, NoRecordIsInfo) {
  txt({"v=spf1 -all", "v=STSv10; id=1"});
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kInfo) << r.summary;
  EXPECT_EQ(r.id, "mail.mta_sts");
}

TEST_F(MtaStsCheck, FailedLookupIsAnError) {
  resolver_.fail("_mta-sts.example.nl", dns::rr_type::kTxt, "SERVFAIL");
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_NE(r.summary.find("SERVFAIL"), std::string::npos) << r.summary;
}

TEST_F(MtaStsCheck, RecordWithoutPolicyHostFails) {
  txt({"v=STSv1; id=2026"});
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kFail) << r.summary;
  EXPECT_NE(r.summary.find("mta-sts.example.nl has no address"), std::string::npos) << r.summary;
  EXPECT_EQ(r.details["id"], "2026");
}

TEST_F(MtaStsCheck, EveryRecordProblemIsAFinding) {
  txt({"v=STSv1; id=1", "v=STSv1; id=bad-id"});
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_NE(r.summary.find("2 MTA-STS records"), std::string::npos) << r.summary;
  EXPECT_NE(r.summary.find("has no address"), std::string::npos) << r.summary;
  EXPECT_EQ(r.details["findings"].size(), 2u);
}

TEST_F(MtaStsCheck, InvalidRecordFails) {
  txt({"v=STSv1; id=not-alnum"});
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_NE(r.summary.find("invalid MTA-STS record"), std::string::npos) << r.summary;
}

TEST_F(MtaStsCheck, GuardedPolicyHostIsAnErrorNotAGuess) {
  txt({"v=STSv1; id=1"});
  resolver_.add(
      "mta-sts.example.nl", dns::rr_type::kA,
      t::answer("mta-sts.example.nl", dns::rr_type::kA, {t::a("mta-sts.example.nl", "10.0.0.1")}));
  auto r = run(/*allow_private=*/false);
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
  EXPECT_NE(r.summary.find("address not public"), std::string::npos) << r.summary;
}

TEST_F(MtaStsCheck, PolicyHostLookupFailureIsAnError) {
  txt({"v=STSv1; id=1"});
  resolver_.fail("mta-sts.example.nl", dns::rr_type::kA, "timed out");
  auto r = run();
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
  EXPECT_NE(r.summary.find("timed out"), std::string::npos) << r.summary;
}

}  // namespace
}  // namespace baseline::checks::mail_family
