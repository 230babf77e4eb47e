// SPDX-License-Identifier: Apache-2.0
// A keep-alive HTTP/1.1 session with one name at one address: the requests of one web test
// (`/`, its same-host redirects, /.well-known/security.txt) share one TCP connection and one TLS
// handshake instead of one each. Every request keeps the bounds of http::fetch (one deadline for
// connect, handshake, write and read; header and body limits). The connection is reused only
// while the server says it keeps it (a complete response with `Connection: keep-alive` or a
// `Keep-Alive` header, as nginx and Apache send) and the request goes to the same endpoint,
// scheme, name and verification; a reused connection the server closed
// before answering is replaced once (GET is idempotent). Requests from several coroutines take
// turns (one at a time on the connection). Not thread-safe: one event loop, which
// must outlive the session (its kept socket is closed with it).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>

#include "core/result.h"
#include "http/client.h"
#include "net/async.h"
#include "tls/openssl_handles.h"

namespace baseline::http {

namespace detail {
struct OpenConnection;  // the connection and its read buffer
struct Exchanged;       // one request's outcome on it
}  // namespace detail

class Session {
 public:
  // kOneRequest asks the server to close after the response (`Connection: close`), as http::fetch.
  enum class Reuse { kOneRequest, kKeepAlive };
  explicit Session(Reuse reuse = Reuse::kKeepAlive);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  boost::asio::awaitable<core::Result<Response>> fetch(Request request);

  // The TLS 1.3 session of the first HTTPS connection once a response was read on it (the
  // server's NewSessionTicket arrives after the handshake and is processed by the first read),
  // when it can be resumed; else null. The 0-RTT probe resumes it instead of connecting for a
  // ticket of its own.
  tls::SslSessionPtr resumable_tls13_session() const;

  int connections() const { return connections_; }

 private:
  boost::asio::awaitable<core::Result<Response>> fetch_now(Request request);
  boost::asio::awaitable<core::Result<bool>> connect(Request& request,
                                                     net::Clock::time_point deadline);
  boost::asio::awaitable<detail::Exchanged> exchange(const Request& request,
                                                     net::Clock::time_point deadline);

  bool keep_alive_;
  bool busy_ = false;                              // a request is on the connection
  std::optional<boost::asio::steady_timer> turn_;  // wakes the requests waiting for it
  std::unique_ptr<detail::OpenConnection> open_;
  tls::SslSessionPtr ticket_;
  int connections_ = 0;
};

}  // namespace baseline::http
