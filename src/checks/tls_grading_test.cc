// SPDX-License-Identifier: Apache-2.0
// The same servers graded under each shipped TLS guideline: the verdicts each guideline gives.
#include "checks/tls_grading.h"

#include <gtest/gtest.h>

#include <map>

#include "checks/certificate_grading.h"
#include "tls/cipher_suites.h"
#include "tls/groups.h"
#include "tls/wire.h"

namespace baseline::checks::tls_grading {
namespace {

using core::Verdict;

std::uint16_t suite(std::string_view name) {
  for (const auto& s : tls::all_suites()) {
    if (s.name == name) return s.id;
  }
  ADD_FAILURE() << "no suite " << name;
  return 0;
}

tls::TlsGuideline guideline(std::string_view id) {
  auto g = tls::find_guideline(id);
  EXPECT_TRUE(g) << (g ? "" : g.error().message);
  return *g;
}

// check ID (without "web.") -> verdict
std::map<std::string, Verdict> grade(const tls::Enumeration& e, std::string_view guideline_id) {
  const auto g = guideline(guideline_id);
  GradingScope scope{"web", "192.0.2.1:443", true, &g};
  std::map<std::string, Verdict> out;
  for (const auto& r : grade_enumeration(scope, e)) out[r.id.substr(4)] = r.verdict;
  return out;
}

// TLS 1.3 and 1.2, AEAD suites only, X25519 and P-256.
tls::Enumeration modern_server() {
  tls::Enumeration e;
  e.versions = {tls::kTls13, tls::kTls12};
  e.suites[tls::kTls13] = {suite("TLS_AES_256_GCM_SHA384"), suite("TLS_CHACHA20_POLY1305_SHA256"),
                           suite("TLS_AES_128_GCM_SHA256")};
  e.suites[tls::kTls12] = {suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                           suite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")};
  e.groups = {tls::kX25519, 0x0017};
  e.sha1_kex = false;
  e.sha224_kex = false;
  e.compression = false;
  e.ems = true;
  e.secure_renegotiation = true;
  return e;
}

// TLS 1.0 to 1.2, a SHA-1 CBC suite beside GCM, DHE with the 2048-bit group.
tls::Enumeration legacy_server() {
  tls::Enumeration e;
  e.versions = {tls::kTls12, tls::kTls11, tls::kTls10};
  e.suites[tls::kTls12] = {suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                           suite("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
                           suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")};
  e.suites[tls::kTls11] = {suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")};
  e.suites[tls::kTls10] = {suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")};
  e.prefers_better = true;
  e.groups = {0x0017};
  e.dh_groups = {{2048, "ffdhe2048"}};
  e.sha1_kex = false;
  e.compression = false;
  e.ems = true;
  e.secure_renegotiation = true;
  return e;
}

// TLS 1.3 and 1.2 with DHE on ffdhe3072 and a CBC-SHA256 suite; it lets the client pick.
tls::Enumeration dhe_server() {
  tls::Enumeration e;
  e.versions = {tls::kTls13, tls::kTls12};
  e.suites[tls::kTls13] = {suite("TLS_AES_128_GCM_SHA256")};
  e.suites[tls::kTls12] = {suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
                           suite("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384")};
  e.prefers_better = false;
  e.order_probe_choice = suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
  e.groups = {0x0018};
  e.dh_groups = {{3072, "ffdhe3072"}};
  e.sha1_kex = false;
  e.sha224_kex = true;
  e.compression = false;
  e.ems = true;
  e.secure_renegotiation = true;
  return e;
}

TEST(TlsGradingByGuideline, ModernServer) {
  const auto e = modern_server();
  const auto ncsc = grade(e, "ncsc-nl-2025-05");
  EXPECT_EQ(ncsc.at("tls.version"), Verdict::kPass);
  EXPECT_EQ(ncsc.at("tls.ciphers"), Verdict::kPass);
  EXPECT_EQ(ncsc.at("tls.key_exchange"), Verdict::kPass);
  const auto bsi = grade(e, "bsi-tr-02102-2");
  EXPECT_EQ(bsi.at("tls.version"), Verdict::kPass);
  EXPECT_EQ(bsi.at("tls.ciphers"), Verdict::kWarn);       // ChaCha20 is not on BSI's list
  EXPECT_EQ(bsi.at("tls.key_exchange"), Verdict::kWarn);  // nor is X25519
  const auto mozilla = grade(e, "mozilla-intermediate");
  EXPECT_EQ(mozilla.at("tls.version"), Verdict::kPass);
  EXPECT_EQ(mozilla.at("tls.ciphers"), Verdict::kPass);
  EXPECT_EQ(mozilla.at("tls.key_exchange"), Verdict::kPass);
}

TEST(TlsGradingByGuideline, LegacyServer) {
  const auto e = legacy_server();
  const auto ncsc = grade(e, "ncsc-nl-2025-05");
  EXPECT_EQ(ncsc.at("tls.version"), Verdict::kFail);
  EXPECT_EQ(ncsc.at("tls.ciphers"), Verdict::kFail);
  EXPECT_EQ(ncsc.at("tls.key_exchange"), Verdict::kFail);  // ffdhe2048
  EXPECT_EQ(ncsc.at("tls.cipher_order"), Verdict::kPass);
  const auto bsi = grade(e, "bsi-tr-02102-2");
  EXPECT_EQ(bsi.at("tls.version"), Verdict::kFail);
  EXPECT_EQ(bsi.at("tls.ciphers"), Verdict::kFail);
  EXPECT_EQ(bsi.at("tls.key_exchange"), Verdict::kFail);
  const auto mozilla = grade(e, "mozilla-intermediate");
  EXPECT_EQ(mozilla.at("tls.version"), Verdict::kWarn);  // 1.0 and 1.1: Mozilla "old" only
  EXPECT_EQ(mozilla.at("tls.ciphers"), Verdict::kWarn);
  EXPECT_EQ(mozilla.at("tls.key_exchange"), Verdict::kPass);
}

TEST(TlsGradingByGuideline, DheServerThatLetsTheClientChoose) {
  const auto e = dhe_server();
  const auto ncsc = grade(e, "ncsc-nl-2025-05");
  EXPECT_EQ(ncsc.at("tls.ciphers"), Verdict::kWarn);
  EXPECT_EQ(ncsc.at("tls.cipher_order"), Verdict::kFail);
  EXPECT_EQ(ncsc.at("tls.key_exchange"), Verdict::kWarn);  // ffdhe3072: phase-out
  EXPECT_EQ(ncsc.at("tls.kex_hash"), Verdict::kWarn);      // SHA-224
  const auto bsi = grade(e, "bsi-tr-02102-2");
  EXPECT_EQ(bsi.at("tls.ciphers"), Verdict::kPass);
  EXPECT_EQ(bsi.at("tls.cipher_order"), Verdict::kFail);
  EXPECT_EQ(bsi.at("tls.key_exchange"), Verdict::kPass);
  EXPECT_EQ(bsi.at("tls.kex_hash"), Verdict::kFail);
  const auto mozilla = grade(e, "mozilla-intermediate");
  EXPECT_EQ(mozilla.at("tls.ciphers"), Verdict::kWarn);
  EXPECT_EQ(mozilla.at("tls.cipher_order"), Verdict::kInfo);
  EXPECT_EQ(mozilla.at("tls.key_exchange"), Verdict::kPass);
}

TEST(TlsGradingByGuideline, Certificates) {
  tls::HandshakeFacts rsa2048;
  rsa2048.chain.push_back({.subject = "CN=a",
                           .key_type = "RSA",
                           .key_bits = 2048,
                           .signature = "sha256WithRSAEncryption",
                           .signature_hash = "SHA256"});
  tls::HandshakeFacts brainpool;
  brainpool.chain.push_back({.subject = "CN=b",
                             .key_type = "EC",
                             .key_bits = 256,
                             .curve = "brainpoolP256r1",
                             .signature = "ecdsa-with-SHA384",
                             .signature_hash = "SHA384"});
  const auto ncsc = guideline("ncsc-nl"), bsi = guideline("bsi"), mozilla = guideline("mozilla");
  EXPECT_EQ(certificate_grading::judge_chain(rsa2048, ncsc).key, Verdict::kWarn);
  EXPECT_EQ(certificate_grading::judge_chain(rsa2048, bsi).key, Verdict::kFail);
  EXPECT_EQ(certificate_grading::judge_chain(rsa2048, mozilla).key, Verdict::kPass);
  EXPECT_EQ(certificate_grading::judge_chain(brainpool, ncsc).key, Verdict::kFail);
  EXPECT_EQ(certificate_grading::judge_chain(brainpool, bsi).key, Verdict::kPass);
  EXPECT_EQ(certificate_grading::judge_chain(brainpool, mozilla).key, Verdict::kFail);
  EXPECT_EQ(certificate_grading::judge_chain(brainpool, bsi).signature, Verdict::kPass);
}

}  // namespace
}  // namespace baseline::checks::tls_grading
