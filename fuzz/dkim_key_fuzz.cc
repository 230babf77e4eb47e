// SPDX-License-Identifier: Apache-2.0
// Fuzzes the DKIM key record parser (base64 and DER inside) with TXT contents as they arrive from
// DNS.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mail/dkim/dkim_key.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = baseline::mail::dkim::parse_key_record(text);
  (void)parsed;
  return 0;
}
