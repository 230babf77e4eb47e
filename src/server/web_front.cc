// SPDX-License-Identifier: Apache-2.0
#include "server/web_front.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "i18n/i18n.h"
#include "server/account_authenticator.h"
#include "server/domain_input.h"
#include "server/observatory_pages.h"
#include "server/page_layout.h"

namespace baseline::server {

std::string new_test_id() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a test id");
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";  // base32, lower case
  std::string id;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      id += kDigits[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) id += kDigits[(buffer << (5 - bits)) & 31];
  return id;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::variant<store::Submission, SubmitRefusal> submit_test(WebFront& front, std::string_view typed,
                                                           runtime::Families families,
                                                           const boost::asio::ip::address& client) {
  auto parsed = parse_domain_input(typed);
  if (auto* problem = std::get_if<InputProblem>(&parsed)) {
    return SubmitRefusal{
        http::status::bad_request, problem->code, problem->message, {}, problem->shown};
  }
  const auto& domain = std::get<core::DomainName>(parsed);
  if (auto wait = front.limiter.admit(client, RateLimiter::Clock::now())) {
    return SubmitRefusal{http::status::too_many_requests, "rate-limited",
                         "Too many tests from your network; please try again in " +
                             std::to_string(*wait) + " seconds.",
                         *wait,
                         i18n::trf("Too many tests from your network; please try again in "
                                   "{seconds} seconds.",
                                   fmt::arg("seconds", *wait))};
  }
  const std::string family_text = families.web && families.mail ? "web,mail"
                                  : families.web                ? "web"
                                                                : "mail";
  const auto reuse = static_cast<std::int64_t>(front.options.reuse_minutes) * 60;
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<store::Submission> {
    auto active = s.active_tests();
    if (!active) return active.error();
    // A full queue still lets a submission join a test or see a recent result.
    return s.submit_test(new_test_id(), domain.ascii(), family_text, unix_now(), reuse,
                         *active < front.options.max_queued);
  });
  if (!outcome) {
    return SubmitRefusal{http::status::service_unavailable, "store-unavailable",
                         "The result store is not available; please try again later.", 30,
                         i18n::tr("The result store is not available; please try again later.")};
  }
  if (outcome->test.id.empty()) {
    return SubmitRefusal{http::status::service_unavailable, "queue-full",
                         "Too many tests are waiting; please try again in a minute.", 60,
                         i18n::tr("Too many tests are waiting; please try again in a minute.")};
  }
  return *outcome;
}

Response api_error(const Request& request, http::status status, const std::string& code,
                   const std::string& message) {
  nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
  return make_response(request, status, "application/json",
                       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

const catalog::Catalog& page_catalog(const WebFront& front) {
  const auto found = front.page_catalogs.find(i18n::language());
  return found == front.page_catalogs.end() ? front.runtime.catalog() : found->second;
}

namespace {

bool under_batch_api(const Request& request) {
  return std::string_view(request.target().data(), request.target().size())
      .starts_with("/api/batch/");
}

// 401 and 429: the batch API's own shapes; a page that needs an account shows the login form.
std::optional<Response> refusal(const Request& request, http::status status,
                                std::optional<int> retry_after) {
  if (under_batch_api(request)) return batch_refusal(request, status, retry_after);
  const std::string_view target(request.target().data(), request.target().size());
  if (status != http::status::unauthorized || target.starts_with("/api/")) return std::nullopt;
  auto response = page_response(
      request, status,
      {i18n::tr("Log in"), login_form(i18n::tr("This page needs an account; please log in."))});
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

RouteTable make_routes(WebFront& front) {
  RouteTable routes(ErrorRenderer{[](const Request& request, http::status status,
                                     const std::string& code, const std::string& message) {
                                    if (under_batch_api(request))
                                      return batch_error(request, status, message);
                                    return api_error(request, status, code, message);
                                  },
                                  page_error, refusal});
  add_asset_routes(routes);
  add_api_routes(routes, front);
  add_page_routes(routes, front);
  add_account_routes(routes, front);
  add_batch_routes(routes, front);
  if (front.accounts != nullptr) routes.set_authenticator(front.accounts->as_authenticator());
  add_observatory_routes(routes, front);
  add_optout_routes(routes, front);
  add_hall_of_fame_routes(routes, front);
  add_scan_result_routes(routes, front);
  add_list_notices_routes(routes, front);
  return routes;
}

}  // namespace baseline::server
