// SPDX-License-Identifier: Apache-2.0
// The web front's HTTP/1.1 server: Boost.Beast on an Asio event loop, one coroutine per
// connection. Everything a client sends is bounded: the request header and body sizes, the time
// to send one request (a slowloris is cut off when it runs out), the connections per address and
// in total, and the requests per connection.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <map>
#include <memory>

#include "core/result.h"
#include "server/route_table.h"

namespace baseline::server {

struct ServerLimits {
  std::size_t header_bytes = 8 * 1024;
  std::size_t body_bytes = 16 * 1024;
  std::chrono::seconds request_time{10};  // to send a whole request, headers and body
  std::chrono::seconds idle_time{30};     // between requests on a kept-alive connection
  std::chrono::seconds write_time{30};
  int connections = 4096;
  int connections_per_address = 256;
  int requests_per_connection = 10000;
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, const RouteTable& routes, ServerLimits limits);
  // Opens the listening socket (before privileges are dropped).
  core::Result<boost::asio::ip::tcp::endpoint> listen(const std::string& address_and_port);
  // Starts accepting on the io_context.
  void start();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  const RouteTable& routes_;
  ServerLimits limits_;
  boost::asio::ip::tcp::acceptor acceptor_;
  int open_connections_ = 0;  // the loop is single-threaded: no lock
  std::map<boost::asio::ip::address, int> per_address_;
};

}  // namespace baseline::server
