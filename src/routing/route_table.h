// SPDX-License-Identifier: Apache-2.0
// RouteTable: announced routes (prefix, origin AS) from a RIB, in a prefix trie. For an address it
// answers every covering announced prefix with its origins. Duplicate (prefix, origin) pairs (the
// same route seen from many peers) are stored once.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/ip_prefix.h"
#include "routing/prefix_trie.h"
#include "routing/vrp_set.h"

namespace baseline::routing {

struct AnnouncedPrefix {
  IpPrefix prefix;
  std::vector<std::uint32_t> origins;  // sorted; kNoSingleOrigin for an AS_SET origin
};

class RouteTable {
 public:
  // Returns whether the (prefix, origin) pair was new.
  bool add(const IpPrefix& prefix, std::uint32_t origin);
  // Every announced prefix that covers `address_or_prefix`, shortest first.
  std::vector<AnnouncedPrefix> covering(const IpPrefix& address_or_prefix) const;
  // Calls visit(origin) for each origin of the most specific announced prefix covering `key`;
  // returns that prefix's length, or -1 when nothing covers it. (The benchmark's fast path.)
  template <class Visit>
  int most_specific(const IpPrefix& key, Visit&& visit) const {
    return trie_.for_each_at_longest(key, visit);
  }

  std::size_t prefix_count() const { return trie_.prefix_count(); }
  std::size_t route_count() const { return trie_.value_count(); }
  std::size_t memory_bytes() const { return trie_.memory_bytes(); }
  void shrink_to_fit() { trie_.shrink_to_fit(); }

 private:
  PrefixTrie<std::uint32_t> trie_;
};

}  // namespace baseline::routing
