// SPDX-License-Identifier: Apache-2.0
// mail.dmarc and mail.dmarc.policy with in-memory DNS (FakeResolver): the record at the domain or
// inherited from the organisational domain (sp), none, two, a syntax error, p=none, the test
// mode and pct, external report destinations with and without their authorisation, and failing
// lookups.
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

class DmarcCheck : public ::testing::Test {
 protected:
  void txt(const std::string& name, std::vector<std::string> records) {
    std::vector<dns::ResourceRecord> rrs;
    rrs.reserve(records.size());
    for (const auto& r : records) rrs.push_back(t::txt(name, {r}));
    resolver_.add(name, dns::rr_type::kTxt, t::answer(name, dns::rr_type::kTxt, rrs));
  }
  // [mail.dmarc, mail.dmarc.policy] for `domain`.
  std::vector<core::CheckResult> run(const std::string& domain = "example.nl") {
    auto name = core::DomainName::parse(domain);
    CheckContext context{*name, resolver_, core::AddressGuard(false)};
    boost::asio::io_context io;
    auto results = t::run(io, check_dmarc(context)).results;
    EXPECT_EQ(results.size(), 2u);
    EXPECT_EQ(results.at(0).id, "mail.dmarc");
    EXPECT_EQ(results.at(1).id, "mail.dmarc.policy");
    return results;
  }
  t::FakeResolver resolver_;
};

TEST_F(DmarcCheck, RejectAtTheDomainPasses) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=reject; rua=mailto:dmarc@example.nl"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kPass);
  EXPECT_EQ(r[0].summary, "DMARC record at _dmarc.example.nl");
  EXPECT_EQ(r[0].details["found_at"], "_dmarc.example.nl");
  EXPECT_EQ(r[1].verdict, Verdict::kPass) << r[1].summary;
  EXPECT_EQ(r[1].summary, "policy reject");
  EXPECT_EQ(r[1].details["effective_policy"], "reject");
  EXPECT_EQ(r[1].details["inherited"], false);
  EXPECT_EQ(r[1].details["unauthorised_destinations"].size(), 0u);
}

TEST_F(DmarcCheck, PolicyNoneFails) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=none"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kPass);
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[1].summary,
            "policy none: receivers are asked to deliver mail that fails DMARC (p=none)");
}

// A subdomain without a record of its own gets the organisational domain's sp (RFC 7489 §6.6.3).
TEST_F(DmarcCheck, ASubdomainInheritsTheOrganisationalSubdomainPolicy) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=reject; sp=quarantine"});
  auto r = run("mail.example.nl");
  EXPECT_EQ(r[0].verdict, Verdict::kPass);
  EXPECT_EQ(r[0].summary, "DMARC record at _dmarc.example.nl (organisational domain)");
  EXPECT_EQ(r[1].verdict, Verdict::kPass) << r[1].summary;
  EXPECT_EQ(r[1].summary, "policy quarantine (sp of example.nl)");
  EXPECT_EQ(r[1].details["inherited"], true);
  EXPECT_EQ(r[1].details["policy"], "reject");
  EXPECT_EQ(r[1].details["sp"], "quarantine");

  txt("_dmarc.example.nl", {"v=DMARC1; p=reject; sp=none"});
  r = run("mail.example.nl");
  EXPECT_EQ(r[1].verdict, Verdict::kFail) << r[1].summary;
  EXPECT_EQ(r[1].details["effective_policy"], "none");
}

TEST_F(DmarcCheck, NoRecordAnywhereFailsNamingBothPlaces) {
  auto r = run("mail.example.nl");
  for (const auto& result : r) {
    EXPECT_EQ(result.verdict, Verdict::kFail);
    EXPECT_EQ(result.summary, "no DMARC record at _dmarc.mail.example.nl nor at _dmarc.example.nl");
  }
  r = run("example.nl");
  EXPECT_EQ(r[0].summary, "no DMARC record at _dmarc.example.nl");
}

TEST_F(DmarcCheck, TwoRecordsFail) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=reject", "v=DMARC1; p=none"});
  auto r = run();
  for (const auto& result : r) {
    EXPECT_EQ(result.verdict, Verdict::kFail);
    EXPECT_EQ(result.summary, "2 DMARC records at _dmarc.example.nl: receivers ignore them all");
  }
}

TEST_F(DmarcCheck, ASyntaxErrorFailsThePolicy) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=bogus"});
  auto r = run();
  EXPECT_EQ(r[0].verdict, Verdict::kPass) << "there is a record";
  EXPECT_EQ(r[1].verdict, Verdict::kFail);
  EXPECT_EQ(r[1].summary.rfind("syntax error: ", 0), 0u) << r[1].summary;
  EXPECT_GT(r[1].summary.size(), std::string("syntax error: ").size());
}

TEST_F(DmarcCheck, TestModeAndPartialCoverageWarn) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=quarantine; pct=50; t=y"});
  auto r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kWarn) << r[1].summary;
  EXPECT_EQ(r[1].summary,
            "policy quarantine; t=y: the policy is in test mode and receivers may apply a lower "
            "one; pct=50: the policy covers only part of the mail");
  EXPECT_EQ(r[1].details["pct"], 50);
  EXPECT_EQ(r[1].details["testing"], true);
}

// RFC 7489 §7.1: reports to another organisation need its consent at
// <domain>._report._dmarc.<destination>.
TEST_F(DmarcCheck, ExternalReportDestinationsNeedTheirAuthorisation) {
  txt("_dmarc.example.nl", {"v=DMARC1; p=reject; rua=mailto:reports@dmarc.provider.example"});
  auto r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kWarn) << r[1].summary;
  const std::string refusal =
      "external report destination not authorised: mailto:reports@dmarc.provider.example (no "
      "v=DMARC1 at example.nl._report._dmarc.dmarc.provider.example)";
  EXPECT_EQ(r[1].summary, "policy reject; " + refusal);
  EXPECT_EQ(r[1].details["unauthorised_destinations"], (nlohmann::json{refusal}));

  txt("example.nl._report._dmarc.dmarc.provider.example", {"v=DMARC1"});
  r = run();
  EXPECT_EQ(r[1].verdict, Verdict::kPass) << r[1].summary;
  EXPECT_EQ(r[1].summary, "policy reject");
}

TEST_F(DmarcCheck, AFailingLookupIsAnErrorForBoth) {
  resolver_.fail("_dmarc.example.nl", dns::rr_type::kTxt, "no answer within 3000 ms");
  auto r = run();
  for (const auto& result : r) {
    EXPECT_EQ(result.verdict, Verdict::kError);
    EXPECT_EQ(result.summary, "TXT lookup of _dmarc.example.nl failed: no answer within 3000 ms");
  }
}

}  // namespace
}  // namespace baseline::checks::mail_family
