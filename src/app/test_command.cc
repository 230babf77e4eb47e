#include "app/test_command.h"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "dns/stub_resolver.h"
#include "dns/unbound_resolver.h"
#include "engine/domain_test.h"
#include "net/async.h"
#include "report/json_report.h"
#include "report/terminal_report.h"

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

  asio::io_context io;
  auto resolver = make_resolver(io, options.network);
  if (!resolver) {
    std::cerr << "baseline: " << resolver.error().message << "\n";
    return 2;
  }
  engine::TestEnvironment environment{
      **resolver, core::AddressGuard(options.network.allow_private),
      std::chrono::milliseconds(static_cast<long>(options.network.probe_timeout_seconds * 1000)),
      std::chrono::milliseconds(static_cast<long>(options.network.timeout_seconds * 1000))};
  environment.ca_file = options.network.ca_file;
  environment.web = options.web || !options.mail;
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

  if (options.json) {
    // Strings from the network (CAA values, validator reasons) may be invalid UTF-8: replace,
    // never throw.
    std::cout << report::to_json(reports).dump(2, ' ', false,
                                               nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    const bool colour = use_colour(options.colour);
    for (const auto& r : reports) report::write_terminal(std::cout, r, colour);
  }
  return 0;
}

}  // namespace baseline::app
