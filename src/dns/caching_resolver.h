// SPDX-License-Identifier: Apache-2.0
// CachingResolver: remembers every answer (and error) of the wrapped resolver for its lifetime, and
// lets concurrent askers of the same question share one lookup in flight. One instance per domain
// test keeps the checks' shared lookups (NS, SOA, DNSKEY …) to one query each.
#pragma once

#include <map>
#include <memory>
#include <tuple>

#include "dns/resolver.h"

namespace baseline::dns {

class CachingResolver final : public Resolver {
 public:
  explicit CachingResolver(Resolver& upstream) : upstream_(upstream) {}

  boost::asio::awaitable<core::Result<Answer>> lookup(std::string name, std::uint16_t type,
                                                      LookupOptions options) override;
  std::size_t upstream_lookups() const { return upstream_lookups_; }

 private:
  struct Entry;
  using Key = std::tuple<std::string, std::uint16_t, bool>;
  Resolver& upstream_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
  std::size_t upstream_lookups_ = 0;
};

}  // namespace baseline::dns
