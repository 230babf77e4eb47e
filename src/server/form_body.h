// SPDX-License-Identifier: Apache-2.0
// Reading application/x-www-form-urlencoded bodies (and query strings) of the web front's forms.
#pragma once

#include <string>
#include <string_view>

namespace baseline::server {

// The value of `key` in "name=value&…", decoded ('+' is a space, %XX a byte); "" when absent.
std::string form_value(std::string_view body, std::string_view key);
// Whether `key` is present at all (a checkbox).
bool form_has(std::string_view body, std::string_view key);
// Percent-encodes everything but unreserved characters (RFC 3986), for a query string.
std::string url_encode(std::string_view text);

}  // namespace baseline::server
