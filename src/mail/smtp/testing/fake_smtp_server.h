// SPDX-License-Identifier: Apache-2.0
// A mail server for tests on loopback: a banner (on time, late, or a 4xx refusal for chosen
// connections), EHLO with or without STARTTLS, and after "220" to STARTTLS either a real TLS
// session (tls/testing/tls_server.h, with the test's own certificates and versions) or a TLS
// failure (garbage, or hanging up). Every address it listens on is one server: the connection
// counts and "most open at once" are over all of them. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "tls/openssl_handles.h"
#include "tls/testing/loopback_server.h"

namespace baseline::mail::smtp::testing {

struct SmtpBehaviour {
  enum class AfterStartTls {
    kTls,      // a TLS session with the server's SSL_CTX
    kGarbage,  // plain text where the ServerHello should be
    kHangUp,   // the connection closes
  };
  std::string host = "mx.test";
  std::chrono::milliseconds banner_delay{0};
  bool offer_starttls = true;
  // Connections (numbered from 1 over every address) that get `refusal` instead of the banner.
  std::function<bool(int connection)> refuse;
  std::string refusal = "421 4.7.0 mx.test busy, try again later";
  AfterStartTls after_starttls = AfterStartTls::kTls;
};

class FakeSmtpServer {
 public:
  // `tls` (used after STARTTLS) must outlive the server; it may be null unless kTls is used.
  FakeSmtpServer(SmtpBehaviour behaviour, SSL_CTX* tls,
                 std::vector<std::string> addresses = {"127.0.0.1"});
  std::uint16_t port() const { return server_.port(); }
  boost::asio::ip::tcp::endpoint endpoint() const { return server_.endpoint(); }
  int connections() const { return server_.connections(); }
  int most_open() const { return server_.most_open(); }
  int refusals() const { return refusals_; }
  int starttls_accepted() const { return starttls_accepted_; }
  int tls_handshakes() const { return tls_handshakes_; }  // completed
  // Waits until every session has ended, so that the counts are complete (loopback_server.h).
  bool wait_idle() { return server_.wait_idle(); }

 private:
  void session(int fd);

  SmtpBehaviour behaviour_;
  SSL_CTX* tls_;
  std::atomic<int> sessions_{0};
  std::atomic<int> refusals_{0};
  std::atomic<int> starttls_accepted_{0};
  std::atomic<int> tls_handshakes_{0};
  tls::testing::LoopbackServer server_;  // last: stopped before the rest goes
};

}  // namespace baseline::mail::smtp::testing
