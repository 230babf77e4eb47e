// SPDX-License-Identifier: Apache-2.0
#include "scan/work_queue.h"

namespace baseline::scan {

void WorkQueue::put(std::vector<std::string> domains) {
  std::lock_guard lock(mutex_);
  outstanding_ += domains.size();
  for (auto& d : domains) waiting_.push_back(std::move(d));
}

void WorkQueue::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  // Domains not started stay claimed in the store; their lease expires (or --resume frees them).
  outstanding_ -= std::min(outstanding_, waiting_.size());
  waiting_.clear();
}

std::vector<store::DomainRecord> WorkQueue::take_finished(std::size_t max,
                                                          std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  finished_ready_.wait_for(lock, wait, [&] { return finished_.size() >= max || failure_; });
  std::vector<store::DomainRecord> batch;
  const std::size_t count = std::min(max, finished_.size());
  batch.reserve(count);
  for (std::size_t i = 0; i < count; ++i) batch.push_back(std::move(finished_[i]));
  finished_.erase(finished_.begin(), finished_.begin() + static_cast<std::ptrdiff_t>(count));
  return batch;
}

std::size_t WorkQueue::outstanding() const {
  std::lock_guard lock(mutex_);
  return outstanding_;
}

void WorkQueue::saved(std::size_t count) {
  std::lock_guard lock(mutex_);
  outstanding_ -= std::min(count, outstanding_);
}

std::size_t WorkQueue::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

std::optional<std::string> WorkQueue::take() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty() || failure_) return std::nullopt;
  auto domain = std::move(waiting_.front());
  waiting_.pop_front();
  return domain;
}

void WorkQueue::finish(store::DomainRecord record) {
  {
    std::lock_guard lock(mutex_);
    finished_.push_back(std::move(record));
  }
  finished_ready_.notify_one();
}

std::size_t WorkQueue::finished_backlog() const {
  std::lock_guard lock(mutex_);
  return finished_.size();
}

bool WorkQueue::closed() const {
  std::lock_guard lock(mutex_);
  return closed_ || failure_.has_value();
}

void WorkQueue::fail(std::string reason) {
  {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(reason);
  }
  finished_ready_.notify_all();
}

std::optional<std::string> WorkQueue::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

}  // namespace baseline::scan
