// SPDX-License-Identifier: Apache-2.0
// FailureLimiter: at most `max_failures` failures per key within a sliding `window`; the next
// attempt after that waits until the oldest failure in the window ages out. Keys are account
// names or client addresses. Memory is bounded: each key keeps at most max_failures times, and
// at most max_keys keys are kept — when full, the key idle the longest is forgotten (an attacker
// who floods us with fresh keys can at worst make us forget old, quiet ones).
// The clock is injected so that tests control time. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace baseline::accounts {

using SteadyTime = std::chrono::steady_clock::time_point;
using Now = std::function<SteadyTime()>;

struct FailureLimits {
  std::size_t max_failures = 5;
  std::chrono::seconds window{15 * 60};
  std::size_t max_keys = 10000;
};

class FailureLimiter {
 public:
  explicit FailureLimiter(FailureLimits limits, Now now = std::chrono::steady_clock::now);

  // How long `key` must wait before its next attempt; nullopt when it may try now.
  std::optional<std::chrono::steady_clock::duration> retry_after(std::string_view key);
  void record_failure(std::string_view key);
  // A success forgets the key's failures.
  void reset(std::string_view key);

  std::size_t tracked_keys() const;

 private:
  struct Entry {
    std::deque<SteadyTime> failures;        // oldest first, at most max_failures
    std::list<std::string>::iterator idle;  // position in idle_order_
  };
  void forget_expired(Entry& entry, SteadyTime now) const;

  FailureLimits limits_;
  Now now_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> idle_order_;  // least recently failed first
};

}  // namespace baseline::accounts
