#include "checks/mail/mail_servers.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "mail/smtp/server_gate.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr std::uint16_t kSmtpPort = 25;

// What a probe needs from the first requester's context, copied: the probe outlives no one's
// frame but its own.
struct ProbeSettings {
  core::AddressGuard guard;
  std::chrono::milliseconds probe_timeout;
  net::Clock::time_point deadline;
  std::string ca_file;
};

asio::awaitable<void> probe_server(ProbeSettings settings, std::shared_ptr<MailServerFacts> facts,
                                   std::function<void()> on_done) {
  if ((facts->refused = settings.guard.refusal(facts->address))) {
    on_done();
    co_return;
  }
  mail::smtp::GatePolicy policy;
  policy.connect_timeout = settings.probe_timeout;
  // RFC 5321 §4.5.3.2 allows servers minutes for the banner; a test cannot wait that long, but it
  // gives slow (tarpitting, greylisting) servers more than one probe timeout.
  policy.dialogue_timeout = std::max(settings.probe_timeout * 3, std::chrono::milliseconds(10000));
  policy.deadline = settings.deadline;
  mail::smtp::ServerGate gate(tcp::endpoint(facts->address, kSmtpPort), policy);
  tls::Connector connector = [&gate]() { return gate.open_for_tls(); };

  tls::ProbeTarget target{tcp::endpoint(facts->address, kSmtpPort), facts->probed_as,
                          settings.probe_timeout, connector};
  facts->enumeration = co_await tls::enumerate(target);
  facts->reached = gate.ever_connected();
  facts->reach_error = gate.connect_error();
  facts->dialogue = gate.first_dialogue();
  if (facts->enumeration->ok() && !gate.refused()) {
    tls::HandshakeTarget hs{tcp::endpoint(facts->address, kSmtpPort), facts->probed_as,
                            settings.ca_file, settings.probe_timeout};
    hs.try_renegotiation = facts->enumeration->value().highest_below_13() >= tls::kTls10;
    hs.try_early_data = false;  // no 0-RTT probe on SMTP (checks.md)
    hs.connect = connector;
    facts->handshake = co_await tls::full_handshake(hs);
  }
  if (gate.refused() && facts->enumeration->ok()) facts->refused_midway = *gate.refused();
  facts->connections = gate.connections();
  facts->temporary_refusals = gate.temporary_refusals();
  on_done();
}

}  // namespace

std::string MailServerFacts::target() const {
  const std::string text = address.to_string();
  return address.is_v6() ? "[" + text + "]:25" : text + ":25";
}

asio::awaitable<std::shared_ptr<const MailServerFacts>> MailServerCache::get(
    const CheckContext& context, asio::ip::address address, std::string mx_name) {
  auto executor = co_await asio::this_coro::executor;
  const std::string key = address.to_string();
  auto found = entries_.find(key);
  std::shared_ptr<Entry> entry;
  if (found == entries_.end()) {
    entry = std::make_shared<Entry>();
    entry->facts = std::make_shared<MailServerFacts>();
    entry->facts->address = address;
    entry->facts->probed_as = mx_name;
    entry->finished = std::make_unique<asio::steady_timer>(executor, net::Clock::time_point::max());
    entries_.emplace(key, entry);
    // Detached, so that the probe finishes for the other domains waiting on it even when the
    // domain test that started it is cancelled by its own deadline.
    ProbeSettings settings{context.guard, context.probe_timeout, context.deadline, context.ca_file};
    auto on_done = [entry]() {
      entry->done = true;
      entry->finished->cancel();
    };
    asio::co_spawn(executor, probe_server(settings, entry->facts, on_done), asio::detached);
  } else {
    entry = found->second;
  }
  while (!entry->done) {
    co_await entry->finished->async_wait(asio::as_tuple(asio::use_awaitable));
    // Woken by our own cancellation (the domain's deadline), not by the probe: give up.
    auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) co_return nullptr;
  }
  co_return entry->facts;
}

}  // namespace baseline::checks::mail_family
