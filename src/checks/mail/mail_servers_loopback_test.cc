// SPDX-License-Identifier: Apache-2.0
// MailServerCache against a fake mail server on loopback, asked from event loops on several
// threads as a scan asks it: an address is probed once however many loops ask, the addresses of
// one server never see two connections at once, and the connection budget per address holds
// against a server that would take many more.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <thread>

#include "checks/mail/mail_servers.h"
#include "checks/mail/smtp_checks.h"
#include "checks/mail/testing/loopback_mail_test.h"
#include "dns/testing/records.h"
#include "dns/testing/run.h"

namespace baseline::checks::mail_family {
namespace {
namespace asio = boost::asio;
using mail::smtp::testing::SmtpBehaviour;

class MailServerCacheLoopback : public testing::LoopbackMailTest {
 protected:
  // Each request on an event loop of its own thread, all at once, through one cache.
  std::vector<std::shared_ptr<const MailServerFacts>> ask(
      MailServerCache& cache, const std::vector<std::string>& addresses) {
    dns::testing::FakeResolver resolver;
    auto domain = core::DomainName::parse("example.test");
    CheckContext context{*domain, resolver, core::AddressGuard(true),
                         std::chrono::milliseconds(5000)};
    context.ca_file = ca_file_.path();
    std::vector<asio::ip::address> server;
    for (const auto& a : addresses_) server.push_back(asio::ip::make_address(a));
    std::vector<std::shared_ptr<const MailServerFacts>> got(addresses.size());
    std::vector<std::thread> loops;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      loops.emplace_back([&, i]() {
        asio::io_context io;
        got[i] = dns::testing::run(
            io, cache.get(context, asio::ip::make_address(addresses[i]), "mx.test", server));
      });
    }
    for (auto& t : loops) t.join();
    EXPECT_TRUE(server_->wait_idle());
    return got;
  }
};

// Two addresses of one mail server (127.0.0.1 and 127.0.0.2, both loopback), each asked from
// two loops at once: each probed once, one connection at a time across both.
TEST_F(MailServerCacheLoopback, LoopsOnSeveralThreadsShareProbesAndTakeTurns) {
  serve(SmtpBehaviour{}, {}, {"127.0.0.1", "127.0.0.2"});
  MailServerCache cache(server_->port());
  auto got = ask(cache, {"127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2"});
  for (const auto& facts : got) {
    ASSERT_TRUE(facts);
    EXPECT_TRUE(facts->starttls_ready()) << facts->target();
    ASSERT_TRUE(facts->handshake && facts->handshake->ok()) << facts->target();
    EXPECT_TRUE(facts->handshake->value().trusted) << facts->handshake->value().trust_error;
  }
  EXPECT_EQ(got[0].get(), got[2].get()) << "127.0.0.1 probed twice";
  EXPECT_EQ(got[1].get(), got[3].get()) << "127.0.0.2 probed twice";
  EXPECT_NE(got[0].get(), got[1].get());
  EXPECT_EQ(cache.probed(), 2u);
  EXPECT_EQ(server_->most_open(), 1) << "two connections at once to one mail server";
  EXPECT_EQ(server_->tls_handshakes(), 2);
  EXPECT_EQ(got[0]->connections + got[1]->connections, server_->connections());
  // The address probed second saw the server's count including the first one's connections.
  EXPECT_EQ(std::max(got[0]->server_connections, got[1]->server_connections),
            server_->connections());

  // Asked again later (another domain with the same MX): the facts are the cache's, no probe.
  const int before = server_->connections();
  auto again = ask(cache, {"127.0.0.2"});
  EXPECT_EQ(again[0].get(), got[1].get());
  EXPECT_EQ(server_->connections(), before);
}

// A server that accepts every suite OpenSSL has, on every version from TLS 1.0: the enumeration
// would need far more connections than an address's budget (32); it gets exactly the budget,
// and the STARTTLS result stands.
TEST_F(MailServerCacheLoopback, TheConnectionBudgetPerAddressHolds) {
  tls::testing::TlsServerConfig config;
  config.min_version = TLS1_VERSION;
  config.max_version = TLS1_3_VERSION;
  config.ciphers = "ALL:COMPLEMENTOFALL";
  config.tls13_ciphersuites =
      "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
      "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";
  config.groups = "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072";
  serve(SmtpBehaviour{}, config);
  MailServerCache cache(server_->port());
  auto got = ask(cache, {"127.0.0.1"});
  ASSERT_TRUE(got[0]);
  const auto& facts = *got[0];
  EXPECT_EQ(facts.connections, 32);
  EXPECT_EQ(server_->connections(), 32);
  EXPECT_EQ(server_->most_open(), 1);
  ASSERT_TRUE(facts.enumeration);
  ASSERT_TRUE(facts.enumeration->ok()) << facts.enumeration->error().message;
  bool budget_named = false;
  for (const auto& line : facts.enumeration->value().probes) {
    if (line.find("connection budget of 32 for this mail server address spent") !=
        std::string::npos) {
      budget_named = true;
    }
  }
  EXPECT_TRUE(budget_named) << "the probes past the budget say why they failed";
  EXPECT_TRUE(facts.starttls_ready());
}

}  // namespace
}  // namespace baseline::checks::mail_family
