// SPDX-License-Identifier: Apache-2.0
#include "notices/rate_limiter.h"

#include <algorithm>

namespace baseline::notices {
namespace {

RateLimiter::Clock::duration gap(double per_minute) {
  if (per_minute <= 0) per_minute = 1;
  return std::chrono::duration_cast<RateLimiter::Clock::duration>(
      std::chrono::duration<double>(60.0 / per_minute));
}

}  // namespace

RateLimiter::RateLimiter(double overall_per_minute, double per_domain_per_minute)
    : overall_gap_(gap(overall_per_minute)), domain_gap_(gap(per_domain_per_minute)) {}

RateLimiter::Clock::duration RateLimiter::wait(const std::string& domain,
                                               Clock::time_point now) const {
  auto ready = next_any_;
  if (auto it = next_domain_.find(domain); it != next_domain_.end())
    ready = std::max(ready, it->second);
  return ready > now ? ready - now : Clock::duration::zero();
}

void RateLimiter::sent(const std::string& domain, Clock::time_point now) {
  next_any_ = now + overall_gap_;
  next_domain_[domain] = now + domain_gap_;
}

int RateLimiter::next(const std::vector<std::string>& domains, Clock::time_point now) const {
  int best = -1;
  Clock::duration best_wait{};
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const auto w = wait(domains[i], now);
    if (best < 0 || w < best_wait) {
      best = static_cast<int>(i);
      best_wait = w;
    }
  }
  return best;
}

}  // namespace baseline::notices
