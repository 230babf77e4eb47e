// SPDX-License-Identifier: Apache-2.0
// Static assets served from the binary: the stylesheet (the report's, the observatory's and the
// web front's own), the progress script and the OpenAPI document.
#include <string>

#include "observatory/html_page.h"
#include "report/html.h"
#include "server/web_front.h"

namespace baseline::server {

std::string_view web_stylesheet();
std::string_view progress_script();
std::string_view openapi_document();

void add_asset_routes(RouteTable& routes) {
  const std::string css = std::string(report::html::stylesheet()) +
                          std::string(observatory::page_style()) + std::string(web_stylesheet());
  auto asset = [](std::string body, std::string type) {
    return [body = std::move(body), type = std::move(type)](const RequestContext& c) {
      auto response = make_response(c.request, http::status::ok, type, body);
      response.set(http::field::cache_control, "public, max-age=3600");
      return response;
    };
  };
  routes.add({http::verb::get, "/static/baseline.css", Access::kPublic,
              asset(css, "text/css; charset=utf-8")});
  // A shield with a tick, in the report's colours.
  const std::string icon =
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 7v8c0 7.5 5 13 12 15 7-2 12-7.5 12-15V7z" fill="#1c2127"/><path d="m10 16 4 4 8-9" stroke="#fff" stroke-width="3" fill="none"/></svg>)";
  routes.add({http::verb::get, "/static/icon.svg", Access::kPublic, asset(icon, "image/svg+xml")});
  routes.add({http::verb::get, "/favicon.ico", Access::kPublic, asset(icon, "image/svg+xml")});
  routes.add({http::verb::get, "/static/baseline.js", Access::kPublic,
              asset(std::string(progress_script()), "text/javascript; charset=utf-8")});
}

}  // namespace baseline::server
