// SPDX-License-Identifier: Apache-2.0
// Names of accounts (`baseline users add NAME`): what HTTP Basic can carry unambiguously and a
// log line can show — 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-', '@', starting with a letter or
// digit. Names are case-sensitive as typed; no two accounts may differ only in case (compare with
// account_key).
#pragma once

#include <string>
#include <string_view>

namespace baseline::accounts {

inline constexpr std::size_t kMaxAccountName = 64;

// Nothing when valid, else the reason for `baseline users add`.
std::string account_name_problem(std::string_view name);
// The lowercase form under which accounts are unique and rate-limited.
std::string account_key(std::string_view name);

}  // namespace baseline::accounts
