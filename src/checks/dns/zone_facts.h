// SPDX-License-Identifier: Apache-2.0
// ZoneFacts: what the dns.* checks share about the domain's zone, gathered once per domain test:
// the CNAME chain from the domain, the zone apex, the validated SOA answer, DNSKEY, DS and the
// name servers with their addresses. Lookups that need the data of a broken zone are made with
// validation off; only `validated_soa` carries the validator's verdict.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "core/result.h"
#include "dns/resolver.h"

namespace baseline::checks::dns_family {

struct NameServer {
  std::string name;
  std::vector<boost::asio::ip::address> ipv4;
  std::vector<boost::asio::ip::address> ipv6;
  std::string problem;  // why addresses could not be had, if so
};

struct ZoneFacts {
  std::string domain;
  std::vector<std::string> cname_chain;  // names after the domain, in order
  std::string canonical;                 // the last name of the chain (the domain if none)
  std::string apex;                      // zone apex that holds `canonical`
  dns::Answer soa;                       // SOA of `canonical`, validation off (with RRSIGs)
  dns::Answer validated_soa;             // SOA of the domain, validated
  dns::Answer dnskey;                    // DNSKEY at the apex, validation off
  dns::Answer ds;                        // DS of the apex, validation off
  std::vector<NameServer> name_servers;  // sorted by name
  bool name_servers_truncated = false;   // more NS than kMaxNameServers

  bool has_dnskey() const;
};

// Gathers the facts; an Error means the domain cannot be examined at all (does not resolve,
// does not exist, CNAME loop) and every dns.* check reports `error` with that reason.
boost::asio::awaitable<core::Result<ZoneFacts>> gather_zone_facts(const CheckContext& context);

// Follows the CNAME chain of `answer` from its question name. Returns the names after the first,
// or an Error naming the loop, or a chain longer than kMaxCnameChain.
core::Result<std::vector<std::string>> follow_cnames(const dns::Answer& answer);

}  // namespace baseline::checks::dns_family
