// SPDX-License-Identifier: Apache-2.0
// dns.dnssec.* checks (checks.md): signed, valid, algorithms (RFC 8624), nsec3 (RFC 9276).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "checks/context.h"
#include "checks/dns/zone_facts.h"

namespace baseline::checks::dns_family {

core::CheckResult check_dnssec_signed(const ZoneFacts& facts);
core::CheckResult check_dnssec_valid(const ZoneFacts& facts);
core::CheckResult check_dnssec_algorithms(const ZoneFacts& facts);
// Asks for a name that does not exist and reads the denial of existence the zone serves.
boost::asio::awaitable<core::CheckResult> check_dnssec_nsec3(const CheckContext& context,
                                                             const ZoneFacts& facts);

// The judgement of dns.dnssec.nsec3 on observed parameters (separate for tests).
struct DenialParameters {
  bool uses_nsec3 = false;
  int iterations = 0;
  std::size_t salt_length = 0;
  bool opt_out = false;
};
core::Verdict judge_nsec3(const DenialParameters& parameters, std::string& summary);

}  // namespace baseline::checks::dns_family
