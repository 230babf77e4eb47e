// SPDX-License-Identifier: Apache-2.0
// How fast notices leave: at most `overall` per minute, and at most `per_domain` per minute to
// one receiving domain (the part after @). Time is given, never read: the caller owns the clock
// (tests use a fake one). Not thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace baseline::notices {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double overall_per_minute, double per_domain_per_minute);

  // How long to wait from `now` before a message to `domain` may go.
  Clock::duration wait(const std::string& domain, Clock::time_point now) const;
  // A message to `domain` went at `now`.
  void sent(const std::string& domain, Clock::time_point now);

  // Of the pending messages' receiving domains, the index of the one that may go soonest
  // (the first of equals); -1 for none.
  int next(const std::vector<std::string>& domains, Clock::time_point now) const;

 private:
  Clock::duration overall_gap_;
  Clock::duration domain_gap_;
  Clock::time_point next_any_{};
  std::map<std::string, Clock::time_point> next_domain_;
};

}  // namespace baseline::notices
