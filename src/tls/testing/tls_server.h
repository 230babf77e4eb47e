// SPDX-License-Identifier: Apache-2.0
// A TLS server for tests with a known configuration: OpenSSL's server side over a blocking
// socket, with exactly the versions, suites and certificate chain a test states, so that what
// Baseline's enumeration and handshake find can be compared with what the server allows.
// serve_tls() runs one session on a connected socket (the SMTP fake uses it after STARTTLS);
// TlsTestServer puts it on loopback. Thread-safe (each session has its own SSL).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tls/openssl_handles.h"
#include "tls/testing/loopback_server.h"
#include "tls/testing/test_certificates.h"

namespace baseline::tls::testing {

struct TlsServerConfig {
  int min_version = TLS1_2_VERSION;
  int max_version = TLS1_3_VERSION;
  // Suites below TLS 1.3 (an OpenSSL cipher string) and of TLS 1.3 (a ciphersuites string).
  std::string ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";
  std::string tls13_ciphersuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384";
  std::string groups = "X25519:P-256";
  bool allow_client_renegotiation = false;
  bool server_preference = true;     // the server's order of suites, not the client's
  std::uint32_t max_early_data = 0;  // TLS 1.3 tickets allow this much 0-RTT data (0: none)
};

// The server's SSL_CTX: `leaf` (its key and certificate) and the rest of the chain it sends
// (e.g. the CA). Throws when OpenSSL refuses the configuration.
SslCtxPtr make_server_context(const TlsServerConfig& config, const TestCertificate& leaf,
                              const std::vector<const TestCertificate*>& chain = {});

// One TLS session on `fd`: the handshake, then reading until the client closes, answering a
// line that starts with "GET " with an empty HTTP 200. `on_handshake` is called as soon as the
// handshake completes. True when it did.
bool serve_tls(int fd, SSL_CTX* context, const std::function<void()>& on_handshake = {});

class TlsTestServer {
 public:
  // `context` must outlive the server.
  explicit TlsTestServer(SSL_CTX* context, std::vector<std::string> addresses = {"127.0.0.1"});
  boost::asio::ip::tcp::endpoint endpoint() const { return server_.endpoint(); }
  int connections() const { return server_.connections(); }
  int handshakes() const { return handshakes_; }    // completed
  bool wait_idle() { return server_.wait_idle(); }  // before reading the counts (loopback_server.h)

 private:
  std::atomic<int> handshakes_{0};
  LoopbackServer server_;  // last: stopped before the counters go
};

}  // namespace baseline::tls::testing
