// SPDX-License-Identifier: Apache-2.0
#include "checks/registry.h"

#include <algorithm>
#include <array>
#include <vector>

namespace baseline::checks {
namespace {
using core::Level;

constexpr auto kRequired = Level::kRequired;
constexpr auto kRecommended = Level::kRecommended;
constexpr auto kOptional = Level::kOptional;

constexpr std::array kDnsChecks{
    CheckSpec{"dns.dnssec.signed", kRequired, "Zone is signed with DNSSEC"},
    CheckSpec{"dns.dnssec.valid", kRequired, "DNSSEC validates from the root"},
    CheckSpec{"dns.dnssec.algorithms", kRecommended, "DNSSEC algorithms and DS digests"},
    CheckSpec{"dns.dnssec.nsec3", kRecommended, "NSEC3 parameters (RFC 9276)"},
    CheckSpec{"dns.ns.ipv6", kRequired, "At least two name servers have IPv6"},
    CheckSpec{"dns.ns.ipv6_reach", kRequired, "Name servers answer over IPv6"},
    CheckSpec{"dns.ns.ipv4_reach", kRecommended, "Name servers answer over IPv4"},
    CheckSpec{"dns.caa", kRecommended, "CAA restricts certificate issuance"},
};

// The families below are implemented on other branches; their IDs are listed here so that the
// catalogue can name them and reports can say that they were not tested in this run.
constexpr Family kWeb = Family::kWeb;
constexpr std::array kWebChecks{
    CheckSpec{"web.ipv6.address", kRequired, "Web server has an IPv6 address", kWeb},
    CheckSpec{"web.ipv6.reach", kRequired, "Web server answers over IPv6", kWeb},
    CheckSpec{"web.ipv6.same_site", kRecommended, "Same website over IPv4 and IPv6", kWeb},
    CheckSpec{"web.https.available", kRequired, "HTTPS is available", kWeb},
    CheckSpec{"web.https.redirect", kRequired, "HTTP redirects to HTTPS", kWeb},
    CheckSpec{"web.hsts", kRequired, "HSTS for at least a year", kWeb},
    CheckSpec{"web.tls.version", kRequired, "Only TLS 1.2 and 1.3", kWeb},
    CheckSpec{"web.tls.ciphers", kRequired, "Cipher suites per NCSC-NL", kWeb},
    CheckSpec{"web.tls.cipher_order", kRequired, "Server prefers the better cipher suites", kWeb},
    CheckSpec{"web.tls.key_exchange", kRequired, "Key-exchange groups per NCSC-NL", kWeb},
    CheckSpec{"web.tls.kex_hash", kRequired, "Key-exchange signature hash", kWeb},
    CheckSpec{"web.tls.compression", kRequired, "No TLS compression", kWeb},
    CheckSpec{"web.tls.secure_renegotiation", kRequired, "Secure renegotiation (RFC 5746)", kWeb},
    CheckSpec{"web.tls.client_renegotiation", kOptional, "Client-initiated renegotiation", kWeb},
    CheckSpec{"web.tls.zero_rtt", kRequired, "No 0-RTT early data", kWeb},
    CheckSpec{"web.tls.ems", kRequired, "Extended Master Secret (RFC 7627)", kWeb},
    CheckSpec{"web.tls.ocsp_stapling", kOptional, "OCSP stapling", kWeb},
    CheckSpec{"web.tls.post_quantum", kOptional, "Post-quantum hybrid key exchange", kWeb},
    CheckSpec{"web.cert.trust", kRequired, "Certificate chain is trusted", kWeb},
    CheckSpec{"web.cert.name", kRequired, "Certificate matches the host name", kWeb},
    CheckSpec{"web.cert.pubkey", kRequired, "Certificate key strength", kWeb},
    CheckSpec{"web.cert.signature", kRequired, "Certificate signature hash", kWeb},
    CheckSpec{"web.cert.expiry", kRequired, "Certificate is not about to expire", kWeb},
    CheckSpec{"web.dane.exists", kOptional, "DANE TLSA record for the web server", kWeb},
    CheckSpec{"web.dane.valid", kRecommended, "DANE TLSA matches the web certificate", kWeb},
    CheckSpec{"web.headers.x_frame_options", kRecommended, "X-Frame-Options", kWeb},
    CheckSpec{"web.headers.x_content_type_options", kRecommended, "X-Content-Type-Options", kWeb},
    CheckSpec{"web.headers.csp", kRecommended, "Content-Security-Policy", kWeb},
    CheckSpec{"web.headers.referrer_policy", kRecommended, "Referrer-Policy", kWeb},
    CheckSpec{"web.security_txt", kRecommended, "security.txt (RFC 9116)", kWeb},
};

constexpr Family kMail = Family::kMail;
constexpr std::array kMailChecks{
    CheckSpec{"mail.mx", kOptional, "Mail servers (MX)", kMail},
    CheckSpec{"mail.ipv6.address", kRequired, "Mail servers have IPv6 addresses", kMail},
    CheckSpec{"mail.ipv6.reach", kRequired, "Mail servers answer over IPv6", kMail},
    CheckSpec{"mail.dnssec.mx", kRequired, "Mail server names are DNSSEC-signed", kMail},
    CheckSpec{"mail.spf", kRequired, "SPF record", kMail},
    CheckSpec{"mail.spf.policy", kRequired, "SPF policy is strict and within limits", kMail},
    CheckSpec{"mail.dmarc", kRequired, "DMARC record", kMail},
    CheckSpec{"mail.dmarc.policy", kRequired, "DMARC policy is quarantine or reject", kMail},
    CheckSpec{"mail.dkim", kRequired, "DKIM is deployed", kMail},
    CheckSpec{"mail.starttls", kRequired, "Mail servers offer STARTTLS", kMail},
    CheckSpec{"mail.tls.version", kRequired, "Mail: only TLS 1.2 and 1.3", kMail},
    CheckSpec{"mail.tls.ciphers", kRequired, "Mail: cipher suites per NCSC-NL", kMail},
    CheckSpec{"mail.tls.cipher_order", kRequired, "Mail: server prefers better suites", kMail},
    CheckSpec{"mail.tls.key_exchange", kRequired, "Mail: key-exchange groups", kMail},
    CheckSpec{"mail.tls.kex_hash", kRequired, "Mail: key-exchange signature hash", kMail},
    CheckSpec{"mail.tls.compression", kRequired, "Mail: no TLS compression", kMail},
    CheckSpec{"mail.tls.secure_renegotiation", kRequired, "Mail: secure renegotiation", kMail},
    CheckSpec{"mail.tls.client_renegotiation", kOptional, "Mail: client renegotiation", kMail},
    CheckSpec{"mail.tls.ems", kRequired, "Mail: Extended Master Secret", kMail},
    CheckSpec{"mail.cert.trust", kOptional, "Mail certificate chain is trusted", kMail},
    CheckSpec{"mail.cert.name", kOptional, "Mail certificate matches the MX name", kMail},
    CheckSpec{"mail.cert.pubkey", kRequired, "Mail certificate key strength", kMail},
    CheckSpec{"mail.cert.signature", kRequired, "Mail certificate signature hash", kMail},
    CheckSpec{"mail.dane.exists", kRequired, "DANE TLSA records for the mail servers", kMail},
    CheckSpec{"mail.dane.valid", kRequired, "DANE TLSA matches the mail certificate", kMail},
    CheckSpec{"mail.dane.rollover", kOptional, "DANE allows a key rollover", kMail},
    CheckSpec{"mail.mta_sts", kRecommended, "MTA-STS policy (RFC 8461)", kMail},
    CheckSpec{"mail.tls_rpt", kRecommended, "TLS reporting (RFC 8460)", kMail},
};

constexpr Family kRouting = Family::kRouting;
constexpr std::array kRoutingChecks{
    CheckSpec{"web.rpki.exists", kRequired, "Web addresses are covered by a ROA", kRouting},
    CheckSpec{"web.rpki.valid", kRequired, "Web routes are RPKI-valid", kRouting},
    CheckSpec{"dns.rpki.exists", kRequired, "Name-server addresses are covered by a ROA", kRouting},
    CheckSpec{"dns.rpki.valid", kRequired, "Name-server routes are RPKI-valid", kRouting},
    CheckSpec{"mail.rpki.exists", kRequired, "Mail-server addresses are covered by a ROA",
              kRouting},
    CheckSpec{"mail.rpki.valid", kRequired, "Mail-server routes are RPKI-valid", kRouting},
};

constexpr auto kAllChecks = [] {
  std::array<CheckSpec,
             kDnsChecks.size() + kWebChecks.size() + kMailChecks.size() + kRoutingChecks.size()>
      all{};
  std::size_t i = 0;
  for (const auto& c : kDnsChecks) all[i++] = c;
  for (const auto& c : kWebChecks) all[i++] = c;
  for (const auto& c : kMailChecks) all[i++] = c;
  for (const auto& c : kRoutingChecks) all[i++] = c;
  return all;
}();

}  // namespace

std::span<const CheckSpec> dns_checks() { return kDnsChecks; }
std::span<const CheckSpec> web_checks() { return kWebChecks; }

std::span<const CheckSpec> routing_checks() { return kRoutingChecks; }

std::span<const CheckSpec> all_checks() { return kAllChecks; }

const CheckSpec* find_check(std::string_view id) {
  for (const auto& spec : all_checks()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

std::string_view to_string(Family family) {
  switch (family) {
    case Family::kDns:
      return "dns";
    case Family::kWeb:
      return "web";
    case Family::kMail:
      return "mail";
    case Family::kRouting:
      return "routing";
  }
  return "dns";
}

bool check_implemented(std::string_view id) {
  const CheckSpec* spec = find_check(id);
  if (spec == nullptr) return false;
  switch (spec->family) {
    case Family::kDns:
    case Family::kMail:
    case Family::kRouting:
    case Family::kWeb:
      return true;
  }
  return false;
}

}  // namespace baseline::checks
