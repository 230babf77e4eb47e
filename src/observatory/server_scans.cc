// SPDX-License-Identifier: Apache-2.0
#include "observatory/server_scans.h"

#include <spdlog/spdlog.h>

#include <limits>

namespace baseline::observatory {

namespace {

core::Result<std::int64_t> list_id_of(store::Store& store, const std::string& list) {
  auto rows = store.sql("SELECT id FROM lists WHERE name = $1", {list});
  if (!rows) return rows.error();
  if (rows->empty()) return core::make_error("no list '" + list + "' in the database");
  return std::stoll(rows->front()[0]);
}

// Inside the caller's transaction: a new scan of the list's domains, recorded as run by serve.
core::Result<std::int64_t> create_server_scan(store::Store& store, std::int64_t list_id,
                                              std::int64_t due, const std::string& origin,
                                              const std::string& tool_version,
                                              const std::string& catalog_version) {
  const auto list = std::to_string(list_id);
  auto scan = store.sql(
      "INSERT INTO scans (list_id, started, tool_version, catalog_version) "
      "VALUES (CAST($1 AS BIGINT), $2, $3, $4) RETURNING id",
      {list, store::iso_now(), tool_version, catalog_version});
  if (!scan) return scan.error();
  if (scan->size() != 1) return core::make_error("database: no scan created");
  const auto id = (*scan)[0][0];
  if (auto copied = store.sql(
          "INSERT INTO scan_domains (scan_id, domain, position) SELECT CAST($1 AS BIGINT), "
          "domain, position FROM list_domains WHERE list_id = CAST($2 AS BIGINT)",
          {id, list});
      !copied) {
    return copied.error();
  }
  if (auto recorded = store.sql(
          "INSERT INTO server_scans (scan_id, list_id, due, origin) VALUES (CAST($1 AS BIGINT), "
          "CAST($2 AS BIGINT), CAST($3 AS BIGINT), $4)",
          {id, list, std::to_string(due), origin});
      !recorded) {
    return recorded.error();
  }
  return std::stoll(id);
}

core::Result<bool> has_unfinished_scan(store::Store& store, std::int64_t list_id) {
  auto rows = store.sql(
      "SELECT COUNT(*) FROM scans WHERE list_id = CAST($1 AS BIGINT) AND finished IS NULL",
      {std::to_string(list_id)});
  if (!rows) return rows.error();
  return std::stoll((*rows)[0][0]) > 0;
}

}  // namespace

core::Result<Schedule> set_schedule(store::Store& store, const std::string& list,
                                    const Recurrence& every, std::int64_t now) {
  auto id = list_id_of(store, list);
  if (!id) return id.error();
  const auto due = every.next_due(now, *id);
  if (!due) return core::make_error("'" + every.text() + "' never runs again");
  auto saved = store.sql(
      "INSERT INTO schedules (list_id, every, next_due, created) VALUES (CAST($1 AS BIGINT), $2, "
      "CAST($3 AS BIGINT), $4) ON CONFLICT (list_id) DO UPDATE SET every = excluded.every, "
      "next_due = excluded.next_due",
      {std::to_string(*id), every.text(), std::to_string(*due), store::iso_now()});
  if (!saved) return saved.error();
  return Schedule{*id, list, every.text(), *due};
}

core::Result<bool> remove_schedule(store::Store& store, const std::string& list) {
  auto removed = store.sql(
      "DELETE FROM schedules WHERE list_id IN (SELECT id FROM lists WHERE name = $1) "
      "RETURNING list_id",
      {list});
  if (!removed) return removed.error();
  return !removed->empty();
}

core::Result<std::vector<Schedule>> schedules(store::Store& store,
                                              std::optional<std::int64_t> owner) {
  auto rows = store.sql(
      "SELECT s.list_id, l.name, s.every, s.next_due FROM schedules s "
      "JOIN lists l ON l.id = s.list_id LEFT JOIN list_settings ls ON ls.list_id = s.list_id "
      "WHERE CAST($1 AS BIGINT) < 0 OR COALESCE(ls.owner_account, 0) = CAST($1 AS BIGINT) "
      "ORDER BY l.name",
      {std::to_string(owner.value_or(-1))});
  if (!rows) return rows.error();
  std::vector<Schedule> out;
  for (const auto& r : *rows) out.push_back({std::stoll(r[0]), r[1], r[2], std::stoll(r[3])});
  return out;
}

core::Result<std::vector<StartedScan>> start_due_scans(store::Store& store, std::int64_t now,
                                                       const std::string& tool_version,
                                                       const std::string& catalog_version,
                                                       int limit) {
  auto due = store.sql(
      "SELECT s.list_id, l.name, s.every, s.next_due FROM schedules s "
      "JOIN lists l ON l.id = s.list_id WHERE s.next_due <= CAST($1 AS BIGINT) "
      "ORDER BY s.next_due LIMIT CAST($2 AS BIGINT)",
      {std::to_string(now), std::to_string(limit)});
  if (!due) return due.error();
  std::vector<StartedScan> started;
  for (const auto& row : *due) {
    const std::int64_t list_id = std::stoll(row[0]);
    const std::int64_t was_due = std::stoll(row[3]);
    auto every = Recurrence::parse(row[2]);
    // A schedule the server cannot read (written by a newer version) is left alone.
    if (!every) {
      spdlog::error("schedule of list '{}': {}", row[1], every.error().message);
      continue;
    }
    const auto next = every->next_due(now, list_id);
    auto outcome = store::in_transaction(store, [&]() -> core::Result<std::optional<StartedScan>> {
      // The claim: only the caller that moves next_due from the value it read runs this due time.
      auto moved = store.sql(
          "UPDATE schedules SET next_due = CAST($1 AS BIGINT) WHERE list_id = CAST($2 AS BIGINT) "
          "AND next_due = CAST($3 AS BIGINT) RETURNING list_id",
          {std::to_string(next.value_or(std::numeric_limits<std::int64_t>::max())),
           std::to_string(list_id), std::to_string(was_due)});
      if (!moved) return moved.error();
      if (moved->empty()) return std::optional<StartedScan>();
      auto busy = has_unfinished_scan(store, list_id);
      if (!busy) return busy.error();
      if (*busy) {
        spdlog::warn("list '{}': its previous scan is still running; this run is skipped", row[1]);
        return std::optional<StartedScan>();
      }
      auto scan =
          create_server_scan(store, list_id, was_due, "schedule", tool_version, catalog_version);
      if (!scan) return scan.error();
      return std::optional<StartedScan>(StartedScan{*scan, list_id, row[1], was_due});
    });
    if (!outcome) return outcome.error();
    if (*outcome) started.push_back(**outcome);
  }
  return started;
}

core::Result<StartedScan> start_scan_now(store::Store& store, std::int64_t list_id,
                                         std::int64_t now, const std::string& tool_version,
                                         const std::string& catalog_version) {
  return store::in_transaction(store, [&]() -> core::Result<StartedScan> {
    auto name = store.sql("SELECT name FROM lists WHERE id = CAST($1 AS BIGINT)",
                          {std::to_string(list_id)});
    if (!name) return name.error();
    if (name->empty()) return core::make_error("no such list");
    auto busy = has_unfinished_scan(store, list_id);
    if (!busy) return busy.error();
    if (*busy) return core::make_error("a scan of this list is still running");
    auto scan = create_server_scan(store, list_id, now, "now", tool_version, catalog_version);
    if (!scan) return scan.error();
    return StartedScan{*scan, list_id, (*name)[0][0], now};
  });
}

core::Result<std::optional<ServerScan>> next_unfinished_server_scan(store::Store& store) {
  auto rows = store.sql(
      "SELECT ss.scan_id, ss.list_id, l.name, COALESCE(ls.scan_type, 'all'), ss.origin "
      "FROM server_scans ss JOIN scans s ON s.id = ss.scan_id JOIN lists l ON l.id = ss.list_id "
      "LEFT JOIN list_settings ls ON ls.list_id = ss.list_id "
      "WHERE s.finished IS NULL ORDER BY ss.scan_id LIMIT 1");
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ServerScan>();
  const auto& r = rows->front();
  return std::optional<ServerScan>(
      ServerScan{std::stoll(r[0]), std::stoll(r[1]), r[2], r[3], r[4]});
}

core::Result<bool> finish_and_claim_after_scan(store::Store& store, std::int64_t scan) {
  const auto id = std::to_string(scan);
  return store::in_transaction(store, [&]() -> core::Result<bool> {
    auto pending = store.sql(
        "SELECT COUNT(*) FROM scan_domains WHERE scan_id = CAST($1 AS BIGINT) AND state <> 2",
        {id});
    if (!pending) return pending.error();
    if (std::stoll((*pending)[0][0]) > 0) return false;
    if (auto finished = store.sql(
            "UPDATE scans SET finished = $1 WHERE id = CAST($2 AS BIGINT) AND finished IS NULL",
            {store::iso_now(), id});
        !finished) {
      return finished.error();
    }
    auto claimed = store.sql(
        "UPDATE server_scans SET after_scan_claimed = 1 WHERE scan_id = CAST($1 AS BIGINT) "
        "AND after_scan_claimed = 0 RETURNING scan_id",
        {id});
    if (!claimed) return claimed.error();
    return !claimed->empty();
  });
}

}  // namespace baseline::observatory
