// SPDX-License-Identifier: Apache-2.0
#include "batch/replies.h"

#include <algorithm>

#include "batch/domain_results.h"
#include "batch/metadata_report.h"
#include "batch/register_body.h"
#include "batch/technical_results.h"

namespace baseline::batch {
namespace {

using json = nlohmann::json;

std::optional<ApiError> results_unavailable(const BatchRequest& request, TimePoint now,
                                            const BatchLimits& limits) {
  if (request.status != RequestStatus::kDone) return not_yet_done();
  if (results_expired(request, now, limits)) {
    return bad_request("The results of this request have been deleted after " +
                       std::to_string(limits.keep_results.count() / 24) + " days.");
  }
  return std::nullopt;
}

template <class Build>
Reply domains_reply(const BatchRequest& request, std::span<const StoredDomain> domains,
                    TimePoint now, const BatchLimits& limits, Build build) {
  if (auto error = results_unavailable(request, now, limits)) return error_reply(*error);
  json out = json::object();
  static const json kNone = nullptr;
  for (const auto& d : domains) {
    const json& stored = d.result != nullptr ? *d.result : kNone;
    out[domain_key(stored, d.ascii)] = build(stored, d);
  }
  return {200, envelope({{"request", to_json(request)}, {"domains", out}})};
}

}  // namespace

Reply error_reply(const ApiError& error) {
  return {error.http_status, error_body(error)};
}

Reply registered_reply(const BatchRequest& request, const DomainList& domains) {
  return {201, envelope(register_reply(request, domains))};
}

Reply request_reply(const BatchRequest& request, bool progress, int http_status) {
  return {http_status, envelope({{"request", to_json(request, progress)}})};
}

Reply list_reply(std::vector<BatchRequest> requests, const ListQuery& query) {
  std::stable_sort(requests.begin(), requests.end(),
                   [](const auto& a, const auto& b) { return a.submitted > b.submitted; });
  if (query.limit != 0 && requests.size() > query.limit) requests.resize(query.limit);
  json list = json::array();
  for (const auto& r : requests) list.push_back(to_json(r, query.progress));
  return {200, envelope({{"requests", list}})};
}

Reply cancel_reply(BatchRequest& request, TimePoint now) {
  if (can_move(request.status, RequestStatus::kCancelled)) {
    request.status = RequestStatus::kCancelled;
    request.finished = now;
  }
  return request_reply(request);
}

Reply results_reply(const BatchRequest& request, std::span<const StoredDomain> domains,
                    TimePoint now, const BatchLimits& limits) {
  return domains_reply(request, domains, now, limits,
                       [&](const json& stored, const StoredDomain& d) {
                         return domain_results(stored, request.type, d.report_url);
                       });
}

Reply technical_reply(const BatchRequest& request, std::span<const StoredDomain> domains,
                      TimePoint now, const BatchLimits& limits) {
  return domains_reply(request, domains, now, limits, [&](const json& stored, const StoredDomain&) {
    return technical_results(stored, request.type);
  });
}

Reply metadata_reply() {
  return {200, envelope(metadata_report())};
}

bool results_expired(const BatchRequest& request, TimePoint now, const BatchLimits& limits) {
  return request.status == RequestStatus::kDone && request.finished &&
         now - *request.finished > limits.keep_results;
}

}  // namespace baseline::batch
