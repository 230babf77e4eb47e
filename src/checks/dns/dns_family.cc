// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/dns_family.h"

#include "checks/dns/caa_check.h"
#include "checks/dns/dnssec_checks.h"
#include "checks/dns/name_server_checks.h"
#include "checks/dns/zone_facts.h"
#include "checks/domain_facts.h"
#include "checks/registry.h"

namespace baseline::checks {
namespace asio = boost::asio;
using namespace dns_family;

namespace {

// Adapters so that single-result probes run in the same group as multi-result ones.
asio::awaitable<std::vector<core::CheckResult>> nsec3_as_list(const CheckContext& context,
                                                              const ZoneFacts& facts) {
  std::vector<core::CheckResult> out;
  out.push_back(co_await check_dnssec_nsec3(context, facts));
  co_return out;
}

asio::awaitable<std::vector<core::CheckResult>> caa_as_list(const CheckContext& context,
                                                            const ZoneFacts& facts) {
  std::vector<core::CheckResult> out;
  out.push_back(co_await check_caa(context, facts));
  co_return out;
}

}  // namespace

asio::awaitable<std::vector<core::CheckResult>> run_dns_checks(const CheckContext& context,
                                                               DomainFacts& domain_facts) {
  const auto& facts = *co_await domain_facts.zone();
  std::vector<core::CheckResult> results;
  if (!facts.ok()) {
    // Nothing can be judged without the zone: every check says why, none guesses.
    for (const auto& spec : dns_checks()) {
      results.push_back(make_result(CheckId::of(spec), context.domain.ascii(),
                                    core::Verdict::kError, facts.error().message));
    }
    co_return results;
  }
  results.push_back(check_dnssec_signed(*facts));
  results.push_back(check_dnssec_valid(*facts));
  results.push_back(check_dnssec_algorithms(*facts));

  // The network probes run concurrently; each is bounded by the probe timeout.
  std::vector<asio::awaitable<std::vector<core::CheckResult>>> probes;
  probes.push_back(nsec3_as_list(context, *facts));
  probes.push_back(check_ns_reach(context, *facts, AddressFamily::kIpv6));
  probes.push_back(check_ns_reach(context, *facts, AddressFamily::kIpv4));
  probes.push_back(caa_as_list(context, *facts));
  auto probed = co_await net::gather(std::move(probes));

  results.push_back(std::move(probed[0].front()));
  results.push_back(check_ns_ipv6(*facts));
  for (std::size_t i = 1; i <= 2; ++i) {
    for (auto& r : probed[i]) results.push_back(std::move(r));
  }
  results.push_back(std::move(probed[3].front()));
  co_return results;
}

}  // namespace baseline::checks
