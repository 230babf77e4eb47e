// SPDX-License-Identifier: Apache-2.0
#include "checks/web/web_facts.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "checks/domain_facts.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "http/session.h"
#include "i18n/finding.h"
#include "net/async.h"
#include "tls/openssl_handles.h"

namespace baseline::checks::web_family {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// A reachability test's connection is kept for the first request on that port (the first TLS
// probe, the first http:// request), so that reaching costs no connection of its own.
struct Reached {
  std::shared_ptr<tcp::socket> socket;
  std::optional<std::string> error;
};

asio::awaitable<std::optional<std::string>> try_connect(tcp::endpoint endpoint,
                                                        std::shared_ptr<tcp::socket> socket) {
  auto [ec] = co_await socket->async_connect(endpoint, kUseTuple);
  if (ec) co_return ec.message();
  co_return std::nullopt;
}

asio::awaitable<Reached> reachable(tcp::endpoint endpoint, std::chrono::milliseconds limit) {
  Reached out;
  out.socket = std::make_shared<tcp::socket>(co_await asio::this_coro::executor);
  auto outcome = co_await net::with_timeout(try_connect(endpoint, out.socket), limit);
  if (!outcome) {
    out.error = i18n::finding("no answer within {ms} ms", fmt::arg("ms", limit.count()));
  } else {
    out.error = *outcome;
  }
  if (out.error) out.socket.reset();
  co_return out;
}

bool same_host(const std::string& a, const std::string& b) {
  return a == b;
}

// The HTTPS session's TLS 1.3 ticket, handed from the HTTP sequence to the 0-RTT probe so that the
// probe needs no connection of its own to get one. `ready` expires once the first response was
// read (or could not be).
struct TicketHandoff {
  asio::steady_timer ready;
  tls::SslSessionPtr session;

  void hand_over(tls::SslSessionPtr ticket) {
    session = std::move(ticket);
    ready.expires_at(net::Clock::time_point::min());
  }
  asio::awaitable<tls::SslSessionPtr> take() {
    while (ready.expiry() != net::Clock::time_point::min()) co_await ready.async_wait(kUseTuple);
    co_return std::move(session);
  }
};

// GET `path` over https on this address, following same-host https redirects (at most 10), on
// the address's keep-alive session.
asio::awaitable<Fetched> fetch_following(const CheckContext& context, http::Session& session,
                                         std::string host, asio::ip::address address,
                                         std::string path) {
  Fetched out;
  http::Url url{"https", host, 443, path};
  for (int hop = 0; hop <= http::kMaxRedirects; ++hop) {
    http::Request request{tcp::endpoint(address, url.port), url.scheme == "https", host, url.target,
                          context.probe_budget()};
    auto response = co_await session.fetch(request);
    if (!out.first) out.first = response;
    out.final_url = url.text();
    if (!response || response->status < 300 || response->status > 399) {
      out.final = std::move(response);
      co_return out;
    }
    auto location = response->header("location");
    auto next = location ? http::resolve_location(url, *location) : std::nullopt;
    if (!next || !same_host(next->host, host) || next->scheme != "https") {
      out.final = std::move(response);  // judged as is: a redirect elsewhere
      co_return out;
    }
    url = *next;
  }
  out.final = core::make_error(i18n::finding("more than {count} redirects from {url}",
                                             fmt::arg("count", http::kMaxRedirects),
                                             fmt::arg("url", "https://" + host + path)));
  co_return out;
}

// The chain's https:// hops go through the address's keep-alive session (the same connection as
// `/`); its http:// hops each take a connection, the first one the reachability test's.
asio::awaitable<RedirectChain> follow_http(const CheckContext& context, http::Session& session,
                                           std::string host, asio::ip::address address,
                                           std::shared_ptr<tcp::socket> connected) {
  RedirectChain chain;
  http::Url url{"http", host, 80, "/"};
  for (int hop = 0; hop <= http::kMaxRedirects; ++hop) {
    chain.hops.push_back(url.text());
    http::Request request{tcp::endpoint(address, url.port), url.scheme == "https", host, url.target,
                          context.probe_budget()};
    if (hop == 0) request.connected = std::move(connected);
    core::Result<http::Response> response = core::make_error("not fetched");
    if (request.https) {  // not `?:` around co_await: GCC 12 destroys such a result twice
      response = co_await session.fetch(request);
    } else {
      response = co_await http::fetch(request);
    }
    if (!response) {
      if (hop == 0 && response.error().code == core::ErrorCode::kConnectFailed) {
        chain.listener = false;
        chain.hops.clear();
        co_return chain;
      }
      chain.listener = true;
      chain.error = i18n::finding("{url}: {reason}", fmt::arg("url", url.text()),
                                  fmt::arg("reason", response.error().message));
      co_return chain;
    }
    chain.listener = true;
    chain.statuses.push_back(response->status);
    if (response->status < 300 || response->status > 399) co_return chain;
    auto location = response->header("location");
    auto next = location ? http::resolve_location(url, *location) : std::nullopt;
    if (!next) {
      chain.error =
          i18n::finding("{url} redirects without a usable Location", fmt::arg("url", url.text()));
      co_return chain;
    }
    if (!same_host(next->host, host)) {  // not followed to other hosts: judged from the URL
      chain.hops.push_back(next->text());
      co_return chain;
    }
    url = *next;
  }
  chain.error =
      i18n::finding("more than {count} redirects", fmt::arg("count", http::kMaxRedirects));
  co_return chain;
}

// The enumeration and the OpenSSL handshake side by side: the certificate handshake (offered at
// most TLS 1.2, renegotiation tried on it) is the enumeration's first question below 1.3, asked
// as soon as the first probe knows about TLS 1.3, and the 0-RTT probe starts as soon as it is
// done, beside the rest of the enumeration.
asio::awaitable<int> tls_sequence(const CheckContext& context, std::string host,
                                  AddressFacts& facts, std::shared_ptr<tcp::socket> connected,
                                  TicketHandoff& ticket) {
  tls::HandshakeTarget hs{tcp::endpoint(facts.address, 443), host, context.ca_file,
                          context.probe_budget()};
  asio::steady_timer handshake_done(co_await asio::this_coro::executor,
                                    net::Clock::time_point::max());
  const auto release = [&]() { handshake_done.expires_at(net::Clock::time_point::min()); };
  std::optional<core::Result<tls::HandshakeFacts>> handshake;
  tls::ProbeTarget target{tcp::endpoint(facts.address, 443), host, context.probe_budget()};
  target.parallel = true;  // a web server takes a few connections at once from one client
  target.connected = std::move(connected);
  target.below13_handshake = [&](bool speaks13) -> asio::awaitable<tls::Negotiated> {
    hs.try_renegotiation = true;
    handshake = co_await tls::certificate_handshake(hs);
    // A completed handshake below 1.3 is the one a later decision would make; the 0-RTT probe
    // need not wait for the rest of the enumeration.
    if (*handshake) {
      hs.try_early_data = speaks13;
      release();
    }
    co_return tls::negotiated(*handshake);
  };
  auto enumeration = [&]() -> asio::awaitable<int> {
    facts.enumeration = co_await tls::enumerate(target);
    if (!handshake || !*handshake) {
      // No handshake yet, or it failed below 1.3: as the versions say (an enumeration that failed
      // early: try everything).
      const auto& e = *facts.enumeration;
      const bool below13 = !e || e->highest_below_13() >= tls::kTls10;
      hs.try_early_data = !e || e->speaks(tls::kTls13);
      if (!handshake || !below13) {
        hs.try_renegotiation = below13;
        handshake = co_await tls::certificate_handshake(hs);
      }
    }
    release();
    co_return 0;
  };
  auto early = [&]() -> asio::awaitable<int> {
    while (handshake_done.expiry() != net::Clock::time_point::min()) {
      co_await handshake_done.async_wait(kUseTuple);
    }
    // Taken even when unused, so that the HTTP sequence never waits for this one.
    auto session = co_await ticket.take();
    if (*handshake && hs.try_early_data)
      co_await tls::early_data_probe(hs, handshake->value(), std::move(session));
    co_return 0;
  };
  std::vector<asio::awaitable<int>> both;
  both.push_back(enumeration());
  both.push_back(early());
  co_await net::gather(std::move(both));
  facts.handshake = std::move(*handshake);
  co_return 0;
}

// `/` and security.txt on one keep-alive connection; its TLS 1.3 ticket goes to the 0-RTT probe.
asio::awaitable<int> http_sequence(const CheckContext& context, http::Session& session,
                                   std::string host, AddressFacts& facts, TicketHandoff& ticket) {
  facts.root = co_await fetch_following(context, session, host, facts.address, "/");
  ticket.hand_over(session.resumable_tls13_session());
  facts.security_txt =
      co_await fetch_following(context, session, host, facts.address, "/.well-known/security.txt");
  co_return 0;
}

asio::awaitable<int> redirect_sequence(const CheckContext& context, http::Session& session,
                                       std::string host, AddressFacts& facts,
                                       std::shared_ptr<tcp::socket> connected) {
  facts.redirect =
      co_await follow_http(context, session, host, facts.address, std::move(connected));
  co_return 0;
}

asio::awaitable<int> probe_address(const CheckContext& context, std::string host,
                                   AddressFacts& facts) {
  if ((facts.refused = context.guard.refusal(facts.address))) co_return 0;
  std::vector<asio::awaitable<Reached>> reach;
  reach.push_back(reachable(tcp::endpoint(facts.address, 443), context.probe_budget()));
  reach.push_back(reachable(tcp::endpoint(facts.address, 80), context.probe_budget()));
  auto reached = co_await net::gather(std::move(reach));
  const auto& r443 = reached[0].error;
  facts.reach443 = !r443;
  if (r443) facts.reach443_error = *r443;
  facts.reach80 = !reached[1].error;
  std::vector<asio::awaitable<int>> tasks;
  http::Session https;  // every https:// request to this name and address, one connection
  tasks.push_back(redirect_sequence(context, https, host, facts, std::move(reached[1].socket)));
  TicketHandoff ticket{
      asio::steady_timer(co_await asio::this_coro::executor, net::Clock::time_point::max()),
      nullptr};
  if (facts.reach443) {
    tasks.push_back(tls_sequence(context, host, facts, std::move(reached[0].socket), ticket));
    tasks.push_back(http_sequence(context, https, host, facts, ticket));
  }
  co_await net::gather(std::move(tasks));
  co_return 0;
}

asio::awaitable<int> lookup_tlsa(const CheckContext& context, HostFacts& host) {
  auto tlsa = co_await context.resolver.lookup("_443._tcp." + host.name, dns::rr_type::kTlsa,
                                               dns::LookupOptions{true});
  if (!tlsa) {
    host.tlsa.error = tlsa.error().message;
    co_return 0;
  }
  host.tlsa.security = tlsa->security;
  host.tlsa.why_bogus = tlsa->why_bogus;
  host.tlsa.rcode = tlsa->rcode;
  for (const auto& rr : tlsa->records(dns::rr_type::kTlsa)) {
    if (auto t = tls::parse_tlsa(rr.rdata)) host.tlsa.records.push_back(*t);
  }
  co_return 0;
}

// The probes start as soon as the domain test's web hosts are resolved (the same addresses the
// routing family judges).
asio::awaitable<int> probe_host(const CheckContext& context, DomainFacts& facts, std::size_t index,
                                HostFacts& host) {
  const WebHosts& resolved = *co_await facts.web_hosts();
  static_cast<WebHost&>(host) = resolved.hosts.at(index);
  for (const auto& a : host.ipv4) host.addresses.push_back(AddressFacts{a});
  for (const auto& a : host.ipv6) host.addresses.push_back(AddressFacts{a});
  std::vector<asio::awaitable<int>> tasks;
  for (auto& a : host.addresses) tasks.push_back(probe_address(context, host.name, a));
  co_await net::gather(std::move(tasks));
  co_return 0;
}

// The TLSA set is only judged afterwards: it is looked up beside the probes, not before them.
asio::awaitable<int> resolve_host(const CheckContext& context, DomainFacts& facts,
                                  std::size_t index, HostFacts& host) {
  std::vector<asio::awaitable<int>> tasks;
  tasks.push_back(probe_host(context, facts, index, host));
  tasks.push_back(lookup_tlsa(context, host));
  co_await net::gather(std::move(tasks));
  co_return 0;
}

}  // namespace

std::string AddressFacts::target(std::uint16_t port) const {
  const std::string text = address.to_string();
  return address.is_v6() ? "[" + text + "]:" + std::to_string(port)
                         : text + ":" + std::to_string(port);
}

asio::awaitable<WebFacts> gather_web_facts(const CheckContext& context, DomainFacts& facts) {
  WebFacts web;
  // The names are known before the lookups: the TLSA lookups start at once.
  for (std::string name : {context.domain.ascii(), "www." + context.domain.ascii()}) {
    HostFacts host;
    host.name = std::move(name);
    web.hosts.push_back(std::move(host));
  }
  std::vector<asio::awaitable<int>> tasks;
  for (std::size_t i = 0; i < web.hosts.size(); ++i) {
    tasks.push_back(resolve_host(context, facts, i, web.hosts[i]));
  }
  co_await net::gather(std::move(tasks));
  co_return web;
}

}  // namespace baseline::checks::web_family
