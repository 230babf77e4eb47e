// SPDX-License-Identifier: Apache-2.0
#include "store/store.h"

#include <chrono>
#include <ctime>

#include "store/postgres_store.h"
#include "store/sql_connection.h"
#include "store/sqlite_store.h"

namespace baseline::store {

core::Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres_store(url);
  }
  std::string path = url;
  if (path.starts_with("sqlite:")) path = path.substr(std::string_view("sqlite:").size());
  if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path
  if (path.empty()) return core::make_error("--db: no database file in '" + url + "'");
  return open_sqlite_store(path);
}

std::string check_counts_sql(const std::string& scan_parameter) {
  return "SELECT check_id, CASE worst WHEN 5 THEN 'error' WHEN 4 THEN 'fail' WHEN 3 THEN 'warn' "
         "WHEN 2 THEN 'pass' WHEN 1 THEN 'info' ELSE 'not_applicable' END, COUNT(*) FROM "
         "(SELECT domain, check_id, MAX(CASE verdict WHEN 'error' THEN 5 WHEN 'fail' THEN 4 "
         "WHEN 'warn' THEN 3 WHEN 'pass' THEN 2 WHEN 'info' THEN 1 ELSE 0 END) AS worst "
         "FROM results WHERE scan_id = " +
         scan_parameter + " GROUP BY domain, check_id) AS folded GROUP BY check_id, worst";
}

core::Result<SqlRows> Store::sql(const std::string& statement,
                                 const std::vector<std::string>& params) {
  auto* connection = sql();
  if (connection == nullptr) return unsupported();
  std::vector<SqlParam> bound(params.begin(), params.end());
  auto rows = connection->query(statement, bound);
  if (!rows) return rows.error();
  SqlRows out;
  out.reserve(rows->size());
  for (auto& row : *rows) {
    auto& cells = out.emplace_back();
    cells.reserve(row.size());
    for (auto& cell : row) cells.push_back(cell ? std::move(*cell) : std::string());
  }
  return out;
}

core::Result<Ok> Store::begin_write() {
  auto* connection = sql();
  if (connection == nullptr) return unsupported();
  return connection->begin();
}

core::Result<Ok> Store::commit() {
  auto* connection = sql();
  if (connection == nullptr) return unsupported();
  return connection->commit();
}

void Store::rollback() {
  if (auto* connection = sql()) connection->rollback();
}

std::string iso_now() {
  return iso_time(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

core::Result<std::string> choose_list(Store& store, const std::string& named) {
  if (!named.empty()) return named;
  auto lists = store.lists();
  if (!lists) return lists.error();
  if (lists->size() == 1) return lists->front();
  if (lists->empty()) {
    return core::make_error("the database holds no list yet (run `baseline scan`)");
  }
  std::string names;
  for (const auto& l : *lists) names += (names.empty() ? "" : ", ") + l;
  return core::make_error("several lists (" + names + "): choose one with --list NAME");
}

std::string iso_time(std::int64_t unix_seconds) {
  const std::time_t now = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace baseline::store
