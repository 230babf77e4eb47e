// SPDX-License-Identifier: Apache-2.0
// The observatory's scans inside `baseline serve`: starts the scans that schedules make due,
// runs every unfinished scan that serve runs (scheduled, or "scan now") on its own event loops
// through the store's scan queue — the same queue `baseline scan --worker` joins, so workers on
// other machines share a PostgreSQL store's scheduled scans — and, once a scan is complete, runs
// the after-scan actions exactly once across all servers.
//
// After-scan actions are the one call point for what follows a finished scan: the digest to the
// list's owners is one, notices to domain owners (src/notices) are added the same way. Each runs
// on the service's thread with the service's own store connection; a failing action is logged
// and does not stop the others.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "runtime/runtime.h"
#include "store/store.h"

namespace baseline::server {

struct FinishedScan {
  std::int64_t scan = 0;
  std::int64_t list_id = 0;
  std::string list;
  std::string origin;  // schedule, now
};

// Returns an error to be logged; the scan stays finished either way.
using AfterScanAction = std::function<core::Result<bool>(store::Store&, const FinishedScan&)>;

struct ScanServiceOptions {
  std::string database;  // the service opens its own connection: a Store is one thread's
  int threads = 1;
  int concurrency = 8;
  std::string worker;                    // this process, in the scan queue's lease column
  std::chrono::milliseconds poll{5000};  // how often to look for due schedules and scans
  std::vector<AfterScanAction> after_scan;
};

class ScanService {
 public:
  ScanService(const runtime::Runtime& runtime, ScanServiceOptions options);
  ~ScanService();
  void start();
  // Domains in flight finish (bounded by the domain deadline) and are stored; the rest of the
  // scan waits for the next start, or for another server.
  void stop();

 private:
  void run();
  // false when the store failed.
  bool run_scan(store::Store& store, std::int64_t scan, const std::string& scan_type);

  const runtime::Runtime& runtime_;
  ScanServiceOptions options_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace baseline::server
