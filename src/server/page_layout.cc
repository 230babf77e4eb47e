// SPDX-License-Identifier: Apache-2.0
#include "server/page_layout.h"

#include "i18n/i18n.h"
#include "report/html.h"
#include "server/web_front.h"

namespace baseline::server {

using i18n::tr;
using report::html::escape;

namespace {

// The page's query without its lang= parameter, to carry over to the other languages' links (a
// scan report keeps its comparison, filter and page).
std::string query_without_language(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return "";
  std::string out;
  auto rest = target.substr(question + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto part = rest.substr(0, amp);
    if (!part.empty() && !part.starts_with("lang=") && part != "lang") {
      out += std::string(part) + "&";
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

// Each language by its own name, a link to this page in it (?lang= also sets the cookie).
std::string language_switcher(const std::string& query) {
  static constexpr std::pair<const char*, const char*> kLanguages[] = {
      {"en", "English"}, {"nl", "Nederlands"}, {"pt-BR", "Português (Brasil)"}};
  std::string out = "<nav class=\"languages\" aria-label=\"" + escape(tr("Language")) + "\">";
  for (const auto& [tag, name] : kLanguages) {
    const bool current = i18n::language() == tag;
    out += "<a href=\"?" + escape(query) + "lang=" + tag + "\" hreflang=\"" + tag + "\" lang=\"" +
           tag + "\"" + (current ? " aria-current=\"true\"" : "") + ">" + name + "</a>";
  }
  return out + "</nav>";
}

}  // namespace

std::string render_page(const PageParts& parts, const std::string& query) {
  std::string out;
  out.reserve(parts.body.size() + 1024);
  out += "<!DOCTYPE html>\n<html lang=\"" + i18n::language() +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape(parts.title);
  out +=
      " · Baseline</title>\n<link rel=\"stylesheet\" href=\"/static/baseline.css\">\n"
      "<script src=\"/static/baseline.js\" defer></script>\n";
  out += parts.head;
  out += "</head>\n<body>\n<a class=\"skip\" href=\"#content\">" +
         escape(tr("Skip to the content")) + "</a>\n<nav class=\"site\" aria-label=\"" +
         escape(tr("Site")) +
         "\"><a class=\"home\" href=\"/\">Baseline</a><a href=\"/standards\">" +
         escape(tr("Standards")) + "</a><a href=\"/observatory\">" + escape(tr("Observatory")) +
         "</a><a href=\"/hall-of-fame\">" + escape(tr("Hall of fame")) +
         "</a><a href=\"/api/v1/openapi.json\">API</a></nav>\n" + language_switcher(query) +
         "\n<main id=\"content\">\n";
  out += parts.body;
  out += "\n</main>\n</body>\n</html>\n";
  return out;
}

Response page_response(const Request& request, http::status status, const PageParts& parts) {
  auto response =
      make_response(request, status, "text/html; charset=utf-8",
                    render_page(parts, query_without_language(std::string_view(
                                           request.target().data(), request.target().size()))));
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

namespace {

// The heading of an error page: the status in the visitor's words (HTTP's reason phrase for a
// status without one).
std::string status_title(http::status status) {
  switch (status) {
    case http::status::bad_request:
      return tr("Bad request");
    case http::status::unauthorized:
      return tr("Not logged in");
    case http::status::forbidden:
      return tr("Not allowed");
    case http::status::not_found:
      return tr("Not found");
    case http::status::method_not_allowed:
      return tr("Method not allowed");
    case http::status::conflict:
      return tr("Conflict");
    case http::status::too_many_requests:
      return tr("Too many requests");
    case http::status::internal_server_error:
      return tr("Internal error");
    case http::status::service_unavailable:
      return tr("Service unavailable");
    default:
      return std::string(http::obsolete_reason(status));
  }
}

}  // namespace

// The message is English where the route table and the handlers share it with the JSON API
// (marked with N_); tr() finds its translation, and leaves an already translated one as it is.
Response page_error(const Request& request, http::status status, const std::string& message) {
  const auto title = status_title(status);
  return page_response(
      request, status,
      {title, "<h1>" + escape(title) + "</h1>\n<p role=\"alert\">" + escape(tr(message)) +
                  "</p>\n<p><a href=\"/\">" + escape(tr("Test a domain")) + "</a></p>"});
}

}  // namespace baseline::server
