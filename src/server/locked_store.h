// SPDX-License-Identifier: Apache-2.0
// The store shared by the server's threads (HTTP loop, test loops): one connection, one mutex.
// Every use is a short statement or transaction, so the lock is held for milliseconds.
#pragma once

#include <memory>
#include <mutex>

#include "store/store.h"

namespace baseline::server {

class LockedStore {
 public:
  explicit LockedStore(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}
  template <typename Function>
  auto with(Function&& function) {
    std::lock_guard lock(mutex_);
    return function(*store_);
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace baseline::server
