// SPDX-License-Identifier: Apache-2.0
#include "store/batch_store.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "store/store.h"

namespace baseline::store {

namespace {

// Rows per multi-row INSERT (each row has 2 parameters).
constexpr std::size_t kRowsPerInsert = 500;

// The request columns, with progress: its domains whose test is done or in error.
constexpr const char* kRequestColumns =
    "r.id, r.name, r.request_type, r.status, r.submitted_us, r.finished_us, r.domains, "
    "(SELECT COUNT(*) FROM batch_domains d JOIN web_tests w ON w.id = d.web_test_id "
    "WHERE d.request_id = r.id AND w.state IN ('done', 'error'))";

std::chrono::system_clock::time_point from_us(std::int64_t us) {
  return std::chrono::system_clock::time_point(std::chrono::microseconds(us));
}

BatchRequest read_request(const SqlRow& row) {
  BatchRequest r;
  r.id = column_text(row, 0);
  r.name = column_text(row, 1);
  r.type = request_type_from_string(column_text(row, 2)).value_or(RequestType::kWeb);
  r.status = request_status_from_string(column_text(row, 3)).value_or(RequestStatus::kError);
  r.submitted = from_us(column_int(row, 4));
  if (row.size() > 5 && row[5]) r.finished = from_us(column_int(row, 5));
  r.domains = static_cast<std::size_t>(column_int(row, 6));
  r.finished_domains = static_cast<std::size_t>(column_int(row, 7));
  // A generated request has every domain finished, whatever became of their tests since.
  if (r.status == RequestStatus::kGenerating || r.status == RequestStatus::kDone)
    r.finished_domains = r.domains;
  return r;
}

std::string status_text(RequestStatus status) {
  return std::string(to_string(status));
}

// A web test id as the web front makes them (random, URL-safe): 24 base32 characters.
std::string new_web_test_id() {
  unsigned char bytes[15];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a test id");
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  std::string id;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      id += kDigits[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return id;
}

}  // namespace

core::Result<std::int64_t> BatchStore::unfinished(std::int64_t account_id) {
  auto rows = sql_.query(std::string("SELECT COUNT(*) FROM batch_requests WHERE account_id = $1 "
                                     "AND status IN ") +
                             kUnfinishedStatuses,
                         {account_id});
  if (!rows) return rows.error();
  return rows->empty() ? 0 : column_int(rows->front(), 0);
}

core::Result<bool> BatchStore::add(std::int64_t account_id, const BatchRequest& request,
                                   const std::vector<std::string>& domains) {
  const auto submitted_us =
      std::chrono::duration_cast<std::chrono::microseconds>(request.submitted.time_since_epoch())
          .count();
  return in_transaction(sql_, [&]() -> core::Result<bool> {
    auto added = sql_.change(
        "INSERT INTO batch_requests (id, account_id, name, request_type, status, submitted_us, "
        "domains) VALUES ($1, $2, $3, $4, 'registering', $5, $6)",
        {request.id, account_id, request.name, std::string(to_string(request.type)),
         std::int64_t{submitted_us}, static_cast<std::int64_t>(domains.size())});
    if (!added) return added.error();
    for (std::size_t first = 0; first < domains.size(); first += kRowsPerInsert) {
      const auto count = std::min(kRowsPerInsert, domains.size() - first);
      std::string sql = "INSERT INTO batch_domains (request_id, domain) VALUES ";
      std::vector<SqlParam> params{request.id};
      for (std::size_t i = 0; i < count; ++i) {
        sql += (i ? ", ($1, $" : "($1, $") + std::to_string(i + 2) + ")";
        params.emplace_back(domains[first + i]);
      }
      if (auto rows = sql_.change(sql, params); !rows) return rows.error();
    }
    return true;
  });
}

core::Result<std::vector<BatchRequest>> BatchStore::list(std::int64_t account_id,
                                                         std::size_t limit) {
  std::string sql = std::string("SELECT ") + kRequestColumns +
                    " FROM batch_requests r WHERE r.account_id = $1 "
                    "ORDER BY r.submitted_us DESC, r.id DESC";
  std::vector<SqlParam> params{account_id};
  if (limit > 0) {
    sql += " LIMIT $2";
    params.emplace_back(static_cast<std::int64_t>(limit));
  }
  auto rows = sql_.query(sql, params);
  if (!rows) return rows.error();
  std::vector<BatchRequest> out;
  for (const auto& row : *rows) out.push_back(read_request(row));
  return out;
}

core::Result<std::optional<BatchRequest>> BatchStore::find(std::int64_t account_id,
                                                           const std::string& id) {
  auto rows = sql_.query(std::string("SELECT ") + kRequestColumns +
                             " FROM batch_requests r WHERE r.id = $1 AND r.account_id = $2",
                         {id, account_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<BatchRequest>();
  return std::optional<BatchRequest>(read_request(rows->front()));
}

core::Result<bool> BatchStore::cancel(std::int64_t account_id, const std::string& id,
                                      std::int64_t now_us) {
  return in_transaction(sql_, [&]() -> core::Result<bool> {
    auto moved = sql_.change(std::string("UPDATE batch_requests SET status = 'cancelled', "
                                         "finished_us = $1 WHERE id = $2 AND account_id = $3 AND "
                                         "status IN ") +
                                 kUnfinishedStatuses,
                             {now_us, id, account_id});
    if (!moved) return moved.error();
    if (*moved == 0) return false;
    // Tests this request put in the queue and that no other unfinished request waits for.
    const std::int64_t now_unix = now_us / 1000000;
    auto dropped = sql_.change(
        "UPDATE web_tests SET state = 'error', error = 'cancelled', finished = $1, "
        "finished_unix = $2 WHERE state = 'queued' AND id IN (SELECT d.web_test_id FROM "
        "batch_domains d WHERE d.request_id = $3 AND d.created_test = 1) AND NOT EXISTS "
        "(SELECT 1 FROM batch_domains o JOIN batch_requests q ON q.id = o.request_id "
        "WHERE o.web_test_id = web_tests.id AND o.request_id <> $3 AND q.status IN "
        "('registering', 'running'))",
        {iso_time(now_unix), now_unix, id});
    if (!dropped) return dropped.error();
    return true;
  });
}

core::Result<std::vector<BatchDomainText>> BatchStore::outputs(std::int64_t account_id,
                                                               const std::string& id,
                                                               bool technical) {
  auto rows =
      sql_.query(std::string("SELECT d.result_key, ") + (technical ? "d.technical" : "d.results") +
                     " FROM batch_domains d JOIN batch_requests r ON r.id = d.request_id "
                     "WHERE d.request_id = $1 AND r.account_id = $2 ORDER BY d.domain",
                 {id, account_id});
  if (!rows) return rows.error();
  std::vector<BatchDomainText> out;
  out.reserve(rows->size());
  for (auto& row : *rows) {
    if (!row[0] || !row[1]) continue;  // not generated (the request is not done)
    out.push_back({std::move(*row[0]), std::move(*row[1])});
  }
  return out;
}

core::Result<std::vector<BatchRequest>> BatchStore::in_status(RequestStatus status,
                                                              std::size_t limit) {
  auto rows = sql_.query(std::string("SELECT ") + kRequestColumns +
                             " FROM batch_requests r WHERE r.status = $1 "
                             "ORDER BY r.submitted_us, r.id LIMIT $2",
                         {status_text(status), static_cast<std::int64_t>(limit)});
  if (!rows) return rows.error();
  std::vector<BatchRequest> out;
  for (const auto& row : *rows) out.push_back(read_request(row));
  return out;
}

core::Result<bool> BatchStore::register_tests(const std::string& id, const std::string& families,
                                              std::int64_t now_unix) {
  return in_transaction(sql_, [&]() -> core::Result<bool> {
    // Taken first, so that two servers never register one request twice.
    auto mine = sql_.change(
        "UPDATE batch_requests SET status = 'running' WHERE id = $1 AND status = 'registering'",
        {id});
    if (!mine) return mine.error();
    if (*mine == 0) return false;
    // Domains that join a test already queued or running.
    auto joined = sql_.change(
        "UPDATE batch_domains SET web_test_id = (SELECT w.id FROM web_tests w WHERE "
        "w.domain = batch_domains.domain AND w.families = $2 AND w.state IN ('queued', "
        "'running') ORDER BY w.submitted_unix DESC LIMIT 1) WHERE request_id = $1",
        {id, families});
    if (!joined) return joined.error();
    auto rest = sql_.query(
        "SELECT domain FROM batch_domains WHERE request_id = $1 AND web_test_id IS NULL", {id});
    if (!rest) return rest.error();
    const auto submitted = iso_time(now_unix);
    for (std::size_t first = 0; first < rest->size(); first += kRowsPerInsert) {
      const auto count = std::min(kRowsPerInsert, rest->size() - first);
      std::string insert =
          "INSERT INTO web_tests (id, domain, families, state, submitted, submitted_unix, "
          "for_batch) VALUES ";
      std::vector<SqlParam> params{families, submitted, now_unix};
      std::vector<std::pair<std::string, std::string>> made;
      for (std::size_t i = 0; i < count; ++i) {
        const auto domain = column_text((*rest)[first + i], 0);
        made.emplace_back(domain, new_web_test_id());
        const auto n = params.size();
        insert += (i ? ", ($" : "($") + std::to_string(n + 1) + ", $" + std::to_string(n + 2) +
                  ", $1, 'queued', $2, $3, 1)";
        params.emplace_back(made.back().second);
        params.emplace_back(domain);
      }
      if (auto inserted = sql_.change(insert, params); !inserted) return inserted.error();
      for (const auto& [domain, test] : made) {
        auto linked = sql_.change(
            "UPDATE batch_domains SET web_test_id = $1, created_test = 1 WHERE request_id = $2 "
            "AND domain = $3",
            {test, id, domain});
        if (!linked) return linked.error();
      }
    }
    return true;
  });
}

core::Result<std::int64_t> BatchStore::waiting(const std::string& id) {
  auto rows = sql_.query(
      "SELECT COUNT(*) FROM batch_domains d JOIN web_tests w ON w.id = d.web_test_id "
      "WHERE d.request_id = $1 AND w.state IN ('queued', 'running')",
      {id});
  if (!rows) return rows.error();
  return rows->empty() ? 0 : column_int(rows->front(), 0);
}

core::Result<bool> BatchStore::move(const std::string& id, RequestStatus from, RequestStatus to,
                                    std::optional<std::int64_t> finished_us) {
  auto moved = finished_us ? sql_.change(
                                 "UPDATE batch_requests SET status = $1, finished_us = $2 "
                                 "WHERE id = $3 AND status = $4",
                                 {status_text(to), *finished_us, id, status_text(from)})
                           : sql_.change(
                                 "UPDATE batch_requests SET status = $1 WHERE id = $2 AND "
                                 "status = $3",
                                 {status_text(to), id, status_text(from)});
  if (!moved) return moved.error();
  return *moved > 0;
}

core::Result<std::vector<BatchDomainTest>> BatchStore::ungenerated(const std::string& id,
                                                                   std::size_t limit,
                                                                   bool finished_only) {
  auto rows = sql_.query(
      std::string("SELECT d.domain, COALESCE(d.web_test_id, ''), COALESCE(w.state, ''), "
                  "CASE WHEN w.state = 'done' THEN w.result ELSE '' END FROM batch_domains d "
                  "LEFT JOIN web_tests w ON w.id = d.web_test_id WHERE d.request_id = $1 AND "
                  "d.results IS NULL") +
          (finished_only ? " AND w.state IN ('done', 'error')" : "") +
          " ORDER BY d.domain LIMIT $2",
      {id, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.error();
  std::vector<BatchDomainTest> out;
  for (const auto& row : *rows) {
    out.push_back(
        {column_text(row, 0), column_text(row, 1), column_text(row, 2), column_text(row, 3)});
  }
  return out;
}

core::Result<bool> BatchStore::set_output(const std::string& id, const std::string& domain,
                                          const BatchDomainText& results,
                                          const std::string& technical) {
  auto set = sql_.change(
      "UPDATE batch_domains SET result_key = $1, results = $2, technical = $3 WHERE request_id "
      "= $4 AND domain = $5",
      {results.key, results.json, technical, id, domain});
  if (!set) return set.error();
  return *set > 0;
}

core::Result<std::int64_t> BatchStore::expire(std::int64_t now_us, std::int64_t default_hours) {
  return sql_.change(
      "DELETE FROM batch_requests WHERE status IN ('done', 'cancelled', 'error') AND "
      "finished_us IS NOT NULL AND finished_us < $1 - COALESCE((SELECT l.keep_results_hours "
      "FROM account_limits l WHERE l.account_id = batch_requests.account_id), $2) * 3600000000",
      {now_us, default_hours});
}

}  // namespace baseline::store
