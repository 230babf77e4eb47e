// SPDX-License-Identifier: Apache-2.0
// The routing checks (checks.md: web.rpki.*, dns.rpki.*, mail.rpki.*): for every address of the
// web hosts (the domain and www.domain), of the domain's name servers, and of the mail hosts (the
// MX hosts, or the implicit MX) and the name servers of each mail host's zone, whether a ROA
// covers it (exists) and whether the route that carries traffic to it is RPKI-valid (valid,
// RFC 6811). One result per address; the addresses are the ones the DNS, web and mail families
// selected (domain_facts.h), the judgement comes from the run's RoutingData (no probe is sent).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "checks/context.h"
#include "routing/routing_data.h"

namespace baseline::checks {

class DomainFacts;

// Judges the addresses the other families selected, read from `facts` (the domain test's shared
// facts: zone, web hosts, mail hosts); it resolves only the name servers of each MX host's zone,
// which no other family needs. `routing` may be null (no routing data at all): every routing
// check then reports `error`.
boost::asio::awaitable<std::vector<core::CheckResult>> run_routing_checks(
    const CheckContext& context, DomainFacts& facts, const routing::RoutingData* routing);

namespace routing_family {

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
                                     const AddressSet& set, const routing::RoutingData* routing);

}  // namespace routing_family
}  // namespace baseline::checks
