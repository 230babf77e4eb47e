// SPDX-License-Identifier: Apache-2.0
// Limits per account of the batch API. Internet.nl enforces none in code; its fair-use terms ask
// for at most 5000 domains per request and 2 requests per week, and its cron deletes results
// after 13 days. Baseline runs on the team's own machine, so the defaults follow those numbers
// where they protect the machine (domains, retention) and allow more where they only ration a
// shared service (requests running at once).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "batch/api_reply.h"

namespace baseline::batch {

struct BatchLimits {
  std::size_t max_domains_per_request = 5000;
  std::size_t max_running_requests = 4;  // registering, running or generating at once
  std::chrono::hours keep_results{13 * 24};
  // Bounds of POST /requests before any domain is looked at.
  std::size_t max_body_bytes = 2 * 1024 * 1024;  // 5000 Unicode names of 253 octets fit
  std::size_t max_name_chars = 255;              // the request's "name", as Internet.nl
};

// The error for a new request when the account already has `running` unfinished requests.
std::optional<ApiError> check_running_requests(const BatchLimits& limits, std::size_t running);

}  // namespace baseline::batch
