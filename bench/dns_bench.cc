// SPDX-License-Identifier: Apache-2.0
// dns_bench: how fast Baseline's built-in resolver resolves and validates many distinct names,
// and how much client CPU a complete dns.* domain test costs. Run by bench/run-dns-bench inside
// the lab, next to dnsperf against a cold Unbound on the same names.
#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dns/types.h"
#include "dns/unbound_resolver.h"
#include "engine/domain_run.h"
#include "net/async.h"

namespace asio = boost::asio;
using namespace baseline;

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Counts {
  int secure = 0, other = 0, errors = 0;
};

// `concurrency` workers take the next name until none is left.
asio::awaitable<void> resolve_worker(dns::Resolver& resolver, const std::vector<std::string>& names,
                                     std::size_t& next, Counts& counts) {
  while (next < names.size()) {
    const std::string& name = names[next++];
    auto answer = co_await resolver.lookup(name, dns::rr_type::kA, {.validate = true});
    if (!answer.ok()) {
      ++counts.errors;
    } else if (answer->security == dns::Security::kSecure &&
               answer->has_records(dns::rr_type::kA)) {
      ++counts.secure;
    } else {
      ++counts.other;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: dns_bench NAMES ROOT_HINTS TRUST_ANCHOR CONCURRENCY [DOMAIN...]\n";
    return 2;
  }
  std::vector<std::string> names;
  std::ifstream in(argv[1]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.push_back(line);
  }
  const int concurrency = std::stoi(argv[4]);
  std::vector<std::string> domains(argv + 5, argv + argc);

  asio::io_context io;
  auto resolver = dns::UnboundResolver::create(
      io.get_executor(), {argv[2], argv[3], std::chrono::milliseconds(10000)});
  if (!resolver) {
    std::cerr << resolver.error().message << "\n";
    return 1;
  }

  // 1. Distinct names, resolved and validated from a cold cache.
  Counts counts;
  std::size_t next = 0;
  const double cpu_before = cpu_seconds();
  const auto started = net::Clock::now();
  for (int i = 0; i < concurrency; ++i) {
    asio::co_spawn(io, resolve_worker(**resolver, names, next, counts), asio::detached);
  }
  io.run();
  const double wall = std::chrono::duration<double>(net::Clock::now() - started).count();
  const double resolve_cpu = cpu_seconds() - cpu_before;

  // 2. Client CPU of complete dns.* domain tests (each test has its own lookup cache; the
  //    resolver's cache is shared, as in a scan).
  nlohmann::json domain_test = nullptr;
  if (!domains.empty()) {
    io.restart();
    engine::TestEnvironment environment{**resolver, core::AddressGuard(true),
                                        std::chrono::milliseconds(3000),
                                        std::chrono::milliseconds(60000)};
    constexpr int kRounds = 20;
    int tests = 0;
    double first_cpu = 0;
    const double before = cpu_seconds();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          for (int round = 0; round < kRounds; ++round) {
            for (const auto& d : domains) {
              auto name = core::DomainName::parse(d);
              if (!name) continue;
              co_await engine::run_domain(environment, *name);
              ++tests;
            }
            if (round == 0) first_cpu = cpu_seconds() - before;
          }
        },
        asio::detached);
    io.run();
    const double total = cpu_seconds() - before;
    domain_test = {{"domains", domains.size()},
                   {"tests", tests},
                   {"cpu_ms_per_test_cold", 1000 * first_cpu / static_cast<double>(domains.size())},
                   {"cpu_ms_per_test_warm",
                    1000 * (total - first_cpu) /
                        static_cast<double>(tests - static_cast<int>(domains.size()))}};
  }

  nlohmann::json report = {{"names", names.size()},
                           {"concurrency", concurrency},
                           {"secure", counts.secure},
                           {"not_secure", counts.other},
                           {"errors", counts.errors},
                           {"wall_seconds", wall},
                           {"queries_per_second", static_cast<double>(names.size()) / wall},
                           {"cpu_seconds", resolve_cpu},
                           {"domain_test", domain_test}};
  std::cout << report.dump(2) << "\n";
  return counts.errors == 0 ? 0 : 1;
}
