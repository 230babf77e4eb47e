// SPDX-License-Identifier: Apache-2.0
#include "mail/smtp/server_gate.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "i18n/finding.h"

namespace baseline::mail::smtp {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<std::optional<std::string>> connect_socket(tcp::socket& socket,
                                                           tcp::endpoint endpoint) {
  auto [ec] = co_await socket.async_connect(endpoint, kUseTuple);
  if (ec) co_return ec.message();
  co_return std::nullopt;
}

std::chrono::milliseconds left(net::Clock::time_point deadline, std::chrono::milliseconds cap) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(net::time_left(deadline, cap));
}

}  // namespace

asio::awaitable<ServerGate::Turn> ServerGate::take_turn() {
  if (!busy_) {
    busy_ = true;
    co_return Turn(this);
  }
  auto woken = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                    net::Clock::time_point::max());
  waiting_.push_back(woken);
  // end_turn() hands the turn over by moving the timer's expiry into the past.
  while (woken->expiry() != net::Clock::time_point::min()) {
    co_await woken->async_wait(kUseTuple);
  }
  co_return Turn(this);
}

void ServerGate::end_turn() {
  if (waiting_.empty()) {
    busy_ = false;
    return;
  }
  auto next = std::move(waiting_.front());
  waiting_.pop_front();
  next->expires_at(net::Clock::time_point::min());  // busy_ stays: the turn passes on
}

AddressGate::AddressGate(ServerGate& server, tcp::endpoint endpoint,
                         net::Clock::time_point deadline)
    : server_(server),
      endpoint_(endpoint),
      deadline_(std::min(deadline, server.policy().deadline)) {}

asio::awaitable<core::Result<tcp::socket>> AddressGate::attempt(Dialogue& dialogue) {
  const auto& policy = server_.policy();
  ++connections_;
  server_.count_connection();
  last_reached_tls_ = false;
  tcp::socket socket(co_await asio::this_coro::executor);
  const auto connect_limit = left(deadline_, policy.connect_timeout);
  auto connected = co_await net::with_timeout(connect_socket(socket, endpoint_), connect_limit);
  if (!connected) {
    connect_error_ =
        i18n::finding("no TCP answer within {ms} ms", fmt::arg("ms", connect_limit.count()));
    co_return core::make_error(
        core::ErrorCode::kTimedOut,
        i18n::finding("cannot connect: {reason}", fmt::arg("reason", connect_error_)));
  }
  if (*connected) {
    connect_error_ = **connected;
    co_return core::make_error(
        core::ErrorCode::kConnectFailed,
        i18n::finding("cannot connect: {reason}", fmt::arg("reason", connect_error_)));
  }
  ever_connected_ = true;
  const auto dialogue_limit = left(deadline_, policy.dialogue_timeout);
  std::string name = policy.ehlo_name;
  dialogue = co_await run_dialogue(socket, name, true, dialogue_limit);
  // The first dialogue that says something about the server; a temporary refusal gives way to
  // the first real dialogue after it.
  if (dialogue.end != Dialogue::End::kBroken &&
      (!first_dialogue_ || first_dialogue_->transient_refusal())) {
    first_dialogue_ = dialogue;
  }
  if (dialogue.end == Dialogue::End::kReadyForTls) {
    last_reached_tls_ = true;
    co_return std::move(socket);
  }
  co_return core::make_error(
      dialogue.timed_out ? core::ErrorCode::kTimedOut : core::ErrorCode::kUnspecified,
      dialogue.describe());
}

asio::awaitable<core::Result<tcp::socket>> AddressGate::open_for_tls() {
  const auto& policy = server_.policy();
  if (refused_)
    co_return core::make_error(i18n::finding("the server refused further connections: {reply}",
                                             fmt::arg("reply", *refused_)));
  if (final_error_) co_return core::make_error(*final_error_);
  auto pause = policy.first_pause;
  for (int tries = 0;; ++tries) {
    // Refused connections do not count against the budget: it grows with them, up to the cap.
    if (connections_ - temporary_refusals() >= policy.budget) {
      co_return core::make_error(
          i18n::finding("connection budget of {count} for this mail server address spent",
                        fmt::arg("count", policy.budget)));
    }
    Dialogue dialogue;
    auto socket = co_await attempt(dialogue);
    if (socket) co_return std::move(socket);
    if (dialogue.end == Dialogue::End::kNoStartTls) {
      final_error_ = socket.error().message;
      co_return socket.error();
    }
    if (!dialogue.transient_refusal()) {
      if (dialogue.end == Dialogue::End::kRefused) refused_ = dialogue.refusal->text();
      co_return socket.error();
    }
    const std::string reply = dialogue.refusal->text();
    refusals_.push_back("connection " + std::to_string(connections_) + ": " + reply);
    server_.count_refusal();
    if (server_.refusals() >= policy.refusal_cap) {
      refused_ = reply;
      co_return core::make_error(
          i18n::finding("the server refused {count} of our connections, the most we retry "
                        "per server: {reply}",
                        fmt::arg("count", server_.refusals()), fmt::arg("reply", reply)));
    }
    if (tries >= policy.retries || net::Clock::now() + pause >= deadline_) {
      refused_ = reply;
      co_return core::make_error(
          i18n::finding("the server refused us {count} times in a row: {reply}",
                        fmt::arg("count", tries + 1), fmt::arg("reply", reply)));
    }
    asio::steady_timer timer(co_await asio::this_coro::executor, pause);
    co_await timer.async_wait(kUseTuple);
    pause *= 2;
  }
}

}  // namespace baseline::mail::smtp
