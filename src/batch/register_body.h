// SPDX-License-Identifier: Apache-2.0
// POST /requests: the body {"type": "web"|"mail", "domains": [...], "name": "..."} read with hard
// bounds (size, nesting depth, number of values, domains, name length) before anything else.
// Hostile input gives a bad-request error with the reference's texts where they fit, never a
// crash or unbounded memory.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "batch/api_reply.h"
#include "batch/batch_limits.h"
#include "batch/batch_request.h"
#include "batch/domain_list.h"

namespace baseline::batch {

// Deeper than {"domains": [...]} needs; a deeper body is refused before it is built.
inline constexpr int kMaxBodyDepth = 4;

struct RegisterRequest {
  RequestType type = RequestType::kWeb;
  std::string name = "no-name";
  DomainList domains;  // accepted (normalised) and rejected inputs
};

using RegisterParse = std::variant<RegisterRequest, ApiError>;

RegisterParse parse_register_body(std::string_view body, const BatchLimits& limits);

// The 201 reply's body: {"request": {...}} and, beyond Internet.nl, "rejected_domains":
// [{"domain", "reason"}] when some inputs were not domain names.
nlohmann::json register_reply(const BatchRequest& request, const DomainList& domains);

}  // namespace baseline::batch
