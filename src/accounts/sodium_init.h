// SPDX-License-Identifier: Apache-2.0
// libsodium must be initialised once before use (it picks implementations and seeds its
// generator); sodium_init() is thread-safe and idempotent.
#pragma once

#include <sodium.h>

#include <stdexcept>

namespace baseline::accounts {

inline void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium cannot be initialised");
}

}  // namespace baseline::accounts
