// SPDX-License-Identifier: Apache-2.0
#include "runtime/runtime.h"

namespace baseline::runtime {

core::Result<std::unique_ptr<Runtime>> Runtime::load(NetworkOptions options,
                                                     const CatalogChoice& catalog_choice) {
  auto catalog = load_run_catalog(catalog_choice);
  if (!catalog) return catalog.error();
  if (auto checked = check_network_options(options); !checked) return checked.error();
  return std::unique_ptr<Runtime>(new Runtime(std::move(options), std::move(catalog).value()));
}

Runtime::Runtime(NetworkOptions options, catalog::Catalog catalog)
    : options_(std::move(options)),
      catalog_(std::move(catalog)),
      routing_(load_routing(options_)) {}

core::Result<std::unique_ptr<dns::Resolver>> Runtime::make_resolver(
    boost::asio::io_context& io) const {
  return runtime::make_resolver(io, options_);
}

engine::TestEnvironment Runtime::make_environment(dns::Resolver& resolver, Families families,
                                                  std::vector<std::string> dkim_selectors) const {
  return runtime::make_environment(resolver, options_, routing_, families.web, families.mail,
                                   std::move(dkim_selectors));
}

}  // namespace baseline::runtime
