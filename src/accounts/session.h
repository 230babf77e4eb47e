// SPDX-License-Identifier: Apache-2.0
// Browser sessions of `baseline serve`: a random session secret in a Secure, HttpOnly,
// SameSite=Strict cookie; the store keeps only its digest, with the account, the expiry and the
// session's CSRF token, which every form that changes something must send back.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace baseline::accounts {

inline constexpr std::string_view kSessionCookie = "baseline_session";
inline constexpr std::size_t kMaxCookieHeaderBytes = 8192;
// Where a state-changing request by session carries the CSRF token: a form field, or a header
// for scripts.
inline constexpr std::string_view kCsrfField = "csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct NewSession {
  std::string cookie_secret;  // goes to the browser only
  std::string stored_digest;  // the store's key for the session
  std::string csrf_token;     // kept with the session; put in every form
};

NewSession start_session();

// Set-Cookie values: the session for `max_age`, and the one that ends it.
std::string session_cookie(std::string_view secret, std::chrono::seconds max_age);
std::string cleared_session_cookie();

// The value of cookie `name` in a Cookie request header (bounded; nullopt when absent).
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// Whether the CSRF token a form sent is the session's (constant time; empty never matches).
bool csrf_valid(std::string_view session_token, std::string_view sent);

}  // namespace baseline::accounts
