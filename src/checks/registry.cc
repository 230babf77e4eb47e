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

constexpr std::array kRoutingChecks{
    CheckSpec{"web.rpki.exists", Level::kRequired, "Every web address is covered by a ROA"},
    CheckSpec{"web.rpki.valid", Level::kRequired, "Routes to the web addresses are RPKI-valid"},
    CheckSpec{"dns.rpki.exists", Level::kRequired, "Every name-server address is covered by a ROA"},
    CheckSpec{"dns.rpki.valid", Level::kRequired, "Routes to the name servers are RPKI-valid"},
    CheckSpec{"mail.rpki.exists", Level::kRequired, "Every mail-server address is covered by a ROA"},
    CheckSpec{"mail.rpki.valid", Level::kRequired, "Routes to the mail servers are RPKI-valid"},
};

template <std::size_t A, std::size_t B>
constexpr std::array<CheckSpec, A + B> join(const std::array<CheckSpec, A>& a,
                                            const std::array<CheckSpec, B>& b) {
  std::array<CheckSpec, A + B> out{};
  for (std::size_t i = 0; i < A; ++i) out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) out[A + i] = b[i];
  return out;
}

constexpr auto kAllChecks = join(kDnsChecks, kRoutingChecks);

}  // namespace

std::span<const CheckSpec> dns_checks() { return kDnsChecks; }

std::span<const CheckSpec> routing_checks() { return kRoutingChecks; }

std::span<const CheckSpec> all_checks() { return kAllChecks; }

const CheckSpec* find_check(std::string_view id) {
  for (const auto& spec : all_checks()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

}  // namespace baseline::checks
