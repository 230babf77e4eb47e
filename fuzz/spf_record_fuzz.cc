// SPDX-License-Identifier: Apache-2.0
// Fuzzes the SPF record parser and macro-string checker with TXT contents as they arrive from DNS.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mail/spf/spf_record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = baseline::mail::spf::parse_record(text);
  (void)baseline::mail::spf::macro_string_problem(text, true);
  (void)parsed;
  return 0;
}
