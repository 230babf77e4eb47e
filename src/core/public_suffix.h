// SPDX-License-Identifier: Apache-2.0
// The organisational domain (RFC 7489 §3.2): the registrable domain under the Public Suffix List,
// from libpsl with the newest list available (Debian's publicsuffix package, else built in).
#pragma once

#include <string>

namespace baseline::core {

// "mail.example.co.uk" → "example.co.uk". A name that is itself a public suffix, or that the list
// cannot place, is its own organisational domain.
std::string organizational_domain(const std::string& domain);

}  // namespace baseline::core
