// SPDX-License-Identifier: Apache-2.0
// The JSON API under /api/v1/ (shared/spec/interface.md), described by assets/openapi.json.
#include <nlohmann/json.hpp>

#include "report/catalog_export.h"
#include "server/domain_input.h"
#include "server/test_view.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

constexpr int kHistoryLimit = 100;

Response json_response(const Request& request, http::status status, const nlohmann::json& body) {
  auto response =
      make_response(request, status, "application/json",
                    body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  response.set(http::field::cache_control, "no-store");
  return response;
}

Response refused(const Request& request, const SubmitRefusal& refusal) {
  auto response = api_error(request, refusal.status, refusal.code, refusal.message);
  if (refusal.retry_after)
    response.set(http::field::retry_after, std::to_string(*refusal.retry_after));
  return response;
}

Response post_test(WebFront& front, const RequestContext& context) {
  const auto& request = context.request;
  const auto type = std::string(request[http::field::content_type]);
  if (!type.empty() && type.find("application/json") == std::string::npos) {
    return api_error(request, http::status::unsupported_media_type, "unsupported-media-type",
                     "Send the test as application/json.");
  }
  const auto body = nlohmann::json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return api_error(request, http::status::bad_request, "invalid-json",
                     "The body is not a JSON object.");
  }
  if (!body.contains("domain") || !body["domain"].is_string()) {
    return api_error(request, http::status::bad_request, "empty-domain",
                     "Give the domain to test as {\"domain\": \"example.nl\"}.");
  }
  runtime::Families families{true, true};
  if (body.contains("families")) {
    const auto& list = body["families"];
    if (!list.is_array() || list.empty()) {
      return api_error(request, http::status::bad_request, "invalid-families",
                       "families is a non-empty list of \"web\" and \"mail\".");
    }
    families = {false, false};
    for (const auto& f : list) {
      if (f == "web") {
        families.web = true;
      } else if (f == "mail") {
        families.mail = true;
      } else {
        return api_error(request, http::status::bad_request, "invalid-families",
                         "families is a non-empty list of \"web\" and \"mail\".");
      }
    }
  }
  auto outcome = submit_test(front, body["domain"].get<std::string>(), families, context.client);
  if (auto* refusal = std::get_if<SubmitRefusal>(&outcome)) return refused(request, *refusal);
  const auto& submission = std::get<store::Submission>(outcome);
  return json_response(request, submission.created ? http::status::created : http::status::ok,
                       test_to_json(submission.test, false, unix_now()));
}

Response get_test(WebFront& front, const RequestContext& context) {
  const auto& id = context.param("id");
  auto test = front.store.with([&](store::Store& s) { return s.find_test(id); });
  if (!test) throw std::runtime_error(test.error().message);
  if (!*test) {
    return api_error(context.request, http::status::not_found, "unknown-test",
                     "There is no test with this id.");
  }
  auto response =
      make_response(context.request, http::status::ok, "application/json",
                    test_json_text(**test, true, unix_now(),
                                   front.progress ? front.progress->finished_families(id)
                                                  : std::vector<std::string>{}));
  response.set(http::field::cache_control, "no-store");
  return response;
}

Response get_site(WebFront& front, const RequestContext& context) {
  auto parsed = parse_domain_input(context.param("domain"));
  if (auto* problem = std::get_if<InputProblem>(&parsed)) {
    return api_error(context.request, http::status::bad_request, problem->code, problem->message);
  }
  const auto domain = std::get<core::DomainName>(parsed).ascii();
  auto history =
      front.store.with([&](store::Store& s) { return s.site_tests(domain, kHistoryLimit, false); });
  if (!history) throw std::runtime_error(history.error().message);
  if (history->empty()) {
    return api_error(context.request, http::status::not_found, "unknown-site",
                     "This domain has not been tested here yet.");
  }
  auto latest = front.store.with([&](store::Store& s) { return s.find_test(history->front().id); });
  if (!latest || !*latest) throw std::runtime_error("latest test vanished");
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& t : *history) {
    entries.push_back({{"id", t.id},
                       {"finished", t.finished},
                       {"score", t.score ? nlohmann::json(*t.score) : nlohmann::json(nullptr)},
                       {"url", "/test/" + t.id}});
  }
  return json_response(context.request, http::status::ok,
                       {{"domain", domain},
                        {"latest", test_to_json(**latest, true, unix_now())},
                        {"history", entries}});
}

}  // namespace

std::string_view openapi_document();

void add_api_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::post, "/api/v1/tests", Access::kPublic,
              [&front](const RequestContext& c) { return post_test(front, c); }});
  routes.add({http::verb::get, "/api/v1/tests/{id}", Access::kPublic,
              [&front](const RequestContext& c) { return get_test(front, c); }});
  routes.add({http::verb::get, "/api/v1/sites/{domain}", Access::kPublic,
              [&front](const RequestContext& c) { return get_site(front, c); }});
  const auto catalogue = report::catalog_to_json(front.runtime.catalog()).dump();
  routes.add(
      {http::verb::get, "/api/v1/standards", Access::kPublic, [catalogue](const RequestContext& c) {
         return make_response(c.request, http::status::ok, "application/json", catalogue);
       }});
  routes.add(
      {http::verb::get, "/api/v1/openapi.json", Access::kPublic, [](const RequestContext& c) {
         return make_response(c.request, http::status::ok, "application/json",
                              std::string(openapi_document()));
       }});
}

}  // namespace baseline::server
