// SPDX-License-Identifier: Apache-2.0
// The domains of a batch request, normalised as Internet.nl does (strip, lowercase, IDNA,
// de-duplicate, sort) — except that an invalid domain is reported with its reason instead of
// being dropped silently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain_name.h"

namespace baseline::batch {

// Longest input we keep in a rejection (the rest is cut, marked with "…").
inline constexpr std::size_t kMaxShownInput = 300;

struct RejectedDomain {
  std::string input;   // as given (cut to kMaxShownInput bytes)
  std::string reason;  // why it is not a domain name we test
};

struct DomainList {
  std::vector<core::DomainName> domains;  // unique, sorted by A-label
  std::vector<RejectedDomain> rejected;   // in input order
};

DomainList normalise_domains(const std::vector<std::string>& inputs);

}  // namespace baseline::batch
