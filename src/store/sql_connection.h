// SPDX-License-Identifier: Apache-2.0
// A plain SQL seam over the store's one connection, so that the accounts and batch tables
// (account_store.cc, batch_store.cc) are written once for both databases. Statements use
// PostgreSQL's parameter style ($1, $2, …); the SQLite side rewrites them (sqlite_parameters).
// Values come back as text (NULL as nullopt), as libpq gives them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "store/schema.h"

namespace baseline::store {

// A parameter: NULL, text or an integer.
using SqlParam = std::variant<std::monostate, std::string, std::int64_t>;
using SqlRow = std::vector<std::optional<std::string>>;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement; the rows it returns (none for most writes).
  virtual core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                                  const std::vector<SqlParam>& params = {}) = 0;
  // Runs one statement; how many rows it changed.
  virtual core::Result<std::int64_t> change(std::string_view sql,
                                            const std::vector<SqlParam>& params = {}) = 0;
  // BEGIN (IMMEDIATE on SQLite: writers queue up front instead of failing at commit).
  virtual core::Result<bool> begin() = 0;
  virtual core::Result<bool> commit() = 0;
  virtual void rollback() = 0;
};

// Runs `body` (returning core::Result<T>) in a transaction: committed when it succeeds, rolled
// back when it fails.
template <class Body>
auto in_transaction(SqlConnection& sql, Body&& body) -> decltype(body()) {
  if (auto started = sql.begin(); !started) return started.error();
  auto outcome = body();
  if (!outcome) {
    sql.rollback();
    return outcome;
  }
  if (auto committed = sql.commit(); !committed) {
    sql.rollback();
    return committed.error();
  }
  return outcome;
}

// Column helpers: text ("" for NULL) and integer (0 for NULL or garbage).
inline std::string column_text(const SqlRow& row, std::size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}
inline std::int64_t column_int(const SqlRow& row, std::size_t i) {
  if (i >= row.size() || !row[i] || row[i]->empty()) return 0;
  try {
    return std::stoll(*row[i]);
  } catch (...) {
    return 0;
  }
}

}  // namespace baseline::store
