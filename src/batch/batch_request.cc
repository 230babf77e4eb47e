// SPDX-License-Identifier: Apache-2.0
#include "batch/batch_request.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>

namespace baseline::batch {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The PATCH body is tiny; anything larger is not a status change.
constexpr std::size_t kMaxPatchBody = 4096;

}  // namespace

bool is_final(RequestStatus status) {
  return status == RequestStatus::kDone || status == RequestStatus::kCancelled ||
         status == RequestStatus::kError;
}

bool can_move(RequestStatus from, RequestStatus to) {
  if (is_final(from)) return false;
  if (to == RequestStatus::kCancelled || to == RequestStatus::kError) return true;
  switch (from) {
    case RequestStatus::kRegistering:
      return to == RequestStatus::kRunning;
    case RequestStatus::kRunning:
      return to == RequestStatus::kGenerating;
    case RequestStatus::kGenerating:
      return to == RequestStatus::kDone;
    default:
      return false;
  }
}

std::string iso_date(TimePoint when) {
  const auto micros = std::chrono::time_point_cast<std::chrono::microseconds>(when);
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(micros);
  const auto fraction = (micros - seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}+00:00", seconds, fraction);
}

nlohmann::json to_json(const BatchRequest& request, bool progress) {
  nlohmann::json out = {
      {"request_id", request.id},
      {"name", request.name},
      {"request_type", to_string(request.type)},
      {"status", to_string(request.status)},
      {"submit_date", iso_date(request.submitted)},
      {"finished_date", request.finished ? nlohmann::json(iso_date(*request.finished)) : nullptr}};
  if (progress) {
    out["progress"] =
        std::to_string(request.finished_domains) + "/" + std::to_string(request.domains);
    out["num_domains"] = request.domains;
  }
  return out;
}

std::string new_request_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 35) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

core::Result<RequestStatus> parse_patch_body(std::string_view body) {
  const std::string unsupported =
      "'status' does not have one of the supported values: ['cancelled'].";
  if (body.size() > kMaxPatchBody) return core::make_error(unsupported);
  // A flat object is all that is allowed: parse with a depth guard of 2 (object, value).
  auto parsed = nlohmann::json::parse(
      body, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return depth <= 2; },
      false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return core::make_error("Problem parsing json. Did you supply a 'status'?");
  }
  auto it = parsed.find("status");
  if (it == parsed.end() || !it->is_string() || lowercase(it->get<std::string>()) != "cancelled") {
    return core::make_error(unsupported);
  }
  return RequestStatus::kCancelled;
}

core::Result<ListQuery> parse_list_query(std::optional<std::string_view> limit,
                                         std::optional<std::string_view> progress) {
  ListQuery query;
  if (limit) {
    std::size_t n = 0;
    const auto* end = limit->data() + limit->size();
    auto [ptr, ec] = std::from_chars(limit->data(), end, n);
    if (limit->empty() || ec != std::errc() || ptr != end) {
      return core::make_error("'limit' is not a non-negative integer.");
    }
    query.limit = n;
  }
  if (progress) query.progress = lowercase(*progress) == "true";
  return query;
}

}  // namespace baseline::batch
