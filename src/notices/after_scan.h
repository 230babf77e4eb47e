// SPDX-License-Identifier: Apache-2.0
// Notices after a list's scan: the one call the scan service of `baseline serve` makes when a
// scan of a list is complete (server::ScanService's after-scan actions, registered in
// app/serve_command.cc). A list that opted in gets its notices sent (at the bounded rates; the
// review notices written under the directory); a list that has not, but whose settings are
// complete, gets a dry run written for a person to review; a list without notice settings gets
// nothing. Runs on the caller's thread, with the caller's store.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "notices/run.h"
#include "notices/transport.h"
#include "store/store.h"

namespace baseline::notices {

struct AfterScanSettings {
  std::string directory;  // DIR/LIST/scan-N (dry run) and DIR/LIST/scan-N/review; "" writes none
  std::function<std::unique_ptr<Transport>()> transport;  // how notices leave (for opted-in lists)
  double overall_per_minute = 30;
  double per_domain_per_minute = 6;
  std::function<std::int64_t()> now_unix;
  std::function<void(std::chrono::steady_clock::duration)> sleep;  // default: the thread sleeps
};

struct AfterScanOutcome {
  std::string what;  // "sent", "dry run", "no notice settings", "no directory for a dry run"
  std::optional<RunReport> report;
  std::chrono::milliseconds took{0};
};

// Errors are the run's (store, directory); "nothing to do" is an outcome, not an error.
core::Result<AfterScanOutcome> notices_after_scan(store::Store& store,
                                                  const catalog::Catalog& catalog,
                                                  const std::string& list, std::int64_t scan,
                                                  const AfterScanSettings& settings);

// One line for the server's log: notices per scan, suppressed, time to send.
std::string after_scan_line(const std::string& list, std::int64_t scan,
                            const AfterScanOutcome& outcome);

}  // namespace baseline::notices
