// SPDX-License-Identifier: Apache-2.0
// A gtest fixture for the SMTP-side mail checks without root: a fake mail server on loopback
// (mail/smtp/testing) with a certificate chain made for the test, probed the way the mail family
// probes an MX host (MailServerCache pointed at the fake's port, the address guard allowing
// loopback as --allow-private does, TLSA from a fake resolver), giving the MxServers the checks
// judge. Lock files go to a directory of the test's own.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/mail/mail_servers.h"
#include "checks/mail/smtp_facts.h"
#include "core/check_result.h"
#include "dns/resolver.h"
#include "mail/smtp/testing/fake_smtp_server.h"
#include "tls/dane.h"
#include "tls/testing/test_certificates.h"
#include "tls/testing/tls_server.h"

namespace baseline::checks::mail_family::testing {

struct MxOptions {
  std::string host = "mx.test";  // the MX name (SNI, the name checked, the TLSA owner)
  std::vector<tls::Tlsa> tlsa;   // at _25._tcp.HOST
  dns::Security tlsa_security = dns::Security::kSecure;
  bool with_ca_file = true;  // the test CA as --ca-file
  std::chrono::milliseconds probe_timeout{5000};
  std::optional<std::chrono::milliseconds> deadline;  // the domain test's, from now
};

class LoopbackMailTest : public ::testing::Test {
 protected:
  LoopbackMailTest();
  ~LoopbackMailTest() override;

  // Starts the fake mail server (TLS after STARTTLS with `config` and the test's chain).
  void serve(mail::smtp::testing::SmtpBehaviour behaviour,
             const tls::testing::TlsServerConfig& config = {},
             std::vector<std::string> addresses = {"127.0.0.1"});
  // Probes the fake as one MX host with all its addresses, through a fresh cache.
  std::vector<MxServers> probe(const MxOptions& options = {});

  // The one result with `id` (and `target`, when given); a test failure when there is not
  // exactly one.
  static core::CheckResult only(const std::vector<core::CheckResult>& results, std::string_view id,
                                std::string_view target = {});

  static bool has_ipv6_loopback();

  tls::testing::TestCertificate ca_;
  tls::testing::TestCertificate leaf_;
  tls::testing::TempPemFile ca_file_;
  std::unique_ptr<mail::smtp::testing::FakeSmtpServer> server_;
  std::vector<std::string> addresses_;

 private:
  tls::SslCtxPtr tls_context_;
  std::string lock_directory_;
};

}  // namespace baseline::checks::mail_family::testing
