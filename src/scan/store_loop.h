// SPDX-License-Identifier: Apache-2.0
// The scan's store thread: claims domains from the store into the WorkQueue (a few ahead of the
// loops) and writes finished domains back in batches, each batch one transaction. All database
// access of a scan happens on this thread, so the event loops never wait for the disk.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "scan/work_queue.h"
#include "store/store.h"

namespace baseline::scan {

struct StoreLoopOptions {
  std::int64_t scan = 0;
  std::string worker;               // who holds the leases (host:pid)
  int claim_chunk = 100;            // domains per claim; claims again when fewer than this wait
  std::chrono::seconds lease{120};  // a domain claimed by a dead worker is free again after this
  std::size_t batch = 64;           // finished domains per transaction at most
  // How often to look again when other workers hold every remaining domain.
  std::chrono::milliseconds recheck{1000};
};

struct StoreLoopOutcome {
  bool complete = false;  // every domain of the scan is done (by anyone)
};

// Runs until the scan is complete, `stop` is set and the claimed domains are finished and saved,
// or the store fails (queue.failure() then says why).
StoreLoopOutcome run_store_loop(store::Store& store, WorkQueue& queue,
                                const StoreLoopOptions& options, const std::atomic<bool>& stop,
                                std::atomic<std::size_t>& stored);

}  // namespace baseline::scan
