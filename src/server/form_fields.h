// SPDX-License-Identifier: Apache-2.0
// Fields of an application/x-www-form-urlencoded body or a query string.
#pragma once

#include <string>
#include <string_view>

namespace baseline::server {

// The decoded value of `key` ("" when absent).
std::string form_value(std::string_view body, std::string_view key);
bool form_has(std::string_view body, std::string_view key);
// Percent-encodes for a query string or a path segment.
std::string url_encode(std::string_view text);

}  // namespace baseline::server
