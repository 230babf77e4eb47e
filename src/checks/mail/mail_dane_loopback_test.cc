// SPDX-License-Identifier: Apache-2.0
// DANE for SMTP (RFC 7672) against fake mail servers on loopback: TLSA records computed from the
// certificates the server presents (DANE-EE of its key, DANE-TA of its CA), records that do not
// match, a DANE-TA match without the MX name, a rollover set, an insecure TLSA set, and servers
// that make DANE senders defer the mail (no STARTTLS, TLS failing after STARTTLS).
#include <gtest/gtest.h>

#include "checks/mail/smtp_checks.h"
#include "checks/mail/testing/loopback_mail_test.h"
#include "tls/testing/tlsa_for.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
using mail::smtp::testing::SmtpBehaviour;
using tls::testing::tlsa_for;

class MailDaneLoopback : public testing::LoopbackMailTest {
 protected:
  std::string target() const { return "127.0.0.1:" + std::to_string(server_->port()); }
  std::vector<core::CheckResult> dane(const testing::MxOptions& options) {
    mxs_ = probe(options);
    return check_mail_dane(mxs_);
  }
  std::vector<MxServers> mxs_;
};

TEST_F(MailDaneLoopback, DaneEeOfTheServersKeyMatches) {
  serve(SmtpBehaviour{});
  testing::MxOptions options;
  const auto record = tlsa_for(3, 1, 1, leaf_);
  options.tlsa = {record};
  const auto results = dane(options);
  const auto exists = only(results, "mail.dane.exists", "mx.test");
  EXPECT_EQ(exists.verdict, Verdict::kPass) << exists.summary;
  EXPECT_EQ(exists.details["tlsa"], (nlohmann::json{record.text()}));
  const auto valid = only(results, "mail.dane.valid", target());
  EXPECT_EQ(valid.verdict, Verdict::kPass) << valid.summary;
  EXPECT_EQ(valid.summary, "matches TLSA " + record.text());
  const auto rollover = only(results, "mail.dane.rollover", "mx.test");
  EXPECT_EQ(rollover.verdict, Verdict::kInfo) << "one key only: " << rollover.summary;
}

// Every selector and matching type of DANE-EE finds the same certificate.
TEST_F(MailDaneLoopback, DaneEeMatchesWithEverySelectorAndMatchingType) {
  serve(SmtpBehaviour{});
  for (std::uint8_t selector : {0, 1}) {
    for (std::uint8_t matching : {0, 1, 2}) {
      testing::MxOptions options;
      options.tlsa = {tlsa_for(3, selector, matching, leaf_)};
      const auto valid = only(dane(options), "mail.dane.valid", target());
      EXPECT_EQ(valid.verdict, Verdict::kPass)
          << "3 " << int(selector) << " " << int(matching) << ": " << valid.summary;
    }
  }
}

TEST_F(MailDaneLoopback, ARecordOfAnotherKeyDoesNotMatch) {
  serve(SmtpBehaviour{});
  const auto stranger = tls::testing::make_self_signed({"mx.test"});
  testing::MxOptions options;
  options.tlsa = {tlsa_for(3, 1, 1, stranger)};
  const auto valid = only(dane(options), "mail.dane.valid", target());
  EXPECT_EQ(valid.verdict, Verdict::kFail) << valid.summary;
  EXPECT_EQ(valid.summary, "no TLSA record at _25._tcp.mx.test matches the STARTTLS chain");
}

// DANE-TA of the CA the server sends: a match only together with the MX name in the leaf, and
// then mail.cert.name is required too.
TEST_F(MailDaneLoopback, DaneTaNeedsTheMxName) {
  serve(SmtpBehaviour{});
  testing::MxOptions options;
  options.tlsa = {tlsa_for(2, 0, 1, ca_)};
  const auto valid = only(dane(options), "mail.dane.valid", target());
  EXPECT_EQ(valid.verdict, Verdict::kPass) << valid.summary;
  const auto name = only(check_mail_certificates(mxs_), "mail.cert.name", target());
  EXPECT_EQ(name.verdict, Verdict::kPass) << name.summary;

  options.host = "other.test";
  options.tlsa = {tlsa_for(2, 0, 1, ca_)};
  const auto wrong = only(dane(options), "mail.dane.valid", target());
  EXPECT_EQ(wrong.verdict, Verdict::kFail) << wrong.summary;
  EXPECT_EQ(wrong.summary,
            "a DANE-TA record matches the chain, but the certificate is not valid for other.test");
  const auto wrong_name = only(check_mail_certificates(mxs_), "mail.cert.name", target());
  EXPECT_EQ(wrong_name.verdict, Verdict::kFail) << wrong_name.summary;
}

// The current key and the next one: either matches, and the rollover needs no TLSA change.
TEST_F(MailDaneLoopback, TwoDaneEeKeysAllowARollover) {
  serve(SmtpBehaviour{});
  const auto next = tls::testing::make_leaf({"mx.test"}, ca_);
  testing::MxOptions options;
  options.tlsa = {tlsa_for(3, 1, 1, next), tlsa_for(3, 1, 1, leaf_)};
  const auto results = dane(options);
  EXPECT_EQ(only(results, "mail.dane.valid", target()).verdict, Verdict::kPass);
  const auto rollover = only(results, "mail.dane.rollover", "mx.test");
  EXPECT_EQ(rollover.verdict, Verdict::kPass) << rollover.summary;
}

TEST_F(MailDaneLoopback, AnInsecureTlsaSetIsIgnored) {
  serve(SmtpBehaviour{});
  testing::MxOptions options;
  options.tlsa = {tlsa_for(3, 1, 1, leaf_)};
  options.tlsa_security = dns::Security::kInsecure;
  const auto results = dane(options);
  const auto exists = only(results, "mail.dane.exists", "mx.test");
  EXPECT_EQ(exists.verdict, Verdict::kFail);
  EXPECT_NE(exists.summary.find("is not DNSSEC-secure (insecure)"), std::string::npos)
      << exists.summary;
  EXPECT_EQ(only(results, "mail.dane.valid", target()).verdict, Verdict::kNotApplicable);
}

// RFC 7672 §2.2: with usable TLSA, a server without STARTTLS, or whose TLS fails after it, gets
// no mail from DANE senders.
TEST_F(MailDaneLoopback, ServersThatMakeDaneSendersDeferFail) {
  SmtpBehaviour plain;
  plain.offer_starttls = false;
  serve(plain);
  testing::MxOptions options;
  options.tlsa = {tlsa_for(3, 1, 1, leaf_)};
  const auto no_starttls = only(dane(options), "mail.dane.valid", target());
  EXPECT_EQ(no_starttls.verdict, Verdict::kFail) << no_starttls.summary;
  EXPECT_NE(no_starttls.summary.find("offers no STARTTLS (STARTTLS not offered after EHLO)"),
            std::string::npos)
      << no_starttls.summary;

  SmtpBehaviour broken;
  broken.after_starttls = SmtpBehaviour::AfterStartTls::kHangUp;
  serve(broken);
  const auto no_tls = only(dane(options), "mail.dane.valid", target());
  EXPECT_EQ(no_tls.verdict, Verdict::kFail) << no_tls.summary;
  EXPECT_NE(no_tls.summary.find("but the TLS after STARTTLS fails"), std::string::npos)
      << no_tls.summary;
  EXPECT_NE(no_tls.summary.find("DANE senders defer the mail"), std::string::npos)
      << no_tls.summary;
}

}  // namespace
}  // namespace baseline::checks::mail_family
