// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_facts.h"

#include <algorithm>

#include "core/limits.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "net/async.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
namespace rr_type = dns::rr_type;

namespace {

// The host is as secure as its least secure answer: bogus, then unknown, then insecure.
dns::Security fold(const std::vector<dns::Security>& states) {
  for (auto worst :
       {dns::Security::kBogus, dns::Security::kIndeterminate, dns::Security::kInsecure}) {
    if (std::find(states.begin(), states.end(), worst) != states.end()) return worst;
  }
  return states.empty() ? dns::Security::kIndeterminate : dns::Security::kSecure;
}

asio::awaitable<MailHost> resolve_host(dns::Resolver& resolver, std::string name,
                                       std::uint16_t preference) {
  MailHost host{name, preference};
  std::vector<dns::Security> states;
  for (auto type : {rr_type::kA, rr_type::kAaaa}) {
    // Validated: the addresses, and whether the host name is DNSSEC-secure.
    auto answer = co_await resolver.lookup(name, type, {.validate = true});
    if (!answer.ok()) {
      states.push_back(dns::Security::kIndeterminate);
      const std::string failed =
          i18n::finding("{type} lookup failed: {reason}", fmt::arg("type", dns::type_name(type)),
                        fmt::arg("reason", answer.error().message));
      host.problem += failed + "; ";
      host.address_error = failed;
      continue;
    }
    states.push_back(answer->security);
    if (answer->security == dns::Security::kBogus) {
      host.problem += i18n::finding("{type} answer is bogus: {validator}",
                                    fmt::arg("type", dns::type_name(type)),
                                    fmt::arg("validator", answer->why_bogus)) +
                      "; ";
      answer = co_await resolver.lookup(name, type, {.validate = false});  // the data all the same
      if (!answer.ok()) {
        host.address_error =
            i18n::finding("{type} lookup failed: {reason}", fmt::arg("type", dns::type_name(type)),
                          fmt::arg("reason", answer.error().message));
        continue;
      }
    }
    if (answer->rcode != dns::rcode::kNoError && answer->rcode != dns::rcode::kNxDomain) {
      host.address_error =
          i18n::finding("{type} lookup: {rcode}", fmt::arg("type", dns::type_name(type)),
                        fmt::arg("rcode", dns::rcode_name(answer->rcode)));
    }
    auto& into = type == rr_type::kA ? host.ipv4 : host.ipv6;
    for (const auto& rr : answer->records(type)) {
      if (into.size() >= core::kMaxAddressesPerHost) {
        host.truncated = true;
        break;
      }
      if (auto address = dns::parse_address(rr); address.ok()) into.push_back(*address);
    }
  }
  host.security = fold(states);
  co_return host;
}

}  // namespace

asio::awaitable<core::Result<MailFacts>> gather_mail_facts(const CheckContext& context) {
  MailFacts facts;
  facts.domain = context.domain.ascii();
  auto mx = co_await context.resolver.lookup(facts.domain, rr_type::kMx, {.validate = false});
  if (!mx.ok())
    co_return core::make_error(
        i18n::finding("MX lookup failed: {reason}", fmt::arg("reason", mx.error().message)));
  if (mx->rcode != dns::rcode::kNoError && mx->rcode != dns::rcode::kNxDomain) {
    co_return core::make_error(
        i18n::finding("MX lookup: {rcode}", fmt::arg("rcode", dns::rcode_name(mx->rcode))));
  }
  std::vector<std::pair<std::uint16_t, std::string>> exchanges;
  for (const auto& rr : mx->records(rr_type::kMx)) {
    if (auto parsed = dns::parse_mx(rr); parsed.ok())
      exchanges.emplace_back(parsed->preference, parsed->exchange);
  }
  // RFC 7505: a single MX with an empty exchange ("." ) says the domain accepts no mail.
  if (exchanges.size() == 1 && exchanges.front().second.empty()) {
    facts.kind = MxKind::kNull;
    co_return facts;
  }
  std::sort(exchanges.begin(), exchanges.end());
  exchanges.erase(std::remove_if(exchanges.begin(), exchanges.end(),
                                 [](const auto& e) { return e.second.empty(); }),
                  exchanges.end());
  if (exchanges.empty()) {
    // No MX: mail goes to the domain's own address, if it has one (RFC 5321 §5.1).
    facts.kind = MxKind::kNone;
    MailHost implicit = co_await resolve_host(context.resolver, facts.domain, 0);
    if (!implicit.ipv4.empty() || !implicit.ipv6.empty()) {
      facts.kind = MxKind::kImplicit;
      facts.hosts.push_back(std::move(implicit));
    }
    co_return facts;
  }
  facts.kind = MxKind::kExplicit;
  if (exchanges.size() > kMaxMailHosts) {
    exchanges.resize(kMaxMailHosts);
    facts.hosts_truncated = true;
  }
  std::vector<asio::awaitable<MailHost>> lookups;
  lookups.reserve(exchanges.size());
  for (const auto& [preference, name] : exchanges) {
    lookups.push_back(resolve_host(context.resolver, name, preference));
  }
  facts.hosts = co_await net::gather(std::move(lookups));
  co_return facts;
}

}  // namespace baseline::checks::mail_family
