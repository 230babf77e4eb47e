// SPDX-License-Identifier: Apache-2.0
#include "store/account_store.h"

#include "store/store.h"

namespace baseline::store {

namespace {

Account read_account(const SqlRow& row) {
  return {column_int(row, 0), column_text(row, 1), column_text(row, 2), column_text(row, 3)};
}

std::optional<std::int64_t> optional_int(const SqlRow& row, std::size_t i) {
  if (i >= row.size() || !row[i]) return std::nullopt;
  return column_int(row, i);
}

SqlParam optional_param(const std::optional<std::int64_t>& value) {
  if (!value) return std::monostate{};
  return *value;
}

}  // namespace

core::Result<bool> AccountStore::add(const std::string& name, const std::string& key,
                                     const std::string& password_hash) {
  return in_transaction(sql_, [&]() -> core::Result<bool> {
    auto existing = sql_.query("SELECT id FROM accounts WHERE name_key = $1", {key});
    if (!existing) return existing.error();
    if (!existing->empty()) return false;
    auto added = sql_.change(
        "INSERT INTO accounts (name, name_key, password_hash, created) VALUES ($1, $2, $3, $4)",
        {name, key, password_hash, iso_now()});
    if (!added) return added.error();
    return true;
  });
}

core::Result<std::vector<Account>> AccountStore::list() {
  auto rows = sql_.query("SELECT id, name, password_hash, created FROM accounts ORDER BY name_key");
  if (!rows) return rows.error();
  std::vector<Account> out;
  for (const auto& row : *rows) out.push_back(read_account(row));
  return out;
}

core::Result<std::optional<Account>> AccountStore::find_by_key(const std::string& key) {
  auto rows = sql_.query(
      "SELECT id, name, password_hash, created FROM accounts WHERE name_key = $1", {key});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Account>();
  return std::optional<Account>(read_account(rows->front()));
}

core::Result<bool> AccountStore::remove(const std::string& key) {
  auto removed = sql_.change("DELETE FROM accounts WHERE name_key = $1", {key});
  if (!removed) return removed.error();
  return *removed > 0;
}

core::Result<bool> AccountStore::set_password(const std::string& key,
                                              const std::string& password_hash) {
  return in_transaction(sql_, [&]() -> core::Result<bool> {
    auto changed = sql_.change("UPDATE accounts SET password_hash = $1 WHERE name_key = $2",
                               {password_hash, key});
    if (!changed) return changed.error();
    if (*changed == 0) return false;
    auto ended = sql_.change(
        "DELETE FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE name_key = $1)",
        {key});
    if (!ended) return ended.error();
    return true;
  });
}

core::Result<bool> AccountStore::add_session(const std::string& digest, std::int64_t account_id,
                                             const std::string& csrf_token,
                                             std::int64_t expires_unix) {
  auto added = sql_.change(
      "INSERT INTO sessions (digest, account_id, csrf_token, expires_unix) VALUES ($1, $2, $3, $4)",
      {digest, account_id, csrf_token, expires_unix});
  if (!added) return added.error();
  return true;
}

core::Result<std::optional<SessionRecord>> AccountStore::find_session(const std::string& digest,
                                                                      std::int64_t now_unix) {
  auto rows = sql_.query(
      "SELECT s.account_id, a.name, s.csrf_token, s.expires_unix FROM sessions s "
      "JOIN accounts a ON a.id = s.account_id WHERE s.digest = $1 AND s.expires_unix > $2",
      {digest, now_unix});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<SessionRecord>();
  const auto& row = rows->front();
  return std::optional<SessionRecord>(SessionRecord{column_int(row, 0), column_text(row, 1),
                                                    column_text(row, 2), column_int(row, 3)});
}

core::Result<bool> AccountStore::remove_session(const std::string& digest) {
  auto removed = sql_.change("DELETE FROM sessions WHERE digest = $1", {digest});
  if (!removed) return removed.error();
  return *removed > 0;
}

core::Result<std::int64_t> AccountStore::remove_expired_sessions(std::int64_t now_unix) {
  return sql_.change("DELETE FROM sessions WHERE expires_unix <= $1", {now_unix});
}

core::Result<std::int64_t> AccountStore::add_token(std::int64_t account_id,
                                                   const std::string& digest,
                                                   const std::string& label) {
  auto rows = sql_.query(
      "INSERT INTO api_tokens (account_id, digest, label, created) VALUES ($1, $2, $3, $4) "
      "RETURNING id",
      {account_id, digest, label, iso_now()});
  if (!rows) return rows.error();
  if (rows->empty()) return core::make_error("database: no id for the new token");
  return column_int(rows->front(), 0);
}

core::Result<std::vector<TokenRecord>> AccountStore::tokens(std::int64_t account_id) {
  auto rows = sql_.query(
      "SELECT id, label, created, COALESCE(last_used, '') FROM api_tokens WHERE account_id = $1 "
      "ORDER BY id",
      {account_id});
  if (!rows) return rows.error();
  std::vector<TokenRecord> out;
  for (const auto& row : *rows) {
    out.push_back(
        {column_int(row, 0), column_text(row, 1), column_text(row, 2), column_text(row, 3)});
  }
  return out;
}

core::Result<std::optional<std::pair<std::int64_t, std::string>>> AccountStore::token_owner(
    const std::string& digest) {
  using Owner = std::optional<std::pair<std::int64_t, std::string>>;
  auto rows = sql_.query(
      "SELECT a.id, a.name FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
      "WHERE t.digest = $1",
      {digest});
  if (!rows) return rows.error();
  if (rows->empty()) return Owner();
  // When it was last used, for the token page (to the second; a failed write changes nothing).
  (void)sql_.change("UPDATE api_tokens SET last_used = $1 WHERE digest = $2", {iso_now(), digest});
  return Owner(std::pair{column_int(rows->front(), 0), column_text(rows->front(), 1)});
}

core::Result<bool> AccountStore::revoke_token(std::int64_t account_id, std::int64_t token_id) {
  auto removed = sql_.change("DELETE FROM api_tokens WHERE id = $1 AND account_id = $2",
                             {token_id, account_id});
  if (!removed) return removed.error();
  return *removed > 0;
}

core::Result<std::string> AccountStore::email(std::int64_t account_id) {
  auto rows = sql_.query("SELECT email FROM accounts WHERE id = $1", {account_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::string();
  return column_text(rows->front(), 0);
}

core::Result<bool> AccountStore::set_email(std::int64_t account_id, const std::string& address) {
  auto changed = sql_.change("UPDATE accounts SET email = $1 WHERE id = $2", {address, account_id});
  if (!changed) return changed.error();
  return *changed > 0;
}

core::Result<bool> AccountStore::digest_opted_out(std::int64_t account_id) {
  auto rows = sql_.query("SELECT 1 FROM digest_optouts WHERE account_id = $1", {account_id});
  if (!rows) return rows.error();
  return !rows->empty();
}

core::Result<bool> AccountStore::set_digest_optout(std::int64_t account_id, bool out) {
  auto changed =
      out ? sql_.change(
                "INSERT INTO digest_optouts (account_id, recorded) VALUES ($1, $2) "
                "ON CONFLICT (account_id) DO NOTHING",
                {account_id, iso_now()})
          : sql_.change("DELETE FROM digest_optouts WHERE account_id = $1", {account_id});
  if (!changed) return changed.error();
  return true;
}

core::Result<AccountLimits> AccountStore::limits(std::int64_t account_id) {
  auto rows = sql_.query(
      "SELECT max_domains_per_request, max_running_requests, keep_results_hours "
      "FROM account_limits WHERE account_id = $1",
      {account_id});
  if (!rows) return rows.error();
  if (rows->empty()) return AccountLimits{};
  const auto& row = rows->front();
  return AccountLimits{optional_int(row, 0), optional_int(row, 1), optional_int(row, 2)};
}

core::Result<bool> AccountStore::set_limits(std::int64_t account_id, const AccountLimits& limits) {
  auto stored = sql_.change(
      "INSERT INTO account_limits (account_id, max_domains_per_request, max_running_requests, "
      "keep_results_hours) VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET "
      "max_domains_per_request = excluded.max_domains_per_request, "
      "max_running_requests = excluded.max_running_requests, "
      "keep_results_hours = excluded.keep_results_hours",
      {account_id, optional_param(limits.max_domains_per_request),
       optional_param(limits.max_running_requests), optional_param(limits.keep_results_hours)});
  if (!stored) return stored.error();
  return true;
}

}  // namespace baseline::store
