// SPDX-License-Identifier: Apache-2.0
#include "tls/probe.h"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "i18n/finding.h"
#include "net/async.h"

namespace baseline::tls {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// Sends the hello on a connected socket and reads the server's first flight.
asio::awaitable<ProbeOutcome> exchange_on(tcp::socket socket, std::vector<std::uint8_t> hello,
                                          bool want_key_exchange) {
  ProbeOutcome outcome;
  auto [write_ec, written] = co_await asio::async_write(socket, asio::buffer(hello), kUseTuple);
  if (write_ec) {
    outcome.error = i18n::finding("cannot send the ClientHello: {reason}",
                                  fmt::arg("reason", write_ec.message()));
    co_return outcome;
  }
  ReplyParser parser(want_key_exchange);
  std::array<std::uint8_t, 8192> buffer;  // filled by the reads: no clearing
  for (;;) {
    auto [read_ec, n] = co_await socket.async_read_some(asio::buffer(buffer), kUseTuple);
    if (n > 0) {
      auto state = parser.feed(std::span<const std::uint8_t>(buffer.data(), n));
      if (state == ReplyParser::State::kDone) {
        outcome.kind = ProbeOutcome::Kind::kReply;
        outcome.reply = parser.reply();
        co_return outcome;
      }
      if (state == ReplyParser::State::kInvalid) {
        outcome.error =
            i18n::finding("the server answered with {what}", fmt::arg("what", parser.error()));
        co_return outcome;
      }
    }
    if (read_ec) {
      if (parser.bytes_seen() == 0 &&
          (read_ec == asio::error::eof || read_ec == asio::error::connection_reset)) {
        outcome.kind = ProbeOutcome::Kind::kClosed;
        co_return outcome;
      }
      outcome.error =
          parser.bytes_seen() == 0
              ? i18n::finding("reading the reply failed: {reason}",
                              fmt::arg("reason", read_ec.message()))
              : i18n::finding("the connection ended mid-handshake after {count} bytes ({reason})",
                              fmt::arg("count", parser.bytes_seen()),
                              fmt::arg("reason", read_ec.message()));
      co_return outcome;
    }
  }
}

asio::awaitable<ProbeOutcome> exchange(tcp::endpoint endpoint, std::vector<std::uint8_t> hello,
                                       bool want_key_exchange) {
  tcp::socket socket(co_await asio::this_coro::executor);
  auto [connect_ec] = co_await socket.async_connect(endpoint, kUseTuple);
  if (connect_ec) {
    ProbeOutcome outcome;
    outcome.error =
        i18n::finding("cannot connect: {reason}", fmt::arg("reason", connect_ec.message()));
    outcome.error_code = core::ErrorCode::kConnectFailed;
    co_return outcome;
  }
  co_return co_await exchange_on(std::move(socket), std::move(hello), want_key_exchange);
}

}  // namespace

asio::awaitable<ProbeOutcome> probe(const ProbeTarget& target, ClientHelloSpec hello,
                                    bool want_key_exchange) {
  if (hello.server_name.empty()) hello.server_name = target.server_name;
  auto bytes = build_client_hello(hello);
  if (target.connect) {
    // The connector has its own deadlines (and may pause politely); the timeout covers the rest.
    auto socket = co_await target.connect();
    if (!socket) {
      ProbeOutcome failed;
      failed.error = socket.error().message;
      failed.error_code = socket.error().code;
      co_return failed;
    }
    auto result = co_await net::with_timeout(
        exchange_on(std::move(socket.value()), std::move(bytes), want_key_exchange),
        target.timeout);
    if (result) co_return std::move(*result);
    ProbeOutcome timed_out;
    timed_out.error = i18n::finding("no complete answer to the ClientHello within {ms} ms",
                                    fmt::arg("ms", target.timeout.count()));
    timed_out.error_code = core::ErrorCode::kTimedOut;
    co_return timed_out;
  }
  std::optional<ProbeOutcome> result;
  if (target.connected && target.connected->is_open()) {
    tcp::socket socket = std::move(*target.connected);
    result = co_await net::with_timeout(
        exchange_on(std::move(socket), std::move(bytes), want_key_exchange), target.timeout);
  } else {
    result = co_await net::with_timeout(
        exchange(target.endpoint, std::move(bytes), want_key_exchange), target.timeout);
  }
  if (result) co_return std::move(*result);
  ProbeOutcome timed_out;
  timed_out.error = i18n::finding("no complete answer to the ClientHello within {ms} ms",
                                  fmt::arg("ms", target.timeout.count()));
  timed_out.error_code = core::ErrorCode::kTimedOut;
  co_return timed_out;
}

}  // namespace baseline::tls
