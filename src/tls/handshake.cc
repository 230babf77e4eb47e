// SPDX-License-Identifier: Apache-2.0
#include "tls/handshake.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>

#include "core/parse_number.h"
#include "i18n/finding.h"
#include "net/async.h"
#include "tls/openssl_handles.h"
#include "tls/trust_store.h"

namespace baseline::tls {
namespace asio = boost::asio;
using asio::ip::tcp;
using core::make_error;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr int kRenegotiationAttempts = 11;
constexpr std::size_t kMaxResponse = 16 * 1024;

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return i18n::finding("the connection failed");
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return text.data();
}

// Runs OpenSSL over an Asio socket through a BIO pair.
class Connection {
 public:
  Connection(tcp::socket socket, SslPtr ssl) : socket_(std::move(socket)), ssl_(std::move(ssl)) {
    BIO* internal = nullptr;
    BIO* network = nullptr;
    BIO_new_bio_pair(&internal, 1 << 16, &network, 1 << 16);
    network_.reset(network);
    SSL_set_bio(ssl_.get(), internal, internal);  // the SSL owns its half from now on
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  SSL* ssl() { return ssl_.get(); }

  // Repeats `op` until it succeeds (> 0) or fails for good; moves bytes in between.
  asio::awaitable<core::Result<int>> run(std::function<int(SSL*)> op) {
    for (;;) {
      ERR_clear_error();
      const int rc = op(ssl_.get());
      const int error = SSL_get_error(ssl_.get(), rc);
      if (auto flushed = co_await flush(); !flushed) co_return flushed.error();
      if (rc > 0) co_return rc;
      if (error == SSL_ERROR_WANT_READ) {
        auto got = co_await fill();
        if (!got) co_return got.error();
        continue;
      }
      if (error == SSL_ERROR_WANT_WRITE) continue;
      if (error == SSL_ERROR_ZERO_RETURN)
        co_return make_error(i18n::finding("the server closed the TLS session"));
      co_return make_error(openssl_error());
    }
  }

 private:
  asio::awaitable<core::Result<bool>> flush() {
    auto& buffer = out_;
    while (BIO_ctrl_pending(network_.get()) > 0) {
      const int n = BIO_read(network_.get(), buffer.data(), static_cast<int>(buffer.size()));
      if (n <= 0) break;
      auto [ec, written] = co_await asio::async_write(
          socket_, asio::buffer(buffer.data(), static_cast<std::size_t>(n)), kUseTuple);
      if (ec)
        co_return make_error(
            i18n::finding("sending failed: {reason}", fmt::arg("reason", ec.message())));
    }
    co_return true;
  }

  asio::awaitable<core::Result<bool>> fill() {
    auto& buffer = in_;
    const std::size_t room = std::min(
        buffer.size(), static_cast<std::size_t>(BIO_ctrl_get_write_guarantee(network_.get())));
    if (room == 0) co_return make_error("TLS buffer full");
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer.data(), room), kUseTuple);
    if (n > 0) BIO_write(network_.get(), buffer.data(), static_cast<int>(n));
    if (ec && n == 0) {
      co_return make_error(
          ec == asio::error::eof
              ? i18n::finding("the server closed the connection")
              : i18n::finding("reading failed: {reason}", fmt::arg("reason", ec.message())));
    }
    co_return true;
  }

  tcp::socket socket_;
  SslPtr ssl_;
  BioPtr network_;  // our half of the pair; freed before the SSL (and its half)
  // The connection's buffers, not the coroutine frames': a frame per read or write would be
  // allocated and cleared each time.
  std::array<char, 16384> in_;
  std::array<char, 16384> out_;
};

// Built once per thread and version range, then shared by every handshake: building an SSL_CTX
// fetches OpenSSL's algorithms and parses the cipher string, which costs more than a handshake's
// own set-up. Sessions are never cached in it (SSL_SESS_CACHE_NO_INTERNAL): handshakes share
// nothing but the configuration.
SSL_CTX* shared_context(int max_version, int min_version = TLS1_VERSION) {
  thread_local std::map<std::pair<int, int>, SslCtxPtr> contexts;
  auto& ctx = contexts[{max_version, min_version}];
  if (ctx) return ctx.get();
  ctx.reset(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return nullptr;
  SSL_CTX_set_security_level(ctx.get(), 0);  // see what the server offers, judge it ourselves
  SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(ctx.get(), min_version);
  SSL_CTX_set_max_proto_version(ctx.get(), max_version);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL);
  return ctx.get();
}

asio::awaitable<core::Result<std::unique_ptr<Connection>>> connect(const HandshakeTarget& target,
                                                                   SSL_CTX* ctx,
                                                                   SSL_SESSION* session) {
  std::optional<tcp::socket> socket;
  if (target.connect) {
    auto connected = co_await target.connect();
    if (!connected) co_return connected.error();
    socket.emplace(std::move(connected.value()));
  } else {
    socket.emplace(co_await asio::this_coro::executor);
    auto [ec] = co_await socket->async_connect(target.endpoint, kUseTuple);
    if (ec)
      co_return make_error(
          core::ErrorCode::kConnectFailed,
          i18n::finding("cannot connect: {reason}", fmt::arg("reason", ec.message())));
  }
  SslPtr ssl(SSL_new(ctx));
  if (!ssl) co_return make_error("SSL_new failed");
  SSL_set_tlsext_host_name(ssl.get(), target.host.c_str());
  SSL_set_tlsext_status_type(ssl.get(), TLSEXT_STATUSTYPE_ocsp);
  if (session) SSL_set_session(ssl.get(), session);
  SSL_set_connect_state(ssl.get());
  co_return std::make_unique<Connection>(std::move(*socket), std::move(ssl));
}

bool host_matches(X509* cert, const std::string& host) {
  const unsigned flags = X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT;
  return X509_check_host(cert, host.data(), host.size(), flags, nullptr) == 1;
}

long long to_unix(const ASN1_TIME* time) {
  std::tm tm{};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return static_cast<long long>(timegm(&tm));
}

std::vector<std::uint8_t> der_of(X509* cert) {
  const int n = i2d_X509(cert, nullptr);
  if (n <= 0) return {};
  std::vector<std::uint8_t> out(static_cast<std::size_t>(n));
  unsigned char* p = out.data();
  i2d_X509(cert, &p);
  return out;
}

std::string name_text(const X509_NAME* name) {
  std::array<char, 512> text{};
  X509_NAME_oneline(name, text.data(), static_cast<int>(text.size()));
  return text.data();
}

CertificateFacts describe(X509* cert) {
  CertificateFacts facts;
  facts.subject = name_text(X509_get_subject_name(cert));
  facts.issuer = name_text(X509_get_issuer_name(cert));
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    facts.key_bits = EVP_PKEY_get_bits(key);
    const int id = EVP_PKEY_get_base_id(key);
    facts.key_type = id == EVP_PKEY_RSA       ? "RSA"
                     : id == EVP_PKEY_EC      ? "EC"
                     : id == EVP_PKEY_ED25519 ? "ED25519"
                     : id == EVP_PKEY_ED448   ? "ED448"
                     : id == EVP_PKEY_DSA     ? "DSA"
                                              : OBJ_nid2sn(id);
    if (id == EVP_PKEY_EC) {
      std::array<char, 64> group{};
      std::size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, "group", group.data(), group.size(), &len)) {
        facts.curve = group.data();
      }
    }
  }
  facts.signature = OBJ_nid2ln(X509_get_signature_nid(cert));
  int md = NID_undef;
  if (X509_get_signature_info(cert, &md, nullptr, nullptr, nullptr) && md != NID_undef) {
    facts.signature_hash = OBJ_nid2sn(md);
  }
  facts.self_signed = X509_check_issued(cert, cert) == X509_V_OK;
  facts.not_before = to_unix(X509_get0_notBefore(cert));
  facts.not_after = to_unix(X509_get0_notAfter(cert));
  facts.der = der_of(cert);
  const int n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), nullptr);
  if (n > 0) {
    facts.spki_der.resize(static_cast<std::size_t>(n));
    unsigned char* p = facts.spki_der.data();
    i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &p);
  }
  return facts;
}

void judge_trust(SSL* ssl, const HandshakeTarget& target, HandshakeFacts& facts) {
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  X509* leaf = SSL_get0_peer_certificate(ssl);
  if (!leaf) {
    facts.trust_error = i18n::finding("no certificate presented");
    return;
  }
  auto store = shared_trust_store(target.ca_file);
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain);
  X509_STORE_CTX_set_default(ctx.get(), "ssl_server");
  facts.trusted = X509_verify_cert(ctx.get()) == 1;
  if (!facts.trusted) {
    facts.trust_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  }
  // OCSP, now that there is a store.
  const unsigned char* response = nullptr;
  const long length = SSL_get_tlsext_status_ocsp_resp(ssl, &response);
  if (response && length > 0) {
    OcspResponsePtr ocsp(d2i_OCSP_RESPONSE(nullptr, &response, length));
    if (!ocsp) {
      facts.ocsp_valid = false;
      facts.ocsp_detail = i18n::finding("the stapled OCSP response does not parse");
    } else if (OCSP_response_status(ocsp.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
      facts.ocsp_valid = false;
      facts.ocsp_detail = std::string("OCSP response status ") +
                          OCSP_response_status_str(OCSP_response_status(ocsp.get()));
    } else {
      OcspBasicPtr basic(OCSP_response_get1_basic(ocsp.get()));
      X509* issuer = nullptr;
      for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        X509* c = sk_X509_value(chain, i);
        if (c != leaf && X509_check_issued(c, leaf) == X509_V_OK) issuer = c;
      }
      if (!issuer) {
        STACK_OF(X509)* verified = X509_STORE_CTX_get0_chain(ctx.get());
        if (verified && sk_X509_num(verified) > 1) issuer = sk_X509_value(verified, 1);
      }
      int status = -1, reason = 0;
      ASN1_GENERALIZEDTIME *revoked = nullptr, *this_update = nullptr, *next_update = nullptr;
      OcspCertIdPtr id(issuer ? OCSP_cert_to_id(nullptr, leaf, issuer) : nullptr);
      if (!basic || !id) {
        facts.ocsp_valid = false;
        facts.ocsp_detail =
            i18n::finding("the stapled OCSP response cannot be matched to the certificate");
      } else if (OCSP_basic_verify(basic.get(), chain, store.get(), 0) != 1) {
        facts.ocsp_valid = false;
        facts.ocsp_detail = i18n::finding("the stapled OCSP response's signature does not verify");
      } else if (!OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revoked,
                                        &this_update, &next_update)) {
        facts.ocsp_valid = false;
        facts.ocsp_detail = i18n::finding("the stapled OCSP response is about another certificate");
      } else if (!OCSP_check_validity(this_update, next_update, 300, -1)) {
        facts.ocsp_valid = false;
        facts.ocsp_detail =
            i18n::finding("the stapled OCSP response is outside its validity period");
      } else {
        facts.ocsp_valid = status == V_OCSP_CERTSTATUS_GOOD;
        facts.ocsp_detail = i18n::finding("certificate status {status}",
                                          fmt::arg("status", OCSP_cert_status_str(status)));
      }
    }
    ERR_clear_error();
  }
}

asio::awaitable<std::optional<int>> http_status(Connection& connection, const std::string& host) {
  const std::string request =
      "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Baseline\r\nConnection: close\r\n\r\n";
  auto sent = co_await connection.run(
      [&](SSL* ssl) { return SSL_write(ssl, request.data(), static_cast<int>(request.size())); });
  if (!sent) co_return std::nullopt;
  std::string response;
  std::array<char, 4096> buffer{};
  while (response.find("\r\n") == std::string::npos && response.size() < kMaxResponse) {
    auto got = co_await connection.run(
        [&](SSL* ssl) { return SSL_read(ssl, buffer.data(), static_cast<int>(buffer.size())); });
    if (!got) break;
    response.append(buffer.data(), static_cast<std::size_t>(*got));
  }
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) co_return std::nullopt;
  const auto space = response.find(' ');
  if (space == std::string::npos || space + 4 > response.size()) co_return std::nullopt;
  co_return core::parse_decimal<int>(std::string_view(response).substr(space + 1, 3));
}

template <class T>
asio::awaitable<core::Result<T>> bounded(asio::awaitable<core::Result<T>> op,
                                         std::chrono::milliseconds limit, std::string what) {
  auto result = co_await net::with_timeout(std::move(op), limit);
  if (!result)
    co_return make_error(core::ErrorCode::kTimedOut,
                         what + ": no answer within " + std::to_string(limit.count()) + " ms");
  co_return std::move(*result);
}

asio::awaitable<core::Result<HandshakeFacts>> main_handshake(HandshakeTarget target) {
  HandshakeFacts facts;
  // Below 1.3 when the server has it, so that renegotiation can be tried on this connection.
  auto* ctx = shared_context(target.try_renegotiation ? TLS1_2_VERSION : TLS1_3_VERSION);
  if (!ctx) co_return make_error("cannot create a TLS context");
  ++facts.connections;
  auto connection = co_await connect(target, ctx, nullptr);
  if (!connection) co_return connection.error();
  auto& conn = **connection;
  auto done = co_await bounded(conn.run([](SSL* ssl) { return SSL_do_handshake(ssl); }),
                               target.timeout, "TLS handshake");
  if (!done)
    co_return make_error(
        i18n::finding("TLS handshake failed: {reason}", fmt::arg("reason", done.error().message)));
  SSL* ssl = conn.ssl();
  facts.version = SSL_get_version(ssl);
  facts.cipher = SSL_get_cipher_name(ssl);
  facts.version_id = static_cast<std::uint16_t>(SSL_version(ssl));
  if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl)) {
    facts.suite_id = SSL_CIPHER_get_protocol_id(cipher);
  }
  facts.extended_master_secret = SSL_get_extms_support(ssl) == 1;
  facts.secure_renegotiation = SSL_get_secure_renegotiation_support(ssl) == 1;
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl)) {
    for (int i = 0; i < sk_X509_num(chain) && i < 10; ++i) {
      facts.chain.push_back(describe(sk_X509_value(chain, i)));
    }
  }
  judge_trust(ssl, target, facts);
  facts.name_checked = target.host;
  if (X509* leaf = SSL_get0_peer_certificate(ssl); leaf && !facts.chain.empty()) {
    facts.name_matches = host_matches(leaf, target.host);  // the parsed leaf, not its DER again
  }

  if (target.try_renegotiation && SSL_version(ssl) <= TLS1_2_VERSION) {
    int allowed = 0;
    std::string why = "refused";
    for (int i = 0; i < kRenegotiationAttempts; ++i) {
      if (SSL_renegotiate(ssl) != 1) {
        why = i18n::finding("could not start: {reason}", fmt::arg("reason", openssl_error()));
        break;
      }
      auto again = co_await bounded(conn.run([](SSL* s) { return SSL_do_handshake(s); }),
                                    target.timeout, "renegotiation");
      if (!again) {
        why = again.error().message;
        break;
      }
      ++allowed;
    }
    facts.renegotiations_allowed = allowed;
    facts.renegotiation_detail =
        allowed == kRenegotiationAttempts ? i18n::finding("all attempts accepted") : why;
  }
  co_return facts;
}

// A TLS 1.3 connection of its own for a session ticket: read after a response, since the server's
// NewSessionTicket is processed by the first read after the handshake.
asio::awaitable<SslSessionPtr> ticket_of_own(const HandshakeTarget& target, SSL_CTX* ctx,
                                             HandshakeFacts& facts) {
  ++facts.connections;
  auto first = co_await connect(target, ctx, nullptr);
  if (!first) co_return nullptr;
  auto& conn = **first;
  auto done = co_await bounded(conn.run([](SSL* ssl) { return SSL_do_handshake(ssl); }),
                               target.timeout, "TLS 1.3 handshake");
  if (!done) co_return nullptr;
  co_await net::with_timeout(http_status(conn, target.host), target.timeout);
  co_return SslSessionPtr(SSL_get1_session(conn.ssl()));
}

asio::awaitable<void> early_data(HandshakeTarget target, HandshakeFacts& facts,
                                 SslSessionPtr ticket) {
  auto* ctx = shared_context(TLS1_3_VERSION, TLS1_3_VERSION);
  if (!ctx) co_return;
  // Not `?:` around a co_await: GCC 12 destroys such a result twice.
  SslSessionPtr session = std::move(ticket);
  if (!session) session = co_await ticket_of_own(target, ctx, facts);
  if (!session || !SSL_SESSION_is_resumable(session.get())) {
    facts.early_data_offered = false;
    co_return;
  }
  facts.early_data_offered = SSL_SESSION_get_max_early_data(session.get()) > 0;
  if (!*facts.early_data_offered) co_return;
  ++facts.connections;
  auto second = co_await connect(target, ctx, session.get());
  if (!second) co_return;
  auto& conn2 = **second;
  const std::string request = "GET / HTTP/1.1\r\nHost: " + target.host +
                              "\r\nUser-Agent: Baseline\r\nConnection: close\r\n\r\n";
  auto written = co_await bounded(conn2.run([&](SSL* ssl) {
    std::size_t n = 0;
    return SSL_write_early_data(ssl, request.data(), request.size(), &n);
  }),
                                  target.timeout, "early data");
  if (!written) co_return;
  auto finished = co_await bounded(conn2.run([](SSL* ssl) { return SSL_do_handshake(ssl); }),
                                   target.timeout, "0-RTT handshake");
  if (!finished) co_return;
  facts.early_data_accepted = SSL_get_early_data_status(conn2.ssl()) == SSL_EARLY_DATA_ACCEPTED;
  if (!*facts.early_data_accepted) co_return;
  std::string response;
  std::array<char, 4096> buffer{};
  auto reader = [&]() -> asio::awaitable<core::Result<int>> {
    while (response.find("\r\n") == std::string::npos && response.size() < kMaxResponse) {
      auto got = co_await conn2.run(
          [&](SSL* ssl) { return SSL_read(ssl, buffer.data(), static_cast<int>(buffer.size())); });
      if (!got) co_return got.error();
      response.append(buffer.data(), static_cast<std::size_t>(*got));
    }
    co_return 0;
  };
  // Judged on what arrived: a cut-off response may still carry its status line.
  static_cast<void>(co_await bounded(reader(), target.timeout, "early response"));
  if (response.size() >= 12 && response.compare(0, 5, "HTTP/") == 0) {
    const auto space = response.find(' ');
    if (space != std::string::npos) {
      if (auto status = core::parse_decimal<int>(std::string_view(response).substr(space + 1, 3))) {
        facts.early_data_status = *status;
      }
    }
  }
}

}  // namespace

bool certificate_matches(const std::vector<std::uint8_t>& der, const std::string& host) {
  // The checks ask about one certificate several times (per check and per MX name): parsing it
  // (OpenSSL 3 decodes its key through a new decoder context) costs more than the match, so the
  // last one parsed on this thread is kept.
  thread_local std::vector<std::uint8_t> last_der;
  thread_local X509Ptr last;
  if (!last || der != last_der) {
    const unsigned char* p = der.data();
    last.reset(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    last_der = last ? der : std::vector<std::uint8_t>{};
  }
  if (!last) return false;
  return host_matches(last.get(), host);
}

asio::awaitable<core::Result<HandshakeFacts>> full_handshake(HandshakeTarget target) {
  auto facts = co_await main_handshake(target);
  if (!facts) co_return facts;
  if (target.try_early_data) co_await early_data(target, *facts, nullptr);
  co_return facts;
}

Negotiated negotiated(const core::Result<HandshakeFacts>& handshake) {
  Negotiated out;
  if (!handshake) {
    // The server's protocol_version alert (RFC 5246 E.1): no version up to what was offered.
    out.version_refused =
        handshake.error().message.find("alert protocol version") != std::string::npos;
    return out;
  }
  const auto& f = handshake.value();
  out.completed = true;
  out.version = f.version_id;
  out.suite = f.suite_id;
  out.extended_master_secret = f.extended_master_secret;
  out.secure_renegotiation = f.secure_renegotiation;
  return out;
}

asio::awaitable<core::Result<HandshakeFacts>> certificate_handshake(HandshakeTarget target) {
  co_return co_await main_handshake(std::move(target));
}

asio::awaitable<void> early_data_probe(HandshakeTarget target, HandshakeFacts& facts,
                                       SslSessionPtr ticket) {
  co_await early_data(std::move(target), facts, std::move(ticket));
}

}  // namespace baseline::tls
