// SPDX-License-Identifier: Apache-2.0
#include "tls/testing/tls_server.h"

#include <openssl/err.h>

#include <stdexcept>

namespace baseline::tls::testing {

namespace {

[[noreturn]] void refuse(const std::string& what) {
  char reason[256] = {};
  ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error("test TLS server: " + what + ": " + reason);
}

}  // namespace

SslCtxPtr make_server_context(const TlsServerConfig& config, const TestCertificate& leaf,
                              const std::vector<const TestCertificate*>& chain) {
  SslCtxPtr context(SSL_CTX_new(TLS_server_method()));
  if (!context) refuse("SSL_CTX_new");
  SSL_CTX* ctx = context.get();
  // Level 0, so that a test can offer what OpenSSL's defaults forbid (TLS 1.0, SHA-1 suites):
  // the versions and suites below are exactly what the server allows.
  SSL_CTX_set_security_level(ctx, 0);
  if (SSL_CTX_set_min_proto_version(ctx, config.min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, config.max_version) != 1) {
    refuse("versions");
  }
  if (!config.ciphers.empty() &&
      SSL_CTX_set_cipher_list(ctx, (config.ciphers + ":@SECLEVEL=0").c_str()) != 1) {
    refuse("cipher list " + config.ciphers);
  }
  if (SSL_CTX_set_ciphersuites(ctx, config.tls13_ciphersuites.c_str()) != 1) {
    refuse("TLS 1.3 suites " + config.tls13_ciphersuites);
  }
  if (!config.groups.empty() && SSL_CTX_set1_groups_list(ctx, config.groups.c_str()) != 1) {
    refuse("groups " + config.groups);
  }
  std::uint64_t options = SSL_OP_NO_COMPRESSION;
  if (config.server_preference) options |= SSL_OP_CIPHER_SERVER_PREFERENCE;
  if (config.allow_client_renegotiation) options |= SSL_OP_ALLOW_CLIENT_RENEGOTIATION;
  SSL_CTX_set_options(ctx, options);
  if (config.max_early_data > 0) SSL_CTX_set_max_early_data(ctx, config.max_early_data);
  if (SSL_CTX_use_certificate(ctx, leaf.certificate.get()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, leaf.key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    refuse("certificate and key");
  }
  for (const auto* extra : chain) {
    if (SSL_CTX_add1_chain_cert(ctx, extra->certificate.get()) != 1) refuse("chain certificate");
  }
  return context;
}

bool serve_tls(int fd, SSL_CTX* context, const std::function<void()>& on_handshake) {
  SslPtr ssl(SSL_new(context));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) return false;
  if (SSL_accept(ssl.get()) != 1) {
    ERR_clear_error();  // a probe that hung up after the ServerHello, or a version we refuse
    return false;
  }
  if (on_handshake) on_handshake();
  std::string received;
  char buffer[4096];
  for (;;) {
    const int n = SSL_read(ssl.get(), buffer, sizeof buffer);
    if (n <= 0) break;  // closed, timed out, or an alert: the session is over
    received.append(buffer, static_cast<std::size_t>(n));
    if (received.rfind("GET ", 0) == 0 && received.find("\r\n\r\n") != std::string::npos) {
      static const std::string kResponse =
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      SSL_write(ssl.get(), kResponse.data(), static_cast<int>(kResponse.size()));
      received.clear();
    }
    if (received.size() > 65536) break;
  }
  ERR_clear_error();
  return true;
}

TlsTestServer::TlsTestServer(SSL_CTX* context, std::vector<std::string> addresses)
    : server_([this, context](int fd) { serve_tls(fd, context, [this]() { ++handshakes_; }); },
              std::move(addresses)) {}

}  // namespace baseline::tls::testing
