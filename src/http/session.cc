// SPDX-License-Identifier: Apache-2.0
#include "http/session.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <map>
#include <optional>

#include "http/headers.h"
#include "i18n/finding.h"
#include "tls/trust_store.h"

namespace baseline::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;
using core::make_error;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

asio::ssl::context& tls_context() {
  static asio::ssl::context context = [] {
    asio::ssl::context c(asio::ssl::context::tls_client);
    c.set_verify_mode(asio::ssl::verify_none);
    SSL_CTX_set_security_level(c.native_handle(), 0);
    SSL_CTX_set_cipher_list(c.native_handle(), "ALL:@SECLEVEL=0");
    return c;
  }();
  return context;
}

// A verifying context per thread and CA file, on the process's one trust store: loading the
// system bundle per request cost more CPU than the rest of a domain's HTTP.
asio::ssl::context& verifying_context(const std::string& ca_file) {
  thread_local std::map<std::string, std::unique_ptr<asio::ssl::context>> contexts;
  auto& context = contexts[ca_file];
  if (!context) {
    context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    context->set_verify_mode(asio::ssl::verify_peer);
    auto store = tls::shared_trust_store(ca_file);
    SSL_CTX_set1_cert_store(context->native_handle(), store.get());
  }
  return *context;
}

std::string describe(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return i18n::finding("timed out");
  if (ec == bhttp::error::header_limit)
    return i18n::finding("the response header is larger than 64 KiB");
  return ec.message();
}

}  // namespace

namespace detail {

// One request and its response on an open connection. `answered`: some of the response arrived
// (a reused connection that the server had closed answers nothing and may be replaced).
struct Exchanged {
  core::Result<Response> response;
  bool answered = false;
  bool keep_open = false;  // complete, and the server keeps the connection
};

template <class Stream>
asio::awaitable<Exchanged> exchange_on(Stream& stream, beast::flat_buffer& buffer,
                                       const Request& request, bool keep_alive) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, request.target, 11};
  req.set(bhttp::field::host, request.host);
  req.set(bhttp::field::user_agent, "Baseline/0.1 (+security standards test)");
  req.set(bhttp::field::accept, "*/*");
  if (!keep_alive) req.set(bhttp::field::connection, "close");
  auto [write_ec, written] = co_await bhttp::async_write(stream, req, kUseTuple);
  if (write_ec)
    co_return Exchanged{make_error(i18n::finding("sending the request failed: {reason}",
                                                 fmt::arg("reason", describe(write_ec))))};
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(request.body_limit);
  auto [read_ec, read] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
  Response response;
  if (read_ec) {
    const bool partial_body =
        parser.is_header_done() &&
        (read_ec == bhttp::error::body_limit || read_ec == bhttp::error::partial_message ||
         read_ec == beast::error::timeout);
    if (!partial_body)
      co_return Exchanged{make_error(i18n::finding("reading the response failed: {reason}",
                                                   fmt::arg("reason", describe(read_ec)))),
                          parser.got_some()};
    response.body_truncated = true;
  }
  auto& message = parser.get();
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(
        lower(std::string_view(field.name_string().data(), field.name_string().size())),
        std::string(field.value()));
  }
  response.body = std::move(message.body());
  // Reused only when the server says it keeps the connection (Connection: keep-alive, or a
  // Keep-Alive header): a server that leaves HTTP/1.1's default unsaid may still ignore a second
  // request and hold the connection open until our deadline (the lab's hostile redirect loop).
  const bool announced =
      bhttp::token_list(message[bhttp::field::connection]).exists("keep-alive") ||
      message.count(bhttp::field::keep_alive) > 0;
  const bool keep_open = keep_alive && !read_ec && parser.keep_alive() && announced;
  co_return Exchanged{std::move(response), true, keep_open};
}

struct OpenConnection {
  explicit OpenConnection(const asio::any_io_executor& executor) : stream(executor) {}

  bool serves(const Request& r) const {
    return r.endpoint == endpoint && r.https == https && r.host == host &&
           r.verify_certificate == verify && r.ca_file == ca_file;
  }

  tcp::endpoint endpoint;
  bool https = false;
  std::string host;
  bool verify = false;
  std::string ca_file;
  beast::tcp_stream stream;
  std::optional<beast::ssl_stream<beast::tcp_stream&>> tls;  // over `stream`: never moved
  beast::flat_buffer buffer{kHeaderLimit + 8192};            // the most it may hold
  bool reusable = false;
};

}  // namespace detail

using detail::exchange_on;
using detail::Exchanged;

Session::Session(Reuse reuse) : keep_alive_(reuse == Reuse::kKeepAlive) {}
Session::~Session() = default;

tls::SslSessionPtr Session::resumable_tls13_session() const {
  if (!ticket_) return nullptr;
  SSL_SESSION_up_ref(ticket_.get());
  return tls::SslSessionPtr(ticket_.get());
}

asio::awaitable<core::Result<bool>> Session::connect(Request& request,
                                                     net::Clock::time_point deadline) {
  open_ = std::make_unique<detail::OpenConnection>(co_await asio::this_coro::executor);
  auto& open = *open_;
  open.endpoint = request.endpoint;
  open.https = request.https;
  open.host = request.host;
  open.verify = request.verify_certificate;
  open.ca_file = request.ca_file;
  auto& tcp = open.stream;
  tcp.expires_at(deadline);  // one deadline for connect, handshake, write and read
  ++connections_;
  if (request.connected && request.connected->is_open()) {
    tcp.socket() = std::move(*request.connected);
  } else {
    auto [connect_ec] = co_await tcp.async_connect(request.endpoint, kUseTuple);
    if (connect_ec)
      co_return make_error(
          core::ErrorCode::kConnectFailed,
          i18n::finding("cannot connect: {reason}", fmt::arg("reason", describe(connect_ec))));
  }
  request.connected.reset();
  if (!request.https) co_return true;
  asio::ssl::context* verifying =
      request.verify_certificate ? &verifying_context(request.ca_file) : nullptr;
  auto& tls = open.tls.emplace(tcp, verifying ? *verifying : tls_context());
  SSL_set_tlsext_host_name(tls.native_handle(), request.host.c_str());
  if (verifying) SSL_set1_host(tls.native_handle(), request.host.c_str());  // RFC 6125 name check
  auto [handshake_ec] = co_await tls.async_handshake(asio::ssl::stream_base::client, kUseTuple);
  if (handshake_ec) {
    const long verify = SSL_get_verify_result(tls.native_handle());
    if (verifying && verify != X509_V_OK) {
      // OpenSSL's own words for the verification error are quoted as they are.
      co_return make_error(i18n::finding(
          "certificate not valid for {host}: {openssl}", fmt::arg("host", request.host),
          fmt::arg("openssl", X509_verify_cert_error_string(verify))));
    }
    co_return make_error(i18n::finding("TLS handshake failed: {reason}",
                                       fmt::arg("reason", describe(handshake_ec))));
  }
  co_return true;
}

asio::awaitable<Exchanged> Session::exchange(const Request& request,
                                             net::Clock::time_point deadline) {
  auto& open = *open_;
  open.stream.expires_at(deadline);
  // Not `?:` around the two co_awaits: GCC 12 destroys such a result twice.
  Exchanged exchanged{core::make_error("no request")};
  if (open.tls) {
    exchanged = co_await exchange_on(*open.tls, open.buffer, request, keep_alive_);
  } else {
    exchanged = co_await exchange_on(open.stream, open.buffer, request, keep_alive_);
  }
  // The first connection's ticket, read with its first response. A copy: closing a connection
  // without close_notify marks its own session not resumable (OpenSSL's ssl_clear_bad_session).
  if (keep_alive_ && open.tls && exchanged.answered && connections_ == 1 && !ticket_) {
    SSL* ssl = open.tls->native_handle();
    const SSL_SESSION* live = SSL_get0_session(ssl);
    if (live && SSL_version(ssl) == TLS1_3_VERSION && SSL_SESSION_is_resumable(live))
      ticket_.reset(SSL_SESSION_dup(live));
  }
  co_return exchanged;
}

asio::awaitable<core::Result<Response>> Session::fetch(Request request) {
  if (!turn_) turn_.emplace(co_await asio::this_coro::executor);
  while (busy_) {
    turn_->expires_at(net::Clock::time_point::max());
    co_await turn_->async_wait(kUseTuple);  // woken (cancelled) when the request before is done
  }
  busy_ = true;
  auto response = co_await fetch_now(std::move(request));
  busy_ = false;
  turn_->cancel();
  co_return response;
}

asio::awaitable<core::Result<Response>> Session::fetch_now(Request request) {
  const auto deadline = net::Clock::now() + request.timeout;
  const bool reused = open_ && open_->reusable && open_->serves(request);
  if (!reused) {
    auto connected = co_await connect(request, deadline);
    if (!connected) {
      open_.reset();
      co_return connected.error();
    }
  }
  auto exchanged = co_await exchange(request, deadline);
  if (!exchanged.response && reused && !exchanged.answered && net::Clock::now() < deadline) {
    // The server closed the idle connection before this request: once more on a new one.
    auto connected = co_await connect(request, deadline);
    if (!connected) {
      open_.reset();
      co_return connected.error();
    }
    exchanged = co_await exchange(request, deadline);
  }
  if (exchanged.keep_open) {
    open_->reusable = true;
  } else {
    open_.reset();
  }
  co_return std::move(exchanged.response);
}

}  // namespace baseline::http
