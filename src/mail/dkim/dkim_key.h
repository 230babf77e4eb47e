// SPDX-License-Identifier: Apache-2.0
// DKIM public key records (RFC 6376 §3.6.1, Ed25519 per RFC 8463): parsing and key strength.
#pragma once

#include <string>

#include "core/result.h"

namespace baseline::mail::dkim {

enum class KeyType { kRsa, kEd25519 };

struct PublicKey {
  KeyType type = KeyType::kRsa;
  bool revoked = false;  // p= is empty: the key was withdrawn (§3.6.1)
  int bits = 0;          // RSA modulus size; 256 for Ed25519
  bool testing = false;  // t=y
};

core::Result<PublicKey> parse_key_record(std::string_view text);

}  // namespace baseline::mail::dkim
