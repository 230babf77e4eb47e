// SPDX-License-Identifier: Apache-2.0
// The public hall of fame (/hall-of-fame, /hall-of-fame/{list}): the domains that meet every
// required standard, overall and per list, each with the date of the test that earned its place
// and a link to that stored result; the domains that dropped out, with the date of the test that
// failed. Domains that opted out of the hall appear nowhere (notices::hall_of_fame leaves them
// out).
#include <algorithm>
#include <string>

#include "i18n/i18n.h"
#include "notices/hall_of_fame.h"
#include "report/html.h"
#include "server/page_layout.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

using i18n::tr;
using i18n::trf;
using report::html::escape;

// A date written for the reader's language, with its ISO form for programs.
std::string shown_date(const std::string& iso) {
  return "<time datetime=\"" + escape(iso) + "\">" + escape(i18n::long_date(iso)) + "</time>";
}

std::string permalink(std::int64_t scan, const std::string& domain) {
  return "/scan/" + std::to_string(scan) + "/" + escape(domain);
}

std::string members_table(const std::vector<notices::HallEntry>& members) {
  if (members.empty()) {
    return "<p>" + escape(tr("No domain meets every required standard yet.")) + "</p>\n";
  }
  std::string out = "<table class=\"hall\"><thead><tr><th>" + escape(tr("Domain")) + "</th><th>" +
                    escape(tr("Meets every required standard since")) + "</th><th>" +
                    escape(tr("Latest test")) + "</th></tr></thead><tbody>\n";
  for (const auto& m : members) {
    out += "<tr><td><a href=\"/site/" + escape(m.domain) + "\">" + escape(m.domain) +
           "</a></td><td>" + shown_date(m.since) + "</td><td><a href=\"" +
           permalink(m.scan, m.domain) + "\">" + shown_date(m.confirmed) + "</a></td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string dropped_table(const std::vector<notices::HallDrop>& dropped) {
  if (dropped.empty()) return {};
  std::string out = "<h3>" + escape(tr("No longer in the hall")) +
                    "</h3>\n<table class=\"hall-dropped\"><thead><tr><th>" + escape(tr("Domain")) +
                    "</th><th>" + escape(tr("Was in since")) + "</th><th>" +
                    escape(tr("Dropped: the test that failed")) + "</th></tr></thead><tbody>\n";
  for (const auto& d : dropped) {
    out += "<tr><td>" + escape(d.domain) + "</td><td>" + shown_date(d.since) +
           "</td><td><a href=\"" + permalink(d.scan, d.domain) + "\">" + shown_date(d.dropped) +
           "</a></td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

Response hall_page(WebFront& front, const RequestContext& c, const std::string& list) {
  auto outcome = front.store.with([&](store::Store& s) -> core::Result<std::string> {
    auto lists = s.lists();
    if (!lists) return lists.error();
    if (!list.empty() && std::find(lists->begin(), lists->end(), list) == lists->end()) {
      return core::make_error(core::ErrorCode::kNotFound, "unknown list");
    }
    auto hall = notices::hall_of_fame(s, front.runtime.catalog(), list);
    if (!hall) return hall.error();
    std::string body = "<h1>" + escape(tr("Hall of fame")) + "</h1>\n<p class=\"lead\">" +
                       escape(tr("These domains meet every required standard of the list of "
                                 "standards. A domain enters with the test that earned it and "
                                 "leaves when a later test fails.")) +
                       "</p>\n";
    if (lists->size() > 0) {
      body += "<nav class=\"lists\" aria-label=\"" + escape(tr("Lists")) + "\">" +
              escape(tr("Lists:")) + " <a href=\"/hall-of-fame\"" +
              std::string(list.empty() ? " aria-current=\"page\"" : "") + ">" +
              escape(tr("all lists")) + "</a> ";
      for (const auto& l : *lists) {
        body += "<a href=\"/hall-of-fame/" + escape(l) + "\"" +
                (l == list ? " aria-current=\"page\"" : "") + ">" + escape(l) + "</a> ";
      }
      body += "</nav>\n";
    }
    if (list.empty()) {
      body += "<h2>" + escape(tr("Overall")) + "</h2>\n<p>" +
              escape(tr("Domains that are in the hall of every list whose latest test judged "
                        "them.")) +
              "</p>\n" + members_table(hall->overall);
    }
    for (const auto& [name, entries] : hall->lists) {
      body += "<h2>" + escape(trf("List {name}", fmt::arg("name", name))) + "</h2>\n" +
              members_table(entries.members) + dropped_table(entries.dropped);
    }
    body += "<p class=\"note\">" +
            escape(tr("A domain owner who prefers not to be listed can ask the site's operator "
                      "to leave the domain out.")) +
            "</p>\n";
    return body;
  });
  if (!outcome) {
    if (outcome.error().code == core::ErrorCode::kNotFound) {
      return page_error(c.request, http::status::not_found, tr("There is no list of that name."));
    }
    throw std::runtime_error(outcome.error().message);
  }
  return page_response(
      c.request, http::status::ok,
      {list.empty() ? tr("Hall of fame") : trf("Hall of fame: {list}", fmt::arg("list", list)),
       *outcome});
}

}  // namespace

void add_hall_of_fame_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/hall-of-fame", Access::kPublic,
              [&front](const RequestContext& c) { return hall_page(front, c, ""); }});
  routes.add({http::verb::get, "/hall-of-fame/{list}", Access::kPublic,
              [&front](const RequestContext& c) { return hall_page(front, c, c.param("list")); }});
}

}  // namespace baseline::server
