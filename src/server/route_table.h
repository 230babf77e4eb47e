// SPDX-License-Identifier: Apache-2.0
// The one table of what the web front answers: each route states its method, its path pattern
// and who may call it, and authorisation happens in one place (RouteTable::dispatch), so that
// accounts, sessions and the batch API can be added as routes with another Access.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "server/http_types.h"

namespace baseline::server {

// Who may call a route. A public route is open to all (and still sees the caller when there is
// one); an account route needs a recognised caller and is refused with 401 otherwise.
enum class Access { kPublic, kAccount };

// Recognises the caller of a request from its credentials, or nothing. Set by the accounts layer;
// without one every account route answers 401.
using Authenticator =
    std::function<std::optional<Caller>(const Request&, const boost::asio::ip::address&)>;

struct Route {
  http::verb method;
  // Literal segments and {name} placeholders, optionally with a literal suffix in the same
  // segment: "/test/{id}.json", "/badge/{domain}.svg".
  std::string pattern;
  Access access = Access::kPublic;
  std::function<Response(const RequestContext&)> handler;
};

// What a failed dispatch answers: JSON under /api/, a page elsewhere.
struct ErrorRenderer {
  std::function<Response(const Request&, http::status, const std::string& code,
                         const std::string& message)>
      api;
  std::function<Response(const Request&, http::status, const std::string& message)> page;
};

class RouteTable {
 public:
  explicit RouteTable(ErrorRenderer errors) : errors_(std::move(errors)) {}
  void add(Route route);
  void set_authenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }
  // Finds the route, authorises and runs it. Never throws: a handler's exception is answered
  // 500 without its message (no internals leak to the client).
  // The page is written in the visitor's language (server/language_choice.h).
  Response dispatch(const Request& request, const boost::asio::ip::address& client) const;
  Response error(const Request& request, http::status status, const std::string& code,
                 const std::string& message) const;

 private:
  Response dispatch_route(const Request& request, const boost::asio::ip::address& client,
                          std::string_view path, std::string_view query) const;
  std::vector<Route> routes_;
  ErrorRenderer errors_;
  Authenticator authenticator_;
};

// Exposed for tests: does `path` match `pattern`, and with which parameters.
bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params);

}  // namespace baseline::server
