// SPDX-License-Identifier: Apache-2.0
// Moves batch requests through their lifecycle on the web front's test queue:
//   registering → running: each domain joins a queued or running test of the same domain and
//                          type, or is queued as a new web test (run by `serve`'s runners and by
//                          `scan --worker --web-queue` alike);
//   running → generating:  when none of its tests waits any more; meanwhile each domain whose
//                          test has finished is rendered (results and technical results, once,
//                          stored), so that the results routes only join stored texts;
//   generating → done:     when the last domains are rendered.
// Finished requests older than their account's retention are deleted. Every move is a
// conditional UPDATE, so several servers on one PostgreSQL store can run this side by side.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "batch/batch_limits.h"
#include "batch/batch_request.h"
#include "server/locked_store.h"

namespace baseline::server {

struct BatchLifecycleOptions {
  std::string public_url;  // report.url is public_url + "/test/" + the test's id
  batch::BatchLimits limits;
  std::chrono::milliseconds poll{500};
  std::size_t generate_chunk = 200;  // domains rendered per store round trip
};

class BatchLifecycle {
 public:
  BatchLifecycle(LockedStore& store, BatchLifecycleOptions options);
  ~BatchLifecycle();
  void start();
  void stop();
  // One round over every request that can move; returns how many moved or were rendered.
  std::size_t step();

 private:
  std::size_t register_requests();
  std::size_t finish_running();
  std::size_t generate();
  // Renders up to one chunk of the request's domains not yet rendered (with `finished_only`,
  // those whose test has finished); returns how many, or nullopt when none was left to render.
  std::optional<std::size_t> render_chunk(const batch::BatchRequest& request, bool finished_only);
  void expire();

  LockedStore& store_;
  BatchLifecycleOptions options_;
  std::chrono::steady_clock::time_point next_expiry_{};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace baseline::server
