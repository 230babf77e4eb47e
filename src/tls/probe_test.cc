// SPDX-License-Identifier: Apache-2.0
// The raw probe against misbehaving servers on loopback: each gives an error (or a refusal) with
// its reason, within the deadline.
#include "tls/probe.h"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>

#include "net/testing/run.h"

namespace baseline::tls {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

enum class Mode { kGarbage, kCloseAtOnce, kHalfServerHello, kSilent, kAlert };

asio::awaitable<void> serve(tcp::acceptor& acceptor, Mode mode) {
  auto [ec, socket] = co_await acceptor.async_accept(kUseTuple);
  if (ec) co_return;
  std::array<std::uint8_t, 4096> buffer{};
  co_await socket.async_read_some(asio::buffer(buffer), kUseTuple);
  std::vector<std::uint8_t> reply;
  switch (mode) {
    case Mode::kGarbage:
      reply = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '4', '0', '0'};
      break;
    case Mode::kCloseAtOnce:
      co_return;
    case Mode::kHalfServerHello:
      reply = {0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00, 0x4c, 0x03};
      break;
    case Mode::kAlert:
      reply = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46};
      break;
    case Mode::kSilent: {
      asio::steady_timer wait(socket.get_executor(), std::chrono::seconds(5));
      co_await wait.async_wait(kUseTuple);
      co_return;
    }
  }
  co_await asio::async_write(socket, asio::buffer(reply), kUseTuple);
}

ProbeOutcome run_probe(Mode mode, std::chrono::milliseconds timeout,
                       std::chrono::milliseconds& took) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::co_spawn(io, serve(acceptor, mode), asio::detached);
  ProbeTarget target{acceptor.local_endpoint(), "example.nl", timeout};
  ClientHelloSpec hello;
  hello.suites = {0xc02f};
  const auto began = std::chrono::steady_clock::now();
  auto outcome = net::testing::run(io, probe(target, hello, false));
  took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               began);
  return outcome;
}

TEST(Probe, GarbageIsAnErrorWithReason) {
  std::chrono::milliseconds took{};
  auto o = run_probe(Mode::kGarbage, std::chrono::milliseconds(2000), took);
  EXPECT_EQ(o.kind, ProbeOutcome::Kind::kError);
  EXPECT_NE(o.error.find("not a TLS record"), std::string::npos) << o.error;
  EXPECT_EQ(o.error_code, core::ErrorCode::kUnspecified);  // garbage is no timeout
}

TEST(Probe, CloseWithoutAByteIsARefusal) {
  std::chrono::milliseconds took{};
  auto o = run_probe(Mode::kCloseAtOnce, std::chrono::milliseconds(2000), took);
  EXPECT_EQ(o.kind, ProbeOutcome::Kind::kClosed);
}

TEST(Probe, CloseMidHandshakeIsAnError) {
  std::chrono::milliseconds took{};
  auto o = run_probe(Mode::kHalfServerHello, std::chrono::milliseconds(2000), took);
  EXPECT_EQ(o.kind, ProbeOutcome::Kind::kError);
  EXPECT_NE(o.error.find("mid-handshake"), std::string::npos) << o.error;
}

TEST(Probe, SilenceEndsAtTheDeadline) {
  std::chrono::milliseconds took{};
  auto o = run_probe(Mode::kSilent, std::chrono::milliseconds(300), took);
  EXPECT_EQ(o.kind, ProbeOutcome::Kind::kError);
  EXPECT_NE(o.error.find("within 300 ms"), std::string::npos) << o.error;
  EXPECT_EQ(o.error_code, core::ErrorCode::kTimedOut);  // what callers act on, not the text
  EXPECT_LT(took.count(), 1500);
}

TEST(Probe, AlertIsARefusalNotAnError) {
  std::chrono::milliseconds took{};
  auto o = run_probe(Mode::kAlert, std::chrono::milliseconds(2000), took);
  ASSERT_EQ(o.kind, ProbeOutcome::Kind::kReply);
  EXPECT_FALSE(o.accepted());
  EXPECT_EQ(alert_name(o.reply.alert_description), "protocol_version");
}

}  // namespace
}  // namespace baseline::tls
