// SPDX-License-Identifier: Apache-2.0
#include "observatory/list_owner.h"

namespace baseline::observatory {

namespace {

constexpr const char* kColumns =
    "SELECT l.id, l.name, COALESCE(ls.owner_account, 0), COALESCE(ls.scan_type, 'all'), "
    "(SELECT COUNT(*) FROM list_domains d WHERE d.list_id = l.id) FROM lists l "
    "LEFT JOIN list_settings ls ON ls.list_id = l.id ";

OwnedList read(const std::vector<std::string>& r) {
  return {std::stoll(r[0]), r[1], std::stoll(r[2]), r[3], std::stoll(r[4])};
}

core::Result<std::optional<OwnedList>> first(core::Result<store::SqlRows> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<OwnedList>();
  return std::optional<OwnedList>(read(rows->front()));
}

}  // namespace

core::Result<std::optional<OwnedList>> find_list(store::Store& store, const std::string& name) {
  return first(store.sql(std::string(kColumns) + "WHERE l.name = $1", {name}));
}

core::Result<std::optional<OwnedList>> find_owned_list(store::Store& store, std::int64_t owner,
                                                       std::int64_t list_id) {
  return first(store.sql(std::string(kColumns) +
                             "WHERE l.id = CAST($1 AS BIGINT) AND "
                             "COALESCE(ls.owner_account, 0) = CAST($2 AS BIGINT)",
                         {std::to_string(list_id), std::to_string(owner)}));
}

core::Result<std::vector<OwnedList>> owned_lists(store::Store& store, std::int64_t owner) {
  auto rows = store.sql(std::string(kColumns) +
                            "WHERE COALESCE(ls.owner_account, 0) = CAST($1 AS BIGINT) "
                            "ORDER BY l.name",
                        {std::to_string(owner)});
  if (!rows) return rows.error();
  std::vector<OwnedList> out;
  for (const auto& r : *rows) out.push_back(read(r));
  return out;
}

core::Result<std::optional<OwnedScan>> find_owned_scan(store::Store& store, std::int64_t owner,
                                                       std::int64_t scan) {
  auto rows = store.sql(
      "SELECT s.id, l.name, s.started, COALESCE(s.finished, ''), s.tool_version, "
      "s.catalog_version, (SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id), "
      "(SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id AND d.state = 2), l.id, "
      "COALESCE(ls.owner_account, 0) FROM scans s JOIN lists l ON l.id = s.list_id "
      "LEFT JOIN list_settings ls ON ls.list_id = l.id WHERE s.id = CAST($1 AS BIGINT) AND "
      "COALESCE(ls.owner_account, 0) = CAST($2 AS BIGINT)",
      {std::to_string(scan), std::to_string(owner)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<OwnedScan>();
  const auto& r = rows->front();
  return std::optional<OwnedScan>(OwnedScan{
      {std::stoll(r[0]), r[1], r[2], r[3], r[4], r[5], std::stoll(r[6]), std::stoll(r[7])},
      std::stoll(r[8]),
      std::stoll(r[9])});
}

core::Result<bool> set_list_settings(store::Store& store, std::int64_t list_id, std::int64_t owner,
                                     const std::string& scan_type) {
  if (scan_type != "web" && scan_type != "mail" && scan_type != "all") {
    return core::make_error("scan type: web, mail or all");
  }
  auto saved = store.sql(
      "INSERT INTO list_settings (list_id, owner_account, scan_type) VALUES (CAST($1 AS BIGINT), "
      "CAST($2 AS BIGINT), $3) ON CONFLICT (list_id) DO UPDATE SET "
      "owner_account = excluded.owner_account, scan_type = excluded.scan_type",
      {std::to_string(list_id), std::to_string(owner), scan_type});
  if (!saved) return saved.error();
  return true;
}

}  // namespace baseline::observatory
