// SPDX-License-Identifier: Apache-2.0
// RoutingData: what the routing checks judge against, loaded once per run from the sources the
// user named (--vrps FILE or --rtr HOST:PORT, and --rib FILE) and then shared read-only by every
// domain test. A source that was not given, or failed to load, leaves its part empty with the
// reason, so that the routing checks report `error` with it and the other checks still run.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "routing/route_table.h"
#include "routing/vrp_set.h"

namespace baseline::routing {

struct RoutingSources {
  std::string vrp_file;  // --vrps
  std::string rtr;       // --rtr HOST:PORT
  std::string rib_file;  // --rib
  std::chrono::milliseconds rtr_timeout{15000};
};

struct RoutingData {
  std::optional<VrpSet> vrps;
  std::optional<RouteTable> routes;
  std::string vrp_source;   // e.g. "vrps.json (1234 VRPs)" or "RTR 192.0.2.1:8282 (…)"
  std::string rib_source;   // e.g. "rib.mrt.gz (MRT TABLE_DUMP_V2, 1000 routes)"
  std::string vrp_problem;  // why there are no VRPs (not given, or the load error)
  std::string rib_problem;  // why there are no routes
};

// Loads what `sources` names. Never fails as a whole: problems are recorded per part.
RoutingData load_routing_data(const RoutingSources& sources);

// What the routing checks conclude about one address.
struct AddressRouting {
  std::vector<Vrp> covering_vrps;          // VRPs whose prefix contains the address
  std::vector<AnnouncedPrefix> announced;  // covering announced prefixes, shortest first
  // RFC 6811 validation of every origin of the most specific announced prefix (the route that
  // carries traffic to the address). Empty when the address is not announced.
  struct OriginValidation {
    std::uint32_t origin = 0;
    RouteValidation validation;
  };
  std::optional<IpPrefix> route;
  std::vector<OriginValidation> origins;
};
AddressRouting assess_address(const VrpSet& vrps, const RouteTable* routes,
                              const boost::asio::ip::address& address);

}  // namespace baseline::routing
