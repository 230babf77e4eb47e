// SPDX-License-Identifier: Apache-2.0
// A security-header check (group "headers" in checks/declarations.h) is one file in this folder:
// NAME.cc defines `extern const HeaderCheck NAME_check` — its declared ID, the header field it
// reads, a value that passes and its judge — and may keep its parser and a NAME_test.cc beside it.
// The build lists the folder and generates the table below (cmake/header_checks.cmake), so adding a
// header check touches no other code: the web family judges every entry, and the error and refused
// paths cover the group from the declarations.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/check_id.h"
#include "core/check_result.h"

namespace baseline::checks::web_headers {

// The final HTTPS response's header fields, names in lower case, in the order received.
struct HeaderFields {
  const std::vector<std::pair<std::string, std::string>>& fields;

  // The first field of that (lower-case) name.
  std::optional<std::string_view> first(std::string_view name) const;
};

// One result about `target` (an address and port) from the response's fields. Must not throw.
using HeaderJudge = core::CheckResult (*)(const HeaderFields& response, const std::string& target);

struct HeaderCheck {
  CheckId id;
  std::string_view header;        // the field judged, lower case; fuzzing feeds it
  std::string_view good_example;  // a value that passes (the unit tests judge it)
  HeaderJudge judge;
};

// Every header check of this folder, in declaration order (checks/declarations.h).
std::span<const HeaderCheck* const> header_checks();

}  // namespace baseline::checks::web_headers
