// SPDX-License-Identifier: Apache-2.0
#include "http/client.h"

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
#include <memory>

#include "http/headers.h"
#include "i18n/finding.h"
#include "tls/trust_store.h"

namespace baseline::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
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

template <class Stream>
asio::awaitable<core::Result<Response>> exchange(Stream& stream, beast::tcp_stream& tcp,
                                                 const Request& request) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, request.target, 11};
  req.set(bhttp::field::host, request.host);
  req.set(bhttp::field::user_agent, "Baseline/0.1 (+security standards test)");
  req.set(bhttp::field::accept, "*/*");
  req.set(bhttp::field::connection, "close");
  auto [write_ec, written] = co_await bhttp::async_write(stream, req, kUseTuple);
  if (write_ec)
    co_return make_error(i18n::finding("sending the request failed: {reason}",
                                       fmt::arg("reason", describe(write_ec))));
  beast::flat_buffer buffer(kHeaderLimit + 8192);
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
      co_return make_error(i18n::finding("reading the response failed: {reason}",
                                         fmt::arg("reason", describe(read_ec))));
    response.body_truncated = true;
  }
  (void)tcp;
  const auto& message = parser.get();
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(
        lower(std::string_view(field.name_string().data(), field.name_string().size())),
        std::string(field.value()));
  }
  response.body = message.body();
  co_return response;
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Response::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : headers) {
    if (n == name) out.push_back(v);
  }
  return out;
}

asio::awaitable<core::Result<Response>> fetch(Request request) {
  const bool connected = request.connected && request.connected->is_open();
  beast::tcp_stream tcp(co_await asio::this_coro::executor);
  if (connected) tcp.socket() = std::move(*request.connected);
  tcp.expires_after(request.timeout);  // one deadline for connect, handshake, write and read
  if (!connected) {
    auto [connect_ec] = co_await tcp.async_connect(request.endpoint, kUseTuple);
    if (connect_ec)
      co_return make_error(
          core::ErrorCode::kConnectFailed,
          i18n::finding("cannot connect: {reason}", fmt::arg("reason", describe(connect_ec))));
  }
  if (!request.https) co_return co_await exchange(tcp, tcp, request);
  asio::ssl::context* verifying =
      request.verify_certificate ? &verifying_context(request.ca_file) : nullptr;
  beast::ssl_stream<beast::tcp_stream&> tls(tcp, verifying ? *verifying : tls_context());
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
  co_return co_await exchange(tls, tcp, request);
}

std::string Url::text() const {
  const bool default_port = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  return scheme + "://" + host + (default_port ? "" : ":" + std::to_string(port)) + target;
}

std::optional<Url> parse_url(std::string_view text) {
  Url url;
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  url.scheme = lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  text.remove_prefix(sep + 3);
  const auto path = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, path);
  url.target = path == std::string_view::npos ? "/" : std::string(text.substr(path));
  if (!url.target.empty() && url.target[0] != '/') url.target = "/" + url.target;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() == ':')
      authority.remove_prefix(1);
    else
      authority = {};
  } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    authority.remove_prefix(colon + 1);
  } else {
    authority = {};
  }
  if (!authority.empty()) {
    unsigned port = 0;
    for (char c : authority) {
      if (c < '0' || c > '9' || port > 65535) return std::nullopt;
      port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port == 0 || port > 65535) return std::nullopt;
    url.port = static_cast<std::uint16_t>(port);
  }
  url.host = lower(host);
  while (!url.host.empty() && url.host.back() == '.') url.host.pop_back();
  if (url.host.empty()) return std::nullopt;
  return url;
}

std::optional<Url> resolve_location(const Url& base, std::string_view location) {
  location = trim(location);
  if (location.empty()) return std::nullopt;
  if (location.find("://") != std::string_view::npos) return parse_url(location);
  if (location.rfind("//", 0) == 0) return parse_url(base.scheme + ":" + std::string(location));
  Url url = base;
  if (location.front() == '/') {
    url.target = std::string(location);
  } else {
    const auto slash = base.target.rfind('/');
    url.target = base.target.substr(0, slash + 1) + std::string(location);
  }
  return url;
}

}  // namespace baseline::http
