// SPDX-License-Identifier: Apache-2.0
// The MTA-STS TXT record at _mta-sts.DOMAIN (RFC 8461 §3.1): "v=STSv1; id=20260101T000000;".
// It only announces that a policy exists and which version (id) is current; the policy itself is
// fetched over HTTPS (sts_policy.h).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace baseline::mail::mta_sts {

struct TxtRecord {
  std::string id;                                               // 1-32 letters and digits
  std::vector<std::pair<std::string, std::string>> extensions;  // other fields, in order
};

// Does this TXT string claim to be an MTA-STS record (starts with "v=STSv1", then ';', blank or
// end)? Senders discard every other TXT string at _mta-sts before counting records (§3.1).
bool is_sts_record(std::string_view text);

// Strict §3.1 syntax: the version first, then ';'-separated fields, exactly one id.
core::Result<TxtRecord> parse_txt_record(std::string_view text);

}  // namespace baseline::mail::mta_sts
