// SPDX-License-Identifier: Apache-2.0
// Password storage for the accounts of `baseline serve`: Argon2id through libsodium's
// crypto_pwhash_str, whose output string carries the algorithm, its limits and the salt.
//
// Limits: libsodium's INTERACTIVE ones (2 passes, 64 MiB), its recommendation for online logins.
// MODERATE (256 MiB, ~4x slower) would make every concurrent login attempt hold 256 MiB on a
// small shared machine, which turns the login form into a memory-exhaustion lever; guessing is
// held back instead by the failure rate limiter (login_throttle.h). A hash made with other
// limits still verifies, and needs_rehash() says when to store a fresh one after a login.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::accounts {

// Longest password accepted: Argon2 takes any length, but there is no reason to hash megabytes.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// The storable hash ("$argon2id$v=19$m=65536,t=2,p=1$..."), or an error for an empty or
// over-long password, or when libsodium cannot get the memory.
core::Result<std::string> hash_password(std::string_view password);

// Whether `password` matches `stored` (false for a malformed stored string). Constant time in
// the password, as crypto_pwhash_str_verify is.
bool verify_password(std::string_view stored, std::string_view password);

// Whether `stored` was made with other limits than today's (then re-hash at the next login).
bool needs_rehash(std::string_view stored);

}  // namespace baseline::accounts
