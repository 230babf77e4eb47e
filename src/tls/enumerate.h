// SPDX-License-Identifier: Apache-2.0
// TLS enumeration of one address by raw ClientHellos (see probe.h): versions, accepted suites per
// version, the server's order, key-exchange groups (named and finite-field, custom DH groups
// from the ServerKeyExchange), key-exchange signature hashes, compression, EMS and RFC 5746.
// Offers many suites per hello and removes the chosen one, so a full run costs about
// (accepted suites + a few) connections. Not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "tls/probe.h"

namespace baseline::tls {

struct DhGroup {
  std::size_t bits = 0;
  std::string name;  // "ffdhe2048".. or "custom"
};

struct Enumeration {
  std::vector<std::uint16_t> versions;                         // accepted, highest first
  std::map<std::uint16_t, std::vector<std::uint16_t>> suites;  // per version, in the order found
  // Highest version below 1.3 with suites of different classes: did the server pick the best
  // class when offered the worst first? nullopt when there was nothing to compare.
  std::optional<bool> prefers_better;
  std::optional<std::uint16_t> order_probe_choice;
  std::optional<bool> server_order;   // the server enforces its own order (below 1.3)
  std::vector<std::uint16_t> groups;  // named groups accepted (1.3 and 1.2 ECDHE)
  std::vector<DhGroup> dh_groups;     // finite-field groups seen in a DHE ServerKeyExchange
  std::optional<bool> sha1_kex;       // TLS 1.2: a SHA-1 key-exchange signature accepted
  std::optional<bool> sha224_kex;
  std::optional<bool> compression;  // below 1.3: DEFLATE chosen
  std::optional<bool> ems;          // on the highest version below 1.3
  std::optional<bool> secure_renegotiation;
  int connections = 0;
  std::vector<std::string> probes;  // one line per connection: what was offered, what came back
  std::vector<std::string> notes;   // probes that failed oddly (kept for operators)

  bool speaks(std::uint16_t version) const;
  std::uint16_t highest_below_13() const;  // 0 when none
};

// Fails only when the server could not be probed at all (connect refused, timeout, garbage on
// the first probe); later oddities are noted and the enumeration goes on.
boost::asio::awaitable<core::Result<Enumeration>> enumerate(ProbeTarget target);

// Name of a finite-field group from its prime: "ffdheNNNN" (RFC 7919) or "custom".
std::string dh_group_name(const std::vector<std::uint8_t>& prime);

}  // namespace baseline::tls
