// SPDX-License-Identifier: Apache-2.0
// DirectQuery: one question to one specific name server (UDP, falling back to TCP when the answer
// is truncated), with a deadline and size bounds. Used for probes that must reach a particular
// server ("does this NS IPv6 address answer?") and by StubResolver.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "dns/message.h"

namespace baseline::dns {

struct DirectQueryOptions {
  QueryOptions query;
  std::chrono::milliseconds timeout{3000};  // for the whole exchange, UDP and TCP together
  bool tcp_only = false;
  std::uint16_t port = 53;
};

struct DirectResponse {
  Message message;
  bool via_tcp = false;
  std::chrono::milliseconds round_trip{0};
};

// Sends `name`/`type` to `server`. An Error describes what went wrong in words an operator can act
// on: "no response within 3000 ms", "connection refused", "malformed response: …",
// "response ID or question does not match".
boost::asio::awaitable<core::Result<DirectResponse>> query_server(boost::asio::ip::address server,
                                                                  std::string name,
                                                                  std::uint16_t type,
                                                                  DirectQueryOptions options);

}  // namespace baseline::dns
