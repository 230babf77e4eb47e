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

}  // namespace

std::span<const CheckSpec> dns_checks() { return kDnsChecks; }

std::span<const CheckSpec> all_checks() { return kDnsChecks; }

const CheckSpec* find_check(std::string_view id) {
  for (const auto& spec : all_checks()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

}  // namespace baseline::checks
