// SPDX-License-Identifier: Apache-2.0
#include "server/http_types.h"

namespace baseline::server {

void add_security_headers(Response& response) {
  // No inline script or style anywhere: everything the pages use comes from /static/.
  response.set("Content-Security-Policy",
               "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set(http::field::server, "baseline");
}

Response make_response(const Request& request, http::status status, std::string content_type,
                       std::string body) {
  Response response{status, request.version()};
  response.set(http::field::content_type, content_type);
  add_security_headers(response);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace baseline::server
