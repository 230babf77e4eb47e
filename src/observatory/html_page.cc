// SPDX-License-Identifier: Apache-2.0
#include "observatory/html_page.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "i18n/i18n.h"
#include "report/html.h"
#include "store/store.h"

namespace baseline::observatory {

namespace {

using report::html::escape;

// Chart geometry (SVG user units).
constexpr int kChartWidth = 260, kChartHeight = 120, kPad = 24;
constexpr int kBarWidth = 120, kBarHeight = 12;
// Changes beyond this many per direction are counted, not listed (the CSV export has them all).
constexpr std::size_t kMaxListedChanges = 200;

std::string number(double v, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// A number people read: the language's decimal comma (number() above is for SVG coordinates).
std::string shown(double v, int decimals = 1) {
  return i18n::decimal(v, decimals);
}

std::string percent_cell(const Adoption& a) {
  auto p = a.percent();
  if (!p) return "<td class=num>–</td>";
  return "<td class=num>" + shown(*p) + "% <small>(" + std::to_string(a.adopted) + "/" +
         std::to_string(a.counted) + ")</small></td>";
}

std::string bar_svg(const Adoption& a) {
  auto p = a.percent();
  if (!p) return "";
  const int filled = static_cast<int>(std::lround(*p / 100.0 * kBarWidth));
  return "<svg class=bar width=" + std::to_string(kBarWidth) +
         " height=" + std::to_string(kBarHeight) + " role=img aria-label=\"" + shown(*p) +
         "%\"><rect width=" + std::to_string(kBarWidth) + " height=" + std::to_string(kBarHeight) +
         " fill=\"#e3e6ea\"/><rect width=" + std::to_string(filled) +
         " height=" + std::to_string(kBarHeight) + " fill=\"#2f6f4f\"/></svg>";
}

std::string standard_name(const catalog::Catalog& catalog, const std::string& id) {
  for (const auto& s : catalog.standards) {
    if (s.id == id) return s.name;
  }
  return id;
}

const char* kPageStyle = R"css(
.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{border:1px solid #ccd;padding:6px;break-inside:avoid}
.chart h3{font-size:0.9em;margin:0 0 4px}
td.num{text-align:right;white-space:nowrap}
svg text{font:10px sans-serif;fill:#444}
)css";

}  // namespace

std::string trend_svg(const std::vector<std::int64_t>& scans,
                      const std::vector<std::optional<double>>& values, const std::string& label) {
  const int plot_w = kChartWidth - 2 * kPad, plot_h = kChartHeight - 2 * kPad;
  auto x_of = [&](std::size_t i) {
    return kPad + (scans.size() <= 1 ? plot_w / 2.0
                                     : plot_w * static_cast<double>(i) / (scans.size() - 1));
  };
  auto y_of = [&](double v) { return kPad + plot_h * (1 - v / 100.0); };
  std::string svg = "<svg class=trend width=" + std::to_string(kChartWidth) +
                    " height=" + std::to_string(kChartHeight) + " role=img aria-label=\"" +
                    escape(label) + "\">";
  // Axes with 0/50/100 % guides.
  for (int v : {0, 50, 100}) {
    const auto y = number(y_of(v));
    svg += fmt::format("<line x1={} x2={} y1={} y2={} stroke=\"#dde\"/><text x=2 y={}>{}%</text>",
                       std::to_string(kPad), std::to_string(kPad + plot_w), y, y,
                       number(y_of(v) + 3), std::to_string(v));
  }
  std::string path;
  std::string points;
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const auto x = number(x_of(i));
    svg += fmt::format("<text x={} y={}>#{}</text>", number(x_of(i) - 8),
                       std::to_string(kChartHeight - 6), std::to_string(scans[i]));
    if (!values[i]) continue;
    const auto y = number(y_of(*values[i]));
    path += fmt::format("{}{},{}", path.empty() ? "" : " ", x, y);
    points += fmt::format(
        "<circle class=point data-scan=\"{}\" cx={} cy={} r=3 "
        "fill=\"#2f6f4f\"><title>{}</title></circle>",
        std::to_string(scans[i]), x, y,
        escape(i18n::trf("scan {scan}: {percent}%", fmt::arg("scan", scans[i]),
                         fmt::arg("percent", shown(*values[i])))));
  }
  if (!path.empty()) {
    svg += "<polyline fill=none stroke=\"#2f6f4f\" stroke-width=2 points=\"" + path + "\"/>";
  }
  return svg + points + "</svg>";
}

std::string_view page_style() {
  return kPageStyle;
}

void write_html(std::ostream& out, const ObservatoryReport& report,
                const catalog::Catalog& catalog) {
  using i18n::N_;
  using i18n::tr;
  const auto trf = [](const char* msgid, auto&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<decltype(args)>(args)...);
  };
  const auto th = [](const char* label) { return "<th>" + escape(tr(label)) + "</th>"; };
  out << "<!doctype html><html lang=" << escape(i18n::language())
      << "><head><meta charset=utf-8><title>"
      << escape(trf("Baseline observatory: {list}", fmt::arg("list", report.list)))
      << "</title><style>" << report::html::stylesheet() << kPageStyle
      << "</style></head><body><main>\n";
  out << "<h1>" << escape(trf("Observatory: {list}", fmt::arg("list", report.list))) << "</h1>\n<p>"
      << escape(trf("Generated {time}. Adoption is the share of domains meeting a standard among "
                    "those where it was tested and applicable.",
                    fmt::arg("time", store::iso_now())))
      << "</p>\n";
  if (!catalog.profile.empty()) {
    out << "<p>"
        << escape(trf("Profile: {title} ({profile}, version {version}).",
                      fmt::arg("title", catalog.profile_title),
                      fmt::arg("profile", catalog.profile),
                      fmt::arg("version", catalog.profile_version)))
        << "</p>\n";
  }
  if (report.scans.empty()) {
    out << "<p>" << escape(tr("No scan of this list has stored results yet."))
        << "</p></main></body></html>\n";
    return;
  }

  // Scans
  out << "<h2>" << escape(tr("Scans")) << "</h2><table><tr>" << th(N_("scan")) << th(N_("started"))
      << th(N_("finished")) << th(N_("domains")) << th(N_("mean score")) << th(N_("tool"))
      << th(N_("catalogue")) << "</tr>\n";
  std::vector<std::int64_t> ids;
  for (const auto& s : report.scans) {
    ids.push_back(s.scan.id);
    out << "<tr><td>#" << s.scan.id << "</td><td>" << escape(s.scan.started) << "</td><td>"
        << (s.scan.finished.empty() ? escape(tr("unfinished")) : escape(s.scan.finished))
        << "</td><td class=num>" << s.domains << "/" << s.scan.domains << "</td><td class=num>"
        << (s.mean_score ? shown(*s.mean_score) : "–") << "</td><td>" << escape(s.scan.tool_version)
        << "</td><td>" << escape(s.scan.catalog_version) << "</td></tr>\n";
  }
  out << "</table>\n";

  // Trends: mean score, then one small chart per standard (catalogue order).
  out << "<h2>" << escape(tr("Adoption over time")) << "</h2><div class=charts>\n";
  {
    std::vector<std::optional<double>> scores;
    for (const auto& s : report.scans) scores.push_back(s.mean_score);
    out << "<div class=chart><h3>" << escape(tr("Mean score")) << "</h3>"
        << trend_svg(ids, scores, tr("mean score")) << "</div>\n";
  }
  const auto& latest = report.scans.back();
  for (const auto& standard : catalog.standards) {
    std::vector<std::optional<double>> values;
    bool any = false;
    for (const auto& s : report.scans) {
      auto it = s.standards.find(standard.id);
      values.push_back(it == s.standards.end() ? std::nullopt : it->second.percent());
      any = any || values.back().has_value();
    }
    if (!any) continue;
    out << "<div class=chart data-standard=\"" << escape(standard.id) << "\"><h3>"
        << escape(standard.name) << "</h3>" << trend_svg(ids, values, standard.name) << "</div>\n";
  }
  out << "</div>\n";

  // Per tag, latest scan: a bar per tag value and standard.
  for (const auto& [kind, values] : latest.by_tag) {
    out << "<h2>"
        << escape(trf("Per {tag} (scan #{scan})", fmt::arg("tag", kind),
                      fmt::arg("scan", latest.scan.id)))
        << "</h2><table><tr>" << th(N_("standard"));
    for (const auto& [value, _] : values) out << "<th>" << escape(value) << "</th>";
    out << "</tr>\n";
    for (const auto& [id, overall] : latest.standards) {
      if (overall.counted == 0) continue;
      out << "<tr><td>" << escape(standard_name(catalog, id)) << "</td>";
      for (const auto& [value, standards] : values) {
        auto it = standards.find(id);
        if (it == standards.end() || !it->second.percent()) {
          out << "<td>–</td>";
        } else {
          out << "<td>" << bar_svg(it->second) << " " << shown(*it->second.percent(), 0)
              << "%</td>";
        }
      }
      out << "</tr>\n";
    }
    out << "</table>\n";
  }

  // Standards and checks, latest scan.
  out << "<h2>" << escape(trf("Standards (scan #{scan})", fmt::arg("scan", latest.scan.id)))
      << "</h2><table><tr>" << th(N_("standard")) << "<th></th>" << th(N_("adoption")) << "</tr>\n";
  for (const auto& [id, a] : latest.standards) {
    if (a.counted == 0) continue;
    out << "<tr><td>" << escape(standard_name(catalog, id)) << "</td><td>" << bar_svg(a) << "</td>"
        << percent_cell(a) << "</tr>\n";
  }
  out << "</table>\n<h2>" << escape(trf("Checks (scan #{scan})", fmt::arg("scan", latest.scan.id)))
      << "</h2><table><tr>" << th(N_("check")) << "<th></th>" << th(N_("pass or warn"))
      << "</tr>\n";
  for (const auto& [id, a] : latest.checks) {
    out << "<tr><td><code>" << escape(id) << "</code></td><td>" << bar_svg(a) << "</td>"
        << percent_cell(a) << "</tr>\n";
  }
  out << "</table>\n";

  if (report.comparison) {
    const auto& c = *report.comparison;
    out << "<h2>"
        << escape(trf("Changes from scan #{before} to #{after}", fmt::arg("before", c.before_scan),
                      fmt::arg("after", c.after_scan)))
        << "</h2>\n";
    for (const auto* list : {&c.improved, &c.regressed}) {
      const bool improved = list == &c.improved;
      out << "<h3 id=" << (improved ? "improved" : "regressed") << ">"
          << escape(improved ? trf("Improved: {count}", fmt::arg("count", list->size()))
                             : trf("Regressed: {count}", fmt::arg("count", list->size())))
          << "</h3>\n";
      if (list->empty()) continue;
      out << "<table><tr>" << th(N_("domain")) << th(N_("standard")) << th(N_("before"))
          << th(N_("after")) << "</tr>\n";
      for (std::size_t i = 0; i < list->size() && i < kMaxListedChanges; ++i) {
        const auto& item = (*list)[i];
        out << "<tr><td>" << escape(item.domain) << "</td><td>"
            << escape(standard_name(catalog, item.standard)) << "</td><td>" << escape(item.before)
            << "</td><td>" << escape(item.after) << "</td></tr>\n";
      }
      out << "</table>\n";
      if (list->size() > kMaxListedChanges) {
        out << "<p>"
            << escape(trf("… and {count} more (see the CSV export).",
                          fmt::arg("count", list->size() - kMaxListedChanges)))
            << "</p>\n";
      }
    }
  }
  out << "</main></body></html>\n";
}

}  // namespace baseline::observatory
