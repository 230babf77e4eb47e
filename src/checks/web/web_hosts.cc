// SPDX-License-Identifier: Apache-2.0
#include "checks/web/web_hosts.h"

#include <algorithm>

#include "core/limits.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "net/async.h"

namespace baseline::checks::web_family {
namespace asio = boost::asio;

namespace {

// One address family of `host`; the lookup's error when it failed.
asio::awaitable<std::optional<std::string>> lookup_addresses(const CheckContext& context,
                                                             WebHost& host, std::uint16_t type) {
  auto answer = co_await context.resolver.lookup(host.name, type, dns::LookupOptions{false});
  if (!answer) co_return answer.error().message;
  if (answer->rcode != dns::rcode::kNoError && answer->rcode != dns::rcode::kNxDomain) {
    co_return i18n::finding("{type} lookup: {rcode}", fmt::arg("type", dns::type_name(type)),
                            fmt::arg("rcode", dns::rcode_name(answer->rcode)));
  }
  for (const auto& rr : answer->records(type)) {
    auto address = dns::parse_address(rr);
    if (!address) continue;
    (address->is_v4() ? host.ipv4 : host.ipv6).push_back(*address);
  }
  co_return std::nullopt;
}

// A and AAAA at once; every address up to the bound, IPv4 and IPv6 sharing it evenly when it
// is hit.
asio::awaitable<int> resolve(const CheckContext& context, WebHost& host) {
  std::vector<asio::awaitable<std::optional<std::string>>> lookups;
  lookups.push_back(lookup_addresses(context, host, dns::rr_type::kA));
  lookups.push_back(lookup_addresses(context, host, dns::rr_type::kAaaa));
  auto errors = co_await net::gather(std::move(lookups));
  if (errors[1]) {
    host.lookup_error = *errors[1];
  } else if (errors[0]) {
    host.lookup_error = *errors[0];
  }
  const std::size_t limit = core::kMaxAddressesPerHost;
  if (host.ipv4.size() + host.ipv6.size() > limit) {
    host.truncated = true;
    const std::size_t v6 = std::min(host.ipv6.size(), limit / 2);
    host.ipv4.resize(std::min(host.ipv4.size(), limit - v6));
    host.ipv6.resize(std::min(host.ipv6.size(), limit - host.ipv4.size()));
  }
  co_return 0;
}

}  // namespace

asio::awaitable<WebHosts> resolve_web_hosts(const CheckContext& context) {
  WebHosts out;
  out.hosts.push_back(WebHost{context.domain.ascii()});
  out.hosts.push_back(WebHost{"www." + context.domain.ascii()});
  std::vector<asio::awaitable<int>> tasks;
  for (auto& h : out.hosts) tasks.push_back(resolve(context, h));
  co_await net::gather(std::move(tasks));
  co_return out;
}

}  // namespace baseline::checks::web_family
