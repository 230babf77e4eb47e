// SPDX-License-Identifier: Apache-2.0
#include "accounts/failure_limiter.h"

namespace baseline::accounts {

FailureLimiter::FailureLimiter(FailureLimits limits, Now now)
    : limits_(limits), now_(std::move(now)) {
  if (limits_.max_failures == 0) limits_.max_failures = 1;
  if (limits_.max_keys == 0) limits_.max_keys = 1;
}

void FailureLimiter::forget_expired(Entry& entry, SteadyTime now) const {
  while (!entry.failures.empty() && now - entry.failures.front() >= limits_.window) {
    entry.failures.pop_front();
  }
}

std::optional<std::chrono::steady_clock::duration> FailureLimiter::retry_after(
    std::string_view key) {
  const std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return std::nullopt;
  const auto now = now_();
  forget_expired(it->second, now);
  if (it->second.failures.size() < limits_.max_failures) return std::nullopt;
  return it->second.failures.front() + limits_.window - now;
}

void FailureLimiter::record_failure(std::string_view key) {
  const std::lock_guard lock(mutex_);
  const auto now = now_();
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) {
    if (entries_.size() >= limits_.max_keys) {
      entries_.erase(idle_order_.front());
      idle_order_.pop_front();
    }
    idle_order_.emplace_back(key);
    it = entries_.emplace(std::string(key), Entry{{}, std::prev(idle_order_.end())}).first;
  } else {
    idle_order_.splice(idle_order_.end(), idle_order_, it->second.idle);
  }
  auto& entry = it->second;
  forget_expired(entry, now);
  entry.failures.push_back(now);
  // Only the newest max_failures matter for the window.
  while (entry.failures.size() > limits_.max_failures) entry.failures.pop_front();
}

void FailureLimiter::reset(std::string_view key) {
  const std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return;
  idle_order_.erase(it->second.idle);
  entries_.erase(it);
}

std::size_t FailureLimiter::tracked_keys() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace baseline::accounts
