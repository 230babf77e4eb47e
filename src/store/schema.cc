// SPDX-License-Identifier: Apache-2.0
#include "store/schema.h"

#include <string_view>

namespace baseline::store {

namespace {

// Version 1, written once with the dialect's spelling of an auto-increment key.
std::string schema_v1(std::string_view id_column) {
  std::string sql = R"sql(
CREATE TABLE lists (
  id ID_COLUMN,
  name TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL
);
CREATE TABLE list_domains (
  list_id BIGINT NOT NULL REFERENCES lists(id),
  domain TEXT NOT NULL,
  position BIGINT NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (list_id, domain)
);
CREATE TABLE scans (
  id ID_COLUMN,
  list_id BIGINT NOT NULL REFERENCES lists(id),
  started TEXT NOT NULL,
  finished TEXT,
  tool_version TEXT NOT NULL,
  catalog_version TEXT NOT NULL
);
-- The scan's domains and its work queue: state 0 pending, 1 leased, 2 done.
CREATE TABLE scan_domains (
  scan_id BIGINT NOT NULL REFERENCES scans(id),
  domain TEXT NOT NULL,
  position BIGINT NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,
  worker TEXT NOT NULL DEFAULT '',
  tested TEXT,
  duration_ms BIGINT,
  score INTEGER,
  PRIMARY KEY (scan_id, domain)
);
CREATE INDEX scan_domains_queue ON scan_domains (scan_id, state, position);
CREATE TABLE results (
  scan_id BIGINT NOT NULL REFERENCES scans(id),
  domain TEXT NOT NULL,
  check_id TEXT NOT NULL,
  target TEXT NOT NULL,
  verdict TEXT NOT NULL,
  summary TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX results_domain ON results (scan_id, domain);
-- Per-standard rollup of each domain's checks (catalog/scoring.h).
CREATE TABLE standard_results (
  scan_id BIGINT NOT NULL REFERENCES scans(id),
  domain TEXT NOT NULL,
  standard_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  PRIMARY KEY (scan_id, domain, standard_id)
);
)sql";
  const std::string_view placeholder = "ID_COLUMN";
  for (auto at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder)) {
    sql.replace(at, placeholder.size(), id_column);
  }
  return sql;
}

// Version 2: the queue of tests submitted through `baseline serve` and their immutable results.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE web_tests (
  id TEXT PRIMARY KEY,
  domain TEXT NOT NULL,
  families TEXT NOT NULL,
  state TEXT NOT NULL,
  submitted TEXT NOT NULL,
  submitted_unix BIGINT NOT NULL,
  started TEXT,
  finished TEXT,
  finished_unix BIGINT,
  worker TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  error TEXT,
  score INTEGER,
  result TEXT
);
CREATE INDEX web_tests_domain ON web_tests (domain, state, finished_unix);
CREATE INDEX web_tests_queue ON web_tests (state, submitted_unix);
)sql";

// ---------------------------------------------------------------------------------------------
// Notices of findings to domain owners, and the hall of fame (issue 14). One block, version 3,
// after the web test queue (version 2).
// ---------------------------------------------------------------------------------------------
std::string schema_notices(std::string_view id_column) {
  std::string sql = R"sql(
-- A list's notice settings: off until a list owner with a mandate turns them on.
CREATE TABLE notice_settings (
  list_id BIGINT PRIMARY KEY REFERENCES lists(id),
  enabled INTEGER NOT NULL DEFAULT 0,
  mandate TEXT NOT NULL DEFAULT '',
  sender TEXT NOT NULL DEFAULT '',
  sender_name TEXT NOT NULL DEFAULT '',
  reply_to TEXT NOT NULL DEFAULT '',
  base_url TEXT NOT NULL DEFAULT '',
  period_days INTEGER NOT NULL DEFAULT 30
);
-- The list's own contacts: per organisation (domain = '') or per domain (organisation = '').
CREATE TABLE notice_contacts (
  list_id BIGINT NOT NULL REFERENCES lists(id),
  organisation TEXT NOT NULL,
  domain TEXT NOT NULL,
  address TEXT NOT NULL,
  PRIMARY KEY (list_id, organisation, domain)
);
-- Every address a notice was written for, its opt-out token, and the opt-out (kept forever).
CREATE TABLE notice_recipients (
  address TEXT PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  opted_out TEXT
);
-- What happened to each notice: sent, review (an https: contact, for a person), skipped (reason),
-- failed (to be tried again), bounced, opted_out.
CREATE TABLE notice_log (
  id ID_COLUMN,
  list_id BIGINT NOT NULL REFERENCES lists(id),
  scan_id BIGINT,
  domain TEXT NOT NULL,
  recorded TEXT NOT NULL,
  recorded_unix BIGINT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  recipient TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notice_log_list ON notice_log (list_id, recorded_unix);
CREATE INDEX notice_log_domain ON notice_log (domain, state, recorded_unix);
-- The findings (standards) each notice told.
CREATE TABLE notice_findings (
  notice_id BIGINT NOT NULL REFERENCES notice_log(id),
  domain TEXT NOT NULL,
  standard_id TEXT NOT NULL,
  PRIMARY KEY (notice_id, standard_id)
);
CREATE INDEX notice_findings_domain ON notice_findings (domain, standard_id);
-- "Did it pass since we told them?": standard verdicts by domain across scans.
CREATE INDEX standard_results_by_domain ON standard_results (domain, standard_id, verdict);
-- Domains that asked to be left out of the hall of fame.
CREATE TABLE hall_of_fame_optouts (
  domain TEXT PRIMARY KEY,
  recorded TEXT NOT NULL
);
)sql";
  const std::string_view placeholder = "ID_COLUMN";
  for (auto at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder)) {
    sql.replace(at, placeholder.size(), id_column);
  }
  return sql;
}
// ------------------------------------------------------------------ end of the notices block

// ---------------------------------------------------------------------------------------------
// Accounts of the web front and the Internet.nl batch API v2 (issue 12). Version 4. Secrets are
// stored only as digests (accounts/secret_token.h); every row of an account's own objects
// carries account_id, and every query of them filters on it.
// ---------------------------------------------------------------------------------------------
std::string schema_accounts(std::string_view id_column) {
  std::string sql = R"sql(
CREATE TABLE accounts (
  id ID_COLUMN,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id ID_COLUMN,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  digest TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created TEXT NOT NULL,
  last_used TEXT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);
CREATE TABLE sessions (
  digest TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_unix BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
-- Overrides of the server's batch limits for one account (NULL: the server's default).
CREATE TABLE account_limits (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  max_domains_per_request BIGINT,
  max_running_requests BIGINT,
  keep_results_hours BIGINT
);
-- Batch requests: status is the API's (registering running generating done cancelled error).
CREATE TABLE batch_requests (
  id TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  request_type TEXT NOT NULL,
  status TEXT NOT NULL,
  submitted_us BIGINT NOT NULL,
  finished_us BIGINT,
  domains BIGINT NOT NULL
);
CREATE INDEX batch_requests_account ON batch_requests (account_id, submitted_us);
CREATE INDEX batch_requests_status ON batch_requests (status);
-- A request's domains, the web test that runs each (the web front's queue) and, once the request
-- is generated, each domain's rendered results and technical results.
CREATE TABLE batch_domains (
  request_id TEXT NOT NULL REFERENCES batch_requests(id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  web_test_id TEXT,
  created_test INTEGER NOT NULL DEFAULT 0,
  result_key TEXT,
  results TEXT,
  technical TEXT,
  PRIMARY KEY (request_id, domain)
);
CREATE INDEX batch_domains_test ON batch_domains (web_test_id);
)sql";
  const std::string_view placeholder = "ID_COLUMN";
  for (auto at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder)) {
    sql.replace(at, placeholder.size(), id_column);
  }
  return sql;
}
// ------------------------------------------------------------------ end of the accounts block

// ---------------------------------------------------------------------------------------------
// The observatory in the browser (issue 13), version 5. Owners are account ids of the accounts
// tables (version 4); 0 is nobody: a list, explanation or link made on the command line, seen by
// the command line and by no account.
// ---------------------------------------------------------------------------------------------
constexpr const char* kSchemaObservatory = R"sql(
-- Per list: its owner and which families its scans run (web, mail, all).
CREATE TABLE list_settings (
  list_id BIGINT PRIMARY KEY REFERENCES lists(id),
  owner_account BIGINT NOT NULL DEFAULT 0,
  scan_type TEXT NOT NULL DEFAULT 'all'
);
CREATE INDEX list_settings_owner ON list_settings (owner_account);
-- A list's rescans: `every` is weekly, monthly, quarterly or a cron expression; `next_due` the
-- Unix time of the next run (jitter included). Claimed by moving next_due (observatory/scheduler).
CREATE TABLE schedules (
  list_id BIGINT PRIMARY KEY REFERENCES lists(id),
  every TEXT NOT NULL,
  next_due BIGINT NOT NULL,
  created TEXT NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_due);
-- Scans that `serve` runs (a schedule's, one per due time; or "scan now"), and whether their
-- after-scan actions (digest, notices) have been claimed.
CREATE TABLE server_scans (
  scan_id BIGINT PRIMARY KEY REFERENCES scans(id),
  list_id BIGINT NOT NULL REFERENCES lists(id),
  due BIGINT NOT NULL,
  origin TEXT NOT NULL,
  after_scan_claimed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (list_id, due)
);
-- Comply or explain: why an organisation does not meet a standard, until a day (inclusive).
-- domain '' explains the standard for every domain of the organisation.
CREATE TABLE explanations (
  owner_account BIGINT NOT NULL DEFAULT 0,
  organisation TEXT NOT NULL DEFAULT '',
  domain TEXT NOT NULL,
  standard_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  until TEXT NOT NULL,
  recorded TEXT NOT NULL,
  PRIMARY KEY (owner_account, organisation, domain, standard_id)
);
CREATE INDEX explanations_domain ON explanations (owner_account, domain);
-- Read-only public links to one scan's report; revoked links stay, so a token is never reused.
CREATE TABLE report_links (
  token_digest TEXT PRIMARY KEY,  -- accounts::secret_digest of the token: a leak opens nothing
  scan_id BIGINT NOT NULL REFERENCES scans(id),
  owner_account BIGINT NOT NULL,
  created TEXT NOT NULL,
  revoked TEXT
);
CREATE INDEX report_links_scan ON report_links (scan_id);
-- Accounts that asked for no digest e-mail after scheduled scans.
CREATE TABLE digest_optouts (
  account_id BIGINT PRIMARY KEY,
  recorded TEXT NOT NULL
);
)sql";

// Batch requests' tests run after the tests people wait for on the page, and do not count
// against the page's queue bound (issue 12, after version 4 was merged: a migration of its own).
constexpr const char* kSchemaBatchQueue = R"sql(
ALTER TABLE web_tests ADD COLUMN for_batch INTEGER NOT NULL DEFAULT 0;
CREATE INDEX web_tests_claim ON web_tests (state, for_batch, submitted_unix);
)sql";

// An e-mail address per account, for the digests after scheduled scans (issue 13 item 5; the
// opt-outs are the digest_optouts table of version 5). Version 7.
constexpr const char* kSchemaAccountEmail = R"sql(
ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace

const std::vector<std::string>& migrations(Dialect dialect) {
  static const std::vector<std::string> sqlite{schema_v1("INTEGER PRIMARY KEY"),
                                               kSchemaV2,
                                               schema_notices("INTEGER PRIMARY KEY"),
                                               schema_accounts("INTEGER PRIMARY KEY"),
                                               kSchemaObservatory,
                                               kSchemaBatchQueue,
                                               kSchemaAccountEmail};
  static const std::vector<std::string> postgresql{schema_v1("BIGSERIAL PRIMARY KEY"),
                                                   kSchemaV2,
                                                   schema_notices("BIGSERIAL PRIMARY KEY"),
                                                   schema_accounts("BIGSERIAL PRIMARY KEY"),
                                                   kSchemaObservatory,
                                                   kSchemaBatchQueue,
                                                   kSchemaAccountEmail};
  return dialect == Dialect::kSqlite ? sqlite : postgresql;
}

}  // namespace baseline::store
