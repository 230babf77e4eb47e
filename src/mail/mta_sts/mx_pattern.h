// SPDX-License-Identifier: Apache-2.0
// MX patterns of an MTA-STS policy (RFC 8461 §3.2 "mx", §4.1): a host name, or "*." and a host
// name, where the wildcard stands for exactly one leftmost label.
#pragma once

#include <string>
#include <string_view>

namespace baseline::mail::mta_sts {

// A syntactically valid pattern: optional "*." then a domain of letter-digit-hyphen labels
// (underscores tolerated), at least two labels, each 1-63 octets, 253 octets in all.
bool is_valid_mx_pattern(std::string_view pattern);

// Does MX host `host` match `pattern`? Case-insensitive, a trailing dot on either is ignored.
// "*.example.com" matches "mx.example.com" but neither "example.com" nor "a.b.example.com".
bool mx_matches(std::string_view pattern, std::string_view host);

}  // namespace baseline::mail::mta_sts
