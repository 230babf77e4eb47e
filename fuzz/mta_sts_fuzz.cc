// SPDX-License-Identifier: Apache-2.0
// Fuzzes the MTA-STS parsers with bytes as they arrive from DNS (the _mta-sts TXT record) and from
// the policy host (the policy file), and the MX matcher with every pattern the policy yields.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mail/mta_sts/mx_pattern.h"
#include "mail/mta_sts/sts_policy.h"
#include "mail/mta_sts/sts_record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace sts = baseline::mail::mta_sts;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (sts::is_sts_record(text)) {
    auto record = sts::parse_txt_record(text);
    (void)record;
  }
  auto policy = sts::parse_policy(text);
  if (policy) {
    for (const auto& pattern : policy->mx) {
      (void)sts::mx_matches(pattern, "mx1.example.com");
      (void)sts::mx_matches(pattern, text.substr(0, 64));
    }
  }
  return 0;
}
