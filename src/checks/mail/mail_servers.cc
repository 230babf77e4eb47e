// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_servers.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "i18n/finding.h"
#include "mail/smtp/machine_lock.h"
#include "mail/smtp/server_gate.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// What a probe needs from the first requester's context, copied: the probe outlives no one's
// frame but its own.
struct ProbeSettings {
  core::AddressGuard guard;
  std::chrono::milliseconds probe_timeout;
  net::Clock::time_point deadline;
  std::string ca_file;
  std::vector<asio::ip::address> server_addresses;  // every address of the MX host
  std::string lock_directory;
};

// After STARTTLS was accepted, anything but silence is the server's TLS failing; silence (a
// timeout) is ours to report as "could not find out".
bool is_timeout(const core::Error& error) {
  return error.code == core::ErrorCode::kTimedOut;
}

asio::awaitable<void> probe_server(ProbeSettings settings, std::shared_ptr<MailServerFacts> facts,
                                   std::shared_ptr<mail::smtp::ServerGate> server,
                                   std::function<void()> on_done) {
  if ((facts->refused = settings.guard.refusal(facts->address))) {
    on_done();
    co_return;
  }
  // One address of the server at a time, whichever domain or event loop asked for it.
  auto turn = co_await server->take_turn();
  // And one Baseline connection at a time on this machine, whichever process asks.
  auto [machine, locked] = co_await mail::smtp::lock_mail_server(
      settings.server_addresses, settings.lock_directory, settings.deadline);
  if (!locked) {
    facts->reach_error =
        "the test's deadline passed while another process on this machine was testing this mail "
        "server (one connection at a time per server)";
    facts->server_connections = server->connections();
    on_done();
    co_return;
  }
  const tcp::endpoint endpoint(facts->address, facts->port);
  mail::smtp::AddressGate gate(*server, endpoint, settings.deadline);
  tls::Connector connector = [&gate]() { return gate.open_for_tls(); };

  tls::ProbeTarget target{endpoint, facts->probed_as, settings.probe_timeout, connector};
  if (net::Clock::now() >= settings.deadline) {
    facts->reach_error = i18n::finding(
        "the test's deadline passed while other addresses of this mail server were being "
        "tested (one connection at a time per server)");
    facts->connections = 0;
    facts->server_connections = server->connections();
    on_done();
    co_return;
  }
  tls::HandshakeTarget hs{endpoint, facts->probed_as, settings.ca_file, settings.probe_timeout};
  hs.try_early_data = false;  // no 0-RTT probe on SMTP (checks.md)
  hs.connect = connector;
  // The certificate handshake (offered at most TLS 1.2, renegotiation tried on it) is also the
  // enumeration's first question below 1.3: one connection fewer. Still one connection at a
  // time: the enumeration waits for it.
  std::optional<core::Result<tls::HandshakeFacts>> handshake;
  bool handshake_reached_tls = false;
  target.below13_handshake = [&](bool) -> asio::awaitable<tls::Negotiated> {
    hs.try_renegotiation = true;
    handshake = co_await tls::certificate_handshake(hs);
    handshake_reached_tls = gate.last_reached_tls();
    co_return tls::negotiated(*handshake);
  };
  facts->enumeration = co_await tls::enumerate(target);
  if (!facts->enumeration->ok() && gate.last_reached_tls() &&
      !is_timeout(facts->enumeration->error())) {
    facts->tls_failure = facts->enumeration->error().message;
  }
  if (facts->enumeration->ok() && !gate.refused()) {
    // Renegotiation needs a version below 1.3; without one the handshake is offered TLS 1.3 too.
    const bool below13 = facts->enumeration->value().highest_below_13() >= tls::kTls10;
    if (!below13 || !handshake) {
      hs.try_renegotiation = below13;
      handshake = co_await tls::certificate_handshake(hs);
      handshake_reached_tls = gate.last_reached_tls();
    }
    facts->handshake = std::move(*handshake);
    if (!facts->handshake->ok() && handshake_reached_tls &&
        !is_timeout(facts->handshake->error())) {
      facts->tls_failure = i18n::finding("TLS handshake failed: {reason}",
                                         fmt::arg("reason", facts->handshake->error().message));
    }
  }
  facts->reached = gate.ever_connected();
  facts->reach_error = gate.connect_error();
  facts->dialogue = gate.first_dialogue();
  if (gate.refused()) {
    facts->refused_for_good = *gate.refused();
    if (facts->enumeration->ok()) facts->refused_midway = *gate.refused();
  }
  facts->connections = gate.connections();
  facts->server_connections = server->connections();
  facts->refusals = gate.refusals();
  on_done();
}

}  // namespace

struct MailServerCache::Entry {
  std::shared_ptr<MailServerFacts> facts;
  bool done = false;  // under the cache's mutex
  // The domain tests waiting for the probe, each on its own event loop: woken by a post there.
  std::vector<std::shared_ptr<asio::steady_timer>> waiters;
};

std::string MailServerFacts::target() const {
  const std::string text = address.to_string();
  const std::string suffix = ":" + std::to_string(port);
  return address.is_v6() ? "[" + text + "]" + suffix : text + suffix;
}

MailServerCache::MailServerCache(std::uint16_t smtp_port)
    : smtp_port_(smtp_port),
      lock_directory_(mail::smtp::default_lock_directory()),
      work_(asio::make_work_guard(prober_)) {}

MailServerCache::~MailServerCache() {
  work_.reset();
  prober_.stop();
  if (thread_.joinable()) thread_.join();
}

std::size_t MailServerCache::probed() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::shared_ptr<mail::smtp::ServerGate> MailServerCache::gate_for(
    const std::vector<asio::ip::address>& addresses, const CheckContext& context) {
  std::shared_ptr<mail::smtp::ServerGate> gate;
  for (const auto& a : addresses) {
    if (auto found = gates_.find(a.to_string()); found != gates_.end()) {
      gate = found->second;
      break;
    }
  }
  if (!gate) {
    mail::smtp::GatePolicy policy;
    policy.connect_timeout = context.probe_timeout;
    // RFC 5321 §4.5.3.2 allows servers minutes for the banner; a test cannot wait that long, but
    // it gives slow (tarpitting, greylisting) servers more than one probe timeout.
    policy.dialogue_timeout = std::max(context.probe_timeout * 3, std::chrono::milliseconds(10000));
    gate = std::make_shared<mail::smtp::ServerGate>(policy);
  }
  // An address already known keeps its gate; the others join this one.
  for (const auto& a : addresses) gates_.emplace(a.to_string(), gate);
  return gate;
}

asio::awaitable<std::shared_ptr<const MailServerFacts>> MailServerCache::get(
    const CheckContext& context, asio::ip::address address, std::string mx_name,
    std::vector<asio::ip::address> server_addresses) {
  auto executor = co_await asio::this_coro::executor;
  auto woken = std::make_shared<asio::steady_timer>(executor, net::Clock::time_point::max());
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    const std::string key = address.to_string();
    if (auto found = entries_.find(key); found != entries_.end()) {
      entry = found->second;
    } else {
      entry = std::make_shared<Entry>();
      entry->facts = std::make_shared<MailServerFacts>();
      entry->facts->address = address;
      entry->facts->port = smtp_port_;
      entry->facts->probed_as = mx_name;
      entries_.emplace(key, entry);
      server_addresses.push_back(address);
      auto gate = gate_for(server_addresses, context);
      // Detached on the prober, so that the probe finishes for the other domains waiting on it
      // even when the domain test that started it is cancelled by its own deadline.
      ProbeSettings settings{context.guard,   context.probe_timeout, context.deadline,
                             context.ca_file, server_addresses,      lock_directory_};
      auto on_done = [this, entry]() {
        std::lock_guard lock(mutex_);
        entry->done = true;
        for (auto& timer : entry->waiters) {
          // The timer belongs to its waiter's loop: touched only there.
          asio::post(timer->get_executor(),
                     [timer]() { timer->expires_at(net::Clock::time_point::min()); });
        }
        entry->waiters.clear();
      };
      asio::co_spawn(prober_, probe_server(settings, entry->facts, gate, on_done), asio::detached);
      if (!thread_.joinable()) thread_ = std::thread([this]() { prober_.run(); });
    }
    if (entry->done) co_return entry->facts;
    entry->waiters.push_back(woken);
  }
  // Leaves the waiter list however this frame ends (woken, cancelled, or destroyed with its loop).
  struct Unregister {
    MailServerCache* cache;
    std::shared_ptr<Entry> entry;
    std::shared_ptr<asio::steady_timer> timer;
    ~Unregister() {
      std::lock_guard lock(cache->mutex_);
      std::erase(entry->waiters, timer);
    }
  } unregister{this, entry, woken};
  for (;;) {
    co_await woken->async_wait(asio::as_tuple(asio::use_awaitable));
    {
      std::lock_guard lock(mutex_);
      if (entry->done) co_return entry->facts;
    }
    // Woken by our own cancellation (the domain's deadline), not by the probe: give up.
    auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) co_return nullptr;
  }
}

}  // namespace baseline::checks::mail_family
