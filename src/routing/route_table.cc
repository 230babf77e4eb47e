// SPDX-License-Identifier: Apache-2.0
#include "routing/route_table.h"

#include <algorithm>

namespace baseline::routing {

bool RouteTable::add(const IpPrefix& prefix, std::uint32_t origin) {
  return trie_.insert(prefix, origin, [](std::uint32_t a, std::uint32_t b) { return a == b; });
}

std::vector<AnnouncedPrefix> RouteTable::covering(const IpPrefix& address_or_prefix) const {
  std::vector<AnnouncedPrefix> out;
  trie_.for_each_covering(address_or_prefix, [&](int length, std::uint32_t origin) {
    if (out.empty() || out.back().prefix.length() != length) {
      out.push_back(AnnouncedPrefix{address_or_prefix.truncated(length), {}});
    }
    out.back().origins.push_back(origin);
  });
  for (auto& p : out) std::sort(p.origins.begin(), p.origins.end());
  return out;
}

}  // namespace baseline::routing
