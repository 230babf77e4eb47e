// SPDX-License-Identifier: Apache-2.0
// The MTA-STS policy file served at https://mta-sts.DOMAIN/.well-known/mta-sts.txt (RFC 8461 §3.2):
// "key: value" lines ending in LF or CRLF with version, mode, max_age and mx patterns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace baseline::mail::mta_sts {

// Policies are small; the bound keeps a hostile server from making us parse megabytes.
inline constexpr std::size_t kPolicyLimit = 64 * 1024;
inline constexpr std::uint32_t kMaxAgeLimit = 31557600;  // one year, the §3.2 maximum

enum class Mode { kEnforce, kTesting, kNone };
std::string_view to_string(Mode mode);

struct Policy {
  Mode mode = Mode::kNone;
  std::uint32_t max_age = 0;         // seconds
  std::vector<std::string> mx;       // patterns as written (lower case), in order
  std::vector<std::string> ignored;  // unknown keys, ignored as §3.2 requires
  std::vector<std::string> notes;    // tolerated oddities: repeated fields (the first counts)
};

// Fails on a body over kPolicyLimit, a line that is not "key: value", a missing or unknown
// version, mode or max_age, a max_age beyond kMaxAgeLimit, an invalid mx pattern, or no mx
// pattern at all while the mode is not "none".
core::Result<Policy> parse_policy(std::string_view body);

}  // namespace baseline::mail::mta_sts
