// SPDX-License-Identifier: Apache-2.0
#include "server/account_authenticator.h"

#include <sodium.h>

#include "accounts/account_name.h"
#include "accounts/authorization.h"
#include "accounts/password_hash.h"
#include "accounts/secret_token.h"
#include "accounts/session.h"
#include "accounts/sodium_init.h"
#include "server/web_front.h"
#include "store/account_store.h"

namespace baseline::server {

namespace {

constexpr std::size_t kMaxRemembered = 1000;
constexpr std::chrono::minutes kRememberFor{5};

std::optional<store::AccountStore> accounts_of(store::Store& s) {
  if (auto* sql = s.sql()) return store::AccountStore(*sql);
  return std::nullopt;
}

// A hash of a random password, made once: what an unknown name is checked against.
const std::string& unknown_account_hash() {
  static const std::string hash = [] {
    auto made = accounts::hash_password(accounts::random_secret());
    return made ? *made : std::string();
  }();
  return hash;
}

}  // namespace

AccountAuthenticator::AccountAuthenticator(LockedStore& store, accounts::LoginThrottle& throttle)
    : store_(store), throttle_(throttle), cache_key_(accounts::random_secret()) {}

Authentication AccountAuthenticator::authenticate(const Request& request,
                                                  const boost::asio::ip::address& client) {
  const auto authorization = request[http::field::authorization];
  if (!authorization.empty()) {
    const auto parsed =
        accounts::parse_authorization(std::string_view(authorization.data(), authorization.size()));
    if (const auto* basic = std::get_if<accounts::BasicCredentials>(&parsed)) {
      return by_password(basic->user, basic->password, client);
    }
    if (const auto* bearer = std::get_if<accounts::BearerToken>(&parsed)) {
      return by_token(bearer->token);
    }
    return {};  // malformed: nobody (never falls back to the cookie)
  }
  const auto cookies = request[http::field::cookie];
  if (cookies.empty()) return {};
  auto secret = accounts::cookie_value(std::string_view(cookies.data(), cookies.size()),
                                       accounts::kSessionCookie);
  if (!secret || !accounts::well_formed_secret(*secret)) return {};
  return by_session(*secret);
}

Authentication AccountAuthenticator::by_session(const std::string& secret) {
  const auto digest = accounts::secret_digest(secret);
  auto session =
      store_.with([&](store::Store& s) -> core::Result<std::optional<store::SessionRecord>> {
        auto accounts = accounts_of(s);
        if (!accounts) return std::optional<store::SessionRecord>();
        return accounts->find_session(digest, unix_now());
      });
  if (!session || !*session) return {};
  return {Caller{(*session)->account_id, (*session)->name, true, (*session)->csrf_token}, {}};
}

Authentication AccountAuthenticator::by_token(const std::string& token) {
  const auto digest = accounts::secret_digest(token);
  auto owner = store_.with(
      [&](store::Store& s) -> core::Result<std::optional<std::pair<std::int64_t, std::string>>> {
        auto accounts = accounts_of(s);
        if (!accounts) return std::optional<std::pair<std::int64_t, std::string>>();
        return accounts->token_owner(digest);
      });
  if (!owner || !*owner) return {};
  return {Caller{(*owner)->first, (*owner)->second, false, {}}, {}};
}

std::string AccountAuthenticator::remembered_key(const std::string& account_key,
                                                 const std::string& password) const {
  accounts::ensure_sodium();
  const std::string input = account_key + '\0' + password;
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), reinterpret_cast<const unsigned char*>(cache_key_.data()),
                     cache_key_.size());
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

std::variant<Caller, AccountAuthenticator::LoginRefusal> AccountAuthenticator::check_password(
    const std::string& name, const std::string& password, const boost::asio::ip::address& client) {
  const auto key = accounts::account_key(name);
  const auto address = client.to_string();
  if (name.size() > accounts::kMaxAccountName || password.size() > accounts::kMaxPasswordBytes) {
    throttle_.failed(key.substr(0, accounts::kMaxAccountName), address);
    return LoginRefusal{};
  }
  if (auto wait = throttle_.retry_after(key, address)) return LoginRefusal{*wait};
  auto account = store_.with([&](store::Store& s) -> core::Result<std::optional<store::Account>> {
    auto accounts = accounts_of(s);
    if (!accounts) return std::optional<store::Account>();
    return accounts->find_by_key(key);
  });
  if (!account) return LoginRefusal{};  // store trouble: nobody, and no failure counted
  const auto remembered = remembered_key(key, password);
  if (*account) {
    {
      std::lock_guard lock(cache_mutex_);
      const auto it = verified_.find(remembered);
      if (it != verified_.end() && it->second.until > std::chrono::steady_clock::now() &&
          it->second.stored_hash == (*account)->password_hash) {
        return Caller{(*account)->id, (*account)->name, false, {}};
      }
    }
    // Argon2id outside every lock.
    if (accounts::verify_password((*account)->password_hash, password)) {
      throttle_.succeeded(key);
      std::lock_guard lock(cache_mutex_);
      if (verified_.size() >= kMaxRemembered) verified_.clear();
      verified_[remembered] = {(*account)->password_hash,
                               std::chrono::steady_clock::now() + kRememberFor};
      return Caller{(*account)->id, (*account)->name, false, {}};
    }
  } else {
    // An unknown name costs what a known one does, so timing does not tell names apart.
    (void)accounts::verify_password(unknown_account_hash(), password);
  }
  throttle_.failed(key, address);
  return LoginRefusal{};
}

Authentication AccountAuthenticator::by_password(const std::string& name,
                                                 const std::string& password,
                                                 const boost::asio::ip::address& client) {
  auto checked = check_password(name, password, client);
  if (auto* caller = std::get_if<Caller>(&checked)) return {*caller, {}};
  return {std::nullopt, std::get<LoginRefusal>(checked).retry_after};
}

}  // namespace baseline::server
