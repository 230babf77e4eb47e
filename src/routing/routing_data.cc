// SPDX-License-Identifier: Apache-2.0
#include "routing/routing_data.h"

#include "routing/rib_reader.h"
#include "routing/rtr_client.h"
#include "routing/vrp_json.h"

namespace baseline::routing {

RoutingData load_routing_data(const RoutingSources& sources) {
  RoutingData data;
  if (!sources.vrp_file.empty()) {
    VrpSet vrps;
    auto loaded = load_vrp_file(sources.vrp_file, vrps);
    if (loaded) {
      data.vrp_source = sources.vrp_file + " (" + std::to_string(loaded->vrps) + " VRPs)";
      data.vrps = std::move(vrps);
    } else {
      data.vrp_problem = "the VRP file could not be loaded: " + loaded.error().message;
    }
  } else if (!sources.rtr.empty()) {
    auto endpoint = parse_rtr_endpoint(sources.rtr);
    VrpSet vrps;
    auto fetched = endpoint ? fetch_rtr_vrps(*endpoint, sources.rtr_timeout, vrps)
                            : core::Result<RtrStats>(endpoint.error());
    if (fetched) {
      data.vrp_source = "RTR " + sources.rtr + " (" + std::to_string(fetched->vrps) +
                        " VRPs, session " + std::to_string(fetched->session_id) + ", serial " +
                        std::to_string(fetched->serial) + ")";
      data.vrps = std::move(vrps);
    } else {
      data.vrp_problem = "the RTR cache gave no VRPs: " + fetched.error().message;
    }
  } else {
    data.vrp_problem = "no route origin authorisations were given (--vrps FILE or --rtr HOST:PORT)";
  }

  if (!sources.rib_file.empty()) {
    RouteTable routes;
    auto loaded = load_rib_file(sources.rib_file, routes);
    if (loaded) {
      data.rib_source = sources.rib_file + " (" + loaded->format + ", " +
                        std::to_string(loaded->routes) + " routes)";
      data.routes = std::move(routes);
    } else {
      data.rib_problem = "the RIB could not be loaded: " + loaded.error().message;
    }
  } else {
    data.rib_problem = "no announced routes were given (--rib FILE)";
  }
  return data;
}

AddressRouting assess_address(const VrpSet& vrps, const RouteTable* routes,
                              const boost::asio::ip::address& address) {
  AddressRouting out;
  const auto key = IpPrefix::from_address(address);
  out.covering_vrps = vrps.covering(key);
  if (!routes) return out;
  out.announced = routes->covering(key);
  if (out.announced.empty()) return out;
  const auto& most_specific = out.announced.back();
  out.route = most_specific.prefix;
  for (auto origin : most_specific.origins) {
    out.origins.push_back({origin, vrps.validate(most_specific.prefix, origin)});
  }
  return out;
}

}  // namespace baseline::routing
