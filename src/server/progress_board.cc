// SPDX-License-Identifier: Apache-2.0
#include "server/progress_board.h"

#include <algorithm>

namespace baseline::server {

void ProgressBoard::family_finished(const std::string& test, std::string_view family) {
  std::lock_guard lock(mutex_);
  auto [entry, inserted] = finished_.try_emplace(test);
  if (inserted) {
    order_.push_back(test);
    while (order_.size() > kMaxTests) {
      finished_.erase(order_.front());
      order_.pop_front();
    }
  }
  if (std::find(entry->second.begin(), entry->second.end(), family) == entry->second.end()) {
    entry->second.emplace_back(family);
  }
}

void ProgressBoard::forget(const std::string& test) {
  std::lock_guard lock(mutex_);
  if (finished_.erase(test) == 0) return;
  order_.erase(std::remove(order_.begin(), order_.end(), test), order_.end());
}

std::vector<std::string> ProgressBoard::finished_families(const std::string& test) const {
  std::lock_guard lock(mutex_);
  auto entry = finished_.find(test);
  return entry == finished_.end() ? std::vector<std::string>{} : entry->second;
}

}  // namespace baseline::server
