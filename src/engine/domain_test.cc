#include "engine/domain_test.h"

#include "checks/context.h"
#include "checks/dns/dns_family.h"
#include "checks/mail/mail_family.h"
#include "checks/web/web_family.h"
#include "checks/registry.h"
#include "checks/routing/routing_family.h"
#include "dns/caching_resolver.h"
#include "net/async.h"

namespace baseline::engine {
namespace asio = boost::asio;

namespace {

// Whether this test runs the check: --web and --mail select families (neither runs both).
bool runs(const checks::CheckSpec& spec, const TestEnvironment& environment) {
  if (spec.family == checks::Family::kWeb) return environment.web;
  if (spec.family == checks::Family::kMail) return environment.mail;
  return true;
}

// The check families of one domain, run concurrently; results in family order.
asio::awaitable<std::vector<core::CheckResult>> run_families(const checks::CheckContext& context,
                                                             const TestEnvironment& environment) {
  std::vector<asio::awaitable<std::vector<core::CheckResult>>> families;
  families.push_back(checks::run_dns_checks(context));
  if (environment.web) families.push_back(checks::run_web_checks(context));
  if (environment.mail) families.push_back(checks::run_mail_checks(context));
  families.push_back(checks::run_routing_checks(context, environment.routing));
  auto results = co_await net::gather(std::move(families));
  std::vector<core::CheckResult> all;
  for (auto& family : results) {
    for (auto& r : family) all.push_back(std::move(r));
  }
  co_return all;
}

}  // namespace

asio::awaitable<DomainReport> test_domain(const TestEnvironment& environment,
                                          core::DomainName domain) {
  DomainReport report{domain, std::chrono::system_clock::now()};
  const auto started = net::Clock::now();
  dns::CachingResolver resolver(environment.resolver);
  checks::CheckContext context{domain, resolver, environment.guard, environment.probe_timeout,
                               started + environment.domain_timeout};
  context.dkim_selectors = environment.dkim_selectors;
  context.ca_file = environment.ca_file;
  context.mail_servers = environment.mail_servers;

  auto results = co_await net::with_timeout(run_families(context, environment),
                                            environment.domain_timeout);
  if (results) {
    report.results = std::move(*results);
  } else {
    const std::string why = "the domain test did not finish within " +
                            std::to_string(environment.domain_timeout.count() / 1000) +
                            " s (--timeout)";
    for (const auto& spec : checks::all_checks()) {
      if (!checks::check_implemented(spec.id) || !runs(spec, environment)) continue;
      report.results.push_back(
          checks::make_result(spec.id, domain.ascii(), core::Verdict::kError, why));
    }
  }
  report.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  report.dns_lookups = resolver.upstream_lookups();
  co_return report;
}

}  // namespace baseline::engine
