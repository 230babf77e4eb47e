// SPDX-License-Identifier: Apache-2.0
// Random secrets of the web front and the API — bearer tokens, session IDs, CSRF tokens — and
// the form they are stored in. A secret is 32 random bytes (randombytes_buf), shown URL-safe
// (base64url without padding, 43 characters). Only its digest is ever stored (BLAKE2b-256, hex):
// a secret of 256 random bits needs no slow hash, and a leaked table of digests opens nothing.
// Digests are compared in constant time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace baseline::accounts {

inline constexpr std::size_t kSecretBytes = 32;

// A fresh secret: `bytes` random bytes, base64url without padding.
std::string random_secret(std::size_t bytes = kSecretBytes);

// The stored form of a secret: 64 lowercase hex characters.
std::string secret_digest(std::string_view secret);

// Whether `secret` (as presented by a client) has the stored digest `digest`; constant time.
bool secret_matches(std::string_view secret, std::string_view digest);

// Constant-time equality of two strings of the same length (false for different lengths):
// for a CSRF token from a form against the one kept with the session.
bool constant_time_equal(std::string_view a, std::string_view b);

// Whether `text` looks like a secret of ours (43 base64url characters) before any lookup.
bool well_formed_secret(std::string_view text);

}  // namespace baseline::accounts
