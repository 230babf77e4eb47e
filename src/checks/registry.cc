#include "checks/registry.h"

#include <array>

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

constexpr std::array kMailChecks{
    CheckSpec{"mail.mx", Level::kOptional, "Mail hosts (MX)"},
    CheckSpec{"mail.ipv6.address", Level::kRequired, "Every mail host has IPv6"},
    CheckSpec{"mail.dnssec.mx", Level::kRequired, "Mail host names are DNSSEC-signed"},
    CheckSpec{"mail.spf", Level::kRequired, "One valid SPF record"},
    CheckSpec{"mail.spf.policy", Level::kRequired, "SPF refuses unauthorised senders"},
    CheckSpec{"mail.dmarc", Level::kRequired, "A DMARC record"},
    CheckSpec{"mail.dmarc.policy", Level::kRequired, "DMARC enforces quarantine or reject"},
    CheckSpec{"mail.dkim", Level::kRequired, "DKIM signing keys published"},
    CheckSpec{"mail.tls_rpt", Level::kRecommended, "TLS failures are reported (TLS-RPT)"},
};

template <std::size_t A, std::size_t B>
constexpr std::array<CheckSpec, A + B> concat(const std::array<CheckSpec, A>& a,
                                              const std::array<CheckSpec, B>& b) {
  std::array<CheckSpec, A + B> out{};
  for (std::size_t i = 0; i < A; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) out[A + i] = b[i];
  return out;
}

constexpr auto kAllChecks = concat(kDnsChecks, kMailChecks);

}  // namespace

std::span<const CheckSpec> dns_checks() { return kDnsChecks; }
std::span<const CheckSpec> mail_checks() { return kMailChecks; }

std::span<const CheckSpec> all_checks() { return kAllChecks; }

const CheckSpec* find_check(std::string_view id) {
  for (const auto& spec : all_checks()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

}  // namespace baseline::checks
