// SPDX-License-Identifier: Apache-2.0
// dns.caa (RFC 8659): the relevant CAA RRset, found by climbing from the domain towards the root,
// has valid syntax, at least one `issue` property, and iodef URLs with mailto: or https:.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "checks/context.h"
#include "checks/dns/zone_facts.h"
#include "dns/rdata.h"

namespace baseline::checks::dns_family {

boost::asio::awaitable<core::CheckResult> check_caa(const CheckContext& context,
                                                    const ZoneFacts& facts);

}  // namespace baseline::checks::dns_family
