// SPDX-License-Identifier: Apache-2.0
// mail.starttls and mail.ipv6.reach against fake mail servers on loopback, probed as the mail
// family probes an MX address (MailServerCache, the politeness gate, the TLS enumeration and
// handshake over STARTTLS): offered, not offered, refused (for good, and once), TLS failing after
// STARTTLS, a banner later than the test's deadline, and an MX on IPv4 and IPv6.
#include <gtest/gtest.h>

#include <chrono>

#include "checks/mail/smtp_checks.h"
#include "checks/mail/testing/loopback_mail_test.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
using mail::smtp::testing::SmtpBehaviour;
using namespace std::chrono_literals;

class StartTlsLoopback : public testing::LoopbackMailTest {
 protected:
  std::string target(const std::string& address = "127.0.0.1") const {
    return (address.find(':') != std::string::npos ? "[" + address + "]" : address) + ":" +
           std::to_string(server_->port());
  }
};

TEST_F(StartTlsLoopback, OfferedAndAccepted) {
  serve(SmtpBehaviour{});
  auto mxs = probe();
  ASSERT_EQ(mxs.size(), 1u);
  ASSERT_EQ(mxs[0].servers.size(), 1u);
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  EXPECT_EQ(r.summary, "STARTTLS offered and accepted");
  EXPECT_EQ(r.details["host"], "mx.test");
  EXPECT_EQ(r.details["smtp"]["banner"], "220 mx.test ESMTP Baseline test server");
  EXPECT_EQ(r.details["smtp"]["starttls"], "220 2.0.0 Ready to start TLS");
  const auto ehlo = r.details["smtp"]["ehlo"].dump();
  EXPECT_NE(ehlo.find("STARTTLS"), std::string::npos) << ehlo;
  // Every connection of the enumeration and the handshake went through the gate, one at a time.
  EXPECT_EQ(r.details["connections"], server_->connections());
  EXPECT_GT(server_->connections(), 3);
  EXPECT_EQ(server_->most_open(), 1);
  EXPECT_EQ(server_->starttls_accepted(), server_->connections());
  EXPECT_EQ(server_->tls_handshakes(), 1) << "one full handshake; the probes stop at the hello";
  EXPECT_FALSE(r.details.contains("refusals"));
  // An IPv4-only MX has no IPv6 result of its own.
  EXPECT_TRUE(check_ipv6_reach(mxs).empty());
}

TEST_F(StartTlsLoopback, NotOfferedIsAFailAndAskedOnce) {
  SmtpBehaviour plain;
  plain.offer_starttls = false;
  serve(plain);
  auto mxs = probe();
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kFail) << r.summary;
  EXPECT_EQ(r.summary, "STARTTLS not offered after EHLO");
  EXPECT_EQ(server_->connections(), 1) << "no STARTTLS: no point in asking again";
  EXPECT_EQ(server_->starttls_accepted(), 0);
  for (const auto& t : check_mail_tls(mxs)) {
    EXPECT_EQ(t.verdict, Verdict::kNotApplicable) << t.id << ": " << t.summary;
    EXPECT_EQ(t.summary, "no STARTTLS, so no TLS to judge") << t.id;
  }
}

// 421 to every connection: retried after 0.5, 1 and 2 s, then an error quoting the server,
// never "no STARTTLS"; the TLS checks say the same.
TEST_F(StartTlsLoopback, RefusedEveryTimeIsAnErrorWithTheReply) {
  SmtpBehaviour busy;
  busy.refuse = [](int) { return true; };
  serve(busy);
  auto mxs = probe();
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
  EXPECT_NE(r.summary.find("421 4.7.0 mx.test busy, try again later"), std::string::npos)
      << r.summary;
  EXPECT_EQ(server_->refusals(), 4) << "the first connection and three retries";
  EXPECT_EQ(server_->connections(), 4);
  EXPECT_EQ(r.details["temporary_refusals"], 4);
  ASSERT_EQ(r.details["refusals"].size(), 4u);
  EXPECT_EQ(r.details["refusals"][0], "connection 1: 421 4.7.0 mx.test busy, try again later");
  const auto version = only(check_mail_tls(mxs), "mail.tls.version", target());
  EXPECT_EQ(version.verdict, Verdict::kError);
  EXPECT_NE(version.summary.find("refused us 4 times in a row: 421 4.7.0"), std::string::npos)
      << version.summary;
}

// One 421, then served: the test completes and the refusal is on record.
TEST_F(StartTlsLoopback, RefusedOnceThenServed) {
  SmtpBehaviour flaky;
  flaky.refuse = [](int connection) { return connection == 1; };
  serve(flaky);
  auto mxs = probe();
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  EXPECT_EQ(r.details["temporary_refusals"], 1);
  EXPECT_EQ(r.details["refusals"][0], "connection 1: 421 4.7.0 mx.test busy, try again later");
  EXPECT_EQ(server_->refusals(), 1);
  const auto version = only(check_mail_tls(mxs), "mail.tls.version", target());
  EXPECT_EQ(version.verdict, Verdict::kPass) << version.summary;
}

// STARTTLS is offered and accepted, then garbage comes where the ServerHello belongs: STARTTLS
// passes (it is offered), the TLS results are errors naming what came back.
TEST_F(StartTlsLoopback, TlsFailingAfterStartTls) {
  SmtpBehaviour broken;
  broken.after_starttls = SmtpBehaviour::AfterStartTls::kGarbage;
  serve(broken);
  auto mxs = probe();
  ASSERT_EQ(mxs[0].servers.size(), 1u);
  const auto& facts = *mxs[0].servers[0];
  ASSERT_TRUE(facts.tls_failure);
  EXPECT_NE(facts.tls_failure->find("not a TLS record"), std::string::npos) << *facts.tls_failure;
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.summary;
  const auto version = only(check_mail_tls(mxs), "mail.tls.version", target());
  EXPECT_EQ(version.verdict, Verdict::kError);
  EXPECT_EQ(version.summary, *facts.tls_failure);
}

// A banner that comes after the domain test's deadline: the dialogue ends at the deadline (not
// after the 10 s dialogue limit) and says where it stopped.
TEST_F(StartTlsLoopback, SlowBannerEndsAtTheDeadline) {
  SmtpBehaviour slow;
  slow.banner_delay = 5s;
  serve(slow);
  testing::MxOptions options;
  options.deadline = 1200ms;
  const auto started = std::chrono::steady_clock::now();
  auto mxs = probe(options);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  const auto r = only(check_starttls(mxs), "mail.starttls", target());
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
  EXPECT_NE(r.summary.find("no complete banner within"), std::string::npos) << r.summary;
  EXPECT_EQ(server_->starttls_accepted(), 0);
}

// An MX on 127.0.0.1 and ::1 is one mail server: both addresses are tested, one connection at
// a time, and the IPv6 address gets mail.ipv6.reach.
TEST_F(StartTlsLoopback, IPv4AndIPv6AddressesOfOneServerTakeTurns) {
  if (!has_ipv6_loopback()) GTEST_SKIP() << "no IPv6 loopback (::1) on this machine";
  serve(SmtpBehaviour{}, {}, {"127.0.0.1", "::1"});
  auto mxs = probe();
  ASSERT_EQ(mxs[0].servers.size(), 2u);
  const auto results = check_starttls(mxs);
  EXPECT_EQ(only(results, "mail.starttls", target()).verdict, Verdict::kPass);
  EXPECT_EQ(only(results, "mail.starttls", target("::1")).verdict, Verdict::kPass);
  const auto reach = only(check_ipv6_reach(mxs), "mail.ipv6.reach", target("::1"));
  EXPECT_EQ(reach.verdict, Verdict::kPass) << reach.summary;
  EXPECT_EQ(server_->most_open(), 1) << "the two addresses took turns";
  EXPECT_EQ(server_->tls_handshakes(), 2);
  // Each address counts its own connections; the server's count covers both.
  const int v4 = mxs[0].servers[0]->connections, v6 = mxs[0].servers[1]->connections;
  EXPECT_EQ(v4 + v6, server_->connections());
  EXPECT_EQ(std::max(mxs[0].servers[0]->server_connections, mxs[0].servers[1]->server_connections),
            server_->connections());
}

}  // namespace
}  // namespace baseline::checks::mail_family
