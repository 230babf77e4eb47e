// SPDX-License-Identifier: Apache-2.0
#include "dns/direct_query.h"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>
#include <vector>

#include "core/limits.h"
#include "dns/types.h"
#include "net/async.h"

namespace baseline::dns {
namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
using core::make_error;
using core::Result;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// The query ID is half of what keeps an off-path attacker from forging answers (RFC 5452 §9.2):
// it comes from OpenSSL's CSPRNG, not from a predictable generator.
std::uint16_t random_id() {
  std::uint16_t id = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&id), sizeof id) != 1) {
    throw std::runtime_error("no random bytes for a DNS query ID (RAND_bytes failed)");
  }
  return id;
}

// A response belongs to our query when its ID and question echo ours (RFC 5452 §4).
bool matches(const Message& response, std::uint16_t id, const std::string& name,
             std::uint16_t type) {
  if (!response.header.qr || response.header.id != id) return false;
  if (response.questions.size() != 1) return false;
  const auto& q = response.questions.front();
  return q.name == name && q.type == type;
}

std::string describe(const boost::system::error_code& ec) {
  return ec.message();
}

asio::awaitable<Result<Message>> exchange_udp(udp::endpoint server,
                                              const std::vector<std::uint8_t>& query,
                                              std::uint16_t id, const std::string& name,
                                              std::uint16_t type) {
  udp::socket socket(co_await asio::this_coro::executor);
  boost::system::error_code ec;
  socket.open(server.protocol(), ec);
  if (ec) co_return make_error("cannot open UDP socket: " + describe(ec));
  // connect() makes the kernel drop datagrams from other sources and report ICMP errors.
  socket.connect(server, ec);
  if (ec)
    co_return make_error("cannot reach " + server.address().to_string() + ": " + describe(ec));
  auto [send_ec, sent] = co_await socket.async_send(asio::buffer(query), kUseTuple);
  if (send_ec) co_return make_error("send failed: " + describe(send_ec));
  socket.non_blocking(true, ec);
  if (ec) co_return make_error("cannot use UDP socket: " + describe(ec));
  // Each datagram is read into a buffer of its own size (on a UDP socket FIONREAD is the size of
  // the next datagram): a 64 KiB buffer per query, in the coroutine frame, cost an allocation of
  // that size and its clearing every time.
  std::vector<std::uint8_t> buffer;
  std::string last_problem;
  for (int datagrams = 0; datagrams < 16; ++datagrams) {
    auto [wait_ec] = co_await socket.async_wait(udp::socket::wait_read, kUseTuple);
    if (wait_ec) co_return make_error(describe(wait_ec));
    const std::size_t pending = socket.available(ec);
    if (ec) co_return make_error(describe(ec));
    buffer.resize(std::max<std::size_t>(pending, 1));
    const std::size_t size = socket.receive(asio::buffer(buffer), 0, ec);
    if (ec == asio::error::would_block) continue;  // woken without a datagram after all
    if (ec) co_return make_error(describe(ec));    // e.g. the ICMP error of a closed port
    auto parsed = parse_message(std::span<const std::uint8_t>(buffer.data(), size));
    if (!parsed.ok()) {
      last_problem = "malformed response: " + parsed.error().message;
      continue;  // a spoofed or broken datagram; keep waiting for the real one
    }
    if (!matches(*parsed, id, name, type)) {
      last_problem = "response ID or question does not match the query";
      continue;
    }
    co_return std::move(parsed).value();
  }
  co_return make_error(last_problem.empty() ? "too many unusable datagrams" : last_problem);
}

asio::awaitable<Result<Message>> exchange_tcp(tcp::endpoint server,
                                              const std::vector<std::uint8_t>& query,
                                              std::uint16_t id, const std::string& name,
                                              std::uint16_t type) {
  tcp::socket socket(co_await asio::this_coro::executor);
  auto [connect_ec] = co_await socket.async_connect(server, kUseTuple);
  if (connect_ec) co_return make_error("TCP connect failed: " + describe(connect_ec));
  std::vector<std::uint8_t> framed;
  framed.reserve(query.size() + 2);
  framed.push_back(static_cast<std::uint8_t>(query.size() >> 8));
  framed.push_back(static_cast<std::uint8_t>(query.size() & 0xff));
  framed.insert(framed.end(), query.begin(), query.end());
  auto [write_ec, written] = co_await asio::async_write(socket, asio::buffer(framed), kUseTuple);
  if (write_ec) co_return make_error("TCP write failed: " + describe(write_ec));
  std::array<std::uint8_t, 2> prefix{};
  auto [prefix_ec, n] = co_await asio::async_read(socket, asio::buffer(prefix), kUseTuple);
  if (prefix_ec) co_return make_error("TCP read failed: " + describe(prefix_ec));
  std::size_t length = (static_cast<std::size_t>(prefix[0]) << 8) | prefix[1];
  if (length < 12) co_return make_error("TCP response shorter than a DNS header");
  static_assert(core::kMaxDnsTcpMessage >= 65535);  // the prefix cannot announce more
  std::vector<std::uint8_t> body(length);
  auto [body_ec, got] = co_await asio::async_read(socket, asio::buffer(body), kUseTuple);
  if (body_ec) {
    co_return make_error("TCP response cut off after " + std::to_string(got) + " of " +
                         std::to_string(length) + " bytes: " + describe(body_ec));
  }
  auto parsed = parse_message(body);
  if (!parsed.ok()) co_return make_error("malformed response: " + parsed.error().message);
  if (!matches(*parsed, id, name, type)) {
    co_return make_error("response ID or question does not match the query");
  }
  co_return std::move(parsed).value();
}

asio::awaitable<Result<DirectResponse>> query_unbounded(asio::ip::address server, std::string name,
                                                        std::uint16_t type,
                                                        DirectQueryOptions options) {
  const auto started = net::Clock::now();
  const std::uint16_t id = random_id();
  auto query = build_query(id, name, type, options.query);
  if (!query.ok()) co_return make_error("cannot build query: " + query.error().message);

  DirectResponse response;
  if (!options.tcp_only) {
    auto udp_answer =
        co_await exchange_udp(udp::endpoint(server, options.port), *query, id, name, type);
    if (!udp_answer.ok()) co_return udp_answer.error();
    response.message = std::move(udp_answer).value();
  }
  if (options.tcp_only || response.message.header.tc) {
    auto tcp_answer =
        co_await exchange_tcp(tcp::endpoint(server, options.port), *query, id, name, type);
    if (!tcp_answer.ok()) {
      co_return make_error((options.tcp_only ? "" : "truncated over UDP, and over TCP: ") +
                           tcp_answer.error().message);
    }
    response.message = std::move(tcp_answer).value();
    response.via_tcp = true;
  }
  response.round_trip =
      std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  co_return response;
}

}  // namespace

asio::awaitable<Result<DirectResponse>> query_server(asio::ip::address server, std::string name,
                                                     std::uint16_t type,
                                                     DirectQueryOptions options) {
  const auto timeout = options.timeout;
  auto outcome =
      co_await net::with_timeout(query_unbounded(server, std::move(name), type, options), timeout);
  if (!outcome) {
    co_return make_error("no response from " + server.to_string() + " within " +
                         std::to_string(timeout.count()) + " ms");
  }
  co_return std::move(*outcome);
}

}  // namespace baseline::dns
