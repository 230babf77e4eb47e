// SPDX-License-Identifier: Apache-2.0
// A small HTTP/1.1 client on Boost.Beast for the web checks: one request to one address, over
// http or https (certificate not verified unless the request asks: the TLS checks judge it; the
// MTA-STS policy fetch needs it verified), with a deadline for the
// whole exchange and limits on header and body bytes. Redirects are not followed here; the
// checks follow them (at most 10). Not thread-safe: one event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace baseline::http {

inline constexpr std::size_t kHeaderLimit = 64 * 1024;
inline constexpr std::size_t kBodyLimit = 1024 * 1024;
inline constexpr int kMaxRedirects = 10;

struct Request {
  boost::asio::ip::tcp::endpoint endpoint;
  bool https = true;
  std::string host;
  std::string target = "/";
  std::chrono::milliseconds timeout{5000};
  std::size_t body_limit = kBodyLimit;  // a longer body is cut here (Response::body_truncated)
  // Off by default (the web checks judge certificates themselves). On: the handshake fails unless
  // the chain validates against the system store plus `ca_file` and the certificate names `host`,
  // as MTA-STS (RFC 8461 §3.3) requires of the policy host.
  bool verify_certificate = false;
  std::string ca_file;
  // Already connected to `endpoint` (a reachability test's connection): used instead of a
  // connection of its own, and taken (left closed).
  std::shared_ptr<boost::asio::ip::tcp::socket> connected;
};

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, in order
  std::string body;
  bool body_truncated = false;

  std::optional<std::string> header(std::string_view name) const;  // the first one
  std::vector<std::string> all(std::string_view name) const;
};

boost::asio::awaitable<core::Result<Response>> fetch(Request request);

// A Location resolved against the URL it came from: scheme, host, port, path.
struct Url {
  std::string scheme;
  std::string host;
  std::uint16_t port = 0;
  std::string target = "/";
  std::string text() const;
};
std::optional<Url> parse_url(std::string_view text);
std::optional<Url> resolve_location(const Url& base, std::string_view location);

}  // namespace baseline::http
