// SPDX-License-Identifier: Apache-2.0
// The SMTP client pieces: the reply parser (bounds, multi-line rules), the STARTTLS dialogue
// against scripted loopback servers, and the politeness gate (pauses and retries on 421,
// budget, a refusal that sticks, one connection at a time).
#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>

#include "dns/testing/run.h"
#include "mail/smtp/dialogue.h"
#include "mail/smtp/reply.h"
#include "mail/smtp/server_gate.h"

namespace baseline::mail::smtp {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

ReplyReader::State feed(ReplyReader& reader, std::string_view text) {
  return reader.feed(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

TEST(ReplyReader, ReadsSingleAndMultiLineReplies) {
  ReplyReader reader;
  EXPECT_EQ(feed(reader, "220 mx.example ESMTP\r\n"), ReplyReader::State::kDone);
  auto banner = reader.take();
  EXPECT_EQ(banner.code, 220);
  EXPECT_EQ(banner.lines, std::vector<std::string>{"mx.example ESMTP"});
  EXPECT_EQ(reader.feed({}), ReplyReader::State::kNeedMore);
  EXPECT_EQ(feed(reader, "250-mx.example\r\n250-PIPELINING\r\n250-starttls\r"),
            ReplyReader::State::kNeedMore);
  EXPECT_EQ(feed(reader, "\n250 8BITMIME\r\n"), ReplyReader::State::kDone);
  auto ehlo = reader.take();
  EXPECT_EQ(ehlo.code, 250);
  EXPECT_EQ(ehlo.lines.size(), 4u);
  EXPECT_TRUE(ehlo.has_extension("STARTTLS"));  // keywords are case-insensitive
  EXPECT_FALSE(ehlo.has_extension("SMTPUTF8"));
  EXPECT_EQ(ehlo.text(), "250 mx.example / PIPELINING / starttls / 8BITMIME");
}

TEST(ReplyReader, KeepsBytesAfterAReplyForTheNextOne) {
  ReplyReader reader;
  EXPECT_EQ(feed(reader, "220 hi\r\n250 ok\r\n"), ReplyReader::State::kDone);
  EXPECT_EQ(reader.take().code, 220);
  EXPECT_GT(reader.buffered(), 0u);
  EXPECT_EQ(reader.feed({}), ReplyReader::State::kDone);
  EXPECT_EQ(reader.take().code, 250);
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(ReplyReader, AcceptsBareLfAndACodeAlone) {
  ReplyReader reader;
  EXPECT_EQ(feed(reader, "250\n"), ReplyReader::State::kDone);
  EXPECT_EQ(reader.take().code, 250);
}

TEST(ReplyReader, RejectsWhatIsNotAReply) {
  for (std::string_view bad :
       {"HTTP/1.1 400 Bad Request\r\n", "22 short\r\n", "999 code\r\n", "250+odd separator\r\n",
        "250-one\r\n251 changed code\r\n", "\x16\x03\x01\x05garbage\r\n"}) {
    ReplyReader reader;
    EXPECT_EQ(feed(reader, bad), ReplyReader::State::kInvalid) << bad;
    EXPECT_FALSE(reader.error().empty());
  }
}

TEST(ReplyReader, BoundsEndlessContinuationsAndEndlessLines) {
  ReplyReader lines;
  ReplyReader::State state = ReplyReader::State::kNeedMore;
  for (int i = 0; i < 1000 && state == ReplyReader::State::kNeedMore; ++i) {
    state = feed(lines, "220-still greeting\r\n");
  }
  EXPECT_EQ(state, ReplyReader::State::kInvalid);
  EXPECT_NE(lines.error().find("more than"), std::string::npos);

  ReplyReader one_line;
  state = ReplyReader::State::kNeedMore;
  const std::string chunk(1000, 'x');
  feed(one_line, "220 ");
  for (int i = 0; i < 100 && state == ReplyReader::State::kNeedMore; ++i) {
    state = feed(one_line, chunk);
  }
  EXPECT_EQ(state, ReplyReader::State::kInvalid);
  EXPECT_LT(one_line.buffered(), kMaxReplyLineLength + chunk.size() + 1);
}

// A scripted SMTP server on loopback: `script` gets each connection's socket.
using Script = std::function<asio::awaitable<void>(tcp::socket&)>;

asio::awaitable<void> serve(tcp::acceptor& acceptor, Script script, int connections,
                            int* open_now = nullptr, int* most_open = nullptr) {
  for (int i = 0; i < connections; ++i) {
    auto [ec, socket] = co_await acceptor.async_accept(kUseTuple);
    if (ec) co_return;
    if (open_now) {
      *most_open = std::max(*most_open, ++*open_now);
    }
    co_await script(socket);
    // Wait for the client to hang up, so that "open" means open from both sides.
    std::array<char, 256> sink{};
    for (;;) {
      auto [read_ec, n] = co_await socket.async_read_some(asio::buffer(sink), kUseTuple);
      if (read_ec) break;
    }
    if (open_now) --*open_now;
  }
}

asio::awaitable<std::string> read_line(tcp::socket& socket) {
  asio::streambuf buffer;
  auto [ec, n] = co_await asio::async_read_until(socket, buffer, "\r\n", kUseTuple);
  if (ec) co_return std::string();
  std::string line(asio::buffers_begin(buffer.data()), asio::buffers_begin(buffer.data()) + n);
  co_return line;
}

asio::awaitable<void> say(tcp::socket& socket, std::string text) {
  co_await asio::async_write(socket, asio::buffer(text), kUseTuple);
}

asio::awaitable<void> good_server(tcp::socket& socket) {
  co_await say(socket, "220 mx.test ESMTP\r\n");
  const auto ehlo = co_await read_line(socket);
  if (ehlo.rfind("EHLO ", 0) != 0) co_return;
  co_await say(socket, "250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
  const auto starttls = co_await read_line(socket);
  if (starttls == "STARTTLS\r\n") co_await say(socket, "220 2.0.0 Ready to start TLS\r\n");
}

asio::awaitable<void> plain_server(tcp::socket& socket) {
  co_await say(socket, "220 mx.test ESMTP\r\n");
  co_await read_line(socket);
  co_await say(socket, "250-mx.test\r\n250 PIPELINING\r\n");
  co_await read_line(socket);
  co_await say(socket, "221 bye\r\n");
}

asio::awaitable<void> busy_server(tcp::socket& socket) {
  co_await say(socket, "421 4.7.0 too many connections\r\n");
}

asio::awaitable<void> silent_server(tcp::socket& socket) {
  asio::steady_timer wait(socket.get_executor(), 5s);
  co_await wait.async_wait(kUseTuple);
}

Dialogue talk(Script script, std::chrono::milliseconds limit = 2000ms) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::co_spawn(io, serve(acceptor, script, 1), asio::detached);
  const auto endpoint = acceptor.local_endpoint();
  auto dialogue = [&]() -> asio::awaitable<Dialogue> {
    tcp::socket socket(io);
    co_await socket.async_connect(endpoint, kUseTuple);
    co_return co_await run_dialogue(socket, "tester.invalid", true, limit);
  };
  auto out = dns::testing::run(io, dialogue());
  acceptor.close();
  return out;
}

TEST(Dialogue, ReachesTlsWhenStartTlsIsOffered) {
  auto d = talk(good_server);
  EXPECT_EQ(d.end, Dialogue::End::kReadyForTls) << d.describe();
  EXPECT_TRUE(d.starttls_offered);
  ASSERT_TRUE(d.starttls);
  EXPECT_EQ(d.starttls->code, 220);
}

TEST(Dialogue, NoStartTlsIsAFindingNotAnError) {
  auto d = talk(plain_server);
  EXPECT_EQ(d.end, Dialogue::End::kNoStartTls);
  EXPECT_EQ(d.describe(), "STARTTLS not offered after EHLO");
}

TEST(Dialogue, A421BannerIsARefusalWithTheServersWords) {
  auto d = talk(busy_server);
  EXPECT_EQ(d.end, Dialogue::End::kRefused);
  EXPECT_TRUE(d.transient_refusal());
  EXPECT_NE(d.describe().find("421 4.7.0 too many connections"), std::string::npos);
}

TEST(Dialogue, SilenceEndsAtTheDeadlineAndSaysWhere) {
  const auto started = std::chrono::steady_clock::now();
  auto d = talk(silent_server, 300ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(d.end, Dialogue::End::kBroken);
  EXPECT_EQ(d.describe(), "no complete banner within 300 ms");
}

TEST(Dialogue, GarbageToStartTlsIsBroken) {
  auto d = talk([](tcp::socket& socket) -> asio::awaitable<void> {
    co_await say(socket, "220 hi\r\n");
    co_await read_line(socket);
    co_await say(socket, "250-hi\r\n250 STARTTLS\r\n");
    co_await read_line(socket);
    co_await say(socket, "\x16\x03\x03 not smtp at all\r\n");
  });
  EXPECT_EQ(d.end, Dialogue::End::kBroken);
  EXPECT_NE(d.describe().find("garbage instead of the STARTTLS reply"), std::string::npos);
}

struct GateRun {
  std::vector<core::Result<tcp::socket>> opened;
  int connections = 0;
  int temporary_refusals = 0;
  std::optional<std::string> refused;
  std::optional<Dialogue> first_dialogue;
  int most_open = 0;
  std::chrono::milliseconds took{0};
};

// Opens `opens` sockets through one gate against a server that runs `script` per connection.
GateRun through_gate(Script script, int server_connections, int opens, GatePolicy policy) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  int open_now = 0;
  GateRun out;
  asio::co_spawn(io, serve(acceptor, script, server_connections, &open_now, &out.most_open),
                 asio::detached);
  ServerGate server(policy);
  AddressGate gate(server, acceptor.local_endpoint());
  const auto started = std::chrono::steady_clock::now();
  auto client = [&]() -> asio::awaitable<int> {
    for (int i = 0; i < opens; ++i) {
      auto socket = co_await gate.open_for_tls();
      out.opened.push_back(std::move(socket));  // closed below, one at a time
      if (out.opened.back()) out.opened.back()->close();
    }
    co_return 0;
  };
  dns::testing::run(io, client());
  out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  out.connections = gate.connections();
  out.temporary_refusals = gate.temporary_refusals();
  out.refused = gate.refused();
  out.first_dialogue = gate.first_dialogue();
  acceptor.close();
  return out;
}

TEST(ServerGate, PausesAndRetriesAfter421ThenSucceeds) {
  int served = 0;
  Script flaky = [&served](tcp::socket& socket) -> asio::awaitable<void> {
    if (served++ < 2) {
      co_await busy_server(socket);
    } else {
      co_await good_server(socket);
    }
  };
  GatePolicy policy;
  policy.first_pause = 50ms;
  auto run = through_gate(flaky, 3, 1, policy);
  ASSERT_EQ(run.opened.size(), 1u);
  EXPECT_TRUE(run.opened[0]) << run.opened[0].error().message;
  EXPECT_EQ(run.connections, 3);
  EXPECT_EQ(run.temporary_refusals, 2);
  EXPECT_FALSE(run.refused);
  ASSERT_TRUE(run.first_dialogue);
  EXPECT_EQ(run.first_dialogue->end, Dialogue::End::kReadyForTls)
      << "a refusal is not the dialogue";
}

TEST(ServerGate, GivesUpWithTheReplyAndStopsConnecting) {
  GatePolicy policy;
  policy.first_pause = 10ms;
  policy.retries = 2;
  auto run = through_gate(busy_server, 3, 3, policy);
  ASSERT_EQ(run.opened.size(), 3u);
  for (const auto& o : run.opened) {
    ASSERT_FALSE(o);
    EXPECT_NE(o.error().message.find("421 4.7.0 too many connections"), std::string::npos);
  }
  EXPECT_EQ(run.connections, 3);  // 1 + 2 retries; the later requests connect no more
  ASSERT_TRUE(run.refused);
}

TEST(ServerGate, KeepsToItsBudgetAndToOneConnectionAtATime) {
  GatePolicy policy;
  policy.budget = 4;
  auto run = through_gate(good_server, 4, 6, policy);
  ASSERT_EQ(run.opened.size(), 6u);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(run.opened[i]);
  EXPECT_FALSE(run.opened[4]);
  EXPECT_NE(run.opened[5].error().message.find("budget of 4"), std::string::npos);
  EXPECT_EQ(run.connections, 4);
  EXPECT_EQ(run.most_open, 1);
}

// A server that refuses every second connection still gets every connection asked for: the
// refusals raise the budget instead of spending it.
TEST(ServerGate, RefusalsOfAShareOfConnectionsRaiseTheBudget) {
  int served = 0;
  Script alternating = [&served](tcp::socket& socket) -> asio::awaitable<void> {
    if (served++ % 2 == 1) {
      co_await busy_server(socket);
    } else {
      co_await good_server(socket);
    }
  };
  GatePolicy policy;
  policy.first_pause = 5ms;
  policy.budget = 4;
  auto run = through_gate(alternating, 7, 4, policy);
  ASSERT_EQ(run.opened.size(), 4u);
  for (const auto& o : run.opened) EXPECT_TRUE(o) << o.error().message;
  EXPECT_EQ(run.connections, 7);
  EXPECT_EQ(run.temporary_refusals, 3);
  EXPECT_FALSE(run.refused);
}

TEST(ServerGate, StopsAtTheRefusalCapWithTheReply) {
  GatePolicy policy;
  policy.first_pause = 1ms;
  policy.retries = 100;
  policy.refusal_cap = 5;
  auto run = through_gate(busy_server, 5, 2, policy);
  ASSERT_EQ(run.opened.size(), 2u);
  ASSERT_FALSE(run.opened[0]);
  EXPECT_NE(run.opened[0].error().message.find("refused 5 of our connections"), std::string::npos)
      << run.opened[0].error().message;
  EXPECT_EQ(run.connections, 5);
  ASSERT_TRUE(run.refused);
}

// Two addresses of one server, asked for at once: the second waits for the first's turn, so
// the server never sees two connections at a time.
TEST(ServerGate, AddressesOfOneServerTakeTurns) {
  asio::io_context io;
  tcp::acceptor v4(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  tcp::acceptor other(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  int open_now = 0, most_open = 0;
  asio::co_spawn(io, serve(v4, good_server, 3, &open_now, &most_open), asio::detached);
  asio::co_spawn(io, serve(other, good_server, 3, &open_now, &most_open), asio::detached);
  ServerGate server(GatePolicy{});
  int done = 0;
  auto prober = [&](tcp::endpoint endpoint) -> asio::awaitable<void> {
    auto turn = co_await server.take_turn();
    AddressGate gate(server, endpoint);
    for (int i = 0; i < 3; ++i) {
      auto socket = co_await gate.open_for_tls();
      EXPECT_TRUE(socket);
      // Hold the connection a moment, as a TLS probe does.
      asio::steady_timer hold(io, 20ms);
      co_await hold.async_wait(kUseTuple);
      if (socket) socket->close();
    }
    ++done;
  };
  asio::co_spawn(io, prober(v4.local_endpoint()), asio::detached);
  asio::co_spawn(io, prober(other.local_endpoint()), asio::detached);
  io.run_for(5s);
  EXPECT_EQ(done, 2);
  EXPECT_EQ(server.connections(), 6);
  EXPECT_EQ(most_open, 1);
}

TEST(ServerGate, NoStartTlsIsAskedOnlyOnce) {
  auto run = through_gate(plain_server, 1, 3, GatePolicy{});
  for (const auto& o : run.opened) {
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().message, "STARTTLS not offered after EHLO");
  }
  EXPECT_EQ(run.connections, 1);
}

}  // namespace
}  // namespace baseline::mail::smtp
