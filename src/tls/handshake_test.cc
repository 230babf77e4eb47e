// SPDX-License-Identifier: Apache-2.0
// The OpenSSL handshake against OpenSSL servers on loopback with certificates made for the test:
// the chain as presented, trust with and without the test CA (--ca-file), the name, the
// negotiated version and suite, client renegotiation and the 0-RTT offer.
#include "tls/handshake.h"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/io_context.hpp>

#include "net/testing/run.h"
#include "tls/testing/test_certificates.h"
#include "tls/testing/tls_server.h"

namespace baseline::tls {
namespace {
using testing::TlsServerConfig;

class HandshakeLoopback : public ::testing::Test {
 protected:
  core::Result<HandshakeFacts> handshake(const TlsServerConfig& config, HandshakeTarget target) {
    auto context = testing::make_server_context(config, leaf_, {&ca_});
    testing::TlsTestServer server(context.get());
    target.endpoint = server.endpoint();
    target.timeout = std::chrono::milliseconds(5000);
    boost::asio::io_context io;
    auto out = net::testing::run(io, full_handshake(target));
    EXPECT_TRUE(server.wait_idle());
    handshakes_ = server.handshakes();
    return out;
  }
  static TlsServerConfig tls12_only() {
    TlsServerConfig config;
    config.min_version = config.max_version = TLS1_2_VERSION;
    config.ciphers = "ECDHE-ECDSA-AES256-GCM-SHA384";
    return config;
  }

  testing::TestCertificate ca_ = testing::make_ca("Baseline test CA");
  testing::TestCertificate leaf_ = testing::make_leaf({"tls.test", "www.tls.test"}, ca_);
  testing::TempPemFile ca_file_{ca_.pem()};
  int handshakes_ = 0;
};

TEST_F(HandshakeLoopback, ChainTrustAndNameWithTheTestCa) {
  HandshakeTarget target;
  target.host = "www.tls.test";
  target.ca_file = ca_file_.path();
  target.try_renegotiation = false;
  target.try_early_data = false;
  auto f = handshake(TlsServerConfig{}, target);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->version, "TLSv1.3");
  EXPECT_EQ(f->cipher, "TLS_AES_128_GCM_SHA256") << "the server's first TLS 1.3 suite";
  ASSERT_EQ(f->chain.size(), 2u);
  EXPECT_EQ(f->chain[0].der, leaf_.der());
  EXPECT_EQ(f->chain[0].spki_der, leaf_.spki_der());
  EXPECT_EQ(f->chain[1].der, ca_.der());
  EXPECT_EQ(f->chain[0].key_type, "EC");
  EXPECT_EQ(f->chain[0].key_bits, 256);
  EXPECT_EQ(f->chain[0].curve, "prime256v1");
  EXPECT_EQ(f->chain[0].signature_hash, "SHA256");
  EXPECT_FALSE(f->chain[0].self_signed);
  EXPECT_TRUE(f->chain[1].self_signed);
  EXPECT_NE(f->chain[0].subject.find("tls.test"), std::string::npos) << f->chain[0].subject;
  EXPECT_NE(f->chain[0].issuer.find("Baseline test CA"), std::string::npos) << f->chain[0].issuer;
  EXPECT_TRUE(f->trusted) << f->trust_error;
  EXPECT_TRUE(f->name_matches);
  EXPECT_EQ(f->name_checked, "www.tls.test");
  EXPECT_FALSE(f->renegotiations_allowed.has_value()) << "not tried";
  EXPECT_EQ(f->connections, 1);
  EXPECT_EQ(handshakes_, 1);
}

TEST_F(HandshakeLoopback, WithoutTheCaTheChainIsNotTrustedAndSaysWhy) {
  HandshakeTarget target;
  target.host = "tls.test";
  target.try_renegotiation = false;
  target.try_early_data = false;
  auto f = handshake(TlsServerConfig{}, target);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_FALSE(f->trusted);
  EXPECT_EQ(f->trust_error, X509_verify_cert_error_string(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN));
  EXPECT_TRUE(f->name_matches) << "trust and name are judged apart";
}

TEST_F(HandshakeLoopback, ANameTheCertificateDoesNotCover) {
  HandshakeTarget target;
  target.host = "mail.tls.test";  // neither tls.test nor www.tls.test (no wildcard)
  target.ca_file = ca_file_.path();
  target.try_renegotiation = false;
  target.try_early_data = false;
  auto f = handshake(TlsServerConfig{}, target);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE(f->trusted) << f->trust_error;
  EXPECT_FALSE(f->name_matches);
  EXPECT_EQ(f->name_checked, "mail.tls.test");
}

// OpenSSL 3 servers refuse client-initiated renegotiation unless told to allow it.
TEST_F(HandshakeLoopback, ClientRenegotiationRefusedAndAllowed) {
  for (bool allow : {false, true}) {
    auto config = tls12_only();
    config.allow_client_renegotiation = allow;
    HandshakeTarget target;
    target.host = "tls.test";
    target.try_early_data = false;
    auto f = handshake(config, target);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ(f->version, "TLSv1.2");
    EXPECT_EQ(f->cipher, "ECDHE-ECDSA-AES256-GCM-SHA384");
    ASSERT_TRUE(f->renegotiations_allowed.has_value());
    EXPECT_EQ(*f->renegotiations_allowed, allow ? 11 : 0) << f->renegotiation_detail;
    if (allow) {
      EXPECT_EQ(f->renegotiation_detail, "all attempts accepted");
    }
  }
}

// A TLS 1.3 server that issues tickets without early data: asked, and not offered.
TEST_F(HandshakeLoopback, ZeroRttNotOfferedByADefaultServer) {
  TlsServerConfig config;
  config.min_version = TLS1_3_VERSION;
  HandshakeTarget target;
  target.host = "tls.test";
  target.try_renegotiation = false;
  auto f = handshake(config, target);
  ASSERT_TRUE(f.ok()) << f.error().message;
  ASSERT_TRUE(f->early_data_offered.has_value());
  EXPECT_FALSE(*f->early_data_offered);
  EXPECT_FALSE(f->early_data_accepted.has_value());
  EXPECT_EQ(f->connections, 2);
}

TEST_F(HandshakeLoopback, NoCommonVersionIsAnError) {
  TlsServerConfig config;
  config.min_version = TLS1_3_VERSION;
  HandshakeTarget target;
  target.host = "tls.test";
  target.try_renegotiation = true;  // the client then stops at TLS 1.2
  target.try_early_data = false;
  auto f = handshake(config, target);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().message.rfind("TLS handshake failed: ", 0), 0u) << f.error().message;
  EXPECT_EQ(handshakes_, 0);
}

}  // namespace
}  // namespace baseline::tls
