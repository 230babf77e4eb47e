#include "checks/registry.h"

#include <array>
#include <vector>

namespace baseline::checks {
namespace {
using core::Level;

constexpr std::array kDnsChecks{
    CheckSpec{"dns.dnssec.signed", Level::kRequired, "Zone is signed with DNSSEC"},
    CheckSpec{"dns.dnssec.valid", Level::kRequired, "DNSSEC validates from the root"},
    CheckSpec{"dns.dnssec.algorithms", Level::kRecommended, "DNSSEC algorithms and DS digests"},
    CheckSpec{"dns.dnssec.nsec3", Level::kRecommended, "NSEC3 parameters (RFC 9276)"},
    CheckSpec{"dns.ns.ipv6", Level::kRequired, "At least two name servers have IPv6"},
    CheckSpec{"dns.ns.ipv6_reach", Level::kRequired, "Name servers answer over IPv6"},
    CheckSpec{"dns.ns.ipv4_reach", Level::kRecommended, "Name servers answer over IPv4"},
    CheckSpec{"dns.caa", Level::kRecommended, "CAA restricts certificate issuance"},
};

constexpr std::array kWebChecks{
    CheckSpec{"web.ipv6.address", Level::kRequired, "The web host has an IPv6 address"},
    CheckSpec{"web.ipv6.reach", Level::kRequired, "The web host answers over IPv6"},
    CheckSpec{"web.ipv6.same_site", Level::kRecommended, "The same site over IPv4 and IPv6"},
    CheckSpec{"web.https.available", Level::kRequired, "HTTPS on every address"},
    CheckSpec{"web.https.redirect", Level::kRequired, "http:// redirects to https:// on the same host"},
    CheckSpec{"web.hsts", Level::kRequired, "HSTS for at least a year"},
    CheckSpec{"web.tls.version", Level::kRequired, "Only TLS 1.2 and 1.3"},
    CheckSpec{"web.tls.ciphers", Level::kRequired, "Cipher suites (NCSC-NL)"},
    CheckSpec{"web.tls.cipher_order", Level::kRequired, "Better cipher suites preferred"},
    CheckSpec{"web.tls.key_exchange", Level::kRequired, "Key-exchange groups"},
    CheckSpec{"web.tls.kex_hash", Level::kRequired, "Key-exchange signature hash"},
    CheckSpec{"web.tls.compression", Level::kRequired, "No TLS compression"},
    CheckSpec{"web.tls.secure_renegotiation", Level::kRequired, "Secure renegotiation (RFC 5746)"},
    CheckSpec{"web.tls.client_renegotiation", Level::kOptional, "Client-initiated renegotiation"},
    CheckSpec{"web.tls.zero_rtt", Level::kRequired, "No 0-RTT without replay protection"},
    CheckSpec{"web.tls.ems", Level::kRequired, "Extended Master Secret (RFC 7627)"},
    CheckSpec{"web.tls.ocsp_stapling", Level::kOptional, "OCSP stapling"},
    CheckSpec{"web.tls.post_quantum", Level::kOptional, "Hybrid post-quantum key exchange"},
    CheckSpec{"web.cert.trust", Level::kRequired, "Certificate chain trusted"},
    CheckSpec{"web.cert.name", Level::kRequired, "Certificate matches the host name"},
    CheckSpec{"web.cert.pubkey", Level::kRequired, "Certificate key strength"},
    CheckSpec{"web.cert.signature", Level::kRequired, "Certificate signature hash"},
    CheckSpec{"web.cert.expiry", Level::kRequired, "Certificate not expiring soon"},
    CheckSpec{"web.dane.exists", Level::kOptional, "TLSA records for HTTPS, DNSSEC-secure"},
    CheckSpec{"web.dane.valid", Level::kRecommended, "TLSA matches the certificate chain"},
    CheckSpec{"web.headers.x_frame_options", Level::kRecommended, "X-Frame-Options"},
    CheckSpec{"web.headers.x_content_type_options", Level::kRecommended, "X-Content-Type-Options"},
    CheckSpec{"web.headers.csp", Level::kRecommended, "Content-Security-Policy"},
    CheckSpec{"web.headers.referrer_policy", Level::kRecommended, "Referrer-Policy"},
    CheckSpec{"web.security_txt", Level::kRecommended, "security.txt (RFC 9116)"},
};

}  // namespace

std::span<const CheckSpec> dns_checks() { return kDnsChecks; }
std::span<const CheckSpec> web_checks() { return kWebChecks; }

std::span<const CheckSpec> all_checks() {
  static const std::vector<CheckSpec> all = [] {
    std::vector<CheckSpec> out(kDnsChecks.begin(), kDnsChecks.end());
    out.insert(out.end(), kWebChecks.begin(), kWebChecks.end());
    return out;
  }();
  return all;
}

const CheckSpec* find_check(std::string_view id) {
  for (const auto& spec : all_checks()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

}  // namespace baseline::checks
