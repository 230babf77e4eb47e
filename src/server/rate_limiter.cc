// SPDX-License-Identifier: Apache-2.0
#include "server/rate_limiter.h"

#include <algorithm>

namespace baseline::server {

std::string RateLimiter::prefix_key(const boost::asio::ip::address& client) {
  if (!client.is_v6() || client.to_v6().is_v4_mapped()) return {};
  auto bytes = client.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

int RateLimiter::wait_for(std::deque<Clock::time_point>& window, int limit, Clock::time_point now) {
  while (!window.empty() && window.front() + kWindow <= now) window.pop_front();
  if (static_cast<int>(window.size()) < limit) return 0;
  const auto free_at = window[window.size() - static_cast<std::size_t>(limit)] + kWindow;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
  return static_cast<int>(std::max<long>(1, wait));
}

void RateLimiter::forget_oldest_if_full() {
  if (windows_.size() < kMaxClients) return;
  // Drop every empty or expired window first; if still full, drop an arbitrary half.
  const auto now = Clock::now();
  std::erase_if(windows_, [&](const auto& entry) {
    return entry.second.empty() || entry.second.back() + kWindow <= now;
  });
  if (windows_.size() >= kMaxClients) {
    auto it = windows_.begin();
    std::advance(it, static_cast<long>(windows_.size() / 2));
    windows_.erase(windows_.begin(), it);
  }
}

std::optional<int> RateLimiter::admit(const boost::asio::ip::address& client,
                                      Clock::time_point now) {
  std::lock_guard lock(mutex_);
  forget_oldest_if_full();
  const auto address = client.is_v6() && client.to_v6().is_v4_mapped()
                           ? boost::asio::ip::address(boost::asio::ip::make_address_v4(
                                 boost::asio::ip::v4_mapped, client.to_v6()))
                           : client;
  auto& own = windows_[address.to_string()];
  int wait = wait_for(own, limits_.per_address, now);
  const auto prefix = prefix_key(address);
  std::deque<Clock::time_point>* shared = nullptr;
  if (!prefix.empty()) {
    shared = &windows_[prefix];
    wait = std::max(wait, wait_for(*shared, limits_.per_prefix, now));
  }
  if (wait > 0) return wait;
  own.push_back(now);
  if (shared) shared->push_back(now);
  return std::nullopt;
}

}  // namespace baseline::server
