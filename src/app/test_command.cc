#include "app/test_command.h"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/catalog_command.h"
#include "catalog/catalog.h"
#include "catalog/explanations.h"
#include "catalog/scoring.h"
#include "dns/stub_resolver.h"
#include "dns/unbound_resolver.h"
#include "checks/mail/mail_servers.h"
#include "engine/domain_test.h"
#include "net/async.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"
#include "routing/routing_data.h"
#include "routing/rtr_client.h"

namespace baseline::app {
namespace asio = boost::asio;

namespace {

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
    char* end = nullptr;
    long value = std::strtol(port.c_str(), &end, 10);
    if (*end != '\0' || value < 1 || value > 65535) {
      return core::make_error("'" + port + "' is not a port number");
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
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

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
}

// The explanations to apply: --explanations FILE, else the default store when it exists.
core::Result<catalog::ExplanationBook> load_explanations(const TestOptions& options,
                                                         const catalog::Catalog& catalog,
                                                         std::string& used) {
  used = options.explanations_file;
  if (used.empty()) {
    if (!std::filesystem::exists(kDefaultExplanationsStore)) return catalog::ExplanationBook{};
    used = kDefaultExplanationsStore;
  }
  return catalog::load_explanations_file(used, catalog);
}

}  // namespace

int run_test_command(const TestOptions& options) {
  std::vector<core::DomainName> domains;
  for (const auto& text : options.domains) {
    auto domain = core::DomainName::parse(text);
    if (!domain) {
      std::cerr << "baseline: invalid domain '" << text << "': " << domain.error().message << "\n";
      return 2;
    }
    domains.push_back(*domain);
  }
  if (options.network.timeout_seconds <= 0 || options.network.probe_timeout_seconds <= 0) {
    std::cerr << "baseline: timeouts must be positive\n";
    return 2;
  }

  // The catalogue and the explanations are read before anything touches the network: a mistake
  // in either is bad input.
  auto catalog = catalog::load_catalog(options.catalog_file);
  if (!catalog) {
    std::cerr << "baseline: " << catalog.error().message << "\n";
    return 2;
  }
  std::string explanations_source;
  auto explanations = load_explanations(options, *catalog, explanations_source);
  if (!explanations) {
    std::cerr << "baseline: " << explanations.error().message << "\n";
    return 2;
  }

  std::ofstream html;
  if (!options.html_file.empty()) {
    html.open(options.html_file, std::ios::binary | std::ios::trunc);
    if (!html) {
      std::cerr << "baseline: cannot write " << options.html_file << "\n";
      return 2;
    }
  }
  if (!options.network.vrps.empty() && !options.network.rtr.empty()) {
    std::cerr << "baseline: give either --vrps or --rtr, not both\n";
    return 2;
  }
  if (!options.network.rtr.empty()) {
    if (auto endpoint = routing::parse_rtr_endpoint(options.network.rtr); !endpoint) {
      std::cerr << "baseline: --rtr: " << endpoint.error().message << "\n";
      return 2;
    }
  }

  asio::io_context io;
  auto resolver = make_resolver(io, options.network);
  if (!resolver) {
    std::cerr << "baseline: " << resolver.error().message << "\n";
    return 2;
  }
  engine::TestEnvironment environment{
      **resolver, core::AddressGuard(options.network.allow_private),
      std::chrono::milliseconds(static_cast<long>(options.network.probe_timeout_seconds * 1000)),
      std::chrono::milliseconds(static_cast<long>(options.network.timeout_seconds * 1000)),
      options.dkim_selectors};
  // Routing data once per run, shared read-only by every domain test. A source that fails to load
  // makes the routing checks report `error` with the reason; the other checks still run.
  const auto routing_data = routing::load_routing_data(routing::RoutingSources{
      options.network.vrps, options.network.rtr, options.network.rib,
      std::chrono::milliseconds(static_cast<long>(options.network.timeout_seconds * 1000))});
  for (const auto* given : {&options.network.vrps, &options.network.rtr, &options.network.rib}) {
    if (given->empty()) continue;
    const bool vrp_side = given != &options.network.rib;
    const auto& problem = vrp_side ? routing_data.vrp_problem : routing_data.rib_problem;
    if (!problem.empty()) std::cerr << "baseline: warning: " << problem << "\n";
  }
  environment.routing = &routing_data;
  checks::mail_family::MailServerCache mail_servers;  // a mail host shared by domains: probed once
  environment.mail_servers = &mail_servers;
  environment.ca_file = options.network.ca_file;
  environment.web = options.web || !options.mail;
  environment.mail = options.mail || !options.web;
  if (!environment.ca_file.empty() && !std::filesystem::is_regular_file(environment.ca_file)) {
    std::cerr << "baseline: cannot read --ca-file " << environment.ca_file << "\n";
    return 2;
  }

  std::vector<engine::DomainReport> reports;
  std::exception_ptr failure;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        std::vector<asio::awaitable<engine::DomainReport>> tests;
        for (const auto& d : domains) tests.push_back(engine::test_domain(environment, d));
        reports = co_await net::gather(std::move(tests));
      },
      [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::cerr << "baseline: internal error: " << e.what() << "\n";
    }
    return 1;
  }

  std::vector<catalog::Scorecard> cards;
  for (const auto& r : reports) {
    cards.push_back(catalog::score_domain(*catalog, r.results, r.domain.ascii(), &*explanations,
                                          catalog::day_of(r.started)));
  }

  if (!options.html_file.empty()) {
    std::vector<report::ScoredDomain> scored;
    for (std::size_t i = 0; i < reports.size(); ++i) scored.push_back({reports[i], cards[i]});
    report::write_html(html, scored, *catalog, {explanations_source});
    if (!html.flush()) {
      std::cerr << "baseline: cannot write " << options.html_file << "\n";
      return 2;
    }
  }
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < reports.size(); ++i) {
      out.push_back(report::to_json(reports[i], *catalog, cards[i]));
    }
    if (out.size() == 1) out = out[0];
    // Strings from the network (CAA values, validator reasons) may be invalid UTF-8: replace,
    // never throw.
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    const bool colour = use_colour(options.colour);
    for (std::size_t i = 0; i < reports.size(); ++i) {
      report::write_terminal(std::cout, reports[i], *catalog, cards[i], colour);
    }
    if (!options.html_file.empty()) std::cout << "HTML report: " << options.html_file << "\n";
  }
  return 0;
}

}  // namespace baseline::app
