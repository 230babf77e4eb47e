// SPDX-License-Identifier: Apache-2.0
// The one table of what the web front answers: each route states its method, its path pattern
// and who may call it, and authorisation happens in one place (RouteTable::dispatch), so that
// accounts, sessions and the batch API can be added as routes with another Access.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "server/http_types.h"

namespace baseline::server {

// Who may call a route. A public route is open to all (and still sees the caller when there is
// one); an account route needs a recognised caller and is refused with 401 otherwise.
enum class Access { kPublic, kAccount };

// What the authenticator made of a request's credentials: the caller, or nobody; and when the
// credentials were not even checked because of too many failures, how long to wait.
struct Authentication {
  std::optional<Caller> caller;
  std::optional<std::chrono::seconds> retry_after;
};

// Recognises the caller of a request from its credentials. Set by the accounts layer; without
// one every account route answers 401.
using Authenticator =
    std::function<Authentication(const Request&, const boost::asio::ip::address&)>;

// Answers every request under a path prefix that no route matched (after authorisation, as
// the batch API checks credentials before it says a path is unknown).
struct Fallback {
  std::string prefix;  // "/api/batch/"
  Access access = Access::kPublic;
  std::function<Response(const RequestContext&)> handler;
};

struct Route {
  http::verb method;
  // Literal segments and {name} placeholders, optionally with a literal suffix in the same
  // segment: "/test/{id}.json", "/badge/{domain}.svg".
  std::string pattern;
  Access access = Access::kPublic;
  std::function<Response(const RequestContext&)> handler;
  // Largest request body this route reads; 0: the server's default limit.
  std::size_t max_body_bytes = 0;
};

// What a failed dispatch answers: JSON under /api/, a page elsewhere.
struct ErrorRenderer {
  std::function<Response(const Request&, http::status, const std::string& code,
                         const std::string& message)>
      api;
  std::function<Response(const Request&, http::status, const std::string& message)> page;
  // 401 and 429 under a prefix with its own error shapes (the batch API: 401 with an empty
  // body and a Basic challenge); unset: api or page as above.
  std::function<std::optional<Response>(const Request&, http::status, std::optional<int>)> refusal;
};

class RouteTable {
 public:
  explicit RouteTable(ErrorRenderer errors) : errors_(std::move(errors)) {}
  void add(Route route);
  void set_authenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }
  void set_fallback(Fallback fallback) { fallbacks_.push_back(std::move(fallback)); }
  // The body limit for a request to `target` with `method`: the largest of the routes whose
  // pattern matches, else `standard`. Read before the body is (from the header alone).
  std::size_t body_limit(http::verb method, std::string_view target, std::size_t standard) const;
  // The largest body limit of any route (at least `standard`).
  std::size_t largest_body_limit(std::size_t standard) const;
  // Every route, for tests that walk the whole table (isolation, CSRF).
  const std::vector<Route>& routes() const { return routes_; }
  // Finds the route, authorises and runs it. Never throws: a handler's exception is answered
  // 500 without its message (no internals leak to the client).
  Response dispatch(const Request& request, const boost::asio::ip::address& client) const;
  Response error(const Request& request, http::status status, const std::string& code,
                 const std::string& message) const;

 private:
  Response refuse(const Request& request, http::status status, const std::string& code,
                  const std::string& message, std::optional<int> retry_after) const;
  std::vector<Route> routes_;
  std::vector<Fallback> fallbacks_;
  ErrorRenderer errors_;
  Authenticator authenticator_;
};

// Exposed for tests: does `path` match `pattern`, and with which parameters.
bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params);

}  // namespace baseline::server
