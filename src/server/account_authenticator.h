// SPDX-License-Identifier: Apache-2.0
// The route table's authenticator for accounts (route_table.h): a browser session cookie, HTTP
// Basic (as Internet.nl's batch API) or a bearer token made in the account page. Failed
// passwords are rate-limited per account and per address (accounts::LoginThrottle); a throttled
// attempt is refused before its password is looked at.
//
// Argon2id costs tens of milliseconds and 64 MiB, and an API client sends its Basic credentials
// with every request; a verified pair is therefore remembered for a few minutes as a keyed digest
// (a per-process random key), together with the stored hash it matched, so a changed password or
// a removed account stops it at once.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "accounts/login_throttle.h"
#include "server/locked_store.h"
#include "server/route_table.h"

namespace baseline::server {

inline constexpr std::chrono::hours kSessionLifetime{12};

class AccountAuthenticator {
 public:
  AccountAuthenticator(LockedStore& store, accounts::LoginThrottle& throttle);

  Authentication authenticate(const Request& request, const boost::asio::ip::address& client);

  // The login form: the account's id and name, or why not.
  struct LoginRefusal {
    std::optional<std::chrono::seconds> retry_after;  // set: throttled, the password unchecked
  };
  std::variant<Caller, LoginRefusal> check_password(const std::string& name,
                                                    const std::string& password,
                                                    const boost::asio::ip::address& client);

  Authenticator as_authenticator() {
    return
        [this](const Request& r, const boost::asio::ip::address& a) { return authenticate(r, a); };
  }

 private:
  Authentication by_session(const std::string& secret);
  Authentication by_token(const std::string& token);
  Authentication by_password(const std::string& name, const std::string& password,
                             const boost::asio::ip::address& client);
  std::string remembered_key(const std::string& account_key, const std::string& password) const;

  struct Remembered {
    std::string stored_hash;
    std::chrono::steady_clock::time_point until;
  };

  LockedStore& store_;
  accounts::LoginThrottle& throttle_;
  std::string cache_key_;  // random per process
  std::mutex cache_mutex_;
  std::unordered_map<std::string, Remembered> verified_;  // bounded (kMaxRemembered)
};

}  // namespace baseline::server
