// SPDX-License-Identifier: Apache-2.0
// The loopback test server's own counts, which the politeness tests rely on: two connections
// held at once count as two open, one closed before the next as one; the port is shared by
// every address it listens on.
#include "tls/testing/loopback_server.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <thread>

namespace baseline::tls::testing {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

// A handler that keeps the connection until the client hangs up.
void hold(int fd) {
  char sink[64];
  while (::recv(fd, sink, sizeof sink, 0) > 0) {
  }
}

void wait_for_connections(const LoopbackServer& server, int count) {
  for (int i = 0; i < 200 && server.connections() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TEST(LoopbackServer, CountsConnectionsOpenAtOnce) {
  LoopbackServer server(hold);
  asio::io_context io;
  tcp::socket first(io), second(io);
  first.connect(server.endpoint());
  second.connect(server.endpoint());
  wait_for_connections(server, 2);
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(server.most_open(), 2);
}

TEST(LoopbackServer, AConnectionClosedBeforeTheNextDoesNotOverlap) {
  LoopbackServer server(hold);
  asio::io_context io;
  for (int i = 0; i < 5; ++i) {
    tcp::socket socket(io);
    socket.connect(server.endpoint());
    wait_for_connections(server, i + 1);
    socket.close();
  }
  EXPECT_EQ(server.connections(), 5);
  EXPECT_EQ(server.most_open(), 1);
}

TEST(LoopbackServer, EveryAddressListensOnTheSamePort) {
  int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 six{};
  six.sin6_family = AF_INET6;
  six.sin6_addr = in6addr_loopback;
  const bool ipv6 = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&six), sizeof six) == 0;
  if (fd >= 0) ::close(fd);
  if (!ipv6) GTEST_SKIP() << "no IPv6 loopback (::1) on this machine";
  LoopbackServer server(hold, {"127.0.0.1", "::1"});
  ASSERT_NE(server.port(), 0);
  asio::io_context io;
  tcp::socket v4(io), v6(io);
  v4.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  v6.connect({asio::ip::make_address("::1"), server.port()});
  wait_for_connections(server, 2);
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(server.most_open(), 2);
}

}  // namespace
}  // namespace baseline::tls::testing
