// SPDX-License-Identifier: Apache-2.0
// Unit tests of mail.dane.valid for addresses without working TLS (RFC 7672 §2.2): what a DANE
// sender does (defer the mail) is a failure; what Baseline could not find out is an error.
#include <gtest/gtest.h>

#include "checks/mail/smtp_checks.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
using mail::smtp::Dialogue;

MxServers mx_with_tlsa(std::shared_ptr<MailServerFacts> server) {
  MxServers mx;
  mx.host = "mx.example.nl";
  mx.host_security = dns::Security::kSecure;
  mx.tlsa.security = dns::Security::kSecure;
  mx.tlsa.records.push_back(tls::Tlsa{3, 1, 1, std::vector<std::uint8_t>(32, 0xab)});
  server->address = boost::asio::ip::make_address("192.0.2.25");
  server->reached = true;
  mx.servers.push_back(std::move(server));
  return mx;
}

core::CheckResult dane_valid(const MxServers& mx) {
  for (auto& r : check_mail_dane({mx})) {
    if (r.id == "mail.dane.valid") return r;
  }
  ADD_FAILURE() << "no mail.dane.valid";
  return {};
}

TEST(MailDaneValid, TlsaButNoStartTlsFails) {
  auto s = std::make_shared<MailServerFacts>();
  s->dialogue = Dialogue{.end = Dialogue::End::kNoStartTls};
  s->enumeration =
      core::Result<tls::Enumeration>(core::make_error("STARTTLS not offered after EHLO"));
  auto r = dane_valid(mx_with_tlsa(s));
  EXPECT_EQ(r.verdict, Verdict::kFail) << r.summary;
  EXPECT_NE(r.summary.find("no STARTTLS"), std::string::npos) << r.summary;
  EXPECT_NE(r.summary.find("defer"), std::string::npos) << r.summary;
}

TEST(MailDaneValid, TlsaButTlsFailingAfterStartTlsFails) {
  auto s = std::make_shared<MailServerFacts>();
  s->dialogue = Dialogue{.end = Dialogue::End::kReadyForTls};
  s->enumeration = core::Result<tls::Enumeration>(
      core::make_error("the server accepted no TLS or SSL version offered"));
  s->tls_failure = "the server accepted no TLS or SSL version offered";
  auto r = dane_valid(mx_with_tlsa(s));
  EXPECT_EQ(r.verdict, Verdict::kFail) << r.summary;
  EXPECT_NE(r.summary.find("accepted no TLS"), std::string::npos) << r.summary;
}

TEST(MailDaneValid, ARefusingServerIsAnErrorWithItsReply) {
  auto s = std::make_shared<MailServerFacts>();
  s->dialogue = Dialogue{.end = Dialogue::End::kRefused};
  s->enumeration = core::Result<tls::Enumeration>(
      core::make_error("the server refused us 4 times in a row: 421 4.7.0 try later"));
  s->refused_for_good = "421 4.7.0 try later";
  auto r = dane_valid(mx_with_tlsa(s));
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
  EXPECT_NE(r.summary.find("421 4.7.0 try later"), std::string::npos) << r.summary;
}

TEST(MailDaneValid, ATimeoutIsAnError) {
  auto s = std::make_shared<MailServerFacts>();
  s->dialogue = Dialogue{.end = Dialogue::End::kReadyForTls};
  s->enumeration = core::Result<tls::Enumeration>(
      core::make_error("no complete answer to the ClientHello within 3000 ms"));
  auto r = dane_valid(mx_with_tlsa(s));
  EXPECT_EQ(r.verdict, Verdict::kError) << r.summary;
}

TEST(MailDaneValid, NoStartTlsWithoutTlsaIsNotApplicable) {
  auto s = std::make_shared<MailServerFacts>();
  s->dialogue = Dialogue{.end = Dialogue::End::kNoStartTls};
  auto mx = mx_with_tlsa(s);
  mx.tlsa.records.clear();
  auto r = dane_valid(mx);
  EXPECT_EQ(r.verdict, Verdict::kNotApplicable) << r.summary;
}

}  // namespace
}  // namespace baseline::checks::mail_family
