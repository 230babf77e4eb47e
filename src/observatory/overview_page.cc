// SPDX-License-Identifier: Apache-2.0
#include "observatory/overview_page.h"

#include <map>

#include "i18n/i18n.h"
#include "report/html.h"

namespace baseline::observatory {

namespace {

using i18n::tr;
using i18n::trf;
using report::html::escape;

struct Counts {
  int complies = 0, explained = 0, neither = 0;
};

std::string cell(const OverviewRow& r) {
  if (r.status == "complies") return "<td class=pass>" + escape(tr("complies")) + "</td>";
  if (r.status == "explained") {
    return "<td class=explained title=\"" + escape(r.reason) + "\">" +
           escape(trf("explained until {date}", fmt::arg("date", r.until))) + "</td>";
  }
  if (r.status == "neither") {
    return "<td class=fail>" +
           escape(r.until.empty()
                      ? tr("neither")
                      : trf("neither (explanation expired {date})", fmt::arg("date", r.until))) +
           "</td>";
  }
  return "<td class=na>" + escape(tr("not tested")) + "</td>";
}

}  // namespace

void write_overview_body(std::ostream& out, const ListOverview& overview,
                         const catalog::Catalog& catalog) {
  // Only the standards some domain was tested on: a column of "not tested" says nothing.
  std::map<std::string, Counts> per_standard;
  for (const auto& r : overview.rows) {
    if (r.status == "not_tested") continue;
    auto& c = per_standard[r.standard];
    if (r.status == "complies") ++c.complies;
    if (r.status == "explained") ++c.explained;
    if (r.status == "neither") ++c.neither;
  }
  std::vector<const catalog::Standard*> shown;
  for (const auto& s : catalog.standards) {
    if (per_standard.contains(s.id)) shown.push_back(&s);
  }
  out << "<h1>" << escape(trf("Comply or explain: {list}", fmt::arg("list", overview.list)))
      << "</h1>\n<p>"
      << escape(trf("Scan #{scan} of {time}; explanations as of {date}.",
                    fmt::arg("scan", overview.scan), fmt::arg("time", overview.scan_started),
                    fmt::arg("date", i18n::long_date(overview.day))))
      << "</p>\n";
  out << "<table class=overview-totals><thead><tr><th>" << escape(tr("Standard")) << "</th><th>"
      << escape(tr("Complies")) << "</th><th>" << escape(tr("Explained")) << "</th><th>"
      << escape(tr("Neither")) << "</th></tr></thead><tbody>\n";
  for (const auto* s : shown) {
    const auto& c = per_standard[s->id];
    out << "<tr><td>" << escape(s->name) << "</td><td class=num>" << c.complies
        << "</td><td class=num>" << c.explained << "</td><td class=num>" << c.neither
        << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  std::string organisation = "\x01";  // no organisation is named this
  std::string domain;
  for (std::size_t i = 0; i < overview.rows.size(); ++i) {
    const auto& r = overview.rows[i];
    if (r.organisation != organisation) {
      if (organisation != "\x01") out << "</tr></tbody></table>\n";
      organisation = r.organisation;
      domain.clear();
      out << "<h2>" << escape(organisation.empty() ? tr("(no organisation)") : organisation)
          << "</h2>\n<table class=overview><thead><tr><th>" << escape(tr("Domain")) << "</th>";
      for (const auto* s : shown) out << "<th>" << escape(s->name) << "</th>";
      out << "</tr></thead><tbody>";
    }
    if (r.domain != domain) {
      if (!domain.empty()) out << "</tr>";
      domain = r.domain;
      out << "\n<tr><th scope=row>" << escape(domain) << "</th>";
    }
    if (per_standard.contains(r.standard)) out << cell(r);
  }
  if (organisation != "\x01") out << "</tr></tbody></table>\n";
}

void write_overview_html(std::ostream& out, const ListOverview& overview,
                         const catalog::Catalog& catalog) {
  out << "<!DOCTYPE html>\n<html lang=" << i18n::language() << "><head><meta charset=utf-8><title>"
      << escape(trf("Comply or explain: {list}", fmt::arg("list", overview.list)))
      << "</title><style>" << report::html::stylesheet()
      << "td.explained{background:#fff4d6}td.pass{background:#e3f2e8}td.fail{background:#f9e0e0}"
         "td.num{text-align:right}</style></head><body>\n";
  write_overview_body(out, overview, catalog);
  out << "</body></html>\n";
}

}  // namespace baseline::observatory
