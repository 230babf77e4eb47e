// SPDX-License-Identifier: Apache-2.0
// The Internet.nl batch API v2 under /api/batch/v2/ (docs/internetnl-batch-api.md): account
// routes whose store calls all name the caller's account, so another account's request is
// unknown-request in SQL. Replies and shapes come from src/batch/; the lifecycle runs in
// batch_lifecycle.cc on the web front's test queue.
#include <nlohmann/json.hpp>

#include "accounts/authorization.h"
#include "batch/register_body.h"
#include "batch/replies.h"
#include "server/batch_lifecycle.h"
#include "server/form_fields.h"
#include "server/web_front.h"
#include "store/account_store.h"
#include "store/batch_store.h"
#include "store/sql_connection.h"

namespace baseline::server {

namespace {

constexpr std::string_view kBase = "/api/batch/v2";

Response send(const Request& request, const batch::Reply& reply) {
  auto response =
      make_response(request, static_cast<http::status>(reply.http_status), "application/json",
                    reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  response.set(http::field::cache_control, "no-store");
  return response;
}

store::SqlConnection& sql_of(store::Store& s) {
  auto* sql = s.sql();
  if (sql == nullptr) throw std::runtime_error("this store keeps no batch requests");
  return *sql;
}

batch::TimePoint now() {
  return std::chrono::system_clock::now();
}

// The server's limits with the account's own overrides.
batch::BatchLimits limits_of(WebFront& front, std::int64_t account_id) {
  auto own = front.store.with(
      [&](store::Store& s) { return store::AccountStore(sql_of(s)).limits(account_id); });
  if (!own) throw std::runtime_error(own.error().message);
  auto limits = front.batch_limits;
  if (own->max_domains_per_request)
    limits.max_domains_per_request = static_cast<std::size_t>(*own->max_domains_per_request);
  if (own->max_running_requests)
    limits.max_running_requests = static_cast<std::size_t>(*own->max_running_requests);
  if (own->keep_results_hours) limits.keep_results = std::chrono::hours(*own->keep_results_hours);
  return limits;
}

// The query parameter `key` if present (decoded), else nullopt.
std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  if (!form_has(query, key)) return std::nullopt;
  return form_value(query, key);
}

// The caller's request {id}, or the reply that ends the route (invalid-url, unknown-request).
std::variant<batch::BatchRequest, batch::Reply> own_request(WebFront& front,
                                                            const RequestContext& c) {
  const auto& id = c.param("id");
  if (!batch::valid_request_id(id)) return batch::error_reply(batch::invalid_url());
  auto found = front.store.with(
      [&](store::Store& s) { return store::BatchStore(sql_of(s)).find(c.caller->account_id, id); });
  if (!found) throw std::runtime_error(found.error().message);
  if (!*found) return batch::error_reply(batch::unknown_request());
  return **found;
}

Response register_request(WebFront& front, const RequestContext& c) {
  const auto limits = limits_of(front, c.caller->account_id);
  auto parsed = batch::parse_register_body(c.request.body(), limits);
  if (auto* error = std::get_if<batch::ApiError>(&parsed)) {
    return send(c.request, batch::error_reply(*error));
  }
  auto& body = std::get<batch::RegisterRequest>(parsed);
  batch::BatchRequest request;
  request.id = batch::new_request_id();
  request.name = body.name;
  request.type = body.type;
  request.submitted = now();
  request.domains = body.domains.domains.size();
  std::vector<std::string> domains;
  domains.reserve(body.domains.domains.size());
  for (const auto& d : body.domains.domains) domains.push_back(d.ascii());
  // The count and the insert in one lock: two parallel registrations cannot both pass the limit.
  auto refusal =
      front.store.with([&](store::Store& s) -> core::Result<std::optional<batch::ApiError>> {
        store::BatchStore requests(sql_of(s));
        auto running = requests.unfinished(c.caller->account_id);
        if (!running) return running.error();
        if (auto error = batch::check_running_requests(limits, static_cast<std::size_t>(*running)))
          return error;
        auto added = requests.add(c.caller->account_id, request, domains);
        if (!added) return added.error();
        return std::optional<batch::ApiError>();
      });
  if (!refusal) throw std::runtime_error(refusal.error().message);
  if (*refusal) return send(c.request, batch::error_reply(**refusal));
  return send(c.request, batch::registered_reply(request, body.domains));
}

Response list_requests(WebFront& front, const RequestContext& c) {
  auto query =
      batch::parse_list_query(query_value(c.query, "limit"), query_value(c.query, "progress"));
  if (!query) return send(c.request, batch::error_reply(batch::bad_request(query.error().message)));
  auto requests = front.store.with([&](store::Store& s) {
    return store::BatchStore(sql_of(s)).list(c.caller->account_id, query->limit);
  });
  if (!requests) throw std::runtime_error(requests.error().message);
  return send(c.request, batch::list_reply(std::move(*requests), *query));
}

Response request_status(WebFront& front, const RequestContext& c) {
  auto found = own_request(front, c);
  if (auto* reply = std::get_if<batch::Reply>(&found)) return send(c.request, *reply);
  // progress=true as the list reads it (case-insensitive "true").
  const auto query = batch::parse_list_query(std::nullopt, query_value(c.query, "progress"));
  const bool with_progress = query && query->progress;
  return send(c.request, batch::request_reply(std::get<batch::BatchRequest>(found), with_progress));
}

Response cancel_request(WebFront& front, const RequestContext& c) {
  auto found = own_request(front, c);
  if (auto* reply = std::get_if<batch::Reply>(&found)) return send(c.request, *reply);
  auto wanted = batch::parse_patch_body(c.request.body());
  if (!wanted)
    return send(c.request, batch::error_reply(batch::bad_request(wanted.error().message)));
  auto& request = std::get<batch::BatchRequest>(found);
  const auto when = now();
  const auto when_us =
      std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  auto cancelled = front.store.with([&](store::Store& s) {
    return store::BatchStore(sql_of(s)).cancel(c.caller->account_id, request.id, when_us);
  });
  if (!cancelled) throw std::runtime_error(cancelled.error().message);
  // Read back: a request that finished meanwhile is shown as it is.
  auto again = own_request(front, c);
  if (auto* reply = std::get_if<batch::Reply>(&again)) return send(c.request, *reply);
  return send(c.request, batch::request_reply(std::get<batch::BatchRequest>(again)));
}

// results and results_technical: the domains' objects were rendered when the request was
// generated; the reply joins their stored texts (10,000 domains without parsing one).
Response request_results(WebFront& front, const RequestContext& c, bool technical) {
  auto found = own_request(front, c);
  if (auto* reply = std::get_if<batch::Reply>(&found)) return send(c.request, *reply);
  const auto& request = std::get<batch::BatchRequest>(found);
  const auto limits = limits_of(front, c.caller->account_id);
  if (request.status != batch::RequestStatus::kDone ||
      batch::results_expired(request, now(), limits)) {
    // The library's refusal (not yet done, or deleted after the retention).
    return send(c.request, batch::results_reply(request, {}, now(), limits));
  }
  auto outputs = front.store.with([&](store::Store& s) {
    return store::BatchStore(sql_of(s)).outputs(c.caller->account_id, request.id, technical);
  });
  if (!outputs) throw std::runtime_error(outputs.error().message);
  std::size_t size = 256;
  for (const auto& o : *outputs) size += o.key.size() + o.json.size() + 8;
  std::string body;
  body.reserve(size);
  body += "{\"api_version\":";
  body += nlohmann::json(batch::kApiVersion).dump();
  body += ",\"request\":";
  body += batch::to_json(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  body += ",\"domains\":{";
  bool first = true;
  for (const auto& o : *outputs) {
    if (!first) body += ',';
    first = false;
    body += nlohmann::json(o.key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    body += ':';
    body += o.json;
  }
  body += "}}";
  auto response = make_response(c.request, http::status::ok, "application/json", std::move(body));
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_batch_routes(RouteTable& routes, WebFront& front) {
  const std::string base(kBase);
  routes.add({http::verb::post, base + "/requests", Access::kAccount,
              [&front](const RequestContext& c) { return register_request(front, c); },
              front.batch_limits.max_body_bytes});
  routes.add({http::verb::get, base + "/requests", Access::kAccount,
              [&front](const RequestContext& c) { return list_requests(front, c); }});
  routes.add({http::verb::get, base + "/requests/{id}", Access::kAccount,
              [&front](const RequestContext& c) { return request_status(front, c); }});
  routes.add({http::verb::patch, base + "/requests/{id}", Access::kAccount,
              [&front](const RequestContext& c) { return cancel_request(front, c); }});
  routes.add({http::verb::get, base + "/requests/{id}/results", Access::kAccount,
              [&front](const RequestContext& c) { return request_results(front, c, false); }});
  routes.add({http::verb::get, base + "/requests/{id}/results_technical", Access::kAccount,
              [&front](const RequestContext& c) { return request_results(front, c, true); }});
  routes.add({http::verb::get, base + "/metadata/report", Access::kAccount,
              [](const RequestContext& c) { return send(c.request, batch::metadata_reply()); }});
  // Anything else under /api/batch/: invalid-url, once the credentials are good.
  routes.set_fallback({"/api/batch/", Access::kAccount, [](const RequestContext& c) {
                         return send(c.request, batch::error_reply(batch::invalid_url()));
                       }});
}

// The batch API's own refusals: 401 with an empty body and a Basic challenge, 429 in the API's
// error shape; and its error shape for what the route table answers itself (an unknown path is
// invalid-url, as Internet.nl answers it).
std::optional<Response> batch_refusal(const Request& request, http::status status,
                                      std::optional<int> retry_after) {
  const std::string_view target(request.target().data(), request.target().size());
  if (!target.starts_with("/api/batch/")) return std::nullopt;
  if (status == http::status::unauthorized) {
    auto response = make_response(request, status, "text/plain", "");
    response.set(http::field::www_authenticate, std::string(accounts::basic_challenge()));
    return response;
  }
  auto response = send(request, batch::error_reply(batch::too_many_requests(
                                    "Too many failed authentications; try again later.")));
  response.result(status);
  if (retry_after) response.set(http::field::retry_after, std::to_string(*retry_after));
  return response;
}

Response batch_error(const Request& request, http::status status, const std::string& message) {
  batch::ApiError error;
  switch (status) {
    case http::status::not_found:
    case http::status::method_not_allowed:
      error = batch::invalid_url();
      break;
    case http::status::internal_server_error:
      error = batch::server_error();
      break;
    case http::status::forbidden:
      error = {403, "forbidden", message};
      break;
    default:
      error = {static_cast<int>(status), "bad-request", message};
  }
  return send(request, batch::error_reply(error));
}

}  // namespace baseline::server
