// SPDX-License-Identifier: Apache-2.0
#include "server/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/parse_number.h"
#include "server/web_front.h"

namespace baseline::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

core::Result<tcp::endpoint> parse_listen(const std::string& text) {
  std::string host = text, port = "8080";
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) return core::make_error("--listen: missing ']'");
    host = text.substr(1, close - 1);
    if (close + 2 <= text.size() && text[close + 1] == ':') port = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return core::make_error("--listen: '" + host + "' is not an IP address");
  const auto number = core::parse_decimal<std::uint16_t>(port);
  if (!number) return core::make_error("--listen: '" + port + "' is not a port");
  return tcp::endpoint(address, *number);
}

// A request that could not be read completely gets one answer and the connection is closed.
std::optional<std::pair<http::status, std::string>> read_failure(
    const boost::system::error_code& ec) {
  if (ec == http::error::body_limit) {
    return std::pair{http::status::payload_too_large,
                     std::string("The request body is too large.")};
  }
  if (ec == http::error::header_limit) {
    return std::pair{http::status::request_header_fields_too_large,
                     std::string("The request headers are too large.")};
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return std::pair{http::status::bad_request, std::string("The request is not valid HTTP.")};
  }
  return std::nullopt;  // the client went away or ran out of time: nothing to answer
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, const RouteTable& routes, ServerLimits limits)
    : io_(io), routes_(routes), limits_(limits), acceptor_(io) {}

core::Result<tcp::endpoint> HttpServer::listen(const std::string& address_and_port) {
  auto endpoint = parse_listen(address_and_port);
  if (!endpoint) return endpoint;
  boost::system::error_code ec;
  acceptor_.open(endpoint->protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(*endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return core::make_error("cannot listen on " + address_and_port + ": " + ec.message());
  return acceptor_.local_endpoint();
}

void HttpServer::start() {
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

asio::awaitable<void> HttpServer::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of descriptors or similar: wait a moment instead of spinning.
      spdlog::warn("accept: {}", ec.message());
      asio::steady_timer pause(io_, std::chrono::milliseconds(100));
      co_await pause.async_wait(kTuple);
      continue;
    }
    boost::system::error_code peer_ec;
    const auto peer = socket.remote_endpoint(peer_ec);
    if (peer_ec) continue;
    const auto address = peer.address();
    if (open_connections_ >= limits_.connections ||
        per_address_[address] >= limits_.connections_per_address) {
      // Too many at once: closed at once, before any read (cheaper than answering).
      socket.close(peer_ec);
      if (per_address_[address] == 0) per_address_.erase(address);
      continue;
    }
    ++open_connections_;
    ++per_address_[address];
    asio::co_spawn(io_, serve_connection(std::move(socket)), [this, address](std::exception_ptr) {
      --open_connections_;
      if (--per_address_[address] <= 0) per_address_.erase(address);
    });
  }
}

asio::awaitable<void> HttpServer::serve_connection(tcp::socket socket) {
  boost::system::error_code ec;
  const auto client = socket.remote_endpoint(ec).address();
  beast::tcp_stream stream(std::move(socket));
  // Bounded by the largest body any route reads; each request's parser has its route's limit.
  const auto largest_body = routes_.largest_body_limit(limits_.body_bytes);
  beast::flat_buffer buffer(limits_.header_bytes + largest_body);
  for (int served = 0; served < limits_.requests_per_connection; ++served) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits_.header_bytes));
    // The parser checks a Content-Length against its limit as the header completes, before the
    // route is known: it starts at the largest route's limit and the route's own limit follows.
    parser.body_limit(largest_body);
    // One deadline for the whole request: a client that trickles bytes runs out of it.
    stream.expires_after(served == 0 ? limits_.request_time
                                     : limits_.idle_time + limits_.request_time);
    auto [header_ec, header_bytes] =
        co_await http::async_read_header(stream, buffer, parser, kTuple);
    (void)header_bytes;
    auto read_ec = header_ec;
    if (!header_ec) {
      // The route decides how large a body it reads (a batch of domains is larger than a form).
      const auto& head = parser.get();
      const std::string_view target(head.target().data(), head.target().size());
      const auto route_limit = routes_.body_limit(head.method(), target, limits_.body_bytes);
      const auto length = parser.content_length();
      if (length && *length > route_limit) {
        read_ec = http::error::body_limit;
      } else {
        parser.body_limit(route_limit);
        auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, kTuple);
        (void)body_bytes;
        read_ec = body_ec;
      }
    }
    if (read_ec) {
      if (auto failure = read_failure(read_ec)) {
        Request bare;
        bare.version(11);
        bare.keep_alive(false);
        auto response = api_error(bare, failure->first, "bad-request", failure->second);
        response.keep_alive(false);
        stream.expires_after(limits_.write_time);
        co_await http::async_write(stream, response, kTuple);
      }
      break;
    }
    const Request& request = parser.get();
    auto response = routes_.dispatch(request, client);
    const bool keep_alive = response.keep_alive() && served + 1 < limits_.requests_per_connection;
    response.keep_alive(keep_alive);
    stream.expires_after(limits_.write_time);
    auto [write_ec, written] = co_await http::async_write(stream, response, kTuple);
    (void)written;
    if (write_ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
}

}  // namespace baseline::server
