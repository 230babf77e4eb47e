// SPDX-License-Identifier: Apache-2.0
#include "engine/domain_run.h"

#include "checks/context.h"
#include "checks/dns/dns_family.h"
#include "checks/domain_facts.h"
#include "checks/mail/mail_family.h"
#include "checks/registry.h"
#include "checks/routing/routing_family.h"
#include "checks/web/web_family.h"
#include "dns/caching_resolver.h"
#include "i18n/finding.h"
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

using FamilyResults = std::vector<core::CheckResult>;

// One family's run, reporting its name when it is done. The callback is held by value: a family
// still running when the domain's deadline passes must not outlive what it refers to.
asio::awaitable<FamilyResults> announced(asio::awaitable<FamilyResults> family,
                                         std::string_view name, FamilyFinished finished) {
  auto results = co_await std::move(family);
  if (finished) finished(name);
  co_return results;
}

// The check families of one domain, run concurrently; results in family order.
// They share the facts that more than one of them reads (the zone, the web hosts, the mail hosts),
// each gathered once by whichever family asks first.
asio::awaitable<std::vector<core::CheckResult>> run_families(const checks::CheckContext& context,
                                                             const TestEnvironment& environment,
                                                             const FamilyFinished& finished) {
  checks::DomainFacts facts(context);
  std::vector<asio::awaitable<FamilyResults>> families;
  families.push_back(announced(checks::run_dns_checks(context, facts), "dns", finished));
  if (environment.web) {
    families.push_back(announced(checks::run_web_checks(context, facts), "web", finished));
  }
  if (environment.mail) {
    families.push_back(announced(checks::run_mail_checks(context, facts), "mail", finished));
  }
  families.push_back(announced(checks::run_routing_checks(context, facts, environment.routing),
                               "routing", finished));
  auto results = co_await net::gather(std::move(families));
  std::vector<core::CheckResult> all;
  for (auto& family : results) {
    for (auto& r : family) all.push_back(std::move(r));
  }
  co_return all;
}

}  // namespace

asio::awaitable<DomainReport> run_domain(const TestEnvironment& environment,
                                         core::DomainName domain,
                                         FamilyFinished on_family_finished) {
  DomainReport report{domain, environment.clock()};
  const auto started = net::Clock::now();
  dns::CachingResolver resolver(environment.resolver);
  checks::CheckContext context{domain, resolver, environment.guard, environment.probe_timeout,
                               started + environment.domain_timeout};
  context.dkim_selectors = environment.dkim_selectors;
  context.ca_file = environment.ca_file;
  context.mail_servers = environment.mail_servers;
  context.clock = environment.clock;

  auto results = co_await net::with_timeout(run_families(context, environment, on_family_finished),
                                            environment.domain_timeout);
  if (results) {
    report.results = std::move(*results);
  } else {
    const std::string why =
        i18n::finding("the domain test did not finish within {seconds} s (--timeout)",
                      fmt::arg("seconds", environment.domain_timeout.count() / 1000));
    for (const auto& spec : checks::all_checks()) {
      if (!checks::check_implemented(spec.id) || !runs(spec, environment)) continue;
      report.results.push_back(checks::make_result(checks::CheckId::of(spec), domain.ascii(),
                                                   core::Verdict::kError, why));
    }
  }
  report.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  report.dns_lookups = resolver.upstream_lookups();
  co_return report;
}

}  // namespace baseline::engine
