// SPDX-License-Identifier: Apache-2.0
#include "tls/guideline.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tls/cipher_suites.h"
#include "tls/groups.h"

namespace baseline::tls {
namespace {

using C = GuidelineClass;

TlsGuideline builtin(std::string_view id) {
  auto g = find_guideline(id);
  EXPECT_TRUE(g) << (g ? "" : g.error().message);
  return g ? *g : TlsGuideline{};
}

TEST(Guideline, EveryBuiltinParsesAndNamesEveryVersion) {
  for (const auto& id : builtin_guideline_ids()) {
    const auto g = builtin(id);
    EXPECT_EQ(g.id, id);
    for (auto version : {"SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"}) {
      EXPECT_TRUE(g.versions.count(version)) << id << " " << version;
    }
    EXPECT_FALSE(g.edition.empty());
  }
  EXPECT_EQ(active_guideline().id, kDefaultGuideline);
}

// Every suite Baseline can offer gets a class; the classes differ where the guidelines differ.
TEST(Guideline, SameSuiteDifferentClasses) {
  const auto ncsc = builtin("ncsc-nl");
  const auto bsi = builtin("bsi");
  const auto mozilla = builtin("mozilla-intermediate");
  EXPECT_EQ(ncsc.suite_class("TLS_CHACHA20_POLY1305_SHA256"), C::kGood);
  EXPECT_EQ(bsi.suite_class("TLS_CHACHA20_POLY1305_SHA256"), C::kPhaseOut);
  EXPECT_EQ(mozilla.suite_class("TLS_CHACHA20_POLY1305_SHA256"), C::kGood);

  EXPECT_EQ(ncsc.suite_class("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), C::kPhaseOut);
  EXPECT_EQ(bsi.suite_class("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), C::kGood);
  EXPECT_EQ(mozilla.suite_class("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"), C::kGood);

  EXPECT_EQ(ncsc.suite_class("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), C::kInsufficient);
  EXPECT_EQ(bsi.suite_class("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), C::kInsufficient);
  EXPECT_EQ(mozilla.suite_class("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), C::kPhaseOut);

  EXPECT_EQ(ncsc.suite_class("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), C::kPhaseOut);
  EXPECT_EQ(bsi.suite_class("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), C::kSufficient);

  EXPECT_EQ(ncsc.suite_class("TLS_RSA_WITH_AES_128_GCM_SHA256"), C::kInsufficient);
  EXPECT_EQ(mozilla.suite_class("TLS_RSA_WITH_AES_128_GCM_SHA256"), C::kPhaseOut);
  for (const auto* g : {&ncsc, &bsi, &mozilla}) {
    EXPECT_EQ(g->suite_class("TLS_RSA_WITH_RC4_128_SHA"), C::kInsufficient) << g->id;
    EXPECT_EQ(g->suite_class("TLS_ECDHE_RSA_WITH_NULL_SHA"), C::kInsufficient) << g->id;
    EXPECT_EQ(g->suite_class("TLS_NOT_A_SUITE"), C::kInsufficient) << g->id;
  }
}

TEST(Guideline, VersionsGroupsAndCertificates) {
  const auto ncsc = builtin("ncsc-nl");
  const auto bsi = builtin("bsi");
  const auto mozilla = builtin("mozilla");
  EXPECT_EQ(ncsc.version_class("TLSv1.1"), C::kInsufficient);
  EXPECT_EQ(mozilla.version_class("TLSv1.1"), C::kPhaseOut);
  EXPECT_EQ(bsi.version_class("TLSv1.2"), C::kGood);
  EXPECT_EQ(ncsc.version_class("TLSv1.2"), C::kSufficient);

  EXPECT_EQ(ncsc.group_class("x25519"), C::kGood);
  EXPECT_EQ(bsi.group_class("x25519"), C::kPhaseOut);
  EXPECT_EQ(ncsc.group_class("ffdhe2048"), C::kInsufficient);
  EXPECT_EQ(mozilla.group_class("ffdhe2048"), C::kGood);
  EXPECT_EQ(bsi.group_class("ffdhe3072"), C::kGood);
  EXPECT_EQ(ncsc.group_class("ffdhe3072"), C::kPhaseOut);

  EXPECT_EQ(ncsc.rsa_key_class(2048), C::kPhaseOut);
  EXPECT_EQ(bsi.rsa_key_class(2048), C::kInsufficient);
  EXPECT_EQ(mozilla.rsa_key_class(2048), C::kGood);
  EXPECT_EQ(ncsc.rsa_key_class(4096), C::kGood);
  EXPECT_EQ(mozilla.rsa_key_class(1024), C::kInsufficient);
  EXPECT_EQ(bsi.curve_class("brainpoolP256r1"), C::kGood);
  EXPECT_EQ(ncsc.curve_class("brainpoolP256r1"), C::kInsufficient);
  EXPECT_EQ(ncsc.signature_hash_class("SHA1"), C::kInsufficient);
  EXPECT_EQ(ncsc.signature_hash_class("SHA224"), C::kPhaseOut);
  EXPECT_EQ(ncsc.kex_hash_class("SHA256"), C::kGood);
  EXPECT_EQ(bsi.kex_hash_class("SHA224"), C::kInsufficient);
  EXPECT_TRUE(ncsc.server_cipher_order);
  EXPECT_FALSE(mozilla.server_cipher_order);
}

TEST(Guideline, ErrorsNameLineAndWhatIsWrong) {
  const std::string good = R"(id: x
name: X
edition: "1"
publisher: P
url: https://example.org/
server_cipher_order: required
versions: {TLSv1.3: good}
suites:
  - {match: "TLS_AES_*", class: good}
groups: {x25519: good}
kex_signature_hashes: {SHA1: insufficient}
certificate:
  rsa: [{min_bits: 2048, class: good}]
  curves: {P-256: good}
  signature_hashes: {SHA256: good}
)";
  ASSERT_TRUE(parse_guideline(good, "g.yaml"));
  auto replace = [&](const std::string& from, const std::string& to) {
    auto text = good;
    text.replace(text.find(from), from.size(), to);
    return parse_guideline(text, "g.yaml");
  };
  auto bad_class = replace("class: good}\ngroups", "class: great}\ngroups");
  ASSERT_FALSE(bad_class);
  EXPECT_EQ(bad_class.error().message.rfind("g.yaml:9: ", 0), 0u) << bad_class.error().message;
  EXPECT_NE(bad_class.error().message.find("unknown class 'great'"), std::string::npos);

  auto bad_version = replace("TLSv1.3: good", "TLSv9: good");
  ASSERT_FALSE(bad_version);
  EXPECT_EQ(bad_version.error().message.rfind("g.yaml:7: unknown protocol version 'TLSv9'", 0), 0u)
      << bad_version.error().message;

  auto unknown_field = replace("edition: \"1\"", "editon: \"1\"");
  ASSERT_FALSE(unknown_field);
  EXPECT_EQ(unknown_field.error().message.rfind("g.yaml:3: unknown field 'editon'", 0), 0u)
      << unknown_field.error().message;

  auto bad_bits = replace("min_bits: 2048", "min_bits: lots");
  ASSERT_FALSE(bad_bits);
  EXPECT_EQ(bad_bits.error().message.rfind("g.yaml:13: min_bits must be a whole number", 0), 0u)
      << bad_bits.error().message;

  auto syntax = replace("versions: {TLSv1.3: good}", "versions: {TLSv1.3: good");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().message.rfind("g.yaml:", 0), 0u);

  EXPECT_FALSE(find_guideline("nist"));
  EXPECT_NE(find_guideline("nist").error().message.find("bsi-tr-02102-2"), std::string::npos);
  EXPECT_FALSE(find_guideline("/nonexistent/guideline.yaml"));
}

}  // namespace
}  // namespace baseline::tls
