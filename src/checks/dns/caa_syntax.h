// SPDX-License-Identifier: Apache-2.0
// The RFC 8659 grammar of CAA properties, kept apart from the check so that it can be fuzzed:
// its input is RDATA from the network.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dns/rdata.h"

namespace baseline::checks::dns_family {

// Problems with one CAA record, each a sentence; empty when the record is well-formed.
std::vector<std::string> caa_record_problems(const dns::CaaData& record);
// RFC 8659 §4.2 issue-value grammar (also used for issuewild).
bool is_valid_issue_value(std::string_view value);
std::string ascii_lower(std::string_view text);

}  // namespace baseline::checks::dns_family
