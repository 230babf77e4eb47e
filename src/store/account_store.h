// SPDX-License-Identifier: Apache-2.0
// The accounts tables (schema version 4): accounts with their Argon2id password strings, browser
// sessions and API tokens (both stored as digests only), written once for both databases over
// SqlConnection. Every query of an account's own object (a token, a session) names the account in
// its WHERE clause, so another account's object is "not found" in SQL, not after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sql_connection.h"

namespace baseline::store {

struct Account {
  std::int64_t id = 0;
  std::string name;
  std::string password_hash;
  std::string created;
};

struct SessionRecord {
  std::int64_t account_id = 0;
  std::string name;
  std::string csrf_token;
  std::int64_t expires_unix = 0;
};

struct TokenRecord {
  std::int64_t id = 0;
  std::string label;
  std::string created;
  std::string last_used;  // empty: never
};

// Per-account overrides of the server's batch limits; nullopt: the server's default.
struct AccountLimits {
  std::optional<std::int64_t> max_domains_per_request;
  std::optional<std::int64_t> max_running_requests;
  std::optional<std::int64_t> keep_results_hours;
};

class AccountStore {
 public:
  explicit AccountStore(SqlConnection& sql) : sql_(sql) {}

  // False when an account of that key (the lowercase name) exists already.
  core::Result<bool> add(const std::string& name, const std::string& key,
                         const std::string& password_hash);
  core::Result<std::vector<Account>> list();
  core::Result<std::optional<Account>> find_by_key(const std::string& key);
  // False when there is no such account. Removing an account removes its sessions, tokens and
  // batch requests (ON DELETE CASCADE).
  core::Result<bool> remove(const std::string& key);
  // Also ends the account's sessions: a changed password logs every browser out.
  core::Result<bool> set_password(const std::string& key, const std::string& password_hash);

  core::Result<bool> add_session(const std::string& digest, std::int64_t account_id,
                                 const std::string& csrf_token, std::int64_t expires_unix);
  // The live session of that digest (expired ones are not found).
  core::Result<std::optional<SessionRecord>> find_session(const std::string& digest,
                                                          std::int64_t now_unix);
  core::Result<bool> remove_session(const std::string& digest);
  core::Result<std::int64_t> remove_expired_sessions(std::int64_t now_unix);

  // Returns the new token's id.
  core::Result<std::int64_t> add_token(std::int64_t account_id, const std::string& digest,
                                       const std::string& label);
  core::Result<std::vector<TokenRecord>> tokens(std::int64_t account_id);
  // The account holding an unrevoked token of that digest (its id and name).
  core::Result<std::optional<std::pair<std::int64_t, std::string>>> token_owner(
      const std::string& digest);
  // False when the account has no token of that id (another account's token included).
  core::Result<bool> revoke_token(std::int64_t account_id, std::int64_t token_id);

  // The account's e-mail address for digests (schema version 7); "" when it has none. The caller
  // checks the address (notices::check_address) before storing it.
  core::Result<std::string> email(std::int64_t account_id);
  core::Result<bool> set_email(std::int64_t account_id, const std::string& address);
  // Whether the account asked for no digest after scheduled scans (the digest_optouts table).
  core::Result<bool> digest_opted_out(std::int64_t account_id);
  core::Result<bool> set_digest_optout(std::int64_t account_id, bool out);

  core::Result<AccountLimits> limits(std::int64_t account_id);
  core::Result<bool> set_limits(std::int64_t account_id, const AccountLimits& limits);

 private:
  SqlConnection& sql_;
};

}  // namespace baseline::store
