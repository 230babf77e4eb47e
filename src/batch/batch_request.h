// SPDX-License-Identifier: Apache-2.0
// A batch request as the API shows it: its type, its lifecycle status and the Request object
// (reference: "Request object and lifecycle"). The store keeps these fields; the server turns
// them into JSON here so that every route shows the same shape.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "batch/api_reply.h"
#include "core/result.h"
#include "store/batch_record.h"

namespace baseline::batch {

// The record the store keeps (store/batch_record.h), under the names the batch API uses.
using store::BatchRequest;
using store::request_status_from_string;
using store::request_type_from_string;
using store::RequestStatus;
using store::RequestType;
using store::TimePoint;
using store::to_string;

bool is_final(RequestStatus status);  // done, cancelled, error
// Whether the lifecycle allows `from` → `to` (each step forward; cancel or error from any
// unfinished state; nothing leaves a final state).
bool can_move(RequestStatus from, RequestStatus to);

// {"request_id", "name", "request_type", "status", "submit_date", "finished_date"}; with
// `progress` also "progress": "<finished>/<total>" and "num_domains" (Internet.nl #1506).
nlohmann::json to_json(const BatchRequest& request, bool progress = false);
// ISO 8601 with microseconds and +00:00, as Internet.nl writes dates.
std::string iso_date(TimePoint when);

// A fresh request ID: 16 random bytes as 32 lowercase hex characters.
std::string new_request_id();
// The route's pattern for IDs, [a-zA-Z0-9]{1,35}; anything else is invalid-url.
bool valid_request_id(std::string_view id);

// PATCH /requests/{id}: the body must be {"status": "cancelled"} (case-insensitive). A failure's
// message is the bad-request msg of the reference.
core::Result<RequestStatus> parse_patch_body(std::string_view body);

// GET /requests?limit=N&progress=true: limit defaults to 10, 0 means no limit.
struct ListQuery {
  std::size_t limit = 10;  // 0: all
  bool progress = false;
};
// Reads the two query parameters (already URL-decoded); a failure's message is a bad-request msg.
core::Result<ListQuery> parse_list_query(std::optional<std::string_view> limit,
                                         std::optional<std::string_view> progress);

}  // namespace baseline::batch
