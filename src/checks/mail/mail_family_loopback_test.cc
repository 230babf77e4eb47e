// SPDX-License-Identifier: Apache-2.0
// The whole mail family (run_mail_checks) for a domain whose MX is a fake mail server on
// loopback and whose DNS is in memory: every declared mail check gets a result, and the ones the
// fakes decide get the verdicts their configuration calls for.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <set>

#include "checks/domain_facts.h"
#include "checks/mail/mail_family.h"
#include "checks/mail/mail_servers.h"
#include "checks/mail/testing/loopback_mail_test.h"
#include "checks/registry.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"
#include "tls/testing/tlsa_for.h"

namespace baseline::checks::mail_family {
namespace {
namespace t = dns::testing;
using core::Verdict;
using mail::smtp::testing::SmtpBehaviour;

class MailFamilyLoopback : public testing::LoopbackMailTest {
 protected:
  void add(const std::string& name, std::uint16_t type, std::vector<dns::ResourceRecord> records,
           dns::Security security = dns::Security::kSecure) {
    resolver_.add(name, type, t::answer(name, type, std::move(records), {}, 0, security));
  }
  t::FakeResolver resolver_;
};

TEST_F(MailFamilyLoopback, EveryMailCheckGetsAResultAndTheFakesDecideTheirs) {
  serve(SmtpBehaviour{});
  add("example.test", dns::rr_type::kMx, {t::mx("example.test", 10, "mx.test")});
  add("mx.test", dns::rr_type::kA, {t::a("mx.test", "127.0.0.1")});
  add("mx.test", dns::rr_type::kAaaa, {});
  const auto tlsa = tls::testing::tlsa_for(3, 1, 1, leaf_);
  std::vector<std::uint8_t> rdata{tlsa.usage, tlsa.selector, tlsa.matching};
  rdata.insert(rdata.end(), tlsa.data.begin(), tlsa.data.end());
  add("_25._tcp.mx.test", dns::rr_type::kTlsa,
      {t::rr("_25._tcp.mx.test", dns::rr_type::kTlsa, rdata)});
  add("example.test", dns::rr_type::kTxt, {t::txt("example.test", {"v=spf1 -all"})});
  add("_dmarc.example.test", dns::rr_type::kTxt,
      {t::txt("_dmarc.example.test", {"v=DMARC1; p=reject"})});

  auto domain = core::DomainName::parse("example.test");
  ASSERT_TRUE(domain.ok());
  CheckContext context{*domain, resolver_, core::AddressGuard(true),
                       std::chrono::milliseconds(5000)};
  context.deadline = net::Clock::now() + std::chrono::seconds(30);
  context.ca_file = ca_file_.path();
  MailServerCache cache(server_->port());
  context.mail_servers = &cache;
  boost::asio::io_context io;
  DomainFacts facts(context);
  const auto results = t::run(io, run_mail_checks(context, facts));

  std::set<std::string> ids;
  for (const auto& r : results) ids.insert(r.id);
  for (const auto& spec : mail_checks()) {
    if (spec.family != Family::kMail) continue;
    EXPECT_TRUE(ids.count(std::string(spec.id))) << spec.id << " has no result";
  }
  const std::string address = "127.0.0.1:" + std::to_string(server_->port());
  const auto mx = only(results, "mail.mx");
  EXPECT_NE(mx.summary.find("mx.test"), std::string::npos) << mx.summary;
  EXPECT_EQ(only(results, "mail.starttls", address).verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.tls.version", address).verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.tls.ciphers", address).verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.cert.trust", address).details["trusted"], true);
  EXPECT_EQ(only(results, "mail.dane.exists", "mx.test").verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.dane.valid", address).verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.spf.policy").verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.dmarc.policy").verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.dkim").verdict, Verdict::kNotApplicable)
      << "SPF -all and DMARC reject: a domain that sends no mail";
  EXPECT_EQ(only(results, "mail.ipv6.reach").verdict, Verdict::kNotApplicable);
  EXPECT_EQ(cache.probed(), 1u);
}

}  // namespace
}  // namespace baseline::checks::mail_family
