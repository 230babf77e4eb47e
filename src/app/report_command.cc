// SPDX-License-Identifier: Apache-2.0
#include "app/report_command.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/scan_command.h"
#include "catalog/catalog.h"
#include "i18n/i18n.h"
#include "notices/hall_of_fame.h"
#include "observatory/adoption.h"
#include "observatory/exports.h"
#include "observatory/html_page.h"
#include "observatory/list_owner.h"
#include "observatory/overview.h"
#include "observatory/overview_page.h"
#include "observatory/scan_report.h"
#include "observatory/xlsx_export.h"
#include "store/store.h"

namespace baseline::app {

namespace {

using i18n::tr;
using i18n::trf;

// `text` padded with spaces to `width` characters (not bytes: names may be Dutch or Portuguese),
// or cut to it.
std::string padded(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size() && shown < width;) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xf0)
      length = 4;
    else if (lead >= 0xe0)
      length = 3;
    else if (lead >= 0xc0)
      length = 2;
    out += text.substr(i, length);
    i += length;
    ++shown;
  }
  return out + std::string(width - shown, ' ');
}

void write_text(std::ostream& out, const observatory::ObservatoryReport& report,
                const catalog::Catalog& catalog) {
  out << trf("list {list}: {count} scans with results", fmt::arg("list", report.list),
             fmt::arg("count", report.scans.size()))
      << "\n";
  for (const auto& s : report.scans) {
    out << "  #" << s.scan.id << "  " << s.scan.started << "  "
        << trf("{done}/{count} domains", fmt::arg("done", s.domains),
               fmt::arg("count", s.scan.domains));
    if (s.mean_score) {
      out << trf(", mean score {score}",
                 fmt::arg("score", static_cast<int>(std::lround(*s.mean_score))));
    }
    out << "\n";
  }
  if (report.scans.empty()) return;
  out << "\n" << tr("adoption per standard (each scan, oldest first):") << "\n";
  for (const auto& standard : catalog.standards) {
    std::string row;
    bool any = false;
    for (const auto& s : report.scans) {
      auto it = s.standards.find(standard.id);
      auto p = it == s.standards.end() ? std::nullopt : it->second.percent();
      char cell[16];
      std::snprintf(cell, sizeof cell, "%7s",
                    p ? (std::to_string(static_cast<int>(std::lround(*p))) + "%").c_str() : "–");
      row += cell;
      any = any || p.has_value();
    }
    if (any) {
      out << "  " << padded(standard.name, 28) << row << "\n";
    }
  }
  if (report.comparison) {
    out << "\n"
        << trf("from scan #{before} to #{after}: {improved} improved, {regressed} regressed "
               "(domain × standard)",
               fmt::arg("before", report.comparison->before_scan),
               fmt::arg("after", report.comparison->after_scan),
               fmt::arg("improved", report.comparison->improved.size()),
               fmt::arg("regressed", report.comparison->regressed.size()))
        << "\n";
    const auto change = [&](const char* word, const auto& c) {
      out << "  " << padded(tr(word), 11) << c.domain << "  " << c.standard << "  " << tr(c.before)
          << " -> " << tr(c.after) << "\n";
    };
    for (const auto& c : report.comparison->regressed) change(i18n::N_("regressed"), c);
    for (const auto& c : report.comparison->improved) change(i18n::N_("improved"), c);
  }
}

bool write_file(const std::filesystem::path& path, const auto& writer) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  writer(out);
  return static_cast<bool>(out.flush());
}

int write_hall_of_fame(store::Store& store, const catalog::Catalog& catalog,
                       const ReportOptions& options) {
  auto hall = notices::hall_of_fame(store, catalog, options.list_name);
  if (!hall) {
    std::cerr << "baseline: " << hall.error().message << "\n";
    return 1;
  }
  if (options.json) {
    auto entries = [](const std::vector<notices::HallEntry>& list) {
      auto out = nlohmann::json::array();
      for (const auto& e : list) {
        out.push_back({{"domain", e.domain}, {"since", e.since}, {"confirmed", e.confirmed}});
      }
      return out;
    };
    nlohmann::json out{{"schema", "baseline/hall-of-fame/1"}, {"lists", nlohmann::json::object()}};
    for (const auto& [name, list] : hall->lists) {
      auto dropped = nlohmann::json::array();
      for (const auto& d : list.dropped) {
        dropped.push_back({{"domain", d.domain}, {"since", d.since}, {"dropped", d.dropped}});
      }
      out["lists"][name] = {{"members", entries(list.members)}, {"dropped", dropped}};
    }
    out["overall"] = entries(hall->overall);
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  using i18n::long_date;
  std::cout << tr("Hall of fame: domains meeting every required standard") << "\n";
  for (const auto& [name, list] : hall->lists) {
    std::cout << "\n"
              << trf("list {list}: {count} domains", fmt::arg("list", name),
                     fmt::arg("count", list.members.size()))
              << "\n";
    for (const auto& e : list.members) {
      std::cout << "  " << e.domain << "  "
                << trf("since {date} (last test {tested})", fmt::arg("date", long_date(e.since)),
                       fmt::arg("tested", long_date(e.confirmed)))
                << "\n";
    }
    for (const auto& d : list.dropped) {
      std::cout << "  "
                << trf("dropped {domain} on {date} (in since {since})",
                       fmt::arg("domain", d.domain), fmt::arg("date", long_date(d.dropped)),
                       fmt::arg("since", long_date(d.since)))
                << "\n";
    }
  }
  std::cout << "\n"
            << trf("overall: {count} domains", fmt::arg("count", hall->overall.size())) << "\n";
  for (const auto& e : hall->overall) {
    std::cout << "  " << e.domain << "  "
              << trf("since {date}", fmt::arg("date", long_date(e.since))) << "\n";
  }
  return 0;
}

int write_overview(store::Store& store, const std::string& list, const catalog::Catalog& catalog,
                   const std::string& file) {
  const auto today = catalog::format_date(catalog::day_of(std::chrono::system_clock::now()));
  auto overview = observatory::list_overview(store, list, catalog, today);
  if (!overview) {
    std::cerr << "baseline: " << overview.error().message << "\n";
    return 2;
  }
  auto page = std::filesystem::path(file).replace_extension(".html");
  if (page == std::filesystem::path(file)) page += ".html";
  if (!write_file(
          file, [&](std::ostream& out) { observatory::write_overview_csv(out, overview->rows); }) ||
      !write_file(page, [&](std::ostream& out) {
        observatory::write_overview_html(out, *overview, catalog);
      })) {
    std::cerr << "baseline: " << trf("cannot write {file}", fmt::arg("file", file)) << "\n";
    return 2;
  }
  std::cerr << "baseline: "
            << trf("comply-or-explain overview of scan {scan}: {files}",
                   fmt::arg("scan", overview->scan), fmt::arg("files", file + ", " + page.string()))
            << "\n";
  return 0;
}

int write_workbook(store::Store& store, const std::string& list, const catalog::Catalog& catalog,
                   const std::string& file) {
  auto owned = observatory::find_list(store, list);
  auto scans = store.scans(list);
  if (!owned || !*owned || !scans) {
    std::cerr << "baseline: " << trf("no list '{list}'", fmt::arg("list", list)) << "\n";
    return 2;
  }
  std::vector<std::int64_t> with_results;
  for (const auto& s : *scans) {
    if (s.done > 0) with_results.push_back(s.id);
  }
  if (with_results.empty()) {
    std::cerr << "baseline: "
              << trf("list '{list}' has no scan results yet", fmt::arg("list", list)) << "\n";
    return 2;
  }
  const auto today = catalog::format_date(catalog::day_of(std::chrono::system_clock::now()));
  std::optional<std::int64_t> before;
  if (with_results.size() >= 2) before = with_results[with_results.size() - 2];
  auto report = observatory::build_scan_report(store, list, with_results.back(), before,
                                               (*owned)->owner, today);
  if (!report) {
    std::cerr << "baseline: " << report.error().message << "\n";
    return 1;
  }
  if (auto written = observatory::write_xlsx(*report, catalog, file); !written) {
    std::cerr << "baseline: " << written.error().message << "\n";
    return 2;
  }
  std::cerr << "baseline: "
            << trf("XLSX of scan {scan}: {file}", fmt::arg("scan", with_results.back()),
                   fmt::arg("file", file))
            << "\n";
  return 0;
}

}  // namespace

int run_report_command(const ReportOptions& options) {
  if (!options.compare.empty() && options.compare.size() != 2) {
    std::cerr << "baseline: " << tr("--compare takes two scan numbers") << "\n";
    return 2;
  }
  auto catalog = runtime::load_run_catalog(options.catalog);
  if (!catalog) {
    std::cerr << "baseline: " << catalog.error().message << "\n";
    return 2;
  }
  const std::string url = options.database.empty() ? kDefaultDatabase : options.database;
  if (url.starts_with("sqlite:") && !std::filesystem::exists(url.substr(7))) {
    std::cerr << "baseline: "
              << trf("no database {file} (run `baseline scan` first)",
                     fmt::arg("file", url.substr(7)))
              << "\n";
    return 2;
  }
  auto store = store::open_store(url);
  if (!store) {
    std::cerr << "baseline: " << store.error().message << "\n";
    return 1;
  }
  if (options.hall_of_fame) return write_hall_of_fame(**store, *catalog, options);
  auto list = store::choose_list(**store, options.list_name);
  if (!list) {
    std::cerr << "baseline: " << list.error().message << "\n";
    return 2;
  }
  if (!options.overview_file.empty())
    return write_overview(**store, *list, *catalog, options.overview_file);
  if (!options.xlsx_file.empty()) {
    return write_workbook(**store, *list, *catalog, options.xlsx_file);
  }
  auto report = observatory::build_report(**store, *list, options.compare);
  if (!report) {
    std::cerr << "baseline: " << report.error().message << "\n";
    return 1;
  }
  if (!options.html_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.html_dir, ec);
    const auto page = std::filesystem::path(options.html_dir) / "index.html";
    if (ec || !write_file(page, [&](std::ostream& out) {
          observatory::write_html(out, *report, *catalog);
        })) {
      std::cerr << "baseline: " << trf("cannot write {file}", fmt::arg("file", page.string()))
                << "\n";
      return 2;
    }
    std::cerr << "baseline: " << trf("HTML report: {file}", fmt::arg("file", page.string()))
              << "\n";
  }
  if (!options.csv_file.empty()) {
    const std::filesystem::path adoption(options.csv_file);
    auto changes = adoption;
    changes.replace_filename(adoption.stem().string() + "-changes.csv");
    if (!write_file(adoption,
                    [&](std::ostream& out) { observatory::write_adoption_csv(out, *report); }) ||
        !write_file(changes,
                    [&](std::ostream& out) { observatory::write_changes_csv(out, *report); })) {
      std::cerr << "baseline: " << trf("cannot write {file}", fmt::arg("file", options.csv_file))
                << "\n";
      return 2;
    }
    std::cerr << "baseline: " << adoption.string() << ", " << changes.string() << "\n";
  }
  if (options.json) {
    std::cout << observatory::to_json(*report).dump(2, ' ', false,
                                                    nlohmann::json::error_handler_t::replace)
              << "\n";
  }
  if (!options.json && options.html_dir.empty() && options.csv_file.empty()) {
    write_text(std::cout, *report, *catalog);
  }
  return 0;
}

}  // namespace baseline::app
