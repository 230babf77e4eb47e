// SPDX-License-Identifier: Apache-2.0
#include "batch/test_mapping.h"

#include <array>

#include "checks/registry.h"

namespace baseline::batch {
namespace {

using sv = std::string_view;
using enum TargetFilter;

// Check-ID lists (one array per distinct list, so that the table below stays one line a test).
constexpr std::array<sv, 0> kNone{};
#define BASELINE_CHECKS(name, ...)                          \
  constexpr std::array<sv, std::size({__VA_ARGS__})> name { \
    __VA_ARGS__                                             \
  }
BASELINE_CHECKS(kNsIpv6, "dns.ns.ipv6");
BASELINE_CHECKS(kNsIpv6Reach, "dns.ns.ipv6_reach");
BASELINE_CHECKS(kWebIpv6Address, "web.ipv6.address");
BASELINE_CHECKS(kWebIpv6Reach, "web.ipv6.reach");
BASELINE_CHECKS(kWebSameSite, "web.ipv6.same_site");
BASELINE_CHECKS(kSigned, "dns.dnssec.signed");
BASELINE_CHECKS(kValid, "dns.dnssec.valid");
BASELINE_CHECKS(kHttpsAvailable, "web.https.available");
BASELINE_CHECKS(kHttpsRedirect, "web.https.redirect");
BASELINE_CHECKS(kHsts, "web.hsts");
BASELINE_CHECKS(kWebTlsVersion, "web.tls.version");
BASELINE_CHECKS(kWebTlsCiphers, "web.tls.ciphers");
BASELINE_CHECKS(kWebTlsCipherOrder, "web.tls.cipher_order");
BASELINE_CHECKS(kWebTlsKeyExchange, "web.tls.key_exchange");
BASELINE_CHECKS(kWebTlsKexHash, "web.tls.kex_hash");
BASELINE_CHECKS(kWebTlsCompression, "web.tls.compression");
BASELINE_CHECKS(kWebTlsSecReneg, "web.tls.secure_renegotiation");
BASELINE_CHECKS(kWebTlsClientReneg, "web.tls.client_renegotiation");
BASELINE_CHECKS(kWebTlsEms, "web.tls.ems");
BASELINE_CHECKS(kWebTlsZeroRtt, "web.tls.zero_rtt");
BASELINE_CHECKS(kWebTlsOcsp, "web.tls.ocsp_stapling");
BASELINE_CHECKS(kCaa, "dns.caa");
BASELINE_CHECKS(kWebCertTrust, "web.cert.trust");
BASELINE_CHECKS(kWebCertPubkey, "web.cert.pubkey");
BASELINE_CHECKS(kWebCertSignature, "web.cert.signature");
BASELINE_CHECKS(kWebCertName, "web.cert.name");
BASELINE_CHECKS(kWebDaneExists, "web.dane.exists");
BASELINE_CHECKS(kWebDaneValid, "web.dane.valid");
BASELINE_CHECKS(kXFrame, "web.headers.x_frame_options");
BASELINE_CHECKS(kXContentType, "web.headers.x_content_type_options");
BASELINE_CHECKS(kCsp, "web.headers.csp");
BASELINE_CHECKS(kReferrer, "web.headers.referrer_policy");
BASELINE_CHECKS(kSecurityTxt, "web.security_txt");
BASELINE_CHECKS(kWebRpkiExists, "web.rpki.exists");
BASELINE_CHECKS(kWebRpkiValid, "web.rpki.valid");
BASELINE_CHECKS(kNsRpkiExists, "dns.rpki.exists");
BASELINE_CHECKS(kNsRpkiValid, "dns.rpki.valid");
BASELINE_CHECKS(kMailIpv6Address, "mail.ipv6.address");
BASELINE_CHECKS(kMailIpv6Reach, "mail.ipv6.reach");
BASELINE_CHECKS(kMailDnssecMx, "mail.dnssec.mx");
BASELINE_CHECKS(kDmarc, "mail.dmarc");
BASELINE_CHECKS(kDmarcPolicy, "mail.dmarc.policy");
BASELINE_CHECKS(kDkim, "mail.dkim");
BASELINE_CHECKS(kSpf, "mail.spf");
BASELINE_CHECKS(kSpfPolicy, "mail.spf.policy");
BASELINE_CHECKS(kStarttls, "mail.starttls");
BASELINE_CHECKS(kMailTlsVersion, "mail.tls.version");
BASELINE_CHECKS(kMailTlsCiphers, "mail.tls.ciphers");
BASELINE_CHECKS(kMailTlsCipherOrder, "mail.tls.cipher_order");
BASELINE_CHECKS(kMailTlsKeyExchange, "mail.tls.key_exchange");
BASELINE_CHECKS(kMailTlsKexHash, "mail.tls.kex_hash");
BASELINE_CHECKS(kMailTlsCompression, "mail.tls.compression");
BASELINE_CHECKS(kMailTlsSecReneg, "mail.tls.secure_renegotiation");
BASELINE_CHECKS(kMailTlsClientReneg, "mail.tls.client_renegotiation");
BASELINE_CHECKS(kMailTlsEms, "mail.tls.ems");
BASELINE_CHECKS(kMailCertTrust, "mail.cert.trust");
BASELINE_CHECKS(kMailCertPubkey, "mail.cert.pubkey");
BASELINE_CHECKS(kMailCertSignature, "mail.cert.signature");
BASELINE_CHECKS(kMailCertName, "mail.cert.name");
BASELINE_CHECKS(kMailDaneExists, "mail.dane.exists");
BASELINE_CHECKS(kMailDaneValid, "mail.dane.valid");
BASELINE_CHECKS(kMailDaneRollover, "mail.dane.rollover");
BASELINE_CHECKS(kMailRpkiExists, "mail.rpki.exists");
BASELINE_CHECKS(kMailRpkiValid, "mail.rpki.valid");
#undef BASELINE_CHECKS

constexpr std::array kCategories{
    CategoryMapping{"web_ipv6", RequestType::kWeb},
    CategoryMapping{"web_dnssec", RequestType::kWeb},
    CategoryMapping{"web_https", RequestType::kWeb},
    CategoryMapping{"web_appsecpriv", RequestType::kWeb},
    CategoryMapping{"web_rpki", RequestType::kWeb},
    CategoryMapping{"mail_ipv6", RequestType::kMail},
    CategoryMapping{"mail_dnssec", RequestType::kMail},
    CategoryMapping{"mail_auth", RequestType::kMail},
    CategoryMapping{"mail_starttls", RequestType::kMail},
    CategoryMapping{"mail_rpki", RequestType::kMail},
};

constexpr sv kEveryAddress =
    "every address of the domain and of www., not only the first A and AAAA";
constexpr sv kEveryMx = "every address of every MX host";

// clang-format off
constexpr std::array kTests{
    // test                              category          section              checks               filter
    TestMapping{"web_ipv6_ns_address",   "web_ipv6",   "", kNsIpv6, kAll, ""},
    TestMapping{"web_ipv6_ns_reach",     "web_ipv6",   "", kNsIpv6Reach, kAll, "every IPv6 address of every name server"},
    TestMapping{"web_ipv6_ws_address",   "web_ipv6",   "", kWebIpv6Address, kAll, "the domain and www."},
    TestMapping{"web_ipv6_ws_reach",     "web_ipv6",   "", kWebIpv6Reach, kAll, kEveryAddress},
    TestMapping{"web_ipv6_ws_similar",   "web_ipv6",   "", kWebSameSite, kAll, "every reachable IPv6 address against the IPv4 page"},
    TestMapping{"web_dnssec_exist",      "web_dnssec", "", kSigned, kAll, ""},
    TestMapping{"web_dnssec_valid",      "web_dnssec", "", kValid, kAll, "dns.dnssec.algorithms and dns.dnssec.nsec3 are Baseline's own; see results_technical"},
    TestMapping{"web_https_http_available",  "web_https", "web_https_http", kHttpsAvailable, kAll, kEveryAddress},
    TestMapping{"web_https_http_redirect",   "web_https", "web_https_http", kHttpsRedirect, kAll, "also: no later hop downgrades to http://"},
    TestMapping{"web_https_http_compress",   "web_https", "web_https_http", kNone, kAll, "Baseline does not test HTTP compression"},
    TestMapping{"web_https_http_hsts",       "web_https", "web_https_http", kHsts, kAll, kEveryAddress},
    TestMapping{"web_https_tls_version",     "web_https", "web_https_tls", kWebTlsVersion, kAll, kEveryAddress},
    TestMapping{"web_https_tls_ciphers",     "web_https", "web_https_tls", kWebTlsCiphers, kAll, kEveryAddress},
    TestMapping{"web_https_tls_cipherorder", "web_https", "web_https_tls", kWebTlsCipherOrder, kAll, kEveryAddress},
    TestMapping{"web_https_tls_keyexchange", "web_https", "web_https_tls", kWebTlsKeyExchange, kAll, kEveryAddress},
    TestMapping{"web_https_tls_keyexchangehash", "web_https", "web_https_tls", kWebTlsKexHash, kAll, kEveryAddress},
    TestMapping{"web_https_tls_compress",    "web_https", "web_https_tls", kWebTlsCompression, kAll, kEveryAddress},
    TestMapping{"web_https_tls_secreneg",    "web_https", "web_https_tls", kWebTlsSecReneg, kAll, kEveryAddress},
    TestMapping{"web_https_tls_clientreneg", "web_https", "web_https_tls", kWebTlsClientReneg, kAll, kEveryAddress},
    TestMapping{"web_https_tls_extendedmastersecret", "web_https", "web_https_tls", kWebTlsEms, kAll, kEveryAddress},
    TestMapping{"web_https_tls_0rtt",        "web_https", "web_https_tls", kWebTlsZeroRtt, kAll, kEveryAddress},
    TestMapping{"web_https_tls_ocsp",        "web_https", "web_https_tls", kWebTlsOcsp, kAll, kEveryAddress},
    TestMapping{"web_https_tls_caa",         "web_https", "web_https_tls", kCaa, kAll, "the CAA set found by climbing from the domain (RFC 8659)"},
    TestMapping{"web_https_cert_chain",      "web_https", "web_https_cert", kWebCertTrust, kAll, kEveryAddress},
    TestMapping{"web_https_cert_pubkey",     "web_https", "web_https_cert", kWebCertPubkey, kAll, kEveryAddress},
    TestMapping{"web_https_cert_sig",        "web_https", "web_https_cert", kWebCertSignature, kAll, kEveryAddress},
    TestMapping{"web_https_cert_domain",     "web_https", "web_https_cert", kWebCertName, kAll, kEveryAddress},
    TestMapping{"web_https_dane_exist",      "web_https", "web_https_dane", kWebDaneExists, kAll, "the domain and www."},
    TestMapping{"web_https_dane_valid",      "web_https", "web_https_dane", kWebDaneValid, kAll, kEveryAddress},
    TestMapping{"web_appsecpriv_x_frame_options",        "web_appsecpriv", "", kXFrame, kAll, kEveryAddress},
    TestMapping{"web_appsecpriv_x_content_type_options", "web_appsecpriv", "", kXContentType, kAll, kEveryAddress},
    TestMapping{"web_appsecpriv_csp",                    "web_appsecpriv", "", kCsp, kAll, kEveryAddress},
    TestMapping{"web_appsecpriv_referrer_policy",        "web_appsecpriv", "", kReferrer, kAll, kEveryAddress},
    TestMapping{"web_appsecpriv_securitytxt",            "web_appsecpriv", "", kSecurityTxt, kAll, kEveryAddress},
    TestMapping{"web_rpki_exists",           "web_rpki", "web_rpki", kWebRpkiExists, kAll, kEveryAddress},
    TestMapping{"web_rpki_valid",            "web_rpki", "web_rpki", kWebRpkiValid, kAll, kEveryAddress},
    TestMapping{"web_ns_rpki_exists",        "web_rpki", "web_ns_rpki", kNsRpkiExists, kAll, "every address of every name server"},
    TestMapping{"web_ns_rpki_valid",         "web_rpki", "web_ns_rpki", kNsRpkiValid, kAll, "every address of every name server"},

    TestMapping{"mail_ipv6_ns_address",      "mail_ipv6", "", kNsIpv6, kAll, ""},
    TestMapping{"mail_ipv6_ns_reach",        "mail_ipv6", "", kNsIpv6Reach, kAll, "every IPv6 address of every name server"},
    TestMapping{"mail_ipv6_mx_address",      "mail_ipv6", "", kMailIpv6Address, kAll, "every MX host (at most 10, in preference order)"},
    TestMapping{"mail_ipv6_mx_reach",        "mail_ipv6", "", kMailIpv6Reach, kAll, kEveryMx},
    TestMapping{"mail_dnssec_mailto_exist",  "mail_dnssec", "", kSigned, kAll, ""},
    TestMapping{"mail_dnssec_mailto_valid",  "mail_dnssec", "", kValid, kAll, ""},
    TestMapping{"mail_dnssec_mx_exist",      "mail_dnssec", "", kMailDnssecMx, kMxZoneSigned, "from mail.dnssec.mx: a secure or bogus MX name is signed"},
    TestMapping{"mail_dnssec_mx_valid",      "mail_dnssec", "", kMailDnssecMx, kAll, ""},
    TestMapping{"mail_auth_dmarc_exist",     "mail_auth", "", kDmarc, kAll, ""},
    TestMapping{"mail_auth_dmarc_policy",    "mail_auth", "", kDmarcPolicy, kAll, ""},
    TestMapping{"mail_auth_dkim_exist",      "mail_auth", "", kDkim, kAll, "also parses the keys found at well-known selectors"},
    TestMapping{"mail_auth_spf_exist",       "mail_auth", "", kSpf, kAll, ""},
    TestMapping{"mail_auth_spf_policy",      "mail_auth", "", kSpfPolicy, kAll, "RFC 7208 check_host() for an unauthorised sender"},
    TestMapping{"mail_starttls_tls_available",    "mail_starttls", "mail_starttls_tls", kStarttls, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_version",      "mail_starttls", "mail_starttls_tls", kMailTlsVersion, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_ciphers",      "mail_starttls", "mail_starttls_tls", kMailTlsCiphers, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_cipherorder",  "mail_starttls", "mail_starttls_tls", kMailTlsCipherOrder, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_keyexchange",  "mail_starttls", "mail_starttls_tls", kMailTlsKeyExchange, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_keyexchangehash", "mail_starttls", "mail_starttls_tls", kMailTlsKexHash, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_compress",     "mail_starttls", "mail_starttls_tls", kMailTlsCompression, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_secreneg",     "mail_starttls", "mail_starttls_tls", kMailTlsSecReneg, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_clientreneg",  "mail_starttls", "mail_starttls_tls", kMailTlsClientReneg, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_extendedmastersecret", "mail_starttls", "mail_starttls_tls", kMailTlsEms, kAll, kEveryMx},
    TestMapping{"mail_starttls_tls_0rtt",         "mail_starttls", "mail_starttls_tls", kNone, kAll, "Baseline sends no 0-RTT probe over SMTP"},
    TestMapping{"mail_starttls_tls_caa",          "mail_starttls", "mail_starttls_tls", kNone, kAll, "Baseline's dns.caa is for the domain, not for the MX hosts' domains"},
    TestMapping{"mail_starttls_cert_chain",       "mail_starttls", "mail_starttls_cert", kMailCertTrust, kAll, kEveryMx},
    TestMapping{"mail_starttls_cert_pubkey",      "mail_starttls", "mail_starttls_cert", kMailCertPubkey, kAll, kEveryMx},
    TestMapping{"mail_starttls_cert_sig",         "mail_starttls", "mail_starttls_cert", kMailCertSignature, kAll, kEveryMx},
    TestMapping{"mail_starttls_cert_domain",      "mail_starttls", "mail_starttls_cert", kMailCertName, kAll, kEveryMx},
    TestMapping{"mail_starttls_dane_exist",       "mail_starttls", "mail_starttls_dane", kMailDaneExists, kAll, "every MX host"},
    TestMapping{"mail_starttls_dane_valid",       "mail_starttls", "mail_starttls_dane", kMailDaneValid, kAll, kEveryMx},
    TestMapping{"mail_starttls_dane_rollover",    "mail_starttls", "mail_starttls_dane", kMailDaneRollover, kAll, "every MX host"},
    TestMapping{"mail_rpki_exists",          "mail_rpki", "mail_rpki", kMailRpkiExists, kMxHosts, kEveryMx},
    TestMapping{"mail_rpki_valid",           "mail_rpki", "mail_rpki", kMailRpkiValid, kMxHosts, kEveryMx},
    TestMapping{"mail_ns_rpki_exists",       "mail_rpki", "mail_ns_rpki", kNsRpkiExists, kAll, "every address of every name server"},
    TestMapping{"mail_ns_rpki_valid",        "mail_rpki", "mail_ns_rpki", kNsRpkiValid, kAll, "every address of every name server"},
    TestMapping{"mail_mx_ns_rpki_exists",    "mail_rpki", "mail_mx_ns_rpki", kMailRpkiExists, kMxZoneNameServers, "every address of every name server of every MX zone"},
    TestMapping{"mail_mx_ns_rpki_valid",     "mail_rpki", "mail_mx_ns_rpki", kMailRpkiValid, kMxZoneNameServers, "every address of every name server of every MX zone"},
};
// clang-format on

}  // namespace

std::span<const CategoryMapping> categories() {
  return kCategories;
}
std::span<const TestMapping> tests() {
  return kTests;
}

std::vector<const TestMapping*> tests_of(RequestType type) {
  std::vector<const TestMapping*> out;
  for (const auto& t : kTests) {
    const auto* category = find_category(t.category);
    if (category != nullptr && category->type == type) out.push_back(&t);
  }
  return out;
}

std::vector<const TestMapping*> tests_in(std::string_view category) {
  std::vector<const TestMapping*> out;
  for (const auto& t : kTests) {
    if (t.category == category) out.push_back(&t);
  }
  return out;
}

const TestMapping* find_test(std::string_view test) {
  for (const auto& t : kTests) {
    if (t.test == test) return &t;
  }
  return nullptr;
}

const CategoryMapping* find_category(std::string_view category) {
  for (const auto& c : kCategories) {
    if (c.category == category) return &c;
  }
  return nullptr;
}

std::vector<std::string_view> checks_beyond_internetnl() {
  std::vector<std::string_view> out;
  for (const auto& spec : checks::all_checks()) {
    bool mapped = false;
    for (const auto& t : kTests) {
      for (auto id : t.checks) mapped |= id == spec.id;
    }
    if (!mapped) out.push_back(spec.id);
  }
  return out;
}

std::optional<core::Level> test_level(const TestMapping& test) {
  if (test.checks.empty()) return std::nullopt;
  const auto* spec = checks::find_check(test.checks.front());
  if (spec == nullptr) return std::nullopt;
  return spec->level;
}

}  // namespace baseline::batch
