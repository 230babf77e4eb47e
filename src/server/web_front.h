// SPDX-License-Identifier: Apache-2.0
// The web front's state shared by its handlers, and the route table that serves it: pages
// (pages.cc), the JSON API (api.cc) and the static assets (assets.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "batch/batch_limits.h"
#include "runtime/runtime.h"
#include "server/locked_store.h"
#include "server/page_cache.h"
#include "server/progress_board.h"
#include "server/rate_limiter.h"
#include "server/route_table.h"

namespace baseline::server {

struct WebFrontOptions {
  int reuse_minutes = 10;          // a result younger than this is shown instead of a new test
  std::int64_t max_queued = 2000;  // queued + running beyond this: submissions are refused (503)
};

class AccountAuthenticator;

struct WebFront {
  const runtime::Runtime& runtime;
  LockedStore& store;
  RateLimiter& limiter;
  WebFrontOptions options;
  PageCache rendered_results{512};          // result sections of finished tests, by id and language
  const ProgressBoard* progress = nullptr;  // families finished of the tests this process runs
  AccountAuthenticator* accounts = nullptr;  // logs in; without it no account route admits anyone
  batch::BatchLimits batch_limits;           // the server's defaults (accounts may override)
  // The catalogue in each language pages are written in (filled by serve; the run's catalogue
  // serves a language that is missing here).
  std::map<std::string, catalog::Catalog> page_catalogs = {};
};

// The catalogue in the language of the page being written (i18n::language()).
const catalog::Catalog& page_catalog(const WebFront& front);

// A refused submission: the HTTP status, a stable code, words for people and, for 429, when to
// try again.
struct SubmitRefusal {
  http::status status;
  std::string code;
  std::string message;
  std::optional<int> retry_after;
  std::string shown;  // `message` in the language of the page (the API answers in English)
};

// The one path from a typed domain to a queued (or joined, or reused) test, for the form and the
// API alike: input checks, the per-client limits, the queue bound, then the store.
std::variant<store::Submission, SubmitRefusal> submit_test(WebFront& front, std::string_view typed,
                                                           runtime::Families families,
                                                           const boost::asio::ip::address& client);

// New unguessable test id (permalinks are not enumerable).
std::string new_test_id();
std::int64_t unix_now();

RouteTable make_routes(WebFront& front);

// Registers the handlers of each part.
void add_api_routes(RouteTable& routes, WebFront& front);
void add_page_routes(RouteTable& routes, WebFront& front);
void add_asset_routes(RouteTable& routes);
void add_account_routes(RouteTable& routes, WebFront& front);
void add_batch_routes(RouteTable& routes, WebFront& front);

// The login form (for /login and for a page that needs an account).
std::string login_form(const std::string& problem);
// The batch API's error shapes for what the route table answers itself (batch_api.cc).
std::optional<Response> batch_refusal(const Request& request, http::status status,
                                      std::optional<int> retry_after);
Response batch_error(const Request& request, http::status status, const std::string& message);
// Notices and recognition (issue 14): the opt-out page, the hall of fame, scan permalinks.
void add_optout_routes(RouteTable& routes, WebFront& front);
void add_hall_of_fame_routes(RouteTable& routes, WebFront& front);
void add_scan_result_routes(RouteTable& routes, WebFront& front);
// The notices page of a list, for its owner (account route).
void add_list_notices_routes(RouteTable& routes, WebFront& front);

// Error bodies: {"error": {"code", "message"}}, and a page in the site's layout.
Response api_error(const Request& request, http::status status, const std::string& code,
                   const std::string& message);
Response page_error(const Request& request, http::status status, const std::string& message);

}  // namespace baseline::server
