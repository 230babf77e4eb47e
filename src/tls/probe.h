// SPDX-License-Identifier: Apache-2.0
// One raw TLS probe: connect to one address, send one hand-built ClientHello, read the server's
// first flight up to what is needed (bounded bytes, one deadline), close. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <memory>
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

// What a full handshake offered at most TLS 1.2 negotiated (a caller's certificate handshake).
struct Negotiated {
  bool completed = false;        // false: the handshake failed
  bool version_refused = false;  // it failed with a protocol_version alert: nothing up to 1.2
  std::uint16_t version = 0;
  std::uint16_t suite = 0;
  bool extended_master_secret = false;
  bool secure_renegotiation = false;
};

struct ProbeTarget {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string server_name;                  // SNI
  std::chrono::milliseconds timeout{5000};  // for the whole probe (after `connect`)
  Connector connect;                        // empty: plain TCP to `endpoint`
  // Already connected to `endpoint` (a reachability test's connection): the first plain probe
  // sends its hello on it instead of connecting again. Taken (left closed) by that probe.
  std::shared_ptr<boost::asio::ip::tcp::socket> connected;
  // The enumeration may keep two connections open at once (a web server, as browsers do);
  // false keeps it to one at a time (a mail server's politeness).
  bool parallel = false;
  // Told once, as soon as the versions are known (before the order, group and hash probes):
  // whether TLS 1.3 is accepted and the highest version below it (0: none). Lets the caller
  // start the OpenSSL handshake beside the rest of the enumeration.
  std::function<void(bool speaks13, std::uint16_t highest_below_13)> on_versions;
  // Asked once, before the versions below TLS 1.3 are probed, with whether TLS 1.3 was accepted:
  // the caller runs its certificate handshake (offered at most TLS 1.2) on a connection of its
  // own and hands back what it negotiated, which the enumeration takes as its first answer below
  // 1.3 (the highest version and one accepted suite) instead of a probe of its own. When it
  // failed the probes ask as usual (from TLS 1.1 on when the server refused the version).
  std::function<boost::asio::awaitable<Negotiated>(bool speaks13)> below13_handshake;
};

boost::asio::awaitable<ProbeOutcome> probe(const ProbeTarget& target, ClientHelloSpec hello,
                                           bool want_key_exchange);

}  // namespace baseline::tls
