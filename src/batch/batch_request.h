// SPDX-License-Identifier: Apache-2.0
// A batch request as the API shows it: its type, its lifecycle status and the Request object
// (reference: "Request object and lifecycle"). The store keeps these fields; the server turns
// them into JSON here so that every route shows the same shape.
#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "batch/api_reply.h"
#include "core/result.h"

namespace baseline::batch {

enum class RequestType { kWeb, kMail };

std::string_view to_string(RequestType type);
// "web" or "mail", case-insensitive as Internet.nl lowercases `type` before checking it.
std::optional<RequestType> request_type_from_string(std::string_view text);

// registering → running → generating → done; cancelled and error end a request early.
enum class RequestStatus { kRegistering, kRunning, kGenerating, kDone, kCancelled, kError };

std::string_view to_string(RequestStatus status);
std::optional<RequestStatus> request_status_from_string(std::string_view text);
bool is_final(RequestStatus status);  // done, cancelled, error
// Whether the lifecycle allows `from` → `to` (each step forward; cancel or error from any
// unfinished state; nothing leaves a final state).
bool can_move(RequestStatus from, RequestStatus to);

using TimePoint = std::chrono::system_clock::time_point;

struct BatchRequest {
  std::string id;  // 32 lowercase hex characters (as uuid4().hex)
  std::string name = "no-name";
  RequestType type = RequestType::kWeb;
  RequestStatus status = RequestStatus::kRegistering;
  TimePoint submitted;
  std::optional<TimePoint> finished;
  std::size_t domains = 0;           // for progress=true
  std::size_t finished_domains = 0;  // done or in error
};

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
