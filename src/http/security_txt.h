// SPDX-License-Identifier: Apache-2.0
// RFC 9116 security.txt: parsing and validation. Hostile input; never throws. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baseline::http {

struct SecurityTxt {
  std::vector<std::string> contacts;
  std::vector<std::string> canonicals;
  // The language tags of Preferred-Languages (RFC 9116 2.5.8), in the file's order (the first
  // such field only).
  std::vector<std::string> preferred_languages;
  std::optional<long long> expires;  // Unix seconds
  bool signed_message = false;
  std::vector<std::string> findings;  // each one a reason for `warn`
};

// `content_type`: the Content-Type header; `url`: where it was fetched (for Canonical);
// `now`: Unix seconds.
SecurityTxt parse_security_txt(std::string_view body, std::string_view content_type,
                               std::string_view url, long long now);

// RFC 3339 date-time (as RFC 9116 requires for Expires) to Unix seconds.
std::optional<long long> parse_rfc3339(std::string_view s);

bool valid_utf8(std::string_view text);

}  // namespace baseline::http
