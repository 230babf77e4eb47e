// SPDX-License-Identifier: Apache-2.0
// The scans `baseline serve` runs: those its schedules start and those started with "scan now".
// Everything here is plain SQL over store::Store::sql, the same in SQLite and PostgreSQL, and
// every claim is a compare-and-set on one row inside a transaction, so that two servers sharing
// a PostgreSQL store (or a restarted server) never start, or finish, the same scan twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "observatory/recurrence.h"
#include "store/store.h"

namespace baseline::observatory {

struct Schedule {
  std::int64_t list_id = 0;
  std::string list;
  std::string every;  // weekly, monthly, quarterly or the cron expression
  std::int64_t next_due = 0;
};

// Sets (or replaces) the schedule of `list`; its first run is the next due time after `now`.
core::Result<Schedule> set_schedule(store::Store& store, const std::string& list,
                                    const Recurrence& every, std::int64_t now);
// false: the list had no schedule.
core::Result<bool> remove_schedule(store::Store& store, const std::string& list);
// Every schedule (owner 0 … all when `owner` is empty), by list name.
core::Result<std::vector<Schedule>> schedules(store::Store& store,
                                              std::optional<std::int64_t> owner = std::nullopt);

struct StartedScan {
  std::int64_t scan = 0;
  std::int64_t list_id = 0;
  std::string list;
  std::int64_t due = 0;
};

// Starts a scan of every schedule due at `now`, each exactly once: the schedule row's next_due
// is moved from the value read to the next run only if nobody moved it first, and the scan is
// created in the same transaction. A list whose previous scan is still running gets no second
// one (its due time is skipped, and said so in the log). At most `limit` per call.
core::Result<std::vector<StartedScan>> start_due_scans(store::Store& store, std::int64_t now,
                                                       const std::string& tool_version,
                                                       const std::string& catalog_version,
                                                       int limit = 16);

// "Scan now": a scan of the list that `serve` runs; an error while one is still unfinished.
core::Result<StartedScan> start_scan_now(store::Store& store, std::int64_t list_id,
                                         std::int64_t now, const std::string& tool_version,
                                         const std::string& catalog_version);

struct ServerScan {
  std::int64_t scan = 0;
  std::int64_t list_id = 0;
  std::string list;
  std::string scan_type;  // web, mail, all
  std::string origin;     // schedule, now
};
// The oldest unfinished scan that `serve` runs, if any.
core::Result<std::optional<ServerScan>> next_unfinished_server_scan(store::Store& store);

// Marks the scan finished and claims its after-scan actions; true for exactly one caller, and
// only once every domain of the scan is done.
core::Result<bool> finish_and_claim_after_scan(store::Store& store, std::int64_t scan);

}  // namespace baseline::observatory
