// SPDX-License-Identifier: Apache-2.0
// The engine's run-time environment for one process: the catalogue, the routing data and the
// network options, loaded once, from which every event loop builds its own resolver and domain
// test environment. `baseline test`, `scan` and `serve` all start here, so they test alike.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"
#include "dns/resolver.h"
#include "engine/domain_run.h"
#include "routing/routing_data.h"
#include "runtime/network_setup.h"
#include "runtime/run_catalog.h"

namespace baseline::runtime {

// Which check families a test runs; with neither flag set, both run (as on the command line).
struct Families {
  bool web = true;
  bool mail = true;
  static Families from_flags(bool web_only, bool mail_only) {
    return {web_only || !mail_only, mail_only || !web_only};
  }
};

class Runtime {
 public:
  // Validates the options and loads the run's catalogue (load_run_catalog: the list, the profile,
  // the TLS guideline) and the
  // routing data. An error here is bad input (exit status 2).
  static core::Result<std::unique_ptr<Runtime>> load(NetworkOptions options,
                                                     const CatalogChoice& catalog_choice);

  const NetworkOptions& options() const { return options_; }
  const catalog::Catalog& catalog() const { return catalog_; }
  const routing::RoutingData& routing() const { return routing_; }

  // Per event loop: the resolver the options ask for, on `io`.
  core::Result<std::unique_ptr<dns::Resolver>> make_resolver(boost::asio::io_context& io) const;
  // Per event loop: the domain test environment over that loop's resolver.
  engine::TestEnvironment make_environment(dns::Resolver& resolver, Families families,
                                           std::vector<std::string> dkim_selectors = {}) const;

 private:
  Runtime(NetworkOptions options, catalog::Catalog catalog);

  NetworkOptions options_;
  catalog::Catalog catalog_;
  routing::RoutingData routing_;
};

}  // namespace baseline::runtime
