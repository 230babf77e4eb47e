// SPDX-License-Identifier: Apache-2.0
// VrpSet: validated ROA payloads (prefix, maxLength, origin AS) in a prefix trie, and route origin
// validation of a route against them per RFC 6811 §2:
//   - a VRP *covers* a route when its prefix covers the route's prefix;
//   - it *matches* when it covers, the route's length is at most maxLength and the route's origin
//     AS equals the VRP's AS (a VRP for AS 0 never matches, RFC 6483 §4; a route without a single
//     origin, i.e. whose AS_PATH ends in an AS_SET, matches nothing);
//   - valid: some VRP matches; invalid: some cover, none matches; not-found: none covers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "routing/ip_prefix.h"
#include "routing/prefix_trie.h"

namespace baseline::routing {

// Origin of a route whose AS_PATH ends in an AS_SET (no single origin AS). AS 4294967295 is
// reserved (RFC 7300) and never appears as an origin.
inline constexpr std::uint32_t kNoSingleOrigin = 0xFFFFFFFF;

struct Vrp {
  IpPrefix prefix;
  int max_length = 0;
  std::uint32_t asn = 0;
  auto operator<=>(const Vrp&) const = default;
};

enum class RouteValidity { kValid, kInvalid, kNotFound };
std::string_view to_string(RouteValidity validity);  // "valid", "invalid", "not-found"

struct RouteValidation {
  RouteValidity validity = RouteValidity::kNotFound;
  std::vector<Vrp> covering;  // every VRP that covers the route, shortest prefix first
  // For invalid: why, e.g. "origin AS64666 is not authorised" or "/28 is longer than maxLength 27".
  std::string reason;
};

class VrpSet {
 public:
  // Adds a VRP (duplicates are ignored). The caller has checked max_length against the prefix.
  void add(const Vrp& vrp);

  // RFC 6811 validation of the route (prefix, origin); fast path without details.
  RouteValidity validity(const IpPrefix& route, std::uint32_t origin) const;
  // The same, with the covering VRPs and the reason.
  RouteValidation validate(const IpPrefix& route, std::uint32_t origin) const;
  // Every VRP whose prefix covers `address_or_prefix` (for "is this address covered by a ROA").
  std::vector<Vrp> covering(const IpPrefix& address_or_prefix) const;

  std::size_t size() const { return trie_.value_count(); }
  std::size_t memory_bytes() const { return trie_.memory_bytes(); }
  void shrink_to_fit() { trie_.shrink_to_fit(); }

 private:
  struct Entry {
    std::uint32_t asn;
    std::uint8_t max_length;
  };
  PrefixTrie<Entry> trie_;
};

}  // namespace baseline::routing
