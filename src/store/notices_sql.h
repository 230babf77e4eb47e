// SPDX-License-Identifier: Apache-2.0
// SQL of the notices tables, written once in PostgreSQL's parameter style ($1, $2, …); the
// SQLite store rewrites the parameters to ?1, ?2, … (sqlite_parameters), which SQLite reads the
// same way, repeated parameters included.
#pragma once

#include <string>

#include "core/check_result.h"

namespace baseline::store {

// "$12" -> "?12"
inline std::string sqlite_parameters(std::string sql) {
  for (std::size_t i = 0; i + 1 < sql.size(); ++i) {
    if (sql[i] == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') sql[i] = '?';
  }
  return sql;
}

inline const char* const kUpsertNoticeSettingsSql =
    "INSERT INTO notice_settings (list_id, enabled, mandate, sender, sender_name, reply_to, "
    "base_url, period_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (list_id) DO "
    "UPDATE SET enabled = excluded.enabled, mandate = excluded.mandate, sender = excluded.sender, "
    "sender_name = excluded.sender_name, reply_to = excluded.reply_to, "
    "base_url = excluded.base_url, period_days = excluded.period_days";

// $1: the list's id. Per (domain, standard) told by a sent or review notice of the list: the
// newest scan that told it, and the newest scan of the list in which it passed.
inline const char* const kToldSql =
    "SELECT nf.domain, nf.standard_id, MAX(nl.scan_id), "
    "(SELECT MAX(sr.scan_id) FROM standard_results sr JOIN scans s ON s.id = sr.scan_id "
    "WHERE s.list_id = $1 AND sr.domain = nf.domain AND sr.standard_id = nf.standard_id "
    "AND sr.verdict = 'pass') "
    "FROM notice_findings nf JOIN notice_log nl ON nl.id = nf.notice_id "
    "WHERE nl.list_id = $1 AND nl.state IN ('sent', 'review') AND nl.scan_id IS NOT NULL "
    "GROUP BY nf.domain, nf.standard_id";

// The newest notice about each domain, by any list.
inline const char* const kLastNoticeSql =
    "SELECT domain, MAX(recorded_unix) FROM notice_log WHERE state IN ('sent', 'review') "
    "GROUP BY domain";

// $1 recorded (ISO), $2 recorded (Unix), $3 the address: one opted_out row per list that wrote
// to the address.
inline const char* const kOptoutLogSql =
    "INSERT INTO notice_log (list_id, scan_id, domain, recorded, recorded_unix, state, reason, "
    "recipient) SELECT list_id, CAST(NULL AS BIGINT), '', CAST($1 AS TEXT), CAST($2 AS BIGINT), "
    "'opted_out', 'the recipient opted out', CAST($3 AS TEXT) FROM notice_log "
    "WHERE recipient = CAST($3 AS TEXT) GROUP BY list_id";

// $1 the list's name ('' for every list), $2 the most rows.
inline const char* const kNoticesSql =
    "SELECT n.id, l.name, n.scan_id, n.domain, n.recorded, n.recorded_unix, n.state, n.reason, "
    "n.recipient, n.source, n.message_id, n.language FROM notice_log n "
    "JOIN lists l ON l.id = n.list_id WHERE (CAST($1 AS TEXT) = '' OR l.name = $1) "
    "ORDER BY n.id DESC LIMIT $2";

// $1 the Message-ID, $2 the reason: the sent notice becomes bounced (a bounced one keeps its
// first reason).
inline const char* const kBounceSql =
    "UPDATE notice_log SET state = 'bounced', reason = $2 WHERE message_id = $1 AND message_id <> "
    "'' "
    "AND state = 'sent'";
// $1 the Message-ID: the notice it names.
inline const char* const kNoticeByMessageIdSql =
    "SELECT n.id, l.name, n.scan_id, n.domain, n.recorded, n.recorded_unix, n.state, n.reason, "
    "n.recipient, n.source, n.message_id, n.language FROM notice_log n "
    "JOIN lists l ON l.id = n.list_id WHERE n.message_id = $1 AND n.message_id <> '' "
    "ORDER BY n.id DESC LIMIT 1";

// One stored result row back as a CheckResult (details parsed; unparsable details are empty).
inline core::CheckResult result_row(std::string id, std::string target, const std::string& verdict,
                                    std::string summary, const std::string& details) {
  core::CheckResult r;
  r.id = std::move(id);
  r.target = std::move(target);
  r.verdict = core::verdict_from_string(verdict).value_or(core::Verdict::kError);
  r.summary = std::move(summary);
  auto parsed = nlohmann::json::parse(details, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object()) r.details = std::move(parsed);
  return r;
}

}  // namespace baseline::store
