// SPDX-License-Identifier: Apache-2.0
// WorkQueue: the hand-over between the scan's store thread and its event loops. The store thread
// puts claimed domains in and takes finished records out; the loops do the opposite. Every member
// is thread-safe (one mutex; a handful of operations per domain, so it is never contended).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace baseline::scan {

class WorkQueue {
 public:
  // Store thread side.
  void put(std::vector<std::string> domains);
  // No more domains will come: loops finish what they have and stop.
  void close();
  // Waits up to `wait` for finished records; returns at most `max`.
  std::vector<store::DomainRecord> take_finished(std::size_t max, std::chrono::milliseconds wait);
  // Domains claimed and not yet saved (waiting, running, or finished and unsaved).
  std::size_t outstanding() const;
  void saved(std::size_t count);  // after a batch is in the store (stored or skipped)
  std::size_t waiting() const;

  // Event loop side.
  std::optional<std::string> take();
  void finish(store::DomainRecord record);
  std::size_t finished_backlog() const;
  bool closed() const;

  // Either side: stop everything (a store failure, a signal). The first reason is kept.
  void fail(std::string reason);
  std::optional<std::string> failure() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable finished_ready_;
  std::deque<std::string> waiting_;
  std::vector<store::DomainRecord> finished_;
  std::size_t outstanding_ = 0;
  bool closed_ = false;
  std::optional<std::string> failure_;
};

}  // namespace baseline::scan
