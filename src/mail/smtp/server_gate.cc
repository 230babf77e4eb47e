#include "mail/smtp/server_gate.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

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

ServerGate::ServerGate(tcp::endpoint endpoint, GatePolicy policy)
    : endpoint_(endpoint), policy_(std::move(policy)) {}

asio::awaitable<core::Result<tcp::socket>> ServerGate::attempt(Dialogue& dialogue) {
  ++connections_;
  tcp::socket socket(co_await asio::this_coro::executor);
  const auto connect_limit = left(policy_.deadline, policy_.connect_timeout);
  auto connected = co_await net::with_timeout(connect_socket(socket, endpoint_), connect_limit);
  if (!connected) {
    connect_error_ = "no TCP answer within " + std::to_string(connect_limit.count()) + " ms";
    co_return core::make_error("cannot connect: " + connect_error_);
  }
  if (*connected) {
    connect_error_ = **connected;
    co_return core::make_error("cannot connect: " + connect_error_);
  }
  ever_connected_ = true;
  const auto dialogue_limit = left(policy_.deadline, policy_.dialogue_timeout);
  std::string name = policy_.ehlo_name;
  dialogue = co_await run_dialogue(socket, name, true, dialogue_limit);
  if (!first_dialogue_ && dialogue.end != Dialogue::End::kBroken) first_dialogue_ = dialogue;
  if (dialogue.end == Dialogue::End::kReadyForTls) co_return std::move(socket);
  co_return core::make_error(dialogue.describe());
}

asio::awaitable<core::Result<tcp::socket>> ServerGate::open_for_tls() {
  if (refused_) co_return core::make_error("the server refused further connections: " + *refused_);
  if (final_error_) co_return core::make_error(*final_error_);
  auto pause = policy_.first_pause;
  for (int tries = 0;; ++tries) {
    if (connections_ >= policy_.budget) {
      co_return core::make_error("connection budget of " + std::to_string(policy_.budget) +
                                 " for this mail server spent");
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
    ++temporary_refusals_;
    if (tries >= policy_.retries || net::Clock::now() + pause >= policy_.deadline) {
      refused_ = dialogue.refusal->text();
      co_return core::make_error("the server refused us " + std::to_string(tries + 1) +
                                 " times in a row: " + *refused_);
    }
    asio::steady_timer timer(co_await asio::this_coro::executor, pause);
    co_await timer.async_wait(kUseTuple);
    pause *= 2;
  }
}

}  // namespace baseline::mail::smtp
