#include "engine/domain_test.h"

#include "checks/context.h"
#include "checks/dns/dns_family.h"
#include "checks/web/web_family.h"
#include "checks/registry.h"
#include "dns/caching_resolver.h"
#include "net/async.h"

namespace baseline::engine {
namespace asio = boost::asio;

asio::awaitable<DomainReport> test_domain(const TestEnvironment& environment,
                                          core::DomainName domain) {
  DomainReport report{domain, std::chrono::system_clock::now()};
  const auto started = net::Clock::now();
  dns::CachingResolver resolver(environment.resolver);
  checks::CheckContext context{domain, resolver, environment.guard, environment.probe_timeout,
                               started + environment.domain_timeout};
  context.ca_file = environment.ca_file;

  std::vector<asio::awaitable<std::vector<core::CheckResult>>> families;
  families.push_back(checks::run_dns_checks(context));
  if (environment.web) families.push_back(checks::run_web_checks(context));
  auto results = co_await net::with_timeout(net::gather(std::move(families)),
                                            environment.domain_timeout);
  if (results) {
    for (auto& family : *results) {
      report.results.insert(report.results.end(), std::make_move_iterator(family.begin()),
                            std::make_move_iterator(family.end()));
    }
  } else {
    const std::string why = "the domain test did not finish within " +
                            std::to_string(environment.domain_timeout.count() / 1000) +
                            " s (--timeout)";
    for (const auto& spec : checks::dns_checks()) {
      report.results.push_back(
          checks::make_result(spec.id, domain.ascii(), core::Verdict::kError, why));
    }
    if (environment.web) {
      for (const auto& spec : checks::web_checks()) {
        report.results.push_back(
            checks::make_result(spec.id, domain.ascii(), core::Verdict::kError, why));
      }
    }
  }
  report.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  report.dns_lookups = resolver.upstream_lookups();
  co_return report;
}

}  // namespace baseline::engine
