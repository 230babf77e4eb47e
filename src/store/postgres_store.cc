// SPDX-License-Identifier: Apache-2.0
#include "store/postgres_store.h"

#include <libpq-fe.h>

#include <map>

#include "core/verdict.h"
#include "store/notices_sql.h"
#include "store/schema.h"
#include "store/sql_connection.h"

namespace baseline::store {

namespace {

// Every statement ends within this; a stalled server fails the scan instead of hanging it.
constexpr const char* kStatementTimeout = "SET statement_timeout = '60s'";
// Connecting gives up after this many seconds.
constexpr const char* kConnectTimeoutSeconds = "10";
// Rows per multi-row INSERT (each row has 7 parameters; libpq allows 65535).
constexpr std::size_t kRowsPerInsert = 500;
// Any constant: serialises concurrent migrations of one database.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7007)";

// One row of notice_log in the column order of kNoticesSql and kNoticeByMessageIdSql.
NoticeRecord notice_row(PGresult* rows, int row) {
  auto v = [&](int c) { return std::string(PQgetvalue(rows, row, c)); };
  NoticeRecord n;
  n.id = std::stoll(v(0));
  n.list = v(1);
  if (!PQgetisnull(rows, row, 2)) n.scan = std::stoll(v(2));
  n.domain = v(3);
  n.recorded = v(4);
  n.recorded_unix = std::stoll(v(5));
  n.state = v(6);
  n.reason = v(7);
  n.recipient = v(8);
  n.source = v(9);
  n.message_id = v(10);
  n.language = v(11);
  return n;
}

struct ConnectionCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClearer {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using Rows = std::unique_ptr<PGresult, ResultClearer>;

// libpq's messages span lines ("… refused\n\tIs the server running …"); users get one line.
std::string one_line(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return message;
}

// A parameter: text, or SQL NULL.
using Param = std::optional<std::string>;

// The SqlConnection seam on PostgreSQL (sql_connection.h).
class PostgresSql final : public SqlConnection {
 public:
  explicit PostgresSql(PGconn* connection) : connection_(connection) {}
  Dialect dialect() const override { return Dialect::kPostgresql; }

  core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                          const std::vector<SqlParam>& params) override {
    auto rows = run(sql, params);
    if (!rows) return rows.error();
    std::vector<SqlRow> out;
    const int count = PQntuples(rows->get()), columns = PQnfields(rows->get());
    out.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      SqlRow row;
      for (int c = 0; c < columns; ++c) {
        row.push_back(PQgetisnull(rows->get(), r, c)
                          ? std::nullopt
                          : std::optional<std::string>(PQgetvalue(rows->get(), r, c)));
      }
      out.push_back(std::move(row));
    }
    return out;
  }
  core::Result<std::int64_t> change(std::string_view sql,
                                    const std::vector<SqlParam>& params) override {
    auto rows = run(sql, params);
    if (!rows) return rows.error();
    const char* changed = PQcmdTuples(rows->get());
    return changed && *changed ? std::stoll(changed) : 0;
  }
  core::Result<bool> begin() override { return plain("BEGIN"); }
  core::Result<bool> commit() override { return plain("COMMIT"); }
  void rollback() override { Rows(PQexec(connection_, "ROLLBACK")); }

 private:
  core::Result<bool> plain(const char* sql) {
    Rows rows(PQexec(connection_, sql));
    if (!rows || PQresultStatus(rows.get()) != PGRES_COMMAND_OK) {
      return core::make_error("database: " + one_line(PQerrorMessage(connection_)));
    }
    return true;
  }
  core::Result<Rows> run(std::string_view sql, const std::vector<SqlParam>& params) {
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const auto& p : params) {
      if (const auto* t = std::get_if<std::string>(&p)) {
        texts.emplace_back(*t);
      } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
        texts.emplace_back(std::to_string(*n));
      } else {
        texts.emplace_back(std::nullopt);
      }
    }
    std::vector<const char*> values;
    values.reserve(texts.size());
    for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
    const std::string text(sql);
    Rows rows(PQexecParams(connection_, text.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0));
    const auto status = rows ? PQresultStatus(rows.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return core::make_error("database: " + one_line(PQerrorMessage(connection_)));
    }
    return rows;
  }

  PGconn* connection_;
};

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(Connection c) : connection_(std::move(c)) {}
  std::string kind() const override { return "postgresql"; }
  SqlConnection* sql() override {
    if (!sql_) sql_ = std::make_unique<PostgresSql>(connection_.get());
    return sql_.get();
  }

  core::Result<Rows> run(const std::string& sql, const std::vector<Param>& params = {}) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    Rows rows(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0));
    const auto status = rows ? PQresultStatus(rows.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string message = PQerrorMessage(connection_.get());
      message = one_line(message);
      return core::make_error("database: " + message);
    }
    return rows;
  }
  // Several statements, no parameters (migrations).
  core::Result<Ok> script(const std::string& sql) {
    Rows rows(PQexec(connection_.get(), sql.c_str()));
    if (!rows || PQresultStatus(rows.get()) != PGRES_COMMAND_OK) {
      std::string message = PQerrorMessage(connection_.get());
      message = one_line(message);
      return core::make_error("database: " + message);
    }
    return true;
  }
  void rollback() { Rows(PQexec(connection_.get(), "ROLLBACK")); }

  core::Result<Ok> migrate() {
    if (auto r = script("BEGIN"); !r) return r;
    auto done = migrate_in_transaction();
    if (!done) {
      rollback();
      return done;
    }
    return script("COMMIT");
  }

  core::Result<std::int64_t> save_list(const std::string& name,
                                       const std::vector<core::ListEntry>& entries) override {
    if (auto r = script("BEGIN"); !r) return r.error();
    auto id = save_list_in_transaction(name, entries);
    if (!id) {
      rollback();
      return id;
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return id;
  }

  core::Result<std::int64_t> create_scan(const std::string& list, const std::string& tool_version,
                                         const std::string& catalog_version) override {
    if (auto r = script("BEGIN"); !r) return r.error();
    auto scan =
        run("INSERT INTO scans (list_id, started, tool_version, catalog_version) "
            "SELECT id, $1, $2, $3 FROM lists WHERE name = $4 RETURNING id",
            {iso_now(), tool_version, catalog_version, list});
    if (!scan || PQntuples(scan->get()) != 1) {
      rollback();
      return core::make_error("cannot create a scan of list '" + list + "'");
    }
    const std::string id = PQgetvalue(scan->get(), 0, 0);
    auto copy =
        run("INSERT INTO scan_domains (scan_id, domain, position) "
            "SELECT $1, d.domain, d.position FROM list_domains d "
            "JOIN lists l ON l.id = d.list_id WHERE l.name = $2",
            {id, list});
    if (!copy) {
      rollback();
      return copy.error();
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return std::stoll(id);
  }

  core::Result<std::optional<ScanInfo>> unfinished_scan(const std::string& list) override {
    auto all = scans(list);
    if (!all) return all.error();
    for (auto it = all->rbegin(); it != all->rend(); ++it) {
      if (it->finished.empty()) return std::optional<ScanInfo>(*it);
    }
    return std::optional<ScanInfo>();
  }

  // ---- The web test queue ----

  static std::string test_columns(bool with_result) {
    return std::string(
               "id, domain, families, state, submitted, submitted_unix, COALESCE(started, ''), "
               "COALESCE(finished, ''), COALESCE(finished_unix, 0), COALESCE(error, ''), score, ") +
           (with_result ? "COALESCE(result, '')" : "''");
  }
  static WebTest read_test(PGresult* rows, int row) {
    auto text = [&](int column) { return std::string(PQgetvalue(rows, row, column)); };
    WebTest t;
    t.id = text(0);
    t.domain = text(1);
    t.families = text(2);
    t.state = text(3);
    t.submitted = text(4);
    t.submitted_unix = std::stoll(text(5));
    t.started = text(6);
    t.finished = text(7);
    t.finished_unix = std::stoll(text(8));
    t.error = text(9);
    if (!PQgetisnull(rows, row, 10)) t.score = std::stoi(text(10));
    t.result = text(11);
    return t;
  }
  static std::vector<WebTest> read_tests(PGresult* rows) {
    std::vector<WebTest> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows)));
    for (int i = 0; i < PQntuples(rows); ++i) out.push_back(read_test(rows, i));
    return out;
  }

  core::Result<Submission> submit_test(const std::string& id, const std::string& domain,
                                       const std::string& families, std::int64_t now,
                                       std::int64_t reuse_seconds, bool allow_new) override {
    if (auto r = script("BEGIN"); !r) return r.error();
    // Submissions of one domain are serialised, so two at once cannot both start a test.
    auto submitted = run("SELECT pg_advisory_xact_lock(7008, hashtext($1))", {domain});
    std::optional<Submission> out;
    if (submitted) {
      auto existing = run("SELECT " + test_columns(false) +
                              " FROM web_tests WHERE domain = $1 AND families = $2 AND "
                              "(state IN ('queued', 'running') OR "
                              "(state = 'done' AND finished_unix >= $3)) "
                              "ORDER BY submitted_unix DESC LIMIT 1",
                          {domain, families, std::to_string(now - reuse_seconds)});
      if (!existing) {
        submitted = existing.error();
      } else if (PQntuples(existing->get()) == 1) {
        out = Submission{read_test(existing->get(), 0), false};
      } else if (!allow_new) {
        out = Submission{};
      } else {
        auto inserted =
            run("INSERT INTO web_tests (id, domain, families, state, submitted, submitted_unix) "
                "VALUES ($1, $2, $3, 'queued', $4, $5) RETURNING " +
                    test_columns(false),
                {id, domain, families, iso_time(now), std::to_string(now)});
        if (!inserted) {
          submitted = inserted.error();
        } else {
          out = Submission{read_test(inserted->get(), 0), true};
        }
      }
    }
    if (!submitted || !out) {
      rollback();
      return submitted ? core::make_error("database: submission failed") : submitted.error();
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return *out;
  }

  core::Result<std::optional<WebTest>> find_test(const std::string& id) override {
    auto rows = run("SELECT " + test_columns(true) + " FROM web_tests WHERE id = $1", {id});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) == 0) return std::optional<WebTest>();
    return std::optional<WebTest>(read_test(rows->get(), 0));
  }

  core::Result<std::optional<WebTest>> claim_test(const std::string& worker, std::int64_t now,
                                                  std::int64_t lease_until) override {
    // SKIP LOCKED: servers and workers claiming at once take different tests.
    auto rows =
        run("UPDATE web_tests SET state = 'running', worker = $1, lease_until = $2, "
            "started = $3 WHERE id = (SELECT id FROM web_tests WHERE state = 'queued' OR "
            "(state = 'running' AND lease_until < $4) ORDER BY for_batch, submitted_unix, id "
            "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " +
                test_columns(false),
            {worker, std::to_string(lease_until), iso_time(now), std::to_string(now)});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) == 0) return std::optional<WebTest>();
    return std::optional<WebTest>(read_test(rows->get(), 0));
  }

  core::Result<Ok> finish_test(const std::string& id, const std::string& worker,
                               std::optional<int> score, const std::string& result,
                               std::int64_t now) override {
    auto rows =
        run("UPDATE web_tests SET state = 'done', finished = $1, finished_unix = $2, "
            "score = $3, result = $4 WHERE id = $5 AND state = 'running' AND worker = $6",
            {iso_time(now), std::to_string(now), score ? Param(std::to_string(*score)) : Param(),
             result, id, worker});
    if (!rows) return rows.error();
    return true;
  }

  core::Result<Ok> fail_test(const std::string& id, const std::string& worker,
                             const std::string& reason, std::int64_t now) override {
    auto rows =
        run("UPDATE web_tests SET state = 'error', finished = $1, finished_unix = $2, "
            "error = $3 WHERE id = $4 AND state = 'running' AND worker = $5",
            {iso_time(now), std::to_string(now), reason, id, worker});
    if (!rows) return rows.error();
    return true;
  }

  // Shared by several servers and workers: only leases that have expired are taken over, by
  // claim_test, so a restart requeues nothing here.
  core::Result<std::int64_t> requeue_running_tests() override { return std::int64_t{0}; }

  core::Result<std::vector<WebTest>> site_tests(const std::string& domain, int limit,
                                                bool with_results) override {
    auto rows = run("SELECT " + test_columns(with_results) +
                        " FROM web_tests WHERE domain = $1 AND state = 'done' "
                        "ORDER BY finished_unix DESC, submitted_unix DESC LIMIT $2",
                    {domain, std::to_string(limit)});
    if (!rows) return rows.error();
    return read_tests(rows->get());
  }

  core::Result<std::int64_t> active_tests() override {
    auto rows =
        run("SELECT COUNT(*) FROM web_tests WHERE state IN ('queued', 'running') "
            "AND for_batch = 0");
    if (!rows) return rows.error();
    return std::stoll(PQgetvalue(rows->get(), 0, 0));
  }

  core::Result<Ok> release_leases(std::int64_t scan) override {
    auto r = run("UPDATE scan_domains SET state = 0, worker = '' WHERE scan_id = $1 AND state = 1",
                 {std::to_string(scan)});
    if (!r) return r.error();
    return true;
  }

  core::Result<std::vector<std::string>> claim(std::int64_t scan, const std::string& worker,
                                               int count, std::int64_t now,
                                               std::int64_t lease_until) override {
    // SKIP LOCKED: workers claiming at the same moment take different rows instead of waiting.
    auto rows =
        run("UPDATE scan_domains SET state = 1, worker = $1, lease_until = $2 "
            "WHERE scan_id = $3 AND domain IN (SELECT domain FROM scan_domains "
            "WHERE scan_id = $3 AND (state = 0 OR (state = 1 AND lease_until < $4)) "
            "ORDER BY position LIMIT $5 FOR UPDATE SKIP LOCKED) RETURNING domain",
            {worker, std::to_string(lease_until), std::to_string(scan), std::to_string(now),
             std::to_string(count)});
    if (!rows) return rows.error();
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i)
      out.emplace_back(PQgetvalue(rows->get(), i, 0));
    return out;
  }

  core::Result<std::size_t> save(std::int64_t scan,
                                 const std::vector<DomainRecord>& records) override {
    if (auto r = script("BEGIN"); !r) return r.error();
    auto stored = save_in_transaction(scan, records);
    if (!stored) {
      rollback();
      return stored;
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return stored;
  }

  core::Result<Progress> progress(std::int64_t scan) override {
    auto rows =
        run("SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 2) FROM scan_domains "
            "WHERE scan_id = $1",
            {std::to_string(scan)});
    if (!rows) return rows.error();
    return Progress{std::stoll(PQgetvalue(rows->get(), 0, 0)),
                    std::stoll(PQgetvalue(rows->get(), 0, 1))};
  }

  core::Result<Ok> finish_scan(std::int64_t scan) override {
    auto r = run("UPDATE scans SET finished = $1 WHERE id = $2 AND finished IS NULL",
                 {iso_now(), std::to_string(scan)});
    if (!r) return r.error();
    return true;
  }

  core::Result<std::vector<ScanInfo>> scans(const std::string& list) override {
    auto rows =
        run("SELECT s.id, l.name, s.started, COALESCE(s.finished, ''), s.tool_version, "
            "s.catalog_version, (SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id), "
            "(SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id AND d.state = 2) "
            "FROM scans s JOIN lists l ON l.id = s.list_id WHERE ($1 = '' OR l.name = $1) "
            "ORDER BY s.id",
            {list});
    if (!rows) return rows.error();
    std::vector<ScanInfo> out;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      auto v = [&](int c) { return std::string(PQgetvalue(rows->get(), i, c)); };
      out.push_back(
          {std::stoll(v(0)), v(1), v(2), v(3), v(4), v(5), std::stoll(v(6)), std::stoll(v(7))});
    }
    return out;
  }

  core::Result<std::vector<std::string>> lists() override {
    auto rows = run("SELECT name FROM lists ORDER BY name");
    if (!rows) return rows.error();
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i)
      out.emplace_back(PQgetvalue(rows->get(), i, 0));
    return out;
  }

  core::Result<std::vector<DomainSummary>> domains(std::int64_t scan) override {
    const std::string id = std::to_string(scan);
    auto rows =
        run("SELECT d.domain, COALESCE(ld.sector, ''), COALESCE(ld.country, ''), "
            "COALESCE(ld.organisation, ''), d.score, COALESCE(d.tested, '') FROM scan_domains d "
            "JOIN scans s ON s.id = d.scan_id "
            "LEFT JOIN list_domains ld ON ld.list_id = s.list_id AND ld.domain = d.domain "
            "WHERE d.scan_id = $1 AND d.state = 2 ORDER BY d.position",
            {id});
    if (!rows) return rows.error();
    std::vector<DomainSummary> out;
    std::map<std::string, std::size_t> index;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      auto v = [&](int c) { return std::string(PQgetvalue(rows->get(), i, c)); };
      DomainSummary d{v(0), v(1), v(2), v(3)};
      if (!PQgetisnull(rows->get(), i, 4)) d.score = std::stoi(v(4));
      d.tested = v(5);
      index[d.domain] = out.size();
      out.push_back(std::move(d));
    }
    auto standards =
        run("SELECT domain, standard_id, verdict FROM standard_results WHERE scan_id = $1", {id});
    if (!standards) return standards.error();
    for (int i = 0; i < PQntuples(standards->get()); ++i) {
      auto it = index.find(PQgetvalue(standards->get(), i, 0));
      if (it == index.end()) continue;
      out[it->second].standards.push_back(
          {PQgetvalue(standards->get(), i, 1), PQgetvalue(standards->get(), i, 2)});
    }
    return out;
  }

  core::Result<std::vector<CheckCount>> check_counts(std::int64_t scan) override {
    auto rows = run(check_counts_sql("$1"), {std::to_string(scan)});
    if (!rows) return rows.error();
    std::vector<CheckCount> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      out.push_back({PQgetvalue(rows->get(), i, 0), PQgetvalue(rows->get(), i, 1),
                     std::stoll(PQgetvalue(rows->get(), i, 2))});
    }
    return out;
  }

  core::Result<std::vector<core::CheckResult>> domain_results(std::int64_t scan,
                                                              const std::string& domain) override {
    auto rows =
        run("SELECT check_id, target, verdict, summary, details FROM results "
            "WHERE scan_id = $1 AND domain = $2 ORDER BY ctid",
            {std::to_string(scan), domain});
    if (!rows) return rows.error();
    std::vector<core::CheckResult> out;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      auto v = [&](int c) { return std::string(PQgetvalue(rows->get(), i, c)); };
      out.push_back(result_row(v(0), v(1), v(2), v(3), v(4)));
    }
    return out;
  }

  core::Result<NoticeSettings> notice_settings(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    auto rows =
        run("SELECT enabled, mandate, sender, sender_name, reply_to, base_url, period_days "
            "FROM notice_settings WHERE list_id = $1",
            {*id});
    if (!rows) return rows.error();
    NoticeSettings out;
    if (PQntuples(rows->get()) == 1) {
      auto v = [&](int c) { return std::string(PQgetvalue(rows->get(), 0, c)); };
      out.enabled = v(0) != "0";
      out.mandate = v(1);
      out.sender = v(2);
      out.sender_name = v(3);
      out.reply_to = v(4);
      out.base_url = v(5);
      out.period_days = std::stoi(v(6));
    }
    return out;
  }

  core::Result<Ok> save_notice_settings(const std::string& list, const NoticeSettings& n) override {
    auto id = list_id(list);
    if (!id) return id.error();
    auto r = run(kUpsertNoticeSettingsSql,
                 {*id, n.enabled ? "1" : "0", n.mandate, n.sender, n.sender_name, n.reply_to,
                  n.base_url, std::to_string(n.period_days)});
    if (!r) return r.error();
    return true;
  }

  core::Result<Ok> save_contacts(const std::string& list,
                                 const std::vector<ListContact>& contacts) override {
    auto id = list_id(list);
    if (!id) return id.error();
    if (auto r = script("BEGIN"); !r) return r;
    auto done = [&]() -> core::Result<Ok> {
      if (auto r = run("DELETE FROM notice_contacts WHERE list_id = $1", {*id}); !r)
        return r.error();
      for (const auto& c : contacts) {
        auto r =
            run("INSERT INTO notice_contacts (list_id, organisation, domain, address) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (list_id, organisation, domain) "
                "DO UPDATE SET address = excluded.address",
                {*id, c.organisation, c.domain, c.address});
        if (!r) return r.error();
      }
      return true;
    }();
    if (!done) {
      rollback();
      return done;
    }
    return script("COMMIT");
  }

  core::Result<std::vector<ListContact>> contacts(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    auto rows =
        run("SELECT organisation, domain, address FROM notice_contacts WHERE list_id = $1 "
            "ORDER BY organisation, domain",
            {*id});
    if (!rows) return rows.error();
    std::vector<ListContact> out;
    out.reserve(static_cast<std::size_t>(PQntuples(rows->get())));
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      out.push_back({PQgetvalue(rows->get(), i, 0), PQgetvalue(rows->get(), i, 1),
                     PQgetvalue(rows->get(), i, 2)});
    }
    return out;
  }

  core::Result<NoticeHistory> notice_history(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    NoticeHistory out;
    auto told = run(kToldSql, {*id});
    if (!told) return told.error();
    for (int i = 0; i < PQntuples(told->get()); ++i) {
      NoticeHistory::Key key{PQgetvalue(told->get(), i, 0), PQgetvalue(told->get(), i, 1)};
      out.told[key] = std::stoll(PQgetvalue(told->get(), i, 2));
      if (!PQgetisnull(told->get(), i, 3))
        out.last_pass[key] = std::stoll(PQgetvalue(told->get(), i, 3));
    }
    auto last = run(kLastNoticeSql);
    if (!last) return last.error();
    for (int i = 0; i < PQntuples(last->get()); ++i) {
      out.last_notice[PQgetvalue(last->get(), i, 0)] = std::stoll(PQgetvalue(last->get(), i, 1));
    }
    return out;
  }

  core::Result<std::string> recipient_token(const std::string& address,
                                            const std::string& candidate) override {
    auto insert =
        run("INSERT INTO notice_recipients (address, token, created) VALUES ($1, $2, $3) "
            "ON CONFLICT (address) DO NOTHING",
            {address, candidate, iso_now()});
    if (!insert) return insert.error();
    auto rows = run("SELECT token FROM notice_recipients WHERE address = $1", {address});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) != 1) return core::make_error("database: no token for " + address);
    return std::string(PQgetvalue(rows->get(), 0, 0));
  }

  core::Result<bool> opted_out(const std::string& address) override {
    auto rows =
        run("SELECT COUNT(*) FROM notice_recipients WHERE address = $1 "
            "AND opted_out IS NOT NULL",
            {address});
    if (!rows) return rows.error();
    return std::stoll(PQgetvalue(rows->get(), 0, 0)) > 0;
  }

  core::Result<std::optional<std::string>> record_optout(const std::string& token,
                                                         std::int64_t now_unix) override {
    if (auto r = script("BEGIN"); !r) return r.error();
    auto done = [&]() -> core::Result<std::optional<std::string>> {
      auto rows =
          run("SELECT address, opted_out IS NOT NULL FROM notice_recipients "
              "WHERE token = $1 FOR UPDATE",
              {token});
      if (!rows) return rows.error();
      if (PQntuples(rows->get()) != 1) return std::optional<std::string>();
      const std::string address = PQgetvalue(rows->get(), 0, 0);
      if (std::string(PQgetvalue(rows->get(), 0, 1)) == "t")
        return std::optional<std::string>(address);
      if (auto r = run("UPDATE notice_recipients SET opted_out = $1 WHERE token = $2",
                       {iso_time(now_unix), token});
          !r) {
        return r.error();
      }
      if (auto r = run(kOptoutLogSql, {iso_time(now_unix), std::to_string(now_unix), address}); !r)
        return r.error();
      return std::optional<std::string>(address);
    }();
    if (!done) {
      rollback();
      return done;
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return done;
  }

  core::Result<std::optional<TokenHolder>> token_holder(const std::string& token) override {
    auto rows = run("SELECT address, opted_out IS NOT NULL FROM notice_recipients WHERE token = $1",
                    {token});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) != 1) return std::optional<TokenHolder>();
    return std::optional<TokenHolder>(TokenHolder{
        PQgetvalue(rows->get(), 0, 0), std::string(PQgetvalue(rows->get(), 0, 1)) == "t"});
  }

  core::Result<std::optional<NoticeRecord>> record_bounce(const std::string& message_id,
                                                          const std::string& reason) override {
    if (auto r = run(kBounceSql, {message_id, reason}); !r) return r.error();
    auto rows = run(kNoticeByMessageIdSql, {message_id});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) != 1) return std::optional<NoticeRecord>();
    NoticeRecord n = notice_row(rows->get(), 0);
    return std::optional<NoticeRecord>(std::move(n));
  }

  core::Result<std::int64_t> record_notice(const NoticeRecord& n) override {
    auto id = list_id(n.list);
    if (!id) return id.error();
    if (auto r = script("BEGIN"); !r) return r.error();
    auto done = [&]() -> core::Result<std::int64_t> {
      auto rows =
          run("INSERT INTO notice_log (list_id, scan_id, domain, recorded, recorded_unix, state, "
              "reason, recipient, source, message_id, language) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
              {*id, n.scan ? Param(std::to_string(*n.scan)) : Param(), n.domain,
               n.recorded.empty() ? iso_time(n.recorded_unix) : n.recorded,
               std::to_string(n.recorded_unix), n.state, n.reason, n.recipient, n.source,
               n.message_id, n.language});
      if (!rows) return rows.error();
      const std::string notice = PQgetvalue(rows->get(), 0, 0);
      for (const auto& finding : n.findings) {
        auto r =
            run("INSERT INTO notice_findings (notice_id, domain, standard_id) "
                "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                {notice, n.domain, finding});
        if (!r) return r.error();
      }
      return std::stoll(notice);
    }();
    if (!done) {
      rollback();
      return done;
    }
    if (auto r = script("COMMIT"); !r) return r.error();
    return done;
  }

  core::Result<std::vector<NoticeRecord>> notices(const std::string& list,
                                                  std::int64_t limit) override {
    auto rows = run(kNoticesSql, {list, std::to_string(limit)});
    if (!rows) return rows.error();
    std::vector<NoticeRecord> out;
    std::map<std::int64_t, std::size_t> index;
    for (int i = 0; i < PQntuples(rows->get()); ++i) {
      NoticeRecord n = notice_row(rows->get(), i);
      index[n.id] = out.size();
      out.push_back(std::move(n));
    }
    if (out.empty()) return out;
    auto findings =
        run("SELECT notice_id, standard_id FROM notice_findings WHERE notice_id >= $1 "
            "AND notice_id <= $2 ORDER BY notice_id, standard_id",
            {std::to_string(out.back().id), std::to_string(out.front().id)});
    if (!findings) return findings.error();
    for (int i = 0; i < PQntuples(findings->get()); ++i) {
      if (auto it = index.find(std::stoll(PQgetvalue(findings->get(), i, 0))); it != index.end())
        out[it->second].findings.emplace_back(PQgetvalue(findings->get(), i, 1));
    }
    return out;
  }

  core::Result<Ok> set_hall_of_fame_optout(const std::string& domain, bool out) override {
    auto r = out ? run("INSERT INTO hall_of_fame_optouts (domain, recorded) VALUES ($1, $2) "
                       "ON CONFLICT (domain) DO NOTHING",
                       {domain, iso_now()})
                 : run("DELETE FROM hall_of_fame_optouts WHERE domain = $1", {domain});
    if (!r) return r.error();
    return true;
  }

  core::Result<std::set<std::string>> hall_of_fame_optouts() override {
    auto rows = run("SELECT domain FROM hall_of_fame_optouts");
    if (!rows) return rows.error();
    std::set<std::string> out;
    for (int i = 0; i < PQntuples(rows->get()); ++i) out.emplace(PQgetvalue(rows->get(), i, 0));
    return out;
  }

 private:
  // The list's id, as text (a parameter).
  core::Result<std::string> list_id(const std::string& name) {
    auto rows = run("SELECT id FROM lists WHERE name = $1", {name});
    if (!rows) return rows.error();
    if (PQntuples(rows->get()) != 1)
      return core::make_error("no list '" + name + "' in the database");
    return std::string(PQgetvalue(rows->get(), 0, 0));
  }

  core::Result<Ok> migrate_in_transaction() {
    if (auto r = run(kMigrationLock); !r) return r.error();
    if (auto r =
            script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
        !r) {
      return r;
    }
    auto current = run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!current) return current.error();
    const auto have = std::stoll(PQgetvalue(current->get(), 0, 0));
    const auto& all = migrations(Dialect::kPostgresql);
    for (std::size_t v = static_cast<std::size_t>(have) + 1; v <= all.size(); ++v) {
      if (auto r = script(all[v - 1]); !r) {
        return core::make_error("schema migration " + std::to_string(v) + ": " + r.error().message);
      }
      if (auto r = run("INSERT INTO schema_migrations VALUES ($1)", {std::to_string(v)}); !r) {
        return r.error();
      }
    }
    return true;
  }

  core::Result<std::int64_t> save_list_in_transaction(const std::string& name,
                                                      const std::vector<core::ListEntry>& entries) {
    auto id_rows =
        run("INSERT INTO lists (name, created) VALUES ($1, $2) "
            "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
            {name, iso_now()});
    if (!id_rows) return id_rows.error();
    const std::string id = PQgetvalue(id_rows->get(), 0, 0);
    if (auto r = run("DELETE FROM list_domains WHERE list_id = $1", {id}); !r) return r.error();
    for (std::size_t start = 0; start < entries.size(); start += kRowsPerInsert) {
      std::string sql =
          "INSERT INTO list_domains (list_id, domain, position, sector, country, organisation) "
          "VALUES ";
      std::vector<Param> params;
      const auto end = std::min(entries.size(), start + kRowsPerInsert);
      for (std::size_t i = start; i < end; ++i) {
        const auto n = params.size();
        sql += (i == start ? "" : ",") + placeholders(n, 6);
        const auto& e = entries[i];
        params.insert(params.end(),
                      {id, e.domain, std::to_string(i), e.sector, e.country, e.organisation});
      }
      if (auto r = run(sql, params); !r) return r.error();
    }
    return std::stoll(id);
  }

  core::Result<std::size_t> save_in_transaction(std::int64_t scan,
                                                const std::vector<DomainRecord>& records) {
    const std::string scan_id = std::to_string(scan);
    std::size_t stored = 0;
    for (const auto& record : records) {
      // Row lock: a second worker finishing the same domain waits here, then sees state 2.
      auto marked = run(
          "UPDATE scan_domains SET state = 2, tested = $1, duration_ms = $2, score = $3 "
          "WHERE scan_id = $4 AND domain = $5 AND state <> 2",
          {record.tested, std::to_string(record.duration_ms),
           record.score ? Param(std::to_string(*record.score)) : Param(), scan_id, record.domain});
      if (!marked) return marked.error();
      if (std::string(PQcmdTuples(marked->get())) != "1") continue;
      ++stored;
      for (std::size_t start = 0; start < record.results.size(); start += kRowsPerInsert) {
        std::string sql =
            "INSERT INTO results (scan_id, domain, check_id, target, verdict, summary, details) "
            "VALUES ";
        std::vector<Param> params;
        const auto end = std::min(record.results.size(), start + kRowsPerInsert);
        for (std::size_t i = start; i < end; ++i) {
          sql += (i == start ? "" : ",") + placeholders(params.size(), 7);
          const auto& r = record.results[i];
          params.insert(params.end(),
                        {scan_id, record.domain, r.id, r.target,
                         std::string(core::to_string(r.verdict)), r.summary,
                         r.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
        }
        if (auto r = run(sql, params); !r) return r.error();
      }
      if (!record.standards.empty()) {
        std::string sql =
            "INSERT INTO standard_results (scan_id, domain, standard_id, verdict) VALUES ";
        std::vector<Param> params;
        for (std::size_t i = 0; i < record.standards.size(); ++i) {
          sql += (i == 0 ? "" : ",") + placeholders(params.size(), 4);
          params.insert(params.end(), {scan_id, record.domain, record.standards[i].standard,
                                       record.standards[i].verdict});
        }
        if (auto r = run(sql, params); !r) return r.error();
      }
    }
    return stored;
  }

  // "($n+1,…,$n+count)"
  static std::string placeholders(std::size_t first, std::size_t count) {
    std::string s = "(";
    for (std::size_t i = 1; i <= count; ++i) s += (i > 1 ? ",$" : "$") + std::to_string(first + i);
    return s + ")";
  }

  Connection connection_;
  std::unique_ptr<PostgresSql> sql_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
  const char* keys[] = {"dbname", "connect_timeout", nullptr};
  const char* values[] = {url.c_str(), kConnectTimeoutSeconds, nullptr};
  // expand_dbname: the URL's own settings apply; connect_timeout bounds the connection attempt.
  Connection connection(PQconnectdbParams(keys, values, 1));
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    std::string message = connection ? PQerrorMessage(connection.get()) : "out of memory";
    message = one_line(message);
    return core::make_error("cannot connect to PostgreSQL: " + message);
  }
  auto store = std::make_unique<PostgresStore>(std::move(connection));
  for (const char* setting : {kStatementTimeout, "SET client_min_messages = warning"}) {
    if (auto r = store->script(setting); !r) return r.error();
  }
  if (auto r = store->migrate(); !r) return core::make_error("PostgreSQL: " + r.error().message);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace baseline::store
