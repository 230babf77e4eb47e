// SPDX-License-Identifier: Apache-2.0
#include "server/page_layout.h"

#include "report/html.h"
#include "server/web_front.h"

namespace baseline::server {

using report::html::escape;

std::string render_page(const PageParts& parts) {
  std::string out;
  out.reserve(parts.body.size() + 1024);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape(parts.title);
  out +=
      " · Baseline</title>\n<link rel=\"stylesheet\" href=\"/static/baseline.css\">\n"
      "<script src=\"/static/baseline.js\" defer></script>\n";
  out += parts.head;
  out +=
      "</head>\n<body>\n<a class=\"skip\" href=\"#content\">Skip to the content</a>\n"
      "<nav class=\"site\" aria-label=\"Site\"><a class=\"home\" href=\"/\">Baseline</a>"
      "<a href=\"/standards\">Standards</a><a href=\"/observatory\">Observatory</a>"
      "<a href=\"/hall-of-fame\">Hall of fame</a>"
      "<a href=\"/api/v1/openapi.json\">API</a></nav>\n<main id=\"content\">\n";
  out += parts.body;
  out += "\n</main>\n</body>\n</html>\n";
  return out;
}

Response page_response(const Request& request, http::status status, const PageParts& parts) {
  auto response = make_response(request, status, "text/html; charset=utf-8", render_page(parts));
  response.set(http::field::cache_control, "no-cache");
  return response;
}

std::string main_content(std::string_view document) {
  const auto open = document.find("<main>");
  const auto close = document.rfind("</main>");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::string(document);
  }
  return std::string(document.substr(open + 6, close - open - 6));
}

Response page_error(const Request& request, http::status status, const std::string& message) {
  return page_response(
      request, status,
      {std::string(http::obsolete_reason(status)),
       "<h1>" + escape(std::string(http::obsolete_reason(status))) + "</h1>\n<p role=\"alert\">" +
           escape(message) + "</p>\n<p><a href=\"/\">Test a domain</a></p>"});
}

}  // namespace baseline::server
