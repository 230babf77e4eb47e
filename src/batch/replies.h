// SPDX-License-Identifier: Apache-2.0
// Whole replies of the batch routes, for the server to send as they are: it looks the request
// and its stored results up (scoped to the account in SQL), then calls one of these.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "batch/api_reply.h"
#include "batch/batch_limits.h"
#include "batch/batch_request.h"
#include "batch/domain_list.h"

namespace baseline::batch {

// One domain of a request as the store has it.
struct StoredDomain {
  std::string ascii;                       // the normalised domain
  const nlohmann::json* result = nullptr;  // its baseline/test-result/1; null: its test failed
  std::string report_url;                  // Baseline's permalink of that test
};

// A reply: the HTTP status and the JSON body (always with api_version).
struct Reply {
  int http_status = 200;
  nlohmann::json body;
};

Reply error_reply(const ApiError& error);

// POST /requests → 201 {"request"} (+ rejected_domains, see register_body.h).
Reply registered_reply(const BatchRequest& request, const DomainList& domains);
// GET or PATCH /requests/{id} → 200 {"request"}.
Reply request_reply(const BatchRequest& request, bool progress = false, int http_status = 200);
// GET /requests: newest first (by submit date), at most query.limit (0: all).
Reply list_reply(std::vector<BatchRequest> requests, const ListQuery& query);
// PATCH /requests/{id} with a parsed body: moves an unfinished request to cancelled (a finished
// one stays as it is) and returns the request object.
Reply cancel_reply(BatchRequest& request, TimePoint now);
// GET …/results and …/results_technical: 400 "not yet done" unless the request is done, and
// 400 when its results are older than the account's retention.
Reply results_reply(const BatchRequest& request, std::span<const StoredDomain> domains,
                    TimePoint now, const BatchLimits& limits);
Reply technical_reply(const BatchRequest& request, std::span<const StoredDomain> domains,
                      TimePoint now, const BatchLimits& limits);
// GET /metadata/report.
Reply metadata_reply();

// Whether a done request's results have outlived the retention (the server may delete them).
bool results_expired(const BatchRequest& request, TimePoint now, const BatchLimits& limits);

}  // namespace baseline::batch
