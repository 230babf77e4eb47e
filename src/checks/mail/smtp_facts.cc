// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/smtp_facts.h"

#include "dns/types.h"
#include "net/async.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;

std::vector<tls::Tlsa> MxTlsa::usable() const {
  std::vector<tls::Tlsa> out;
  if (security != dns::Security::kSecure) return out;
  for (const auto& t : records) {
    if (t.usage == 2 || t.usage == 3) out.push_back(t);
  }
  return out;
}

namespace {

asio::awaitable<int> lookup_tlsa(const CheckContext& context, MxServers& mx) {
  const std::string owner = mx.owner();
  auto answer =
      co_await context.resolver.lookup(owner, dns::rr_type::kTlsa, dns::LookupOptions{true});
  if (!answer) {
    mx.tlsa.error = answer.error().message;
    co_return 0;
  }
  mx.tlsa.security = answer->security;
  mx.tlsa.why_bogus = answer->why_bogus;
  for (const auto& rr : answer->records(dns::rr_type::kTlsa)) {
    if (auto t = tls::parse_tlsa(rr.rdata)) mx.tlsa.records.push_back(*t);
  }
  co_return 0;
}

asio::awaitable<int> probe_server(const CheckContext& context, MailServerCache& cache,
                                  asio::ip::address address, std::string name,
                                  std::vector<asio::ip::address> server_addresses,
                                  std::shared_ptr<const MailServerFacts>& slot) {
  slot = co_await cache.get(context, address, name, std::move(server_addresses));
  co_return 0;
}

}  // namespace

asio::awaitable<std::vector<MxServers>> gather_smtp_facts(const CheckContext& context,
                                                          const MailFacts& mail,
                                                          MailServerCache& cache) {
  std::vector<MxServers> out(mail.hosts.size());
  // Every address is asked for at once; the cache probes each address once and the addresses of
  // one mail server one after another (its politeness gate), even when several MX names (or
  // domains) share them.
  std::vector<std::vector<std::shared_ptr<const MailServerFacts>>> slots(mail.hosts.size());
  std::vector<asio::awaitable<int>> tasks;
  for (std::size_t i = 0; i < mail.hosts.size(); ++i) {
    const auto& host = mail.hosts[i];
    out[i].host = host.name;
    out[i].host_security = host.security;
    tasks.push_back(lookup_tlsa(context, out[i]));
    std::vector<asio::ip::address> addresses = host.ipv4;
    addresses.insert(addresses.end(), host.ipv6.begin(), host.ipv6.end());
    slots[i].resize(addresses.size());
    for (std::size_t k = 0; k < addresses.size(); ++k) {
      tasks.push_back(
          probe_server(context, cache, addresses[k], host.name, addresses, slots[i][k]));
    }
  }
  co_await net::gather(std::move(tasks));
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (auto& facts : slots[i]) {
      if (facts) out[i].servers.push_back(std::move(facts));
    }
  }
  co_return out;
}

}  // namespace baseline::checks::mail_family
