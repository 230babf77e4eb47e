// SPDX-License-Identifier: Apache-2.0
#include "runtime/network_setup.h"

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <iostream>

#include "core/parse_number.h"
#include "dns/stub_resolver.h"
#include "dns/unbound_resolver.h"
#include "routing/rtr_client.h"

namespace baseline::runtime {
namespace asio = boost::asio;

namespace {

std::chrono::milliseconds seconds_to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
}

struct ResolverAddress {
  asio::ip::address address;
  std::uint16_t port = 53;
};

// "192.0.2.1", "192.0.2.1:5353", "2001:db8::1", "[2001:db8::1]:5353"
core::Result<ResolverAddress> parse_resolver(const std::string& text) {
  ResolverAddress out;
  std::string host = text;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos) return core::make_error("missing ']' in " + text);
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return core::make_error("expected ':' after ']' in " + text);
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    host = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
  }
  boost::system::error_code ec;
  out.address = asio::ip::make_address(host, ec);
  if (ec) return core::make_error("'" + host + "' is not an IP address");
  if (!port.empty()) {
    const auto value = core::parse_decimal<std::uint16_t>(port);
    if (!value || *value == 0) return core::make_error("'" + port + "' is not a port number");
    out.port = *value;
  }
  return out;
}

}  // namespace

core::Result<bool> check_network_options(const NetworkOptions& options) {
  if (options.timeout_seconds <= 0 || options.probe_timeout_seconds <= 0) {
    return core::make_error("timeouts must be positive");
  }
  if (!options.vrps.empty() && !options.rtr.empty()) {
    return core::make_error("give either --vrps or --rtr, not both");
  }
  if (!options.rtr.empty()) {
    if (auto endpoint = routing::parse_rtr_endpoint(options.rtr); !endpoint) {
      return core::make_error("--rtr: " + endpoint.error().message);
    }
  }
  if (!options.ca_file.empty() && !std::filesystem::is_regular_file(options.ca_file)) {
    return core::make_error("cannot read --ca-file " + options.ca_file);
  }
  return true;
}

core::Result<std::unique_ptr<dns::Resolver>> make_resolver(asio::io_context& io,
                                                           const NetworkOptions& options) {
  const auto lookup_timeout = std::chrono::milliseconds(
      static_cast<long>(std::max(1.0, options.timeout_seconds / 2) * 1000));
  if (!options.resolver.empty()) {
    auto address = parse_resolver(options.resolver);
    if (!address) return core::make_error("--resolver: " + address.error().message);
    return std::unique_ptr<dns::Resolver>(new dns::StubResolver(
        address->address, address->port,
        std::chrono::milliseconds(static_cast<long>(options.probe_timeout_seconds * 1000))));
  }
  for (const auto* file : {&options.root_hints, &options.trust_anchor}) {
    if (!file->empty() && !std::filesystem::is_regular_file(*file)) {
      return core::make_error("cannot read " + *file);
    }
  }
  dns::UnboundConfig config{options.root_hints, options.trust_anchor, lookup_timeout};
  auto resolver = dns::UnboundResolver::create(io.get_executor(), config);
  if (!resolver) return resolver.error();
  return std::unique_ptr<dns::Resolver>(std::move(resolver).value());
}

routing::RoutingData load_routing(const NetworkOptions& options) {
  auto data = routing::load_routing_data(routing::RoutingSources{
      options.vrps, options.rtr, options.rib, seconds_to_ms(options.timeout_seconds)});
  for (const auto* given : {&options.vrps, &options.rtr, &options.rib}) {
    if (given->empty()) continue;
    const bool vrp_side = given != &options.rib;
    const auto& problem = vrp_side ? data.vrp_problem : data.rib_problem;
    if (!problem.empty()) std::cerr << "baseline: warning: " << problem << "\n";
  }
  return data;
}

engine::TestEnvironment make_environment(dns::Resolver& resolver, const NetworkOptions& options,
                                         const routing::RoutingData& routing, bool web, bool mail,
                                         std::vector<std::string> dkim_selectors) {
  engine::TestEnvironment environment{resolver, core::AddressGuard(options.allow_private),
                                      seconds_to_ms(options.probe_timeout_seconds),
                                      seconds_to_ms(options.timeout_seconds),
                                      std::move(dkim_selectors)};
  environment.routing = &routing;
  environment.ca_file = options.ca_file;
  environment.web = web;
  environment.mail = mail;
  return environment;
}

}  // namespace baseline::runtime
