// SPDX-License-Identifier: Apache-2.0
// The HTTP vocabulary of the web front: Beast's string-bodied request and response, and what a
// handler knows about the request it answers.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace baseline::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Who is calling, once the route table's authenticator has recognised them (a session cookie,
// HTTP Basic or a bearer token). Every query of an account's own objects filters on account_id.
struct Caller {
  std::int64_t account_id = 0;
  std::string name;
  bool by_session = false;  // a browser session: state-changing requests need the CSRF token
  std::string csrf_token;  // the session's, for the hidden `csrf` field of every form (empty unless
                           // by_session)
};

struct RequestContext {
  const Request& request;
  boost::asio::ip::address client;
  std::map<std::string, std::string> params;  // the {name} segments of the route's pattern
  std::string_view path;                      // without the query
  std::string_view query;                     // after '?', raw
  std::optional<Caller> caller;               // set when the request carries valid credentials

  const std::string& param(const std::string& name) const { return params.at(name); }
};

// Every response carries these (a strict Content-Security-Policy and friends).
void add_security_headers(Response& response);
Response make_response(const Request& request, http::status status, std::string content_type,
                       std::string body);

}  // namespace baseline::server
