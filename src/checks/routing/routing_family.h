// SPDX-License-Identifier: Apache-2.0
// The routing checks (checks.md: web.rpki.*, dns.rpki.*, mail.rpki.*): for every address of the
// web hosts (the domain and www.domain), of the domain's name servers, and of the MX hosts and the
// name servers of each MX host's zone, whether a ROA covers it (exists) and whether the route
// that carries traffic to it is RPKI-valid (valid, RFC 6811). One result per address; the
// addresses come from DNS, the judgement from the run's RoutingData (no probe is sent).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "checks/context.h"
#include "routing/routing_data.h"

namespace baseline::checks {

// `routing` may be null (no routing data at all): every routing check then reports `error`.
boost::asio::awaitable<std::vector<core::CheckResult>> run_routing_checks(
    const CheckContext& context, const routing::RoutingData* routing);

namespace routing_family {

inline constexpr std::size_t kMaxMxHosts = 10;  // checks.md: at most 10 MX, in preference order

struct AddressUse {
  std::string host;  // "www.example.nl"
  std::string role;  // "web host", "name server", "MX host (preference 10)", ...
};

struct TestedAddress {
  boost::asio::ip::address address;
  std::vector<AddressUse> uses;
};

// The addresses one family tests, or why they could not be had, or why there are none.
struct AddressSet {
  std::vector<TestedAddress> addresses;  // in discovery order, each address once
  std::string problem;                   // set: the addresses could not be determined (error)
  std::string none_reason;               // no addresses, and why (not_applicable)
  std::vector<std::string> bounds_hit;   // e.g. "MX hosts (10)"

  void add(const boost::asio::ip::address& address, AddressUse use);
};

// Judges the addresses for `family` ("web", "dns" or "mail"): results for <family>.rpki.exists
// and <family>.rpki.valid. Pure: no DNS, no network.
std::vector<core::CheckResult> judge(std::string_view family, const std::string& domain,
                                     const AddressSet& addresses,
                                     const routing::RoutingData* routing);

}  // namespace routing_family
}  // namespace baseline::checks
