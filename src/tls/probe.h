// SPDX-License-Identifier: Apache-2.0
// One raw TLS probe: connect to one address, send one hand-built ClientHello, read the server's
// first flight up to what is needed (bounded bytes, one deadline), close. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "tls/connector.h"
#include "tls/wire.h"

namespace baseline::tls {

struct ProbeOutcome {
  enum class Kind {
    kReply,   // a ServerHello, HelloRetryRequest or alert (see reply.kind)
    kClosed,  // the server closed without sending a byte: a refusal
    kError,   // connect failed, timeout, garbage, closed mid-flight: `error` says which
  };
  Kind kind = Kind::kError;
  ServerReply reply;
  std::string error;
  core::ErrorCode error_code = core::ErrorCode::kUnspecified;  // of `error`
  bool accepted() const { return kind == Kind::kReply && reply.kind != ServerReply::Kind::kAlert; }
};

struct ProbeTarget {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string server_name;                  // SNI
  std::chrono::milliseconds timeout{5000};  // for the whole probe (after `connect`)
  Connector connect;                        // empty: plain TCP to `endpoint`
  // The enumeration may keep two connections open at once (a web server, as browsers do);
  // false keeps it to one at a time (a mail server's politeness).
  bool parallel = false;
  // Told once, as soon as the versions are known (before the order, group and hash probes):
  // whether TLS 1.3 is accepted and the highest version below it (0: none). Lets the caller
  // start the OpenSSL handshake beside the rest of the enumeration.
  std::function<void(bool speaks13, std::uint16_t highest_below_13)> on_versions;
};

boost::asio::awaitable<ProbeOutcome> probe(const ProbeTarget& target, ClientHelloSpec hello,
                                           bool want_key_exchange);

}  // namespace baseline::tls
