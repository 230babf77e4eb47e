// Store: where `baseline scan` keeps lists, scans and results, and `baseline report` reads them.
// One schema (schema.cc) in two databases: SQLite (embedded, the default) and PostgreSQL (shared
// by workers on several machines; the scan's domain queue lives there too).
//
// Threading: a Store is used from one thread at a time (the scan's store thread, or the report).
// Durability: save() writes a batch of finished domains in one transaction, together with the
// mark that they are done, so a killed scan resumes without losing or repeating a finished domain.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/check_result.h"
#include "core/result.h"
#include "scan/list_file.h"

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

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string kind() const = 0;  // "sqlite" or "postgresql"

  // Creates or updates the list `name` with these entries (tags replaced); returns its id.
  virtual core::Result<std::int64_t> save_list(const std::string& name,
                                               const std::vector<scan::ListEntry>& entries) = 0;
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
};

// "sqlite:PATH" (or a plain path), or "postgresql://…" / "postgres://…". Migrates the schema.
core::Result<std::unique_ptr<Store>> open_store(const std::string& url);

// SQL for check_counts, the same in both dialects ($1 or ? is the scan): the worst verdict per
// domain and check (severity as core::severity), counted per check and verdict.
std::string check_counts_sql(const std::string& scan_parameter);

// Current time as ISO 8601 UTC, second precision.
std::string iso_now();

}  // namespace baseline::store
