// SPDX-License-Identifier: Apache-2.0
#include "accounts/session.h"

#include "accounts/secret_token.h"

namespace baseline::accounts {

NewSession start_session() {
  NewSession s;
  s.cookie_secret = random_secret();
  s.stored_digest = secret_digest(s.cookie_secret);
  s.csrf_token = random_secret();
  return s;
}

std::string session_cookie(std::string_view secret, std::chrono::seconds max_age) {
  return std::string(kSessionCookie) + "=" + std::string(secret) +
         "; Path=/; Max-Age=" + std::to_string(max_age.count()) +
         "; Secure; HttpOnly; SameSite=Strict";
}

std::string cleared_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  if (header.size() > kMaxCookieHeaderBytes) return std::nullopt;
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    auto pair = header.substr(0, semicolon);
    header =
        semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || pair.substr(0, equals) != name) continue;
    auto value = pair.substr(equals + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return std::string(value);
  }
  return std::nullopt;
}

bool csrf_valid(std::string_view session_token, std::string_view sent) {
  return !session_token.empty() && constant_time_equal(session_token, sent);
}

}  // namespace baseline::accounts
