// SPDX-License-Identifier: Apache-2.0
// A batch request as the store keeps it: its type, its lifecycle status, when it was submitted
// and finished, and its progress. The batch API (src/batch/) shows these fields and decides the
// lifecycle (batch::can_move); the store only reads and writes them, so the record lives here,
// below both (docs/architecture.md, src/layers.txt).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace baseline::store {

enum class RequestType { kWeb, kMail };

std::string_view to_string(RequestType type);
// "web" or "mail", case-insensitive as Internet.nl lowercases `type` before checking it.
std::optional<RequestType> request_type_from_string(std::string_view text);

// registering → running → generating → done; cancelled and error end a request early.
enum class RequestStatus { kRegistering, kRunning, kGenerating, kDone, kCancelled, kError };

std::string_view to_string(RequestStatus status);
std::optional<RequestStatus> request_status_from_string(std::string_view text);

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

}  // namespace baseline::store
