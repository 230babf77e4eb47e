// SPDX-License-Identifier: Apache-2.0
// http::Session against loopback servers: requests share one connection while the server keeps
// it, a connection the server closed is replaced, and the TLS 1.3 ticket it hands out still
// carries the server's early-data allowance after the connection is gone (the 0-RTT probe
// resumes it: without the allowance web-zero-rtt.lab would pass where it must fail).
#include "http/session.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <string>

#include "net/testing/run.h"
#include "tls/testing/loopback_server.h"
#include "tls/testing/test_certificates.h"
#include "tls/testing/tls_server.h"

namespace baseline::http {
namespace {

// Answers up to `per_connection` GETs on each connection with a 200 and a short body. With
// `announce` it says it keeps the connection and then closes it without saying so (no
// `Connection: close`), as a server whose idle timeout has passed; without, it leaves keep-alive
// unsaid and then swallows further requests in silence until the client hangs up.
tls::testing::LoopbackServer::Handler plain_server(int per_connection, bool announce = true) {
  return [per_connection, announce](int fd) {
    std::string received;
    for (int answered = 0; answered < per_connection;) {
      char chunk[2048];
      const auto n = recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      received.append(chunk, static_cast<std::size_t>(n));
      for (auto end = received.find("\r\n\r\n");
           end != std::string::npos && answered < per_connection; end = received.find("\r\n\r\n")) {
        received.erase(0, end + 4);
        const std::string response = std::string("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n") +
                                     (announce ? "Connection: keep-alive\r\n" : "") + "\r\nok";
        if (send(fd, response.data(), response.size(), MSG_NOSIGNAL) < 0) return;
        ++answered;
      }
    }
    char ignored[2048];
    while (!announce && recv(fd, ignored, sizeof ignored, 0) > 0) {
    }
  };
}

Request request_to(const boost::asio::ip::tcp::endpoint& endpoint, bool https, std::string target) {
  Request request;
  request.endpoint = endpoint;
  request.https = https;
  request.host = "tls.test";
  request.target = std::move(target);
  request.timeout = std::chrono::milliseconds(5000);
  return request;
}

boost::asio::awaitable<std::vector<int>> statuses(Session& session, Request first, Request second) {
  std::vector<int> out;
  for (auto* request : {&first, &second}) {
    auto response = co_await session.fetch(*request);
    out.push_back(response ? response->status : -1);
  }
  co_return out;
}

// Two plain requests, "/" and "/b", to `server` on one session: their statuses and the
// connections the session opened.
struct TwoRequests {
  std::vector<int> statuses;
  int connections = 0;
};
TwoRequests two_requests(const tls::testing::LoopbackServer& server,
                         Session::Reuse reuse = Session::Reuse::kKeepAlive) {
  boost::asio::io_context io;  // declared first: the session's socket dies before its loop
  Session session(reuse);
  auto got = net::testing::run(io, statuses(session, request_to(server.endpoint(), false, "/"),
                                            request_to(server.endpoint(), false, "/b")));
  return {got, session.connections()};
}

TEST(HttpSession, RequestsShareTheConnectionTheServerKeeps) {
  tls::testing::LoopbackServer server(plain_server(10));
  const auto got = two_requests(server);
  EXPECT_EQ(got.statuses, (std::vector<int>{200, 200}));
  EXPECT_EQ(got.connections, 1);
}

TEST(HttpSession, AConnectionTheServerClosedIsReplacedOnce) {
  tls::testing::LoopbackServer server(plain_server(1));
  const auto got = two_requests(server);
  EXPECT_EQ(got.statuses, (std::vector<int>{200, 200}));
  EXPECT_EQ(got.connections, 2);
}

// A server that leaves keep-alive unsaid, answers one request and then holds the connection
// open in silence (the lab's hostile redirect loop): never asked a second time on it.
TEST(HttpSession, AConnectionNotAnnouncedAsKeptIsNotReused) {
  tls::testing::LoopbackServer server(plain_server(1, false));
  const auto got = two_requests(server);
  EXPECT_EQ(got.statuses, (std::vector<int>{200, 200}));
  EXPECT_EQ(got.connections, 2);
}

TEST(HttpSession, OneRequestSessionsAskTheServerToClose) {
  tls::testing::LoopbackServer server(plain_server(10));
  const auto got = two_requests(server, Session::Reuse::kOneRequest);
  EXPECT_EQ(got.statuses, (std::vector<int>{200, 200}));
  EXPECT_EQ(got.connections, 2);
}

class HttpSessionTicket : public ::testing::Test {
 protected:
  // The ticket of one HTTPS request, taken after the session (and its connection) is gone.
  tls::SslSessionPtr ticket_after_close(const tls::testing::TlsServerConfig& config) {
    auto context = tls::testing::make_server_context(config, leaf_, {&ca_});
    tls::testing::TlsTestServer server(context.get());
    boost::asio::io_context io;
    tls::SslSessionPtr ticket;
    {
      Session session;
      auto status = net::testing::run(io, [&]() -> boost::asio::awaitable<int> {
        auto response = co_await session.fetch(request_to(server.endpoint(), true, "/"));
        co_return response ? response->status : -1;
      }());
      EXPECT_EQ(status, 200);
      ticket = session.resumable_tls13_session();
    }
    EXPECT_TRUE(server.wait_idle());
    return ticket;
  }

  tls::testing::TestCertificate ca_ = tls::testing::make_ca("Baseline test CA");
  tls::testing::TestCertificate leaf_ = tls::testing::make_leaf({"tls.test"}, ca_);
};

TEST_F(HttpSessionTicket, KeepsTheEarlyDataAllowanceAfterTheConnectionCloses) {
  tls::testing::TlsServerConfig config;
  config.min_version = TLS1_3_VERSION;
  config.max_early_data = 16384;
  auto ticket = ticket_after_close(config);
  ASSERT_TRUE(ticket);
  EXPECT_TRUE(SSL_SESSION_is_resumable(ticket.get()));
  EXPECT_EQ(SSL_SESSION_get_max_early_data(ticket.get()), 16384u);
}

TEST_F(HttpSessionTicket, NoAllowanceWhenTheServerGivesNone) {
  tls::testing::TlsServerConfig config;
  config.min_version = TLS1_3_VERSION;
  auto ticket = ticket_after_close(config);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(SSL_SESSION_get_max_early_data(ticket.get()), 0u);
}

TEST_F(HttpSessionTicket, NoTicketBelowTls13) {
  tls::testing::TlsServerConfig config;
  config.max_version = TLS1_2_VERSION;
  EXPECT_FALSE(ticket_after_close(config));
}

}  // namespace
}  // namespace baseline::http
