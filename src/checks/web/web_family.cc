// SPDX-License-Identifier: Apache-2.0
#include "checks/web/web_family.h"

#include <chrono>

#include "checks/registry.h"
#include "checks/web/web_checks.h"
#include "checks/web/web_facts.h"
#include "i18n/finding.h"

namespace baseline::checks {
namespace asio = boost::asio;
using core::Verdict;

asio::awaitable<std::vector<core::CheckResult>> run_web_checks(const CheckContext& context,
                                                               DomainFacts& domain_facts) {
  auto facts = co_await web_family::gather_web_facts(context, domain_facts);
  const long long now = core::unix_seconds(context.clock);  // certificate and security.txt expiry
  std::vector<core::CheckResult> results;
  // Host by host, so that every result names its host (the domain and www. often share
  // addresses, and a per-address target alone would not say which name was tested).
  for (const auto& host : facts.hosts) {
    web_family::WebFacts one;
    one.hosts.push_back(host);
    for (auto part : {web_family::check_ipv6(one), web_family::check_https(one, now),
                      web_family::check_tls(one), web_family::check_certificates(one, now),
                      web_family::check_dane(one)}) {
      for (auto& r : part) {
        r.details["host"] = host.name;
        results.push_back(std::move(r));
      }
    }
  }
  // A check with no result of its own: say why once, for the domain.
  bool any_address = false, any_https = false;
  std::string lookup_problem;
  for (const auto& h : facts.hosts) {
    any_address |= !h.addresses.empty();
    for (const auto& a : h.addresses) any_https |= a.probed();
    if (h.lookup_error) {
      lookup_problem = i18n::finding("{host}: {reason}", fmt::arg("host", h.name),
                                     fmt::arg("reason", *h.lookup_error));
    }
  }
  const std::string domain = context.domain.ascii();
  for (const auto& spec : web_checks()) {
    if (core::worst_verdict(results, spec.id)) continue;
    if (!any_address && !lookup_problem.empty()) {
      results.push_back(make_result(
          CheckId::of(spec), domain, Verdict::kError,
          i18n::finding("address lookup failed: {reason}", fmt::arg("reason", lookup_problem))));
    } else if (!any_address) {
      results.push_back(
          make_result(CheckId::of(spec), domain, Verdict::kNotApplicable,
                      i18n::finding("neither {domain} nor www.{domain} has an A or AAAA record",
                                    fmt::arg("domain", domain))));
    } else if (!any_https) {
      results.push_back(make_result(CheckId::of(spec), domain, Verdict::kError,
                                    i18n::finding("HTTPS answers on no address")));
    } else {
      results.push_back(make_result(CheckId::of(spec), domain, Verdict::kNotApplicable,
                                    i18n::finding("nothing to judge")));
    }
  }
  co_return results;
}

}  // namespace baseline::checks
