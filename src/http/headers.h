// SPDX-License-Identifier: Apache-2.0
// Parsers for the security headers Baseline judges. Each takes the raw header value (hostile
// input: any bytes) and returns what it found plus a list of findings for people; none throws.
// Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baseline::http {

// RFC 6797 section 6.1: Strict-Transport-Security.
struct Hsts {
  bool valid = false;
  std::optional<std::uint64_t> max_age;
  bool include_subdomains = false;
  bool preload = false;
  std::string error;  // why it is not valid
};
Hsts parse_hsts(std::string_view value);

// Content-Security-Policy (CSP Level 3): directives and their source lists, and the findings of
// checks.md web.headers.csp.
struct CspDirective {
  std::string name;  // lower case
  std::vector<std::string> sources;
};
struct CspAnalysis {
  std::vector<CspDirective> directives;
  std::vector<std::string> findings;  // empty: the policy passes
  bool has_frame_ancestors = false;
};
CspAnalysis analyze_csp(std::string_view value);

// Referrer-Policy: the effective policy is the last token the browser knows.
struct ReferrerPolicy {
  std::optional<std::string> policy;
  bool good = false;
};
ReferrerPolicy parse_referrer_policy(std::string_view value);

// X-Frame-Options: DENY or SAMEORIGIN (case-insensitive).
bool x_frame_options_good(std::string_view value);
// X-Content-Type-Options: nosniff.
bool x_content_type_options_good(std::string_view value);

std::string lower(std::string_view text);
std::string_view trim(std::string_view text);

}  // namespace baseline::http
