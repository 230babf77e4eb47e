// SPDX-License-Identifier: Apache-2.0
#include "dns/caching_resolver.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

namespace baseline::dns {
namespace asio = boost::asio;
using core::Result;

struct CachingResolver::Entry {
  explicit Entry(asio::any_io_executor executor)
      : ready(executor, asio::steady_timer::time_point::max()) {}
  std::optional<Result<Answer>> outcome;
  asio::steady_timer ready;  // cancelled once `outcome` is set: wakes every waiter
};

asio::awaitable<Result<Answer>> CachingResolver::lookup(std::string name, std::uint16_t type,
                                                        LookupOptions options) {
  Key key{name, type, options.validate};
  if (auto found = entries_.find(key); found != entries_.end()) {
    auto entry = found->second;  // keep it alive while waiting
    while (!entry->outcome) {
      co_await entry->ready.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return *entry->outcome;
  }
  auto entry = std::make_shared<Entry>(co_await asio::this_coro::executor);
  entries_.emplace(key, entry);
  ++upstream_lookups_;
  try {
    entry->outcome = co_await upstream_.lookup(std::move(name), type, options);
  } catch (...) {
    // Cancelled: release the waiters with an error and forget the entry so a later ask retries.
    entry->outcome = core::make_error("lookup abandoned");
    entry->ready.cancel();
    entries_.erase(key);
    throw;
  }
  entry->ready.cancel();
  co_return *entry->outcome;
}

}  // namespace baseline::dns
