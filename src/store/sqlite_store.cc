// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <map>

#include "core/verdict.h"
#include "store/notices_sql.h"
#include "store/schema.h"
#include "store/sql_connection.h"

namespace baseline::store {

namespace {

// How long a statement waits for another connection's lock before failing.
constexpr int kBusyTimeoutMs = 10000;

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

// A prepared statement with positional binding (1-based) and row stepping.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    status_ = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    statement_.reset(raw);
  }
  bool prepared() const { return status_ == SQLITE_OK; }
  Statement& bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_.get(), index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_.get(), index, value);
    return *this;
  }
  Statement& bind_null(int index) {
    sqlite3_bind_null(statement_.get(), index);
    return *this;
  }
  // true: a row is ready; false: done (check failed() for an error)
  bool step() {
    status_ = sqlite3_step(statement_.get());
    return status_ == SQLITE_ROW;
  }
  bool failed() const {
    return status_ != SQLITE_ROW && status_ != SQLITE_DONE && status_ != SQLITE_OK;
  }
  void reset() {
    sqlite3_reset(statement_.get());
    sqlite3_clear_bindings(statement_.get());
  }
  int columns() { return sqlite3_column_count(statement_.get()); }
  std::int64_t integer(int column) { return sqlite3_column_int64(statement_.get(), column); }
  bool is_null(int column) { return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL; }
  std::string text(int column) {
    const auto* p = sqlite3_column_text(statement_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  }
  core::Error error() const {
    return core::make_error(std::string("database: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement_;
  int status_ = SQLITE_OK;
};

// One row of notice_log in the column order of kNoticesSql and kNoticeByMessageIdSql.
NoticeRecord notice_row(Statement& s) {
  NoticeRecord n;
  n.id = s.integer(0);
  n.list = s.text(1);
  if (!s.is_null(2)) n.scan = s.integer(2);
  n.domain = s.text(3);
  n.recorded = s.text(4);
  n.recorded_unix = s.integer(5);
  n.state = s.text(6);
  n.reason = s.text(7);
  n.recipient = s.text(8);
  n.source = s.text(9);
  n.message_id = s.text(10);
  n.language = s.text(11);
  return n;
}

// The SqlConnection seam on SQLite (sql_connection.h): $n parameters become ?n.
class SqliteSql final : public SqlConnection {
 public:
  explicit SqliteSql(sqlite3* db) : db_(db) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  core::Result<std::vector<SqlRow>> query(std::string_view sql,
                                          const std::vector<SqlParam>& params) override {
    std::vector<SqlRow> rows;
    auto ran = run(sql, params, &rows);
    if (!ran) return ran.error();
    return rows;
  }
  core::Result<std::int64_t> change(std::string_view sql,
                                    const std::vector<SqlParam>& params) override {
    auto ran = run(sql, params, nullptr);
    if (!ran) return ran.error();
    return std::int64_t{sqlite3_changes(db_)};
  }
  core::Result<bool> begin() override { return plain("BEGIN IMMEDIATE"); }
  core::Result<bool> commit() override { return plain("COMMIT"); }
  void rollback() override { (void)plain("ROLLBACK"); }

 private:
  core::Result<bool> plain(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return core::make_error(std::string("database: ") + sqlite3_errmsg(db_));
    }
    return true;
  }
  core::Result<bool> run(std::string_view sql, const std::vector<SqlParam>& params,
                         std::vector<SqlRow>* rows) {
    const auto text = sqlite_parameters(std::string(sql));
    Statement s(db_, text.c_str());
    if (!s.prepared()) return s.error();
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (const auto* t = std::get_if<std::string>(&params[i])) {
        s.bind(index, *t);
      } else if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
        s.bind(index, *n);
      } else {
        s.bind_null(index);
      }
    }
    while (s.step()) {
      if (rows == nullptr) continue;
      SqlRow row;
      const int columns = s.columns();
      for (int c = 0; c < columns; ++c) {
        row.push_back(s.is_null(c) ? std::nullopt : std::optional<std::string>(s.text(c)));
      }
      rows->push_back(std::move(row));
    }
    if (s.failed()) return s.error();
    return true;
  }

  sqlite3* db_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Database db) : db_(std::move(db)) {}
  std::string kind() const override { return "sqlite"; }
  SqlConnection* sql() override {
    if (!sql_) sql_ = std::make_unique<SqliteSql>(db_.get());
    return sql_.get();
  }

  core::Result<Ok> execute(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return core::make_error("database: " + text);
    }
    return true;
  }

  core::Result<Ok> migrate() {
    if (auto r =
            execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
        !r) {
      return r;
    }
    Statement current(db_.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!current.prepared() || !current.step()) return current.error();
    const auto have = current.integer(0);
    const auto& all = migrations(Dialect::kSqlite);
    for (std::size_t v = static_cast<std::size_t>(have) + 1; v <= all.size(); ++v) {
      if (auto r = execute("BEGIN IMMEDIATE"); !r) return r;
      auto applied = execute(all[v - 1]);
      if (applied)
        applied = execute("INSERT INTO schema_migrations VALUES (" + std::to_string(v) + ")");
      if (!applied) {
        (void)execute("ROLLBACK");
        return core::make_error("schema migration " + std::to_string(v) + ": " +
                                applied.error().message);
      }
      if (auto r = execute("COMMIT"); !r) return r;
    }
    return true;
  }

  core::Result<std::int64_t> save_list(const std::string& name,
                                       const std::vector<core::ListEntry>& entries) override {
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    auto id = save_list_in_transaction(name, entries);
    if (!id) {
      (void)execute("ROLLBACK");
      return id;
    }
    if (auto r = execute("COMMIT"); !r) return r.error();
    return id;
  }

  core::Result<std::int64_t> create_scan(const std::string& list, const std::string& tool_version,
                                         const std::string& catalog_version) override {
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    Statement insert(db_.get(),
                     "INSERT INTO scans (list_id, started, tool_version, catalog_version) "
                     "SELECT id, ?, ?, ? FROM lists WHERE name = ?");
    insert.bind(1, iso_now()).bind(2, tool_version).bind(3, catalog_version).bind(4, list);
    insert.step();
    if (insert.failed() || sqlite3_changes(db_.get()) != 1) {
      (void)execute("ROLLBACK");
      return core::make_error("cannot create a scan of list '" + list + "'");
    }
    const auto scan = sqlite3_last_insert_rowid(db_.get());
    Statement copy(
        db_.get(),
        "INSERT INTO scan_domains (scan_id, domain, position) "
        "SELECT ?, d.domain, d.position FROM list_domains d JOIN lists l ON l.id = d.list_id "
        "WHERE l.name = ?");
    copy.bind(1, scan).bind(2, list);
    copy.step();
    if (copy.failed()) {
      auto e = copy.error();
      (void)execute("ROLLBACK");
      return e;
    }
    if (auto r = execute("COMMIT"); !r) return r.error();
    return scan;
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

  // The columns of a WebTest, in read_test's order; `result` only when asked for.
  static std::string test_columns(bool with_result) {
    return std::string(
               "id, domain, families, state, submitted, submitted_unix, COALESCE(started, ''), "
               "COALESCE(finished, ''), COALESCE(finished_unix, 0), COALESCE(error, ''), score, ") +
           (with_result ? "COALESCE(result, '')" : "''");
  }
  static WebTest read_test(Statement& s) {
    WebTest t;
    t.id = s.text(0);
    t.domain = s.text(1);
    t.families = s.text(2);
    t.state = s.text(3);
    t.submitted = s.text(4);
    t.submitted_unix = s.integer(5);
    t.started = s.text(6);
    t.finished = s.text(7);
    t.finished_unix = s.integer(8);
    t.error = s.text(9);
    if (!s.is_null(10)) t.score = static_cast<int>(s.integer(10));
    t.result = s.text(11);
    return t;
  }

  core::Result<Submission> submit_test(const std::string& id, const std::string& domain,
                                       const std::string& families, std::int64_t now,
                                       std::int64_t reuse_seconds, bool allow_new) override {
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    auto submitted = submit_in_transaction(id, domain, families, now, reuse_seconds, allow_new);
    if (!submitted) {
      (void)execute("ROLLBACK");
      return submitted;
    }
    if (auto r = execute("COMMIT"); !r) {
      (void)execute("ROLLBACK");
      return r.error();
    }
    return submitted;
  }

  core::Result<Submission> submit_in_transaction(const std::string& id, const std::string& domain,
                                                 const std::string& families, std::int64_t now,
                                                 std::int64_t reuse_seconds, bool allow_new) {
    Statement existing(
        db_.get(), ("SELECT " + test_columns(false) +
                    " FROM web_tests WHERE domain = ? AND families = ? AND "
                    "(state IN ('queued', 'running') OR (state = 'done' AND finished_unix >= ?)) "
                    "ORDER BY submitted_unix DESC LIMIT 1")
                       .c_str());
    existing.bind(1, domain).bind(2, families).bind(3, now - reuse_seconds);
    if (existing.step()) return Submission{read_test(existing), false};
    if (existing.failed()) return existing.error();
    if (!allow_new) return Submission{};
    Statement insert(db_.get(),
                     "INSERT INTO web_tests (id, domain, families, state, submitted, "
                     "submitted_unix) VALUES (?, ?, ?, 'queued', ?, ?)");
    insert.bind(1, id).bind(2, domain).bind(3, families).bind(4, iso_time(now)).bind(5, now);
    insert.step();
    if (insert.failed()) return insert.error();
    WebTest t;
    t.id = id;
    t.domain = domain;
    t.families = families;
    t.state = kQueued;
    t.submitted = iso_time(now);
    t.submitted_unix = now;
    return Submission{t, true};
  }

  core::Result<std::optional<WebTest>> find_test(const std::string& id) override {
    Statement s(db_.get(),
                ("SELECT " + test_columns(true) + " FROM web_tests WHERE id = ?").c_str());
    s.bind(1, id);
    if (s.step()) return std::optional<WebTest>(read_test(s));
    if (s.failed()) return s.error();
    return std::optional<WebTest>();
  }

  core::Result<std::optional<WebTest>> claim_test(const std::string& worker, std::int64_t now,
                                                  std::int64_t lease_until) override {
    Statement s(
        db_.get(),
        ("UPDATE web_tests SET state = 'running', worker = ?, lease_until = ?, "
         "started = ? WHERE id = (SELECT id FROM web_tests WHERE state = 'queued' OR "
         "(state = 'running' AND lease_until < ?) ORDER BY for_batch, submitted_unix, id LIMIT 1) "
         "RETURNING " +
         test_columns(false))
            .c_str());
    s.bind(1, worker).bind(2, lease_until).bind(3, iso_time(now)).bind(4, now);
    if (s.step()) {
      auto t = read_test(s);
      while (s.step()) {
      }
      return std::optional<WebTest>(t);
    }
    if (s.failed()) return s.error();
    return std::optional<WebTest>();
  }

  core::Result<Ok> finish_test(const std::string& id, const std::string& worker,
                               std::optional<int> score, const std::string& result,
                               std::int64_t now) override {
    Statement s(db_.get(),
                "UPDATE web_tests SET state = 'done', finished = ?, finished_unix = ?, score = ?, "
                "result = ? WHERE id = ? AND state = 'running' AND worker = ?");
    s.bind(1, iso_time(now)).bind(2, now);
    if (score) {
      s.bind(3, std::int64_t{*score});
    } else {
      s.bind_null(3);
    }
    s.bind(4, result).bind(5, id).bind(6, worker);
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<Ok> fail_test(const std::string& id, const std::string& worker,
                             const std::string& reason, std::int64_t now) override {
    Statement s(db_.get(),
                "UPDATE web_tests SET state = 'error', finished = ?, finished_unix = ?, error = ? "
                "WHERE id = ? AND state = 'running' AND worker = ?");
    s.bind(1, iso_time(now)).bind(2, now).bind(3, reason).bind(4, id).bind(5, worker);
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<std::int64_t> requeue_running_tests() override {
    Statement s(db_.get(),
                "UPDATE web_tests SET state = 'queued', worker = '', lease_until = 0 "
                "WHERE state = 'running'");
    s.step();
    if (s.failed()) return s.error();
    return std::int64_t{sqlite3_changes(db_.get())};
  }

  core::Result<std::vector<WebTest>> site_tests(const std::string& domain, int limit,
                                                bool with_results) override {
    Statement s(db_.get(), ("SELECT " + test_columns(with_results) +
                            " FROM web_tests WHERE domain = ? AND state = 'done' "
                            "ORDER BY finished_unix DESC, submitted_unix DESC LIMIT ?")
                               .c_str());
    s.bind(1, domain).bind(2, std::int64_t{limit});
    std::vector<WebTest> out;
    while (s.step()) out.push_back(read_test(s));
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<std::int64_t> active_tests() override {
    Statement s(db_.get(),
                "SELECT COUNT(*) FROM web_tests WHERE state IN ('queued', 'running') "
                "AND for_batch = 0");
    if (!s.step()) return s.error();
    return s.integer(0);
  }

  core::Result<Ok> release_leases(std::int64_t scan) override {
    Statement s(db_.get(),
                "UPDATE scan_domains SET state = 0, worker = '' WHERE scan_id = ? AND state = 1");
    s.bind(1, scan);
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<std::vector<std::string>> claim(std::int64_t scan, const std::string& worker,
                                               int count, std::int64_t now,
                                               std::int64_t lease_until) override {
    Statement s(db_.get(),
                "UPDATE scan_domains SET state = 1, worker = ?, lease_until = ? "
                "WHERE scan_id = ? AND domain IN (SELECT domain FROM scan_domains "
                "WHERE scan_id = ? AND (state = 0 OR (state = 1 AND lease_until < ?)) "
                "ORDER BY position LIMIT ?) RETURNING domain");
    s.bind(1, worker)
        .bind(2, lease_until)
        .bind(3, scan)
        .bind(4, scan)
        .bind(5, now)
        .bind(6, std::int64_t{count});
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<std::size_t> save(std::int64_t scan,
                                 const std::vector<DomainRecord>& records) override {
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    auto stored = save_in_transaction(scan, records);
    if (!stored) {
      (void)execute("ROLLBACK");
      return stored;
    }
    if (auto r = execute("COMMIT"); !r) {
      (void)execute("ROLLBACK");
      return r.error();
    }
    return stored;
  }

  core::Result<Progress> progress(std::int64_t scan) override {
    Statement s(db_.get(),
                "SELECT COUNT(*), COALESCE(SUM(state = 2), 0) FROM scan_domains WHERE scan_id = ?");
    s.bind(1, scan);
    if (!s.step()) return s.error();
    return Progress{s.integer(0), s.integer(1)};
  }

  core::Result<Ok> finish_scan(std::int64_t scan) override {
    Statement s(db_.get(), "UPDATE scans SET finished = ? WHERE id = ? AND finished IS NULL");
    s.bind(1, iso_now()).bind(2, scan);
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<std::vector<ScanInfo>> scans(const std::string& list) override {
    Statement s(db_.get(),
                "SELECT s.id, l.name, s.started, COALESCE(s.finished, ''), s.tool_version, "
                "s.catalog_version, (SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id), "
                "(SELECT COUNT(*) FROM scan_domains d WHERE d.scan_id = s.id AND d.state = 2) "
                "FROM scans s JOIN lists l ON l.id = s.list_id WHERE (? = '' OR l.name = ?) "
                "ORDER BY s.id");
    s.bind(1, list).bind(2, list);
    std::vector<ScanInfo> out;
    while (s.step()) {
      out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                     s.integer(6), s.integer(7)});
    }
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<std::vector<std::string>> lists() override {
    Statement s(db_.get(), "SELECT name FROM lists ORDER BY name");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<std::vector<DomainSummary>> domains(std::int64_t scan) override {
    std::vector<DomainSummary> out;
    std::map<std::string, std::size_t> index;
    Statement s(
        db_.get(),
        "SELECT d.domain, COALESCE(ld.sector, ''), COALESCE(ld.country, ''), "
        "COALESCE(ld.organisation, ''), d.score, COALESCE(d.tested, '') FROM scan_domains d "
        "JOIN scans s ON s.id = d.scan_id "
        "LEFT JOIN list_domains ld ON ld.list_id = s.list_id AND ld.domain = d.domain "
        "WHERE d.scan_id = ? AND d.state = 2 ORDER BY d.position");
    s.bind(1, scan);
    while (s.step()) {
      DomainSummary d{s.text(0), s.text(1), s.text(2), s.text(3)};
      if (!s.is_null(4)) d.score = static_cast<int>(s.integer(4));
      d.tested = s.text(5);
      index[d.domain] = out.size();
      out.push_back(std::move(d));
    }
    if (s.failed()) return s.error();
    Statement st(db_.get(),
                 "SELECT domain, standard_id, verdict FROM standard_results WHERE scan_id = ?");
    st.bind(1, scan);
    while (st.step()) {
      if (auto it = index.find(st.text(0)); it != index.end()) {
        out[it->second].standards.push_back({st.text(1), st.text(2)});
      }
    }
    if (st.failed()) return st.error();
    return out;
  }

  core::Result<std::vector<CheckCount>> check_counts(std::int64_t scan) override {
    Statement s(db_.get(), check_counts_sql("?").c_str());
    s.bind(1, scan);
    std::vector<CheckCount> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.integer(2)});
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<std::vector<core::CheckResult>> domain_results(std::int64_t scan,
                                                              const std::string& domain) override {
    Statement s(db_.get(),
                "SELECT check_id, target, verdict, summary, details FROM results "
                "WHERE scan_id = ? AND domain = ? ORDER BY rowid");
    s.bind(1, scan).bind(2, domain);
    std::vector<core::CheckResult> out;
    while (s.step())
      out.push_back(result_row(s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)));
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<NoticeSettings> notice_settings(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    Statement s(db_.get(),
                "SELECT enabled, mandate, sender, sender_name, reply_to, base_url, period_days "
                "FROM notice_settings WHERE list_id = ?");
    s.bind(1, *id);
    NoticeSettings out;
    if (s.step()) {
      out.enabled = s.integer(0) != 0;
      out.mandate = s.text(1);
      out.sender = s.text(2);
      out.sender_name = s.text(3);
      out.reply_to = s.text(4);
      out.base_url = s.text(5);
      out.period_days = static_cast<int>(s.integer(6));
    }
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<Ok> save_notice_settings(const std::string& list, const NoticeSettings& n) override {
    auto id = list_id(list);
    if (!id) return id.error();
    Statement s(db_.get(), sqlite_parameters(kUpsertNoticeSettingsSql).c_str());
    s.bind(1, *id)
        .bind(2, std::int64_t{n.enabled ? 1 : 0})
        .bind(3, n.mandate)
        .bind(4, n.sender)
        .bind(5, n.sender_name)
        .bind(6, n.reply_to)
        .bind(7, n.base_url)
        .bind(8, std::int64_t{n.period_days});
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<Ok> save_contacts(const std::string& list,
                                 const std::vector<ListContact>& contacts) override {
    auto id = list_id(list);
    if (!id) return id.error();
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r;
    auto done = [&]() -> core::Result<Ok> {
      Statement clear(db_.get(), "DELETE FROM notice_contacts WHERE list_id = ?");
      clear.bind(1, *id);
      clear.step();
      if (clear.failed()) return clear.error();
      Statement add(db_.get(),
                    "INSERT INTO notice_contacts (list_id, organisation, domain, address) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (list_id, organisation, domain) "
                    "DO UPDATE SET address = excluded.address");
      for (const auto& c : contacts) {
        add.reset();
        add.bind(1, *id).bind(2, c.organisation).bind(3, c.domain).bind(4, c.address);
        add.step();
        if (add.failed()) return add.error();
      }
      return true;
    }();
    if (!done) {
      (void)execute("ROLLBACK");
      return done;
    }
    return execute("COMMIT");
  }

  core::Result<std::vector<ListContact>> contacts(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    Statement s(db_.get(),
                "SELECT organisation, domain, address FROM notice_contacts WHERE list_id = ? "
                "ORDER BY organisation, domain");
    s.bind(1, *id);
    std::vector<ListContact> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
    if (s.failed()) return s.error();
    return out;
  }

  core::Result<NoticeHistory> notice_history(const std::string& list) override {
    auto id = list_id(list);
    if (!id) return id.error();
    NoticeHistory out;
    Statement told(db_.get(), sqlite_parameters(kToldSql).c_str());
    told.bind(1, *id);
    while (told.step()) {
      NoticeHistory::Key key{told.text(0), told.text(1)};
      out.told[key] = told.integer(2);
      if (!told.is_null(3)) out.last_pass[key] = told.integer(3);
    }
    if (told.failed()) return told.error();
    Statement last(db_.get(), kLastNoticeSql);
    while (last.step()) out.last_notice[last.text(0)] = last.integer(1);
    if (last.failed()) return last.error();
    return out;
  }

  core::Result<std::string> recipient_token(const std::string& address,
                                            const std::string& candidate) override {
    Statement insert(db_.get(),
                     "INSERT INTO notice_recipients (address, token, created) VALUES (?, ?, ?) "
                     "ON CONFLICT (address) DO NOTHING");
    insert.bind(1, address).bind(2, candidate).bind(3, iso_now());
    insert.step();
    if (insert.failed()) return insert.error();
    Statement find(db_.get(), "SELECT token FROM notice_recipients WHERE address = ?");
    find.bind(1, address);
    if (!find.step()) return find.error();
    return find.text(0);
  }

  core::Result<bool> opted_out(const std::string& address) override {
    Statement s(
        db_.get(),
        "SELECT COUNT(*) FROM notice_recipients WHERE address = ? AND opted_out IS NOT NULL");
    s.bind(1, address);
    if (!s.step()) return s.error();
    return s.integer(0) > 0;
  }

  core::Result<std::optional<std::string>> record_optout(const std::string& token,
                                                         std::int64_t now_unix) override {
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    auto done = [&]() -> core::Result<std::optional<std::string>> {
      Statement find(
          db_.get(),
          "SELECT address, opted_out IS NOT NULL FROM notice_recipients WHERE token = ?");
      find.bind(1, token);
      if (!find.step()) {
        if (find.failed()) return find.error();
        return std::optional<std::string>();
      }
      const std::string address = find.text(0);
      if (find.integer(1) != 0) return std::optional<std::string>(address);  // already out
      Statement mark(db_.get(), "UPDATE notice_recipients SET opted_out = ? WHERE token = ?");
      mark.bind(1, iso_time(now_unix)).bind(2, token);
      mark.step();
      if (mark.failed()) return mark.error();
      Statement log(db_.get(), sqlite_parameters(kOptoutLogSql).c_str());
      log.bind(1, iso_time(now_unix)).bind(2, now_unix).bind(3, address);
      log.step();
      if (log.failed()) return log.error();
      return std::optional<std::string>(address);
    }();
    if (!done) {
      (void)execute("ROLLBACK");
      return done;
    }
    if (auto r = execute("COMMIT"); !r) return r.error();
    return done;
  }

  core::Result<std::optional<TokenHolder>> token_holder(const std::string& token) override {
    Statement find(db_.get(),
                   "SELECT address, opted_out IS NOT NULL FROM notice_recipients WHERE token = ?");
    find.bind(1, token);
    if (!find.step()) {
      if (find.failed()) return find.error();
      return std::optional<TokenHolder>();
    }
    return std::optional<TokenHolder>(TokenHolder{find.text(0), find.integer(1) != 0});
  }

  core::Result<std::optional<NoticeRecord>> record_bounce(const std::string& message_id,
                                                          const std::string& reason) override {
    Statement mark(db_.get(), sqlite_parameters(kBounceSql).c_str());
    mark.bind(1, message_id).bind(2, reason);
    mark.step();
    if (mark.failed()) return mark.error();
    Statement s(db_.get(), sqlite_parameters(kNoticeByMessageIdSql).c_str());
    s.bind(1, message_id);
    if (!s.step()) {
      if (s.failed()) return s.error();
      return std::optional<NoticeRecord>();
    }
    NoticeRecord n = notice_row(s);
    return std::optional<NoticeRecord>(std::move(n));
  }

  core::Result<std::int64_t> record_notice(const NoticeRecord& n) override {
    auto id = list_id(n.list);
    if (!id) return id.error();
    if (auto r = execute("BEGIN IMMEDIATE"); !r) return r.error();
    auto done = [&]() -> core::Result<std::int64_t> {
      Statement s(db_.get(),
                  "INSERT INTO notice_log (list_id, scan_id, domain, recorded, recorded_unix, "
                  "state, reason, recipient, source, message_id, language) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, *id);
      if (n.scan) {
        s.bind(2, *n.scan);
      } else {
        s.bind_null(2);
      }
      s.bind(3, n.domain)
          .bind(4, n.recorded.empty() ? iso_time(n.recorded_unix) : n.recorded)
          .bind(5, n.recorded_unix)
          .bind(6, n.state)
          .bind(7, n.reason)
          .bind(8, n.recipient)
          .bind(9, n.source)
          .bind(10, n.message_id)
          .bind(11, n.language);
      s.step();
      if (s.failed()) return s.error();
      const auto notice = sqlite3_last_insert_rowid(db_.get());
      Statement f(db_.get(),
                  "INSERT INTO notice_findings (notice_id, domain, standard_id) VALUES (?, ?, ?) "
                  "ON CONFLICT DO NOTHING");
      for (const auto& finding : n.findings) {
        f.reset();
        f.bind(1, notice).bind(2, n.domain).bind(3, finding);
        f.step();
        if (f.failed()) return f.error();
      }
      return notice;
    }();
    if (!done) {
      (void)execute("ROLLBACK");
      return done;
    }
    if (auto r = execute("COMMIT"); !r) return r.error();
    return done;
  }

  core::Result<std::vector<NoticeRecord>> notices(const std::string& list,
                                                  std::int64_t limit) override {
    Statement s(db_.get(), sqlite_parameters(kNoticesSql).c_str());
    s.bind(1, list).bind(2, limit);
    std::vector<NoticeRecord> out;
    std::map<std::int64_t, std::size_t> index;
    while (s.step()) {
      NoticeRecord n = notice_row(s);
      index[n.id] = out.size();
      out.push_back(std::move(n));
    }
    if (s.failed()) return s.error();
    if (out.empty()) return out;
    Statement f(db_.get(),
                "SELECT notice_id, standard_id FROM notice_findings WHERE notice_id >= ? "
                "AND notice_id <= ? ORDER BY notice_id, standard_id");
    f.bind(1, out.back().id).bind(2, out.front().id);
    while (f.step()) {
      if (auto it = index.find(f.integer(0)); it != index.end())
        out[it->second].findings.push_back(f.text(1));
    }
    if (f.failed()) return f.error();
    return out;
  }

  core::Result<Ok> set_hall_of_fame_optout(const std::string& domain, bool out) override {
    Statement s(db_.get(),
                out ? "INSERT INTO hall_of_fame_optouts (domain, recorded) VALUES (?, ?) "
                      "ON CONFLICT (domain) DO NOTHING"
                    : "DELETE FROM hall_of_fame_optouts WHERE domain = ?");
    s.bind(1, domain);
    if (out) s.bind(2, iso_now());
    s.step();
    if (s.failed()) return s.error();
    return true;
  }

  core::Result<std::set<std::string>> hall_of_fame_optouts() override {
    Statement s(db_.get(), "SELECT domain FROM hall_of_fame_optouts");
    std::set<std::string> out;
    while (s.step()) out.insert(s.text(0));
    if (s.failed()) return s.error();
    return out;
  }

 private:
  core::Result<std::int64_t> list_id(const std::string& name) {
    Statement find(db_.get(), "SELECT id FROM lists WHERE name = ?");
    find.bind(1, name);
    if (find.step()) return find.integer(0);
    if (find.failed()) return find.error();
    return core::make_error("no list '" + name + "' in the database");
  }

  core::Result<std::int64_t> save_list_in_transaction(const std::string& name,
                                                      const std::vector<core::ListEntry>& entries) {
    Statement insert(
        db_.get(), "INSERT INTO lists (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
    insert.bind(1, name).bind(2, iso_now());
    insert.step();
    if (insert.failed()) return insert.error();
    Statement find(db_.get(), "SELECT id FROM lists WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) return find.error();
    const auto id = find.integer(0);
    // The list is what the file says now: domains no longer in it leave it (old scans keep theirs).
    Statement clear(db_.get(), "DELETE FROM list_domains WHERE list_id = ?");
    clear.bind(1, id);
    clear.step();
    if (clear.failed()) return clear.error();
    Statement add(
        db_.get(),
        "INSERT INTO list_domains (list_id, domain, position, sector, country, organisation) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    std::int64_t position = 0;
    for (const auto& e : entries) {
      add.reset();
      add.bind(1, id)
          .bind(2, e.domain)
          .bind(3, position++)
          .bind(4, e.sector)
          .bind(5, e.country)
          .bind(6, e.organisation);
      add.step();
      if (add.failed()) return add.error();
    }
    return id;
  }

  core::Result<std::size_t> save_in_transaction(std::int64_t scan,
                                                const std::vector<DomainRecord>& records) {
    Statement mark(db_.get(),
                   "UPDATE scan_domains SET state = 2, tested = ?, duration_ms = ?, score = ? "
                   "WHERE scan_id = ? AND domain = ? AND state <> 2");
    Statement result(
        db_.get(),
        "INSERT INTO results (scan_id, domain, check_id, target, verdict, summary, details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement standard(db_.get(),
                       "INSERT INTO standard_results (scan_id, domain, standard_id, verdict) "
                       "VALUES (?, ?, ?, ?)");
    if (!mark.prepared()) return mark.error();
    std::size_t stored = 0;
    for (const auto& record : records) {
      mark.reset();
      mark.bind(1, record.tested).bind(2, record.duration_ms);
      if (record.score) {
        mark.bind(3, std::int64_t{*record.score});
      } else {
        mark.bind_null(3);
      }
      mark.bind(4, scan).bind(5, record.domain);
      mark.step();
      if (mark.failed()) return mark.error();
      if (sqlite3_changes(db_.get()) != 1) continue;  // done already, or not in this scan
      ++stored;
      for (const auto& r : record.results) {
        result.reset();
        result.bind(1, scan)
            .bind(2, record.domain)
            .bind(3, r.id)
            .bind(4, r.target)
            .bind(5, std::string(core::to_string(r.verdict)))
            .bind(6, r.summary)
            .bind(7, r.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        result.step();
        if (result.failed()) return result.error();
      }
      for (const auto& s : record.standards) {
        standard.reset();
        standard.bind(1, scan).bind(2, record.domain).bind(3, s.standard).bind(4, s.verdict);
        standard.step();
        if (standard.failed()) return standard.error();
      }
    }
    return stored;
  }

  Database db_;
  std::unique_ptr<SqliteSql> sql_;
};

}  // namespace

core::Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  sqlite3* raw = nullptr;
  const int status =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (status != SQLITE_OK) {
    return core::make_error("cannot open database " + path + ": " +
                            (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  auto store = std::make_unique<SqliteStore>(std::move(db));
  // WAL: readers do not block the scan's writer. synchronous=NORMAL: a committed transaction
  // survives the process being killed (only a power loss may drop the last ones).
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
    if (auto r = store->execute(pragma); !r) {
      return core::make_error("cannot use database " + path + ": " + r.error().message);
    }
  }
  if (auto r = store->migrate(); !r) {
    return core::make_error("cannot use database " + path + ": " + r.error().message);
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace baseline::store
