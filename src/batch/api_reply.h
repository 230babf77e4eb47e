// SPDX-License-Identifier: Apache-2.0
// The batch API's reply envelope and error shapes (Internet.nl batch API v2.7.0,
// shared/reference/internetnl-batch-api.md, "Envelope and error format"). Every JSON reply
// carries "api_version"; an error is {"error": {"label", "msg"}} with the reference's HTTP code.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace baseline::batch {

inline constexpr std::string_view kApiVersion = "2.7.0";

struct ApiError {
  int http_status = 400;
  std::string label;  // bad-request, invalid-url, unknown-request, server-error, ...
  std::string msg;

  friend bool operator==(const ApiError&, const ApiError&) = default;
};

// `body` (an object) with "api_version" added.
nlohmann::json envelope(nlohmann::json body);
// {"api_version": ..., "error": {"label": ..., "msg": ...}}
nlohmann::json error_body(const ApiError& error);

// The reference's errors, with its message texts.
ApiError bad_request(std::string msg);
ApiError invalid_url();      // 400: an unknown path under /api/batch/
ApiError unknown_request();  // 404: no such request_id for this user (also another user's)
ApiError server_error(
    std::string msg = "General server error. Please report this if it keeps happening");
ApiError not_yet_done();  // 400: results asked for before the request is done
// Baseline's account limits (not in Internet.nl, which enforces none): 429 with this label, the
// same error shape, so that a client that knows only the reference still reads a label and msg.
ApiError too_many_requests(std::string msg);

}  // namespace baseline::batch
