// SPDX-License-Identifier: Apache-2.0
// The TLS enumeration against OpenSSL servers on loopback with a known configuration: the
// versions, suites and groups it reports are exactly those the server allows.
#include "tls/enumerate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <set>
#include <string>

#include "net/testing/run.h"
#include "tls/groups.h"
#include "tls/openssl_handles.h"
#include "tls/testing/test_certificates.h"
#include "tls/testing/tls_server.h"

namespace baseline::tls {
namespace {
using testing::TlsServerConfig;
using Ids = std::set<std::uint16_t>;

constexpr std::uint16_t kP256 = 0x0017;
constexpr std::uint16_t kEcdheEcdsaAes128Gcm = 0xC02B;
constexpr std::uint16_t kEcdheEcdsaChacha = 0xCCA9;
constexpr std::uint16_t kEcdheEcdsaAes128Cbc = 0xC009;
constexpr std::uint16_t kAes128Gcm13 = 0x1301;
constexpr std::uint16_t kAes256Gcm13 = 0x1302;
constexpr std::uint16_t kChacha13 = 0x1303;

Ids ids(const std::vector<std::uint16_t>& list) {
  return Ids(list.begin(), list.end());
}

bool openssl_knows_groups(const std::string& groups) {
  const SslCtxPtr context(SSL_CTX_new(TLS_server_method()));
  return SSL_CTX_set1_groups_list(context.get(), groups.c_str()) == 1;
}

class EnumerateLoopback : public ::testing::Test {
 protected:
  // Enumerates a server with `config`; connections_ is what the server saw.
  core::Result<Enumeration> enumerate_server(const TlsServerConfig& config) {
    auto context = testing::make_server_context(config, leaf_, {&ca_});
    testing::TlsTestServer server(context.get());
    boost::asio::io_context io;
    ProbeTarget target{server.endpoint(), "tls.test", std::chrono::milliseconds(5000)};
    auto out = net::testing::run(io, enumerate(target));
    EXPECT_TRUE(server.wait_idle());
    connections_ = server.connections();
    return out;
  }

  testing::TestCertificate ca_ = testing::make_ca("Baseline test CA");
  testing::TestCertificate leaf_ = testing::make_leaf({"tls.test"}, ca_);
  int connections_ = 0;
};

TEST_F(EnumerateLoopback, Tls12OnlyServer) {
  TlsServerConfig config;
  config.min_version = config.max_version = TLS1_2_VERSION;
  config.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305";
  auto e = enumerate_server(config);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->versions, std::vector<std::uint16_t>{kTls12});
  EXPECT_EQ(e->suites.count(kTls13), 0u);
  EXPECT_EQ(ids(e->suites[kTls12]), (Ids{kEcdheEcdsaAes128Gcm, kEcdheEcdsaChacha}));
  EXPECT_EQ(ids(e->groups), (Ids{kX25519, kP256}));
  EXPECT_EQ(e->highest_below_13(), kTls12);
  EXPECT_EQ(e->ems, true);
  EXPECT_EQ(e->secure_renegotiation, true);
  EXPECT_EQ(e->compression, false);
  EXPECT_EQ(e->connections, connections_) << "every probe is one connection the server saw";
  EXPECT_EQ(e->probes.size(), static_cast<std::size_t>(e->connections));
}

TEST_F(EnumerateLoopback, Tls13OnlyServer) {
  TlsServerConfig config;
  config.min_version = config.max_version = TLS1_3_VERSION;
  config.tls13_ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  auto e = enumerate_server(config);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->versions, std::vector<std::uint16_t>{kTls13});
  EXPECT_EQ(ids(e->suites[kTls13]), (Ids{kAes256Gcm13, kChacha13}));
  EXPECT_EQ(ids(e->groups), (Ids{kX25519, kP256}));
  EXPECT_EQ(e->highest_below_13(), 0);
  EXPECT_FALSE(e->ems.has_value()) << "nothing below 1.3 to ask";
}

// A HelloRetryRequest names the only group the server has (no X25519): found all the same.
TEST_F(EnumerateLoopback, Tls13WithoutX25519IsFoundThroughTheRetryRequest) {
  TlsServerConfig config;
  config.min_version = config.max_version = TLS1_3_VERSION;
  config.tls13_ciphersuites = "TLS_AES_128_GCM_SHA256";
  config.groups = "P-256";
  auto e = enumerate_server(config);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->versions, std::vector<std::uint16_t>{kTls13});
  EXPECT_EQ(ids(e->suites[kTls13]), Ids{kAes128Gcm13});
  EXPECT_EQ(ids(e->groups), Ids{kP256});
}

// Each TLS 1.3 probe finds a suite and, through its key shares, a group not found yet: three
// suites and five groups cost the first probe, two more that find both, the refused probe that
// ends the suites, two that find the last groups and the refused one that ends them —
// max(suites, groups) + 2 connections, whichever order (client's or server's) the server keeps
// (then TLS 1.2 and 1.1 are asked, and refused).
TEST_F(EnumerateLoopback, Tls13TakesOneProbePerSuiteOrGroupAndTwoRefusals) {
  for (bool server_preference : {true, false}) {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_3_VERSION;
    config.tls13_ciphersuites =
        "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
    config.groups = "X25519:P-256:P-384:X448:P-521";
    config.server_preference = server_preference;
    auto e = enumerate_server(config);
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(ids(e->suites[kTls13]), (Ids{kAes128Gcm13, kAes256Gcm13, kChacha13}));
    EXPECT_EQ(ids(e->groups), (Ids{kX25519, 0x001e, kP256, 0x0018, 0x0019}));
    const auto tls13_probes =
        std::count_if(e->probes.begin(), e->probes.end(),
                      [](const auto& line) { return line.starts_with("TLSv1.3"); });
    EXPECT_EQ(tls13_probes, 7) << ::testing::PrintToString(e->probes);
    EXPECT_EQ(e->connections, connections_);
  }
}

// A share for every curve Baseline makes one for is one the server takes: it answers in that
// group with a ServerHello, not a HelloRetryRequest (an invalid share would be refused).
TEST_F(EnumerateLoopback, Tls13KeySharesAreAcceptedForEveryCurve) {
  for (const char* curve : {"X448", "P-256", "P-384", "P-521", "brainpoolP256r1tls13"}) {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_3_VERSION;
    config.tls13_ciphersuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384";
    config.groups = std::string("X25519:") + curve;
    if (!openssl_knows_groups(config.groups)) continue;  // brainpool in TLS 1.3: OpenSSL >= 3.2
    auto e = enumerate_server(config);
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(e->suites[kTls13].size(), 2u) << curve;
    ASSERT_EQ(e->groups.size(), 2u) << curve;
    ASSERT_GE(e->probes.size(), 2u);
    EXPECT_NE(e->probes[1].find("-> SH TLSv1.3"), std::string::npos)
        << curve << ": " << e->probes[1];
    EXPECT_NE(e->probes[1].find(group_name(e->groups[1])), std::string::npos) << e->probes[1];
  }
}

TEST_F(EnumerateLoopback, EveryVersionFromTls10With13AndItsSuitesPerVersion) {
  TlsServerConfig config;
  config.min_version = TLS1_VERSION;
  config.max_version = TLS1_3_VERSION;
  config.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA";
  config.tls13_ciphersuites = "TLS_AES_128_GCM_SHA256";
  auto e = enumerate_server(config);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->versions, (std::vector<std::uint16_t>{kTls13, kTls12, kTls11, kTls10}));
  EXPECT_EQ(ids(e->suites[kTls13]), Ids{kAes128Gcm13});
  EXPECT_EQ(ids(e->suites[kTls12]), (Ids{kEcdheEcdsaAes128Gcm, kEcdheEcdsaAes128Cbc}));
  // GCM needs TLS 1.2: below it only the CBC suite is left.
  EXPECT_EQ(ids(e->suites[kTls11]), Ids{kEcdheEcdsaAes128Cbc});
  EXPECT_EQ(ids(e->suites[kTls10]), Ids{kEcdheEcdsaAes128Cbc});
  EXPECT_EQ(e->highest_below_13(), kTls12);
}

// The order probe offers the worst suite first: a server keeping its own order picks its
// favourite (GCM), one following the client's takes the CBC suite offered first.
TEST_F(EnumerateLoopback, ServerOrderIsToldFromTheClientsOrder) {
  for (bool server_preference : {true, false}) {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_2_VERSION;
    config.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA";
    config.server_preference = server_preference;
    auto e = enumerate_server(config);
    ASSERT_TRUE(e.ok()) << e.error().message;
    ASSERT_TRUE(e->server_order.has_value());
    EXPECT_EQ(*e->server_order, server_preference);
    EXPECT_EQ(e->order_probe_choice,
              server_preference ? kEcdheEcdsaAes128Gcm : kEcdheEcdsaAes128Cbc);
    EXPECT_EQ(e->prefers_better, server_preference);
  }
}

TEST(EnumerateLoopbackFailure, NothingListeningIsAnError) {
  // A listening socket that is never accepted from would still complete the TCP handshake;
  // a bound socket that does not listen refuses it, and keeps the port from anyone else.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket held(io);
  held.open(boost::asio::ip::tcp::v4());
  held.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
  ProbeTarget target{held.local_endpoint(), "tls.test", std::chrono::milliseconds(2000)};
  auto e = net::testing::run(io, enumerate(target));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("refused"), std::string::npos) << e.error().message;
}

}  // namespace
}  // namespace baseline::tls
