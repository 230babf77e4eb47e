// SPDX-License-Identifier: Apache-2.0
#include "checks/web/web_checks.h"

#include <gtest/gtest.h>

#include "tls/groups.h"
#include "tls/wire.h"

namespace baseline::checks::web_family {
namespace {

using core::Verdict;

std::optional<Verdict> verdict_of(const std::vector<core::CheckResult>& results,
                                  std::string_view id) {
  return core::worst_verdict(results, id);
}

const core::CheckResult* find(const std::vector<core::CheckResult>& results, std::string_view id) {
  for (const auto& r : results) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

AddressFacts reachable_address(const char* text) {
  AddressFacts a{boost::asio::ip::make_address(text)};
  a.reach443 = a.reach80 = true;
  return a;
}

WebFacts one_address(AddressFacts a) {
  WebFacts facts;
  HostFacts host{{"example.nl"}};
  (a.address.is_v4() ? host.ipv4 : host.ipv6).push_back(a.address);
  host.addresses.push_back(std::move(a));
  facts.hosts.push_back(std::move(host));
  return facts;
}

tls::HandshakeFacts handshake_with_leaf(tls::CertificateFacts leaf) {
  tls::HandshakeFacts h;
  h.chain.push_back(std::move(leaf));
  h.trusted = true;
  h.name_matches = true;
  h.name_checked = "example.nl";
  return h;
}

TEST(WebTls, LegacyVersionsAndInsufficientSuitesFail) {
  auto a = reachable_address("192.0.2.1");
  tls::Enumeration e;
  e.versions = {tls::kTls12, tls::kTls10};
  e.suites[tls::kTls12] = {0xc02f, 0x009c};  // ECDHE-RSA-AES128-GCM, RSA-AES128-GCM
  e.suites[tls::kTls10] = {0xc013};          // ECDHE-RSA-AES128-SHA
  e.groups = {0x001d, 0x0100};
  e.ems = true;
  e.secure_renegotiation = true;
  e.compression = false;
  e.sha1_kex = false;
  e.sha224_kex = false;
  e.prefers_better = false;
  e.order_probe_choice = 0x009c;
  a.enumeration = e;
  a.handshake = handshake_with_leaf({});
  auto results = check_tls(one_address(std::move(a)));
  EXPECT_EQ(verdict_of(results, "web.tls.version"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.tls.ciphers"), Verdict::kFail);
  EXPECT_NE(find(results, "web.tls.ciphers")->summary.find("TLS_RSA_WITH_AES_128_GCM_SHA256"),
            std::string::npos);
  EXPECT_EQ(verdict_of(results, "web.tls.cipher_order"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.tls.key_exchange"), Verdict::kFail);  // ffdhe2048
  EXPECT_EQ(verdict_of(results, "web.tls.kex_hash"), Verdict::kPass);
  EXPECT_EQ(verdict_of(results, "web.tls.ems"), Verdict::kPass);
  EXPECT_EQ(verdict_of(results, "web.tls.post_quantum"), Verdict::kInfo);
  EXPECT_EQ(find(results, "web.tls.version")->target, "192.0.2.1:443");
}

TEST(WebTls, Tls13OnlyAndZeroRttAccepted) {
  auto a = reachable_address("2001:db8::1");
  tls::Enumeration e;
  e.versions = {tls::kTls13};
  e.suites[tls::kTls13] = {0x1302, 0x1303};
  e.groups = {0x001d, tls::kX25519MlKem768};
  a.enumeration = e;
  auto h = handshake_with_leaf({});
  h.early_data_offered = true;
  h.early_data_accepted = true;
  h.early_data_status = 200;
  a.handshake = h;
  auto results = check_tls(one_address(std::move(a)));
  EXPECT_EQ(verdict_of(results, "web.tls.version"), Verdict::kPass);
  EXPECT_EQ(verdict_of(results, "web.tls.ciphers"), Verdict::kPass);
  EXPECT_EQ(verdict_of(results, "web.tls.cipher_order"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict_of(results, "web.tls.ems"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict_of(results, "web.tls.kex_hash"), Verdict::kNotApplicable);
  EXPECT_EQ(verdict_of(results, "web.tls.zero_rtt"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.tls.post_quantum"), Verdict::kPass);
  EXPECT_EQ(find(results, "web.tls.version")->target, "[2001:db8::1]:443");
}

TEST(WebTls, ProbeFailureIsAnErrorWithItsReason) {
  auto a = reachable_address("192.0.2.1");
  a.enumeration =
      core::Result<tls::Enumeration>(core::make_error("the server answered with garbage"));
  a.handshake = core::Result<tls::HandshakeFacts>(core::make_error("TLS handshake: no answer"));
  auto results = check_tls(one_address(std::move(a)));
  EXPECT_EQ(verdict_of(results, "web.tls.version"), Verdict::kError);
  EXPECT_NE(find(results, "web.tls.version")->summary.find("garbage"), std::string::npos);
  EXPECT_EQ(verdict_of(results, "web.tls.zero_rtt"), Verdict::kError);
}

TEST(WebCertificates, ExpiryKeyAndSignature) {
  constexpr long long now = 1'800'000'000;
  tls::CertificateFacts leaf;
  leaf.subject = "/CN=example.nl";
  leaf.key_type = "RSA";
  leaf.key_bits = 2048;
  leaf.signature = "sha1WithRSAEncryption";
  leaf.signature_hash = "SHA1";
  leaf.not_before = now - 100 * 86400;
  leaf.not_after = now - 86400;
  auto a = reachable_address("192.0.2.1");
  a.handshake = handshake_with_leaf(leaf);
  auto results = check_certificates(one_address(std::move(a)), now);
  EXPECT_EQ(verdict_of(results, "web.cert.expiry"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.cert.pubkey"), Verdict::kWarn);
  EXPECT_EQ(verdict_of(results, "web.cert.signature"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.cert.trust"), Verdict::kPass);
}

TEST(WebHttps, RedirectRules) {
  auto judge = [](RedirectChain chain) {
    auto a = reachable_address("192.0.2.1");
    a.redirect = std::move(chain);
    a.root.first = a.root.final = core::Result<http::Response>(core::make_error("not fetched"));
    a.security_txt.final = core::Result<http::Response>(core::make_error("not fetched"));
    return *verdict_of(check_https(one_address(std::move(a)), 0), "web.https.redirect");
  };
  EXPECT_EQ(judge({false, {}, {}, {}}), Verdict::kPass);  // no HTTP listener
  EXPECT_EQ(judge({true, {"http://example.nl/", "https://example.nl/"}, {301, 200}, {}}),
            Verdict::kPass);
  EXPECT_EQ(judge({true, {"http://example.nl/", "https://www.example.nl/"}, {301}, {}}),
            Verdict::kFail);
  EXPECT_EQ(judge({true, {"http://example.nl/"}, {200}, {}}), Verdict::kFail);
  EXPECT_EQ(judge({true,
                   {"http://example.nl/", "https://example.nl/a", "http://example.nl/b"},
                   {301, 302, 200},
                   {}}),
            Verdict::kFail);
  EXPECT_EQ(judge({true,
                   {"http://example.nl/", "https://example.nl/"},
                   {301, 302},
                   "more than 10 redirects"}),
            Verdict::kError);
}

TEST(WebIpv6, SameSiteIgnoresNonces) {
  const std::string a =
      "<html><script nonce=\"a8f3k2l9q0w1e2r3t4\">x</script><p>hello world</p></html>";
  const std::string b =
      "<html><script nonce=\"zz99yy88xx77ww66vv5\">x</script><p>hello world</p></html>";
  EXPECT_GE(body_similarity(a, b), 0.99);
  EXPECT_LT(body_similarity(a, "<html><body>something else entirely here</body></html>"), 0.5);
}

TEST(WebDane, InsecureTlsaIsUnusable) {
  auto a = reachable_address("192.0.2.1");
  a.handshake = handshake_with_leaf({});
  auto facts = one_address(std::move(a));
  facts.hosts[0].tlsa.security = dns::Security::kInsecure;
  facts.hosts[0].tlsa.records.push_back(tls::Tlsa{3, 1, 1, std::vector<std::uint8_t>(32, 1)});
  auto results = check_dane(facts);
  EXPECT_EQ(verdict_of(results, "web.dane.exists"), Verdict::kFail);
  EXPECT_EQ(verdict_of(results, "web.dane.valid"), Verdict::kNotApplicable);
}

}  // namespace
}  // namespace baseline::checks::web_family
