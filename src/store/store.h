// SPDX-License-Identifier: Apache-2.0
// Store: where `baseline scan` keeps lists, scans and results, and `baseline report` reads them.
// One schema (schema.cc) in two databases: SQLite (embedded, the default) and PostgreSQL (shared
// by workers on several machines; the scan's domain queue lives there too).
//
// Threading: a Store is used from one thread at a time (the scan's store thread, or the report).
// Durability: save() writes a batch of finished domains in one transaction, together with the
// mark that they are done, so a killed scan resumes without losing or repeating a finished domain.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/check_result.h"
#include "core/list_file.h"
#include "core/result.h"

namespace baseline::store {

using Ok = bool;  // Result<Ok>: success carries no value

struct ScanInfo {
  std::int64_t id = 0;
  std::string list;
  std::string started;   // ISO 8601 UTC
  std::string finished;  // empty while unfinished
  std::string tool_version;
  std::string catalog_version;
  std::int64_t domains = 0;
  std::int64_t done = 0;
};

struct StandardVerdict {
  std::string standard;
  std::string verdict;  // pass fail error not_applicable not_tested
};

// One finished domain test, as stored.
struct DomainRecord {
  std::string domain;
  std::string tested;  // ISO 8601 UTC start of its test
  std::int64_t duration_ms = 0;
  std::optional<int> score;
  std::vector<core::CheckResult> results;
  std::vector<StandardVerdict> standards;
};

// One domain of a stored scan, for reports: its tags, score, standard and (worst) check verdicts.
struct DomainSummary {
  std::string domain;
  std::string sector, country, organisation;
  std::optional<int> score;
  std::vector<StandardVerdict> standards;
  std::string tested;  // ISO 8601 UTC start of its test
};

// How many domains of a scan had this worst verdict (over targets) for this check. Counted in
// the database: a scan has tens of results per domain, too many to hold for 100,000 domains.
struct CheckCount {
  std::string check;
  std::string verdict;
  std::int64_t domains = 0;
};

struct Progress {
  std::int64_t total = 0;
  std::int64_t done = 0;
};

// One test submitted through `baseline serve`: a row of the web test queue. Its result is the
// `baseline/test-result/1` JSON as produced, stored once and never changed.
struct WebTest {
  std::string id;                            // random, URL-safe: the permalink /test/{id}
  std::string domain;                        // A-label
  std::string families;                      // "web,mail", "web" or "mail"
  std::string state;                         // queued running done error
  std::string submitted, started, finished;  // ISO 8601 UTC; empty until reached
  std::int64_t submitted_unix = 0, finished_unix = 0;
  std::string error;  // when state is error: why
  std::optional<int> score;
  std::string result;  // when state is done: the JSON text
};

struct Submission {
  WebTest test;
  bool created = false;  // false: an active or recent test of the same domain was returned
};

// Queue states.
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kDone = "done";
inline constexpr const char* kFailed = "error";

// ---- Notices of findings (src/notices/) ----

// A list's notice settings. Off by default: a list owner with a mandate turns them on.
struct NoticeSettings {
  bool enabled = false;
  std::string mandate;      // who sends the notices and why, in the list owner's words
  std::string sender;       // From: address
  std::string sender_name;  // From: display name
  std::string reply_to;     // where objections go (default: the sender)
  std::string base_url;     // the public Baseline site: permalinks and opt-out links
  int period_days = 30;     // at most one notice per domain per period
};

// The list's own contact for an organisation (domain empty) or for one domain.
struct ListContact {
  std::string organisation;
  std::string domain;
  std::string address;
};

struct NoticeRecord {
  std::int64_t id = 0;
  std::string list;
  std::optional<std::int64_t> scan;
  std::string domain;
  std::string recorded;  // ISO 8601 UTC
  std::int64_t recorded_unix = 0;
  std::string state;  // sent review skipped failed bounced opted_out
  std::string reason;
  std::string recipient;  // address, or the https: contact for review
  std::string source;     // security.txt, list, none
  std::string message_id;
  std::string language;
  std::vector<std::string> findings;  // standard IDs the notice told
};

// What the decision rules need to know about the past of one list.
struct NoticeHistory {
  using Key = std::pair<std::string, std::string>;  // domain, standard
  // Newest scan whose notice told the finding (sent, or queued for a person to review).
  std::map<Key, std::int64_t> told;
  // Newest scan of the list in which that standard passed for that domain (pairs of `told` only).
  std::map<Key, std::int64_t> last_pass;
  // Unix time of the newest notice sent (or queued for review) about the domain, by any list.
  std::map<std::string, std::int64_t> last_notice;
};

class SqlConnection;
struct TokenHolder {
  std::string address;  // or "review:DOMAIN"
  bool opted_out = false;
};

// Rows of a plain SQL query (Store::sql): each cell as text.
using SqlRows = std::vector<std::vector<std::string>>;

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string kind() const = 0;  // "sqlite" or "postgresql"
  // The connection as plain SQL, for the tables written once for both databases (accounts,
  // batch requests); nullptr for a test double.
  virtual SqlConnection* sql() { return nullptr; }

  // Creates or updates the list `name` with these entries (tags replaced); returns its id.
  virtual core::Result<std::int64_t> save_list(const std::string& name,
                                               const std::vector<core::ListEntry>& entries) = 0;
  // A new scan of every domain of the list, all pending.
  virtual core::Result<std::int64_t> create_scan(const std::string& list,
                                                 const std::string& tool_version,
                                                 const std::string& catalog_version) = 0;
  // The newest unfinished scan of the list (of any list when `list` is empty).
  virtual core::Result<std::optional<ScanInfo>> unfinished_scan(const std::string& list) = 0;
  // Forgets every lease of the scan (a resumed single-process scan owns all of them).
  virtual core::Result<Ok> release_leases(std::int64_t scan) = 0;
  // Takes up to `count` domains that are pending or whose lease has expired, leased to `worker`
  // until `lease_until` (Unix seconds).
  virtual core::Result<std::vector<std::string>> claim(std::int64_t scan, const std::string& worker,
                                                       int count, std::int64_t now,
                                                       std::int64_t lease_until) = 0;
  // Stores the records and marks their domains done, in one transaction. A domain already done
  // (a worker whose lease expired finished it too) is skipped: each domain has one result set.
  // Returns how many records were stored.
  virtual core::Result<std::size_t> save(std::int64_t scan,
                                         const std::vector<DomainRecord>& records) = 0;
  virtual core::Result<Progress> progress(std::int64_t scan) = 0;
  // Marks the scan finished (when every domain is done).
  virtual core::Result<Ok> finish_scan(std::int64_t scan) = 0;

  // Reports: the scans of a list, oldest first; and one scan's domains.
  virtual core::Result<std::vector<ScanInfo>> scans(const std::string& list) = 0;
  virtual core::Result<std::vector<std::string>> lists() = 0;
  virtual core::Result<std::vector<DomainSummary>> domains(std::int64_t scan) = 0;
  virtual core::Result<std::vector<CheckCount>> check_counts(std::int64_t scan) = 0;

  // The web test queue (`baseline serve`, and `scan --worker` on PostgreSQL).
  // Submits a test of `domain` with `families`, in one transaction: a queued or running test of
  // the same domain and families is returned instead, and so is a finished one younger than
  // `reuse_seconds`; otherwise `id` is queued, unless `allow_new` is false (the queue is full):
  // then the Submission's test has an empty id.
  virtual core::Result<Submission> submit_test(const std::string& id, const std::string& domain,
                                               const std::string& families, std::int64_t now,
                                               std::int64_t reuse_seconds,
                                               bool allow_new = true) = 0;
  virtual core::Result<std::optional<WebTest>> find_test(const std::string& id) = 0;
  // Takes the oldest queued test, or a running one whose lease has expired (its worker died),
  // leased to `worker` until `lease_until`.
  virtual core::Result<std::optional<WebTest>> claim_test(const std::string& worker,
                                                          std::int64_t now,
                                                          std::int64_t lease_until) = 0;
  // Stores the outcome of a running test: done with its result, or error with the reason. A test
  // that is no longer running under this worker (done by another) is left as it is.
  virtual core::Result<Ok> finish_test(const std::string& id, const std::string& worker,
                                       std::optional<int> score, const std::string& result,
                                       std::int64_t now) = 0;
  virtual core::Result<Ok> fail_test(const std::string& id, const std::string& worker,
                                     const std::string& reason, std::int64_t now) = 0;
  // Puts every running test back in the queue (at the start of a single-process SQLite server:
  // tests running when it was killed are run again). Returns how many.
  virtual core::Result<std::int64_t> requeue_running_tests() = 0;
  // The finished tests of a domain, newest first, at most `limit`; with results when asked.
  virtual core::Result<std::vector<WebTest>> site_tests(const std::string& domain, int limit,
                                                        bool with_results) = 0;
  // Queued and running tests of the page (for its backlog bound); tests queued for batch
  // requests are not counted, and run after the page's (claim_test).
  virtual core::Result<std::int64_t> active_tests() = 0;

  // One domain's stored check results in a scan.
  virtual core::Result<std::vector<core::CheckResult>> domain_results(
      std::int64_t /*scan*/, const std::string& /*domain*/) {
    return unsupported();
  }

  // Notices. A list that does not exist is an error for each of these.
  virtual core::Result<NoticeSettings> notice_settings(const std::string& /*list*/) {
    return unsupported();
  }
  virtual core::Result<Ok> save_notice_settings(const std::string& /*list*/,
                                                const NoticeSettings& /*settings*/) {
    return unsupported();
  }
  // Replaces the list's contacts.
  virtual core::Result<Ok> save_contacts(const std::string& /*list*/,
                                         const std::vector<ListContact>& /*contacts*/) {
    return unsupported();
  }
  virtual core::Result<std::vector<ListContact>> contacts(const std::string& /*list*/) {
    return unsupported();
  }
  virtual core::Result<NoticeHistory> notice_history(const std::string& /*list*/) {
    return unsupported();
  }
  // The opt-out token of `address`: the stored one, or `candidate` stored now.
  virtual core::Result<std::string> recipient_token(const std::string& /*address*/,
                                                    const std::string& /*candidate*/) {
    return unsupported();
  }
  virtual core::Result<bool> opted_out(const std::string& /*address*/) { return unsupported(); }
  // Records the opt-out of the address holding `token` (and an opted_out row in the log of each
  // list that wrote to it); nullopt when no address holds the token. Idempotent.
  virtual core::Result<std::optional<std::string>> record_optout(const std::string& /*token*/,
                                                                 std::int64_t /*now_unix*/) {
    return unsupported();
  }
  // Who holds `token` (an address, or a review key "review:DOMAIN") and whether it opted out
  // already; nullopt when no one does. Reads only: the opt-out page shows this before the POST.
  virtual core::Result<std::optional<TokenHolder>> token_holder(const std::string& /*token*/) {
    return unsupported();
  }
  // A delivery status notification said the notice with this Message-ID (without <>) failed for
  // good: its `sent` log entry becomes `bounced` with `reason`. Returns the notice (its list,
  // domain, recipient) or nullopt when no notice has that Message-ID. Idempotent.
  virtual core::Result<std::optional<NoticeRecord>> record_bounce(const std::string& /*message_id*/,
                                                                  const std::string& /*reason*/) {
    return unsupported();
  }
  // Appends to the log (with its findings); returns the record's id.
  virtual core::Result<std::int64_t> record_notice(const NoticeRecord& /*record*/) {
    return unsupported();
  }
  // The list's log, newest first (every list's when `list` is empty).
  virtual core::Result<std::vector<NoticeRecord>> notices(const std::string& /*list*/,
                                                          std::int64_t /*limit*/) {
    return unsupported();
  }

  // Hall of fame: domains that asked to be left out.
  virtual core::Result<Ok> set_hall_of_fame_optout(const std::string& /*domain*/, bool /*out*/) {
    return unsupported();
  }
  virtual core::Result<std::set<std::string>> hall_of_fame_optouts() { return unsupported(); }

  // Plain SQL over sql() with text in and text out, for the observatory's tables (schedules,
  // explanations, list owners, report links: src/observatory/). Parameters are $1, $2, …, bound
  // as text: write CAST($n AS BIGINT) where PostgreSQL could not infer a type. Every cell comes
  // back as text, NULL as "" (use COALESCE where the difference matters).
  core::Result<SqlRows> sql(const std::string& statement,
                            const std::vector<std::string>& params = {});
  // A write transaction around several such calls (BEGIN IMMEDIATE on SQLite: two processes never
  // both read and then write; PostgreSQL relies on row locks).
  core::Result<Ok> begin_write();
  core::Result<Ok> commit();
  void rollback();

 protected:
  // The notices methods of a store that does not implement them (a test double).
  static core::Error unsupported() { return core::make_error("this store does not keep notices"); }
};

// "sqlite:PATH" (or a plain path), or "postgresql://…" / "postgres://…". Migrates the schema.
core::Result<std::unique_ptr<Store>> open_store(const std::string& url);

// SQL for check_counts, the same in both dialects ($1 or ? is the scan): the worst verdict per
// domain and check (severity as core::severity), counted per check and verdict.
std::string check_counts_sql(const std::string& scan_parameter);

// Runs `body` in a write transaction of `store`: commits when it succeeds, rolls back when it
// returns an error.
template <typename Body>
auto in_transaction(Store& store, Body&& body) -> decltype(body()) {
  if (auto begun = store.begin_write(); !begun) return begun.error();
  auto outcome = body();
  if (!outcome) {
    store.rollback();
    return outcome;
  }
  if (auto committed = store.commit(); !committed) {
    store.rollback();
    return committed.error();
  }
  return outcome;
}

// The list a command works on: the one named, or the only one the store holds (an error that
// names the lists when there are several, or says there is none yet).
core::Result<std::string> choose_list(Store& store, const std::string& named);

// Current time as ISO 8601 UTC, second precision.
std::string iso_now();
// A Unix time as ISO 8601 UTC.
std::string iso_time(std::int64_t unix_seconds);

}  // namespace baseline::store
