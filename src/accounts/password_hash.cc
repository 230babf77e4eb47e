// SPDX-License-Identifier: Apache-2.0
#include "accounts/password_hash.h"

#include <sodium.h>

#include <stdexcept>

#include "accounts/sodium_init.h"

namespace baseline::accounts {

core::Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  if (password.empty()) return core::make_error("the password is empty");
  if (password.size() > kMaxPasswordBytes) {
    return core::make_error("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                            " bytes");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return core::make_error("not enough memory to hash the password");
  }
  return std::string(out);
}

bool verify_password(std::string_view stored, std::string_view password) {
  ensure_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  if (password.empty() || password.size() > kMaxPasswordBytes) return false;
  const std::string terminated(stored);  // libsodium reads a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view stored) {
  ensure_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(stored);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace baseline::accounts
