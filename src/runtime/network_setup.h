// SPDX-License-Identifier: Apache-2.0
// The network options every probing command takes (test, scan, serve), their validation, and the
// pieces of the engine's run-time environment built from them (see runtime/runtime.h).
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "dns/resolver.h"
#include "engine/domain_run.h"
#include "routing/routing_data.h"

namespace baseline::runtime {

struct NetworkOptions {
  std::string resolver;      // --resolver ADDR[:PORT]; empty: built-in recursive resolver
  std::string root_hints;    // --root-hints FILE
  std::string trust_anchor;  // --trust-anchor FILE
  bool allow_private = false;
  std::string ca_file;               // --ca-file FILE: also trusted for certificates
  double timeout_seconds = 60;       // --timeout, for a whole domain test
  double probe_timeout_seconds = 3;  // --probe-timeout, for one query to one server
  std::string vrps;                  // --vrps FILE: validator JSON export
  std::string rtr;                   // --rtr HOST:PORT: RTR cache
  std::string rib;                   // --rib FILE: MRT TABLE_DUMP_V2 or text, plain/gzip/bzip2
};

// Checks what can be checked before touching the network (bad input: exit status 2).
core::Result<bool> check_network_options(const NetworkOptions& options);

// The resolver the options ask for, on `io`: a stub to --resolver, or libunbound from the root.
core::Result<std::unique_ptr<dns::Resolver>> make_resolver(boost::asio::io_context& io,
                                                           const NetworkOptions& options);

// Routing data once per run; load problems are printed as warnings on stderr (the routing checks
// then report `error` with the reason, every other check still runs).
routing::RoutingData load_routing(const NetworkOptions& options);

// One domain test's environment; `routing` must outlive it.
engine::TestEnvironment make_environment(dns::Resolver& resolver, const NetworkOptions& options,
                                         const routing::RoutingData& routing, bool web, bool mail,
                                         std::vector<std::string> dkim_selectors);

}  // namespace baseline::runtime
