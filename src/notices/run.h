// SPDX-License-Identifier: Apache-2.0
// One run of notices for a list: the newest finished scan (or a chosen one) against the list's
// previous scan and notice history; for every domain the decision (decision.h), the recipient,
// the message (message.h); then either a dry run — every notice that would go out written as an
// .eml file plus summary.txt and summary.json for a person to review, whether or not the list
// has opted in, and nothing recorded — or sending: only for a list that opted in, at a bounded
// rate, each notice sent, queued for review, skipped (and why), failed or bounced recorded in
// the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "notices/rate_limiter.h"
#include "notices/transport.h"
#include "store/store.h"

namespace baseline::notices {

struct RunOptions {
  std::string list;
  std::optional<std::int64_t> scan;  // default: the list's newest finished scan
  bool send = false;                 // false: dry run
  std::string directory;             // dry run: the .eml files and summaries; send: review notices
  Transport* transport = nullptr;    // for send
  double overall_per_minute = 30;
  double per_domain_per_minute = 6;
  std::function<std::int64_t()> now_unix;                          // the clock (Unix seconds)
  std::function<void(std::chrono::steady_clock::duration)> sleep;  // waits between messages
  std::function<RateLimiter::Clock::time_point()> steady_now;
};

struct NoticeOutcome {
  std::string domain;
  std::string state;  // sent review skipped failed bounced; dry run: would-send review skipped
  std::string reason;
  std::string recipient;
  std::string source;
  std::string language;
  std::vector<std::string> findings;
  std::string file;  // the .eml written, if any
  std::string message_id;
};

struct RunReport {
  std::string list;
  std::int64_t scan = 0;
  std::optional<std::int64_t> previous_scan;
  bool send = false;
  bool list_opted_in = false;
  std::size_t domains = 0;       // domains with results in the scan
  std::size_t already_told = 0;  // domains whose failing findings were all told before
  std::vector<NoticeOutcome> outcomes;
};

// Errors: no such list or scan, settings incomplete (sender, base URL), sending for a list that
// has not opted in, a store failure, an unwritable directory.
core::Result<RunReport> run_notices(store::Store& store, const catalog::Catalog& catalog,
                                    const RunOptions& options);

// The human summary of a run (summary.txt), and its JSON (summary.json).
std::string summary_text(const RunReport& report);
std::string summary_json(const RunReport& report);

// What a list's settings lack for notices ("" when complete).
std::string incomplete_settings(const store::NoticeSettings& settings);

}  // namespace baseline::notices
