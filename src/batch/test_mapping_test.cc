// SPDX-License-Identifier: Apache-2.0
#include "batch/test_mapping.h"

#include <gtest/gtest.h>

#include <set>

#include "checks/registry.h"

namespace baseline::batch {
namespace {

// Section A of shared/reference/internetnl-batch-api.md, "Category and test names", written out.
const std::vector<std::pair<std::string, std::vector<std::string>>> kReference = {
    {"web_ipv6",
     {"web_ipv6_ns_address", "web_ipv6_ns_reach", "web_ipv6_ws_address", "web_ipv6_ws_reach",
      "web_ipv6_ws_similar"}},
    {"web_dnssec", {"web_dnssec_exist", "web_dnssec_valid"}},
    {"web_https",
     {"web_https_http_available",
      "web_https_http_redirect",
      "web_https_http_compress",
      "web_https_http_hsts",
      "web_https_tls_version",
      "web_https_tls_ciphers",
      "web_https_tls_cipherorder",
      "web_https_tls_keyexchange",
      "web_https_tls_keyexchangehash",
      "web_https_tls_compress",
      "web_https_tls_secreneg",
      "web_https_tls_clientreneg",
      "web_https_tls_extendedmastersecret",
      "web_https_tls_0rtt",
      "web_https_tls_ocsp",
      "web_https_tls_caa",
      "web_https_cert_chain",
      "web_https_cert_pubkey",
      "web_https_cert_sig",
      "web_https_cert_domain",
      "web_https_dane_exist",
      "web_https_dane_valid"}},
    {"web_appsecpriv",
     {"web_appsecpriv_x_frame_options", "web_appsecpriv_x_content_type_options",
      "web_appsecpriv_csp", "web_appsecpriv_referrer_policy", "web_appsecpriv_securitytxt"}},
    {"web_rpki", {"web_rpki_exists", "web_rpki_valid", "web_ns_rpki_exists", "web_ns_rpki_valid"}},
    {"mail_ipv6",
     {"mail_ipv6_ns_address", "mail_ipv6_ns_reach", "mail_ipv6_mx_address", "mail_ipv6_mx_reach"}},
    {"mail_dnssec",
     {"mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid", "mail_dnssec_mx_exist",
      "mail_dnssec_mx_valid"}},
    {"mail_auth",
     {"mail_auth_dmarc_exist", "mail_auth_dmarc_policy", "mail_auth_dkim_exist",
      "mail_auth_spf_exist", "mail_auth_spf_policy"}},
    {"mail_starttls",
     {"mail_starttls_tls_available", "mail_starttls_tls_version", "mail_starttls_tls_ciphers",
      "mail_starttls_tls_cipherorder", "mail_starttls_tls_keyexchange",
      "mail_starttls_tls_keyexchangehash", "mail_starttls_tls_compress",
      "mail_starttls_tls_secreneg", "mail_starttls_tls_clientreneg",
      "mail_starttls_tls_extendedmastersecret", "mail_starttls_tls_0rtt", "mail_starttls_tls_caa",
      "mail_starttls_cert_chain", "mail_starttls_cert_pubkey", "mail_starttls_cert_sig",
      "mail_starttls_cert_domain", "mail_starttls_dane_exist", "mail_starttls_dane_valid",
      "mail_starttls_dane_rollover"}},
    {"mail_rpki",
     {"mail_rpki_exists", "mail_rpki_valid", "mail_ns_rpki_exists", "mail_ns_rpki_valid",
      "mail_mx_ns_rpki_exists", "mail_mx_ns_rpki_valid"}},
};

TEST(TestMapping, CoversExactlyTheReferenceTestsInItsCategories) {
  std::size_t total = 0;
  for (const auto& [category, names] : kReference) {
    ASSERT_NE(find_category(category), nullptr) << category;
    std::vector<std::string> mapped;
    for (const auto* t : tests_in(category)) mapped.emplace_back(t->test);
    EXPECT_EQ(mapped, names) << category;
    total += names.size();
  }
  EXPECT_EQ(tests().size(), total);
  EXPECT_EQ(categories().size(), kReference.size());
}

TEST(TestMapping, EveryCheckIdIsABaselineCheckAndEveryTestOfAFamilyHasItsType) {
  std::set<std::string_view> names;
  for (const auto& t : tests()) {
    EXPECT_TRUE(names.insert(t.test).second) << "duplicate " << t.test;
    for (auto id : t.checks) EXPECT_NE(checks::find_check(id), nullptr) << t.test << ": " << id;
    const auto* category = find_category(t.category);
    ASSERT_NE(category, nullptr);
    EXPECT_TRUE(t.test.starts_with(category->type == RequestType::kWeb ? "web_" : "mail_"))
        << t.test;
  }
  EXPECT_EQ(tests_of(RequestType::kWeb).size(), 38u);
  EXPECT_EQ(tests_of(RequestType::kMail).size(), 38u);
}

TEST(TestMapping, WhatBaselineLacksIsNotTestedAndSaysWhy) {
  const std::set<std::string_view> lacking = {"web_https_http_compress", "mail_starttls_tls_0rtt",
                                              "mail_starttls_tls_caa"};
  for (const auto& t : tests()) {
    EXPECT_EQ(t.checks.empty(), lacking.contains(t.test)) << t.test;
    if (t.checks.empty()) {
      EXPECT_FALSE(test_level(t));
      EXPECT_FALSE(t.note.empty()) << t.test;
    } else {
      EXPECT_TRUE(test_level(t)) << t.test;
    }
  }
}

TEST(TestMapping, ChecksBeyondInternetNlAreExactlyTheUnmappedOnes) {
  const std::vector<std::string_view> expected = {
      "dns.dnssec.algorithms", "dns.dnssec.nsec3", "dns.ns.ipv4_reach", "web.tls.post_quantum",
      "web.cert.expiry",       "mail.mx",          "mail.mta_sts",      "mail.tls_rpt"};
  EXPECT_EQ(checks_beyond_internetnl(), expected);
}

TEST(TestMapping, LevelsComeFromTheDecidingCheck) {
  EXPECT_EQ(test_level(*find_test("web_ipv6_ns_address")), core::Level::kRequired);
  EXPECT_EQ(test_level(*find_test("web_https_tls_ocsp")), core::Level::kOptional);
  EXPECT_EQ(test_level(*find_test("web_appsecpriv_csp")), core::Level::kRecommended);
  EXPECT_EQ(test_level(*find_test("mail_starttls_cert_chain")), core::Level::kOptional);
  EXPECT_EQ(find_test("no_such_test"), nullptr);
}

}  // namespace
}  // namespace baseline::batch
