// SPDX-License-Identifier: Apache-2.0
// Per-client limits on test submissions: a sliding one-minute window per address and per IPv6
// /64 (one subscriber usually holds a whole /64, so counting addresses alone is no limit).
// Thread-safe. Memory is bounded: old windows are dropped, and at most kMaxClients are kept
// (beyond that the oldest are forgotten first).
#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace baseline::server {

struct RateLimits {
  int per_address = 10;  // tests per minute from one address
  int per_prefix = 30;   // tests per minute from one IPv6 /64
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimits limits) : limits_(limits) {}

  // Counts one submission; nullopt when allowed, else the seconds until one would be.
  std::optional<int> admit(const boost::asio::ip::address& client, Clock::time_point now);

  // The key of the /64 of an IPv6 address (v4-mapped addresses count as IPv4); empty for IPv4.
  static std::string prefix_key(const boost::asio::ip::address& client);

 private:
  static constexpr std::size_t kMaxClients = 100000;
  static constexpr std::chrono::seconds kWindow{60};

  // Seconds to wait under `limit` for this key (its window pruned to `now`); 0 when allowed.
  int wait_for(std::deque<Clock::time_point>& window, int limit, Clock::time_point now);
  void forget_oldest_if_full();

  RateLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> windows_;
};

}  // namespace baseline::server
