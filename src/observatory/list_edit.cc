// SPDX-License-Identifier: Apache-2.0
#include "observatory/list_edit.h"

#include "observatory/list_owner.h"

namespace baseline::observatory {

namespace {

core::Result<bool> owns(store::Store& store, std::int64_t owner, std::int64_t list_id) {
  auto found = find_owned_list(store, owner, list_id);
  if (!found) return found.error();
  return found->has_value();
}

}  // namespace

std::string shown_list_name(const std::string& stored) {
  const auto colon = stored.find(':');
  if (colon == std::string::npos || colon == 0) return stored;
  for (std::size_t i = 0; i < colon; ++i) {
    if (stored[i] < '0' || stored[i] > '9') return stored;
  }
  return stored.substr(colon + 1);
}

core::Result<std::string> stored_list_name(std::int64_t owner, const std::string& shown) {
  if (shown.empty()) return core::make_error("the list needs a name");
  if (shown.size() > kMaxListNameBytes) return core::make_error("the name is too long");
  for (unsigned char c : shown) {
    if (c < 0x20 || c == 0x7f) return core::make_error("the name has a control character");
  }
  return std::to_string(owner) + ":" + shown;
}

core::Result<std::int64_t> create_owned_list(store::Store& store, std::int64_t owner,
                                             const std::string& shown,
                                             const std::vector<core::ListEntry>& entries,
                                             const std::string& scan_type) {
  auto name = stored_list_name(owner, shown);
  if (!name) return name.error();
  auto existing = find_list(store, *name);
  if (!existing) return existing.error();
  if (*existing) return core::make_error("you already have a list named '" + shown + "'");
  auto id = store.save_list(*name, entries);
  if (!id) return id.error();
  if (auto set = set_list_settings(store, *id, owner, scan_type); !set) return set.error();
  return *id;
}

core::Result<std::vector<core::ListEntry>> list_entries(store::Store& store, std::int64_t list_id) {
  auto rows = store.sql(
      "SELECT domain, sector, country, organisation FROM list_domains WHERE "
      "list_id = CAST($1 AS BIGINT) ORDER BY position",
      {std::to_string(list_id)});
  if (!rows) return rows.error();
  std::vector<core::ListEntry> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.push_back({r[0], r[1], r[2], r[3]});
  return out;
}

core::Result<bool> replace_entries(store::Store& store, std::int64_t owner, std::int64_t list_id,
                                   const std::vector<core::ListEntry>& entries) {
  auto found = find_owned_list(store, owner, list_id);
  if (!found) return found.error();
  if (!*found) return false;
  auto saved = store.save_list((*found)->name, entries);
  if (!saved) return saved.error();
  return true;
}

core::Result<bool> rename_list(store::Store& store, std::int64_t owner, std::int64_t list_id,
                               const std::string& shown) {
  auto name = stored_list_name(owner, shown);
  if (!name) return name.error();
  auto owned = owns(store, owner, list_id);
  if (!owned || !*owned) return owned;
  auto taken = find_list(store, *name);
  if (!taken) return taken.error();
  if (*taken && (*taken)->id != list_id) {
    return core::make_error("you already have a list named '" + shown + "'");
  }
  auto renamed = store.sql("UPDATE lists SET name = $1 WHERE id = CAST($2 AS BIGINT)",
                           {*name, std::to_string(list_id)});
  if (!renamed) return renamed.error();
  return true;
}

core::Result<bool> delete_list(store::Store& store, std::int64_t owner, std::int64_t list_id) {
  return store::in_transaction(store, [&]() -> core::Result<bool> {
    auto owned = owns(store, owner, list_id);
    if (!owned || !*owned) return owned;
    const std::string scans = "(SELECT id FROM scans WHERE list_id = CAST($1 AS BIGINT))";
    // Children first: nothing refers to a row once it is gone.
    const std::vector<std::string> statements{
        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement on two lines
        "DELETE FROM notice_findings WHERE notice_id IN (SELECT id FROM notice_log WHERE "
        "list_id = CAST($1 AS BIGINT))",
        "DELETE FROM notice_log WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM notice_contacts WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM notice_settings WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM report_links WHERE scan_id IN " + scans,
        "DELETE FROM server_scans WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM results WHERE scan_id IN " + scans,
        "DELETE FROM standard_results WHERE scan_id IN " + scans,
        "DELETE FROM scan_domains WHERE scan_id IN " + scans,
        "DELETE FROM scans WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM schedules WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM list_settings WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM list_domains WHERE list_id = CAST($1 AS BIGINT)",
        "DELETE FROM lists WHERE id = CAST($1 AS BIGINT)"};
    for (const auto& sql : statements) {
      if (auto done = store.sql(sql, {std::to_string(list_id)}); !done) return done.error();
    }
    return true;
  });
}

}  // namespace baseline::observatory
