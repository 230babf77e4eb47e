// SPDX-License-Identifier: Apache-2.0
// Runs the web test queue: event loops (each with its own io_context, resolver and domain test
// environments, as a scan's) whose runners claim queued tests from the store, test the domain
// and store the `baseline/test-result/1` JSON. The store is the queue, so a killed server loses
// nothing, and several servers or `scan --worker` processes on PostgreSQL share the work.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "runtime/runtime.h"
#include "server/locked_store.h"
#include "server/progress_board.h"

namespace baseline::server {

struct TestRunnerOptions {
  int threads = 1;      // event loops
  int concurrency = 8;  // tests at once across all loops
  std::string worker;   // this process, in the queue's lease column
  std::chrono::milliseconds idle_poll{100};
  ProgressBoard* progress = nullptr;  // told each family as it finishes (the web front's pages)
};

class TestRunner {
 public:
  TestRunner(const runtime::Runtime& runtime, LockedStore& store, TestRunnerOptions options);
  ~TestRunner();
  void start();
  void stop();  // finishes no test: those running stay leased and are run again later

  // The families column of a queued test for these flags.
  static std::string families_text(const runtime::Families& families);
  static runtime::Families families_of(const std::string& text);

 private:
  void run_loop(int runners);

  const runtime::Runtime& runtime_;
  LockedStore& store_;
  TestRunnerOptions options_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> loops_;
};

}  // namespace baseline::server
