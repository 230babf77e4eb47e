// SPDX-License-Identifier: Apache-2.0
// mail.tls.* and mail.cert.* graded from real handshakes over STARTTLS with fake mail servers on
// loopback whose TLS configuration the test states: what each check reports follows from the
// versions, suites, order and renegotiation the server allows, and from its certificate.
#include <gtest/gtest.h>

#include "checks/mail/smtp_checks.h"
#include "checks/mail/testing/loopback_mail_test.h"

namespace baseline::checks::mail_family {
namespace {
using core::Verdict;
using mail::smtp::testing::SmtpBehaviour;
using tls::testing::TlsServerConfig;

class MailTlsLoopback : public testing::LoopbackMailTest {
 protected:
  std::string target() const { return "127.0.0.1:" + std::to_string(server_->port()); }
  core::CheckResult tls_result(const std::vector<MxServers>& mxs, std::string_view id) const {
    return only(check_mail_tls(mxs), id, target());
  }
  core::CheckResult cert_result(const std::vector<MxServers>& mxs, std::string_view id) const {
    return only(check_mail_certificates(mxs), id, target());
  }
};

// TLS 1.3 and 1.2 with good and sufficient suites only, the server's order, renegotiation
// refused, a P-256 key signed with SHA-256 by the CA given as --ca-file.
TEST_F(MailTlsLoopback, AModernServerPasses) {
  TlsServerConfig config;
  config.ciphers = "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305";
  config.tls13_ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  serve(SmtpBehaviour{}, config);
  auto mxs = probe();
  const auto version = tls_result(mxs, "mail.tls.version");
  EXPECT_EQ(version.verdict, Verdict::kPass) << version.summary;
  EXPECT_EQ(version.details["accepted"], (nlohmann::json{"TLSv1.3", "TLSv1.2"}));
  const auto ciphers = tls_result(mxs, "mail.tls.ciphers");
  EXPECT_EQ(ciphers.verdict, Verdict::kPass) << ciphers.summary;
  EXPECT_EQ(ciphers.details["accepted_count"], 4);
  const auto order = tls_result(mxs, "mail.tls.cipher_order");
  EXPECT_EQ(order.verdict, Verdict::kPass) << order.summary;
  const auto renegotiation = tls_result(mxs, "mail.tls.client_renegotiation");
  EXPECT_EQ(renegotiation.verdict, Verdict::kPass) << renegotiation.summary;
  EXPECT_EQ(renegotiation.details["allowed"], 0);
  for (auto id : {"mail.tls.secure_renegotiation", "mail.tls.ems", "mail.tls.compression"}) {
    const auto r = tls_result(mxs, id);
    EXPECT_EQ(r.verdict, Verdict::kPass) << id << ": " << r.summary;
  }
  for (const auto& r : check_mail_tls(mxs)) EXPECT_EQ(r.details["host"], "mx.test") << r.id;

  const auto trust = cert_result(mxs, "mail.cert.trust");
  EXPECT_EQ(trust.verdict, Verdict::kInfo);
  EXPECT_EQ(trust.summary, "the chain validates to a trusted root");
  const auto name = cert_result(mxs, "mail.cert.name");
  EXPECT_EQ(name.verdict, Verdict::kInfo) << "without DANE-TA the name is information";
  EXPECT_EQ(name.summary, "the certificate is valid for mx.test");
  const auto key = cert_result(mxs, "mail.cert.pubkey");
  EXPECT_EQ(key.verdict, Verdict::kPass) << key.summary;
  EXPECT_NE(key.summary.find("EC prime256v1"), std::string::npos) << key.summary;
  const auto signature = cert_result(mxs, "mail.cert.signature");
  EXPECT_EQ(signature.verdict, Verdict::kPass) << signature.summary;
  EXPECT_NE(signature.summary.find("ecdsa-with-SHA256"), std::string::npos) << signature.summary;
}

TEST_F(MailTlsLoopback, Tls12OnlyAndTls13OnlyAreGradedFromWhatTheyAccept) {
  {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_2_VERSION;
    serve(SmtpBehaviour{}, config);
    auto mxs = probe();
    const auto version = tls_result(mxs, "mail.tls.version");
    EXPECT_EQ(version.verdict, Verdict::kPass) << version.summary;
    EXPECT_EQ(version.summary, "only TLSv1.2 accepted");
    const auto ciphers = tls_result(mxs, "mail.tls.ciphers");
    EXPECT_EQ(ciphers.details["accepted"].size(), 1u) << ciphers.details.dump();
    EXPECT_TRUE(ciphers.details["accepted"].contains("TLSv1.2")) << ciphers.details.dump();
    EXPECT_EQ(tls_result(mxs, "mail.tls.client_renegotiation").details["allowed"], 0);
  }
  {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_3_VERSION;
    serve(SmtpBehaviour{}, config);
    auto mxs = probe();
    const auto version = tls_result(mxs, "mail.tls.version");
    EXPECT_EQ(version.verdict, Verdict::kPass) << version.summary;
    EXPECT_EQ(version.summary, "only TLSv1.3 accepted");
    const auto order = tls_result(mxs, "mail.tls.cipher_order");
    EXPECT_EQ(order.verdict, Verdict::kNotApplicable);
    EXPECT_EQ(order.summary, "TLS 1.3 only");
    const auto renegotiation = tls_result(mxs, "mail.tls.client_renegotiation");
    EXPECT_EQ(renegotiation.verdict, Verdict::kPass);
    EXPECT_EQ(renegotiation.summary, "TLS 1.3 only: no renegotiation");
  }
}

// TLS 1.0 and 1.1, a CBC-SHA suite, the client's order and unlimited client renegotiation: each
// is a failure under the default guideline (NCSC-NL 2025-05).
TEST_F(MailTlsLoopback, ALegacyServerFailsForEachReason) {
  TlsServerConfig config;
  config.min_version = TLS1_VERSION;
  config.max_version = TLS1_2_VERSION;
  config.ciphers = "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES128-GCM-SHA256";
  config.server_preference = false;
  config.allow_client_renegotiation = true;
  serve(SmtpBehaviour{}, config);
  auto mxs = probe();
  const auto version = tls_result(mxs, "mail.tls.version");
  EXPECT_EQ(version.verdict, Verdict::kFail) << version.summary;
  EXPECT_NE(version.summary.find("TLSv1.0"), std::string::npos) << version.summary;
  EXPECT_NE(version.summary.find("TLSv1.1"), std::string::npos) << version.summary;
  EXPECT_EQ(version.details["accepted"], (nlohmann::json{"TLSv1.2", "TLSv1.1", "TLSv1.0"}));
  const auto ciphers = tls_result(mxs, "mail.tls.ciphers");
  EXPECT_EQ(ciphers.verdict, Verdict::kFail) << ciphers.summary;
  EXPECT_NE(ciphers.summary.find("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA (TLSv1.2)"),
            std::string::npos)
      << ciphers.summary;
  const auto order = tls_result(mxs, "mail.tls.cipher_order");
  EXPECT_EQ(order.verdict, Verdict::kFail) << order.summary;
  EXPECT_NE(order.summary.find("chose TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA over better suites"),
            std::string::npos)
      << order.summary;
  const auto renegotiation = tls_result(mxs, "mail.tls.client_renegotiation");
  EXPECT_EQ(renegotiation.verdict, Verdict::kFail) << renegotiation.summary;
  EXPECT_EQ(renegotiation.details["allowed"], 11);
}

// Without the test CA the chain is not trusted, and another MX name does not match: both are
// information for mail (RFC 7672 §3.1.3), with the reason.
TEST_F(MailTlsLoopback, UntrustedChainAndOtherNameAreInformation) {
  serve(SmtpBehaviour{});
  testing::MxOptions options;
  options.host = "other.test";
  options.with_ca_file = false;
  auto mxs = probe(options);
  const auto trust = cert_result(mxs, "mail.cert.trust");
  EXPECT_EQ(trust.verdict, Verdict::kInfo);
  EXPECT_EQ(trust.details["trusted"], false);
  EXPECT_NE(trust.summary.find("not trusted (self-signed certificate in certificate chain)"),
            std::string::npos)
      << trust.summary;
  const auto name = cert_result(mxs, "mail.cert.name");
  EXPECT_EQ(name.verdict, Verdict::kInfo);
  EXPECT_EQ(name.details["matches"], false);
  EXPECT_NE(name.summary.find("not valid for other.test"), std::string::npos) << name.summary;
}

}  // namespace
}  // namespace baseline::checks::mail_family
