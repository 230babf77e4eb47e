// SPDX-License-Identifier: Apache-2.0
// Fetches the validated ROA payloads of an RTR cache (RFC 8210, falling back to RFC 6810) through
// RTRlib: connects, lets RTRlib run the Reset Query (and Serial Queries on its refresh interval),
// waits until the cache has delivered a complete set (End of Data), and copies RTRlib's table
// into a VrpSet. The connection is closed again afterwards: `baseline test` needs one consistent
// snapshot per run. Everything is bounded by `timeout`; a cache that refuses, disconnects or sends
// garbage gives an Error naming the endpoint and the RTR session state it ended in.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "routing/vrp_set.h"

namespace baseline::routing {

struct RtrEndpoint {
  std::string host;  // name or address
  std::string port;  // "323", "8282"
};

// "HOST:PORT", "[2001:db8::1]:8282"; HOST may be a name.
core::Result<RtrEndpoint> parse_rtr_endpoint(const std::string& text);

struct RtrStats {
  std::size_t vrps = 0;
  std::uint32_t session_id = 0;
  std::uint32_t serial = 0;
  std::chrono::milliseconds elapsed{0};
};

core::Result<RtrStats> fetch_rtr_vrps(const RtrEndpoint& endpoint,
                                      std::chrono::milliseconds timeout, VrpSet& into);

}  // namespace baseline::routing
