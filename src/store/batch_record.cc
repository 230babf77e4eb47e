// SPDX-License-Identifier: Apache-2.0
#include "store/batch_record.h"

#include <algorithm>
#include <cctype>

namespace baseline::store {

std::string_view to_string(RequestType type) {
  return type == RequestType::kWeb ? "web" : "mail";
}

std::optional<RequestType> request_type_from_string(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "web") return RequestType::kWeb;
  if (lower == "mail") return RequestType::kMail;
  return std::nullopt;
}

std::string_view to_string(RequestStatus status) {
  switch (status) {
    case RequestStatus::kRegistering:
      return "registering";
    case RequestStatus::kRunning:
      return "running";
    case RequestStatus::kGenerating:
      return "generating";
    case RequestStatus::kDone:
      return "done";
    case RequestStatus::kCancelled:
      return "cancelled";
    case RequestStatus::kError:
      return "error";
  }
  return "error";
}

std::optional<RequestStatus> request_status_from_string(std::string_view text) {
  for (auto s : {RequestStatus::kRegistering, RequestStatus::kRunning, RequestStatus::kGenerating,
                 RequestStatus::kDone, RequestStatus::kCancelled, RequestStatus::kError}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace baseline::store
