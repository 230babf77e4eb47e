// SPDX-License-Identifier: Apache-2.0
// dns.ns.* checks (checks.md): name servers with IPv6, and whether every name server address
// answers authoritatively for the zone over IPv6 and over IPv4 (one result per address).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "checks/context.h"
#include "checks/dns/zone_facts.h"

namespace baseline::checks::dns_family {

core::CheckResult check_ns_ipv6(const ZoneFacts& facts);

enum class AddressFamily { kIpv4, kIpv6 };
boost::asio::awaitable<std::vector<core::CheckResult>> check_ns_reach(const CheckContext& context,
                                                                      const ZoneFacts& facts,
                                                                      AddressFamily family);

}  // namespace baseline::checks::dns_family
