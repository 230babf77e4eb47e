#include "app/report_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/scan_command.h"
#include "catalog/catalog.h"
#include "observatory/adoption.h"
#include "observatory/exports.h"
#include "observatory/html_page.h"
#include "store/store.h"

namespace baseline::app {

namespace {

// The list to report on: the one named, or the only one there is.
core::Result<std::string> choose_list(store::Store& store, const std::string& named) {
  if (!named.empty()) return named;
  auto lists = store.lists();
  if (!lists) return lists.error();
  if (lists->size() == 1) return lists->front();
  if (lists->empty())
    return core::make_error("the database holds no list yet (run `baseline scan`)");
  std::string names;
  for (const auto& l : *lists) names += (names.empty() ? "" : ", ") + l;
  return core::make_error("several lists (" + names + "): choose one with --list NAME");
}

void write_text(std::ostream& out, const observatory::ObservatoryReport& report,
                const catalog::Catalog& catalog) {
  out << "list " << report.list << ": " << report.scans.size() << " scans with results\n";
  for (const auto& s : report.scans) {
    out << "  #" << s.scan.id << "  " << s.scan.started << "  " << s.domains << "/"
        << s.scan.domains << " domains";
    if (s.mean_score) out << ", mean score " << static_cast<int>(*s.mean_score + 0.5);
    out << "\n";
  }
  if (report.scans.empty()) return;
  out << "\nadoption per standard (each scan, oldest first):\n";
  for (const auto& standard : catalog.standards) {
    std::string row;
    bool any = false;
    for (const auto& s : report.scans) {
      auto it = s.standards.find(standard.id);
      auto p = it == s.standards.end() ? std::nullopt : it->second.percent();
      char cell[16];
      std::snprintf(cell, sizeof cell, "%7s",
                    p ? (std::to_string(static_cast<int>(*p + 0.5)) + "%").c_str() : "–");
      row += cell;
      any = any || p.has_value();
    }
    if (any) {
      char name[40];
      std::snprintf(name, sizeof name, "  %-28.28s", standard.name.c_str());
      out << name << row << "\n";
    }
  }
  if (report.comparison) {
    out << "\nfrom scan #" << report.comparison->before_scan << " to #"
        << report.comparison->after_scan << ": " << report.comparison->improved.size()
        << " improved, " << report.comparison->regressed.size()
        << " regressed (domain × standard)\n";
    for (const auto& c : report.comparison->regressed) {
      out << "  regressed  " << c.domain << "  " << c.standard << "  " << c.before << " -> "
          << c.after << "\n";
    }
    for (const auto& c : report.comparison->improved) {
      out << "  improved   " << c.domain << "  " << c.standard << "  " << c.before << " -> "
          << c.after << "\n";
    }
  }
}

bool write_file(const std::filesystem::path& path, const auto& writer) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  writer(out);
  return static_cast<bool>(out.flush());
}

}  // namespace

int run_report_command(const ReportOptions& options) {
  if (!options.compare.empty() && options.compare.size() != 2) {
    std::cerr << "baseline: --compare takes two scan numbers\n";
    return 2;
  }
  auto catalog = runtime::load_run_catalog(options.catalog);
  if (!catalog) {
    std::cerr << "baseline: " << catalog.error().message << "\n";
    return 2;
  }
  const std::string url = options.database.empty() ? kDefaultDatabase : options.database;
  if (url.starts_with("sqlite:") && !std::filesystem::exists(url.substr(7))) {
    std::cerr << "baseline: no database " << url.substr(7) << " (run `baseline scan` first)\n";
    return 2;
  }
  auto store = store::open_store(url);
  if (!store) {
    std::cerr << "baseline: " << store.error().message << "\n";
    return 1;
  }
  auto list = choose_list(**store, options.list_name);
  if (!list) {
    std::cerr << "baseline: " << list.error().message << "\n";
    return 2;
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
      std::cerr << "baseline: cannot write " << page.string() << "\n";
      return 2;
    }
    std::cerr << "baseline: HTML report: " << page.string() << "\n";
  }
  if (!options.csv_file.empty()) {
    const std::filesystem::path adoption(options.csv_file);
    auto changes = adoption;
    changes.replace_filename(adoption.stem().string() + "-changes.csv");
    if (!write_file(adoption,
                    [&](std::ostream& out) { observatory::write_adoption_csv(out, *report); }) ||
        !write_file(changes,
                    [&](std::ostream& out) { observatory::write_changes_csv(out, *report); })) {
      std::cerr << "baseline: cannot write " << options.csv_file << "\n";
      return 2;
    }
    std::cerr << "baseline: CSV: " << adoption.string() << ", " << changes.string() << "\n";
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
