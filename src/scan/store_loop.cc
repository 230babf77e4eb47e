// SPDX-License-Identifier: Apache-2.0
#include "scan/store_loop.h"

namespace baseline::scan {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How long one wait for finished records lasts; bounds how late a stop or a claim is noticed.
constexpr std::chrono::milliseconds kBatchWait{100};

}  // namespace

StoreLoopOutcome run_store_loop(store::Store& store, WorkQueue& queue,
                                const StoreLoopOptions& options, const std::atomic<bool>& stop,
                                std::atomic<std::size_t>& stored) {
  using SteadyClock = std::chrono::steady_clock;
  StoreLoopOutcome outcome;
  auto next_claim = SteadyClock::now();
  while (!queue.failure()) {
    if (stop.load() && !queue.closed()) queue.close();
    const bool want_more = !queue.closed() &&
                           queue.waiting() < static_cast<std::size_t>(options.claim_chunk) &&
                           SteadyClock::now() >= next_claim;
    if (want_more) {
      const auto now = unix_now();
      auto claimed = store.claim(options.scan, options.worker, options.claim_chunk, now,
                                 now + options.lease.count());
      if (!claimed) {
        queue.fail(claimed.error().message);
        break;
      }
      if (!claimed->empty()) {
        queue.put(std::move(*claimed));
      } else if (queue.outstanding() == 0) {
        // Nothing to claim and nothing of ours in flight: done, or others hold the rest (their
        // leases expire if they died, and the next claim takes those domains).
        auto progress = store.progress(options.scan);
        if (!progress) {
          queue.fail(progress.error().message);
          break;
        }
        if (progress->done >= progress->total) {
          outcome.complete = true;
          queue.close();
        }
        next_claim = SteadyClock::now() + options.recheck;
      } else {
        next_claim = SteadyClock::now() + options.recheck;
      }
    }
    auto batch = queue.take_finished(options.batch, kBatchWait);
    if (!batch.empty()) {
      auto saved = store.save(options.scan, batch);
      if (!saved) {
        queue.fail(saved.error().message);
        break;
      }
      stored += *saved;
      queue.saved(batch.size());
      // Nothing of ours left in flight: look at once whether the scan is complete.
      if (queue.outstanding() == 0) next_claim = SteadyClock::now();
    }
    if (queue.closed() && queue.outstanding() == 0) break;
  }
  return outcome;
}

}  // namespace baseline::scan
