// SPDX-License-Identifier: Apache-2.0
// The web hosts of a domain test, the domain and www.domain, with the addresses that the web
// family probes and the routing family judges: A and AAAA (validation off, so that a broken zone's
// data can still be tested), at most kMaxAddressesPerHost per host, shared evenly between IPv4
// and IPv6 when the bound is hit.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"

namespace baseline::checks::web_family {

struct WebHost {
  std::string name;
  // The A or AAAA lookup failed (no answer, or SERVFAIL, REFUSED ...): the addresses may be
  // incomplete. NXDOMAIN and an empty answer are no failure: the host has no such address.
  std::optional<std::string> lookup_error;
  std::vector<boost::asio::ip::address> ipv4;
  std::vector<boost::asio::ip::address> ipv6;
  bool truncated = false;  // more addresses than kMaxAddressesPerHost
};

struct WebHosts {
  std::vector<WebHost> hosts;  // the domain, then www.domain
};

// Both hosts, all four lookups at once.
boost::asio::awaitable<WebHosts> resolve_web_hosts(const CheckContext& context);

}  // namespace baseline::checks::web_family
