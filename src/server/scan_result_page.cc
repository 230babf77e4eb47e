// SPDX-License-Identifier: Apache-2.0
// /scan/{scan}/{domain}: one domain's stored result in an observatory scan. It is the permalink
// the notices carry and the hall of fame links to; like /test/{id} it never re-runs a test.
#include <ctime>
#include <sstream>

#include "catalog/explanations.h"
#include "catalog/scoring.h"
#include "core/parse_number.h"
#include "i18n/i18n.h"
#include "report/html.h"
#include "report/html_report.h"
#include "server/domain_input.h"
#include "server/page_layout.h"
#include "server/web_front.h"

namespace baseline::server {

namespace {

using i18n::tr;
using i18n::trf;
using report::html::escape;

std::optional<std::int64_t> scan_number(const std::string& text) {
  if (text.size() > 18) return std::nullopt;
  return core::parse_decimal<std::int64_t>(text);
}

Response scan_result(WebFront& front, const RequestContext& c) {
  const auto scan = scan_number(c.param("scan"));
  auto parsed = parse_domain_input(c.param("domain"));
  auto* domain = std::get_if<core::DomainName>(&parsed);
  if (!scan || !domain) {
    return page_error(c.request, http::status::not_found, tr("There is no such stored result."));
  }
  // Each language has its own rendering of the same stored result.
  const std::string key =
      "scan:" + std::to_string(*scan) + "/" + domain->ascii() + "|" + i18n::language();
  if (auto cached = front.rendered_results.find(key)) {
    return page_response(c.request, http::status::ok, {domain->ascii(), *cached});
  }
  struct Stored {
    std::vector<core::CheckResult> results;
    std::string tested;
  };
  auto stored = front.store.with([&](store::Store& s) -> core::Result<Stored> {
    auto results = s.domain_results(*scan, domain->ascii());
    if (!results) return results.error();
    Stored out{std::move(*results), ""};
    if (out.results.empty()) return out;
    auto domains = s.domains(*scan);
    if (!domains) return domains.error();
    for (const auto& d : *domains) {
      if (d.domain == domain->ascii()) out.tested = d.tested;
    }
    return out;
  });
  if (!stored) throw std::runtime_error(stored.error().message);
  if (stored->results.empty()) {
    return page_error(c.request, http::status::not_found, tr("There is no such stored result."));
  }
  engine::DomainReport report{*domain, {}, {}, {}, 0};
  std::tm tm{};
  if (strptime(stored->tested.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) {
    report.started = std::chrono::system_clock::from_time_t(timegm(&tm));
  }
  report.results = std::move(stored->results);
  const auto& catalog = page_catalog(front);
  const auto card = catalog::score_domain(catalog, report.results, domain->ascii(), nullptr,
                                          catalog::day_of(report.started));
  std::ostringstream section;
  report::write_html_section(section, {report, card}, catalog, {});
  const std::string body =
      "<p class=\"permalink no-print\">" +
      escape(trf("Tested {time} in scan {scan} of the observatory. This page is a permanent link "
                 "to this result.",
                 fmt::arg("time", stored->tested), fmt::arg("scan", *scan))) +
      " <a href=\"/site/" + escape(domain->ascii()) + "\">" +
      escape(trf("Test {domain} again", fmt::arg("domain", domain->ascii()))) + "</a></p>\n" +
      section.str();
  front.rendered_results.put(key, body);
  return page_response(c.request, http::status::ok, {domain->ascii(), body});
}

}  // namespace

void add_scan_result_routes(RouteTable& routes, WebFront& front) {
  routes.add({http::verb::get, "/scan/{scan}/{domain}", Access::kPublic,
              [&front](const RequestContext& c) { return scan_result(front, c); }});
}

}  // namespace baseline::server
