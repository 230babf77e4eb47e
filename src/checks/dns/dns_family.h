// SPDX-License-Identifier: Apache-2.0
// The dns.* family: gathers the zone facts once, then runs every dns.* check on them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "checks/context.h"

namespace baseline::checks {

class DomainFacts;

// `facts`: the domain test's shared facts (domain_facts.h).
boost::asio::awaitable<std::vector<core::CheckResult>> run_dns_checks(const CheckContext& context,
                                                                      DomainFacts& facts);

}  // namespace baseline::checks
