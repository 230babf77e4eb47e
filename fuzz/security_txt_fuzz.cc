// SPDX-License-Identifier: Apache-2.0
// Fuzzes the RFC 9116 security.txt parser with arbitrary bodies and content types. Beyond not
// crashing: a file without findings has a Contact and an Expires in the future.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/security_txt.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t type_length = data[0] % 40;
  if (size < 1 + type_length) return 0;
  std::string_view type(reinterpret_cast<const char*>(data + 1), type_length);
  std::string_view body(reinterpret_cast<const char*>(data + 1 + type_length),
                        size - 1 - type_length);
  constexpr long long kNow = 1795000000;
  auto parsed =
      baseline::http::parse_security_txt(body, type, "https://x/.well-known/security.txt", kNow);
  if (parsed.findings.empty() &&
      (parsed.contacts.empty() || !parsed.expires || *parsed.expires <= kNow)) {
    std::abort();
  }
  return 0;
}
