// SPDX-License-Identifier: Apache-2.0
// What a person types into the form (or sends to the API) turned into the domain to test:
// surrounding space trimmed, a pasted URL reduced to its host ("https://example.nl/path" tests
// example.nl), a trailing dot or port dropped, Unicode accepted (IDNA2008 via DomainName).
// IP addresses and malformed names are refused with a stable code for the API.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/domain_name.h"

namespace baseline::server {

struct InputProblem {
  std::string code;     // empty-domain, ip-address, invalid-domain
  std::string message;  // for people; never echoes more than a bounded part of the input
  std::string shown;    // `message` in the language of the page (the API answers in English)
};

std::variant<core::DomainName, InputProblem> parse_domain_input(std::string_view typed);

}  // namespace baseline::server
